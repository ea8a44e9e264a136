/**
 * The typed contract between the UI (main thread) and the analytics worker (Comlink).
 * Results are plain objects sized for the screen; the rows themselves never leave the worker.
 */
import type {
	AnalysisSettings,
	CohortCell,
	CurvePoint,
	DataSummary,
	ImportFacts,
	ImportOptions,
	Mapping,
	MetricsSummary,
	PeriodRow,
	Question,
	ReportEntry
} from '../core/types';
import type { FilePreview } from '../core/import/types';

export interface DatasetMeta {
	id: string;
	name: string;
	fileName: string;
	fileSize: number;
	/** Hash of the file's bytes, to notice the same file imported twice. */
	fileHash: string;
	createdAt: number;
	rows: number;
	mapping: Mapping;
	options: ImportOptions;
	facts: ImportFacts;
	/** Settings last used on this dataset's dashboard. */
	settings: AnalysisSettings;
}

export type PreviewResponse =
	| { ok: true; preview: FilePreview }
	| { ok: false; message: string; code: string };

export interface ImportRequest {
	file: Blob;
	name: string;
	mapping: Mapping;
	options: ImportOptions;
}

export interface ImportProgress {
	phase: 'reading' | 'storing';
	/** Bytes read so far (reading) or chunks stored (storing). */
	done: number;
	total: number;
}

export type ImportResponse =
	| { kind: 'imported'; dataset: DatasetMeta }
	| { kind: 'rejected'; message: string; facts: ImportFacts }
	| { kind: 'needs-answer'; question: Question; facts: ImportFacts }
	| { kind: 'cancelled' }
	| { kind: 'failed'; message: string };

export interface DashboardRequest {
	datasetId: string;
	settings: AnalysisSettings;
}

/** What the dashboard draws (never the rows, never the per-customer table). */
export interface DashboardResult {
	datasetId: string;
	settings: AnalysisSettings;
	periods: PeriodRow[];
	cohorts: CohortCell[];
	curve: CurvePoint[];
	data: DataSummary;
	metrics: MetricsSummary;
	facts: ImportFacts;
	/** Milliseconds the worker spent computing. */
	computeMs: number;
}

export type TableName = 'periods' | 'cohorts' | 'customers' | 'segments' | 'import-report';

export interface ExportRequest extends DashboardRequest {
	table: TableName;
}

export type { ReportEntry };

/** The worker's API as the UI sees it (through Comlink every call is async). */
export interface AnalyticsApi {
	/** Read the head of a file (gzip is decompressed) and detect its shape and mapping. */
	previewFile(file: Blob, name: string, options: ImportOptions): Promise<PreviewResponse>;
	/** Parse, normalise and store a whole file as a new dataset; progress at most every ~100 ms. */
	importFile(req: ImportRequest, onProgress?: (p: ImportProgress) => void): Promise<ImportResponse>;
	/** Stop the running import; nothing already stored is touched. */
	cancelImport(): Promise<void>;
	listDatasets(): Promise<DatasetMeta[]>;
	deleteDataset(id: string): Promise<void>;
	/** Compute (or reuse) everything the dashboard draws for these settings. */
	analyse(req: DashboardRequest): Promise<DashboardResult>;
	/** A table as CSV text, formula-leading text cells neutralised (METRICS.md §8 --safe-csv). */
	exportTable(req: ExportRequest): Promise<{ fileName: string; csv: string }>;
	importReport(datasetId: string): Promise<ReportEntry[]>;
}
