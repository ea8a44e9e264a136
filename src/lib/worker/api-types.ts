/**
 * The typed contract between the UI (main thread) and the analytics worker (Comlink).
 * Results are plain objects sized for the screen; the rows themselves never leave the worker.
 */
import type { BreakdownGroup, Thresholds } from '../core/analysis';
import type { ConcentrationDetail, RfmGridCell } from '../core/concentration';
import type { BgNbdFit, GammaGammaFit, HoldoutResult } from '../core/predict';
import type {
	AnalysisSettings,
	CohortCell,
	CustomerRow,
	Day,
	CurvePoint,
	DataSummary,
	ImportFacts,
	ImportOptions,
	Mapping,
	MetricsSummary,
	PeriodKpiRow,
	PeriodRow,
	Question,
	ReportEntry,
	SegmentRow
} from '../core/types';
import type { FilePreview } from '../core/import/types';
import type { OrderFilter } from '../core/filter';
import type { PackedCohorts } from '../core/cohort-pack';
import type { CustomerListSummary, DatasetFile } from '../db/schema';
import type { CustomerListMapping } from '../core/import/customer-list';

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
	/** Names of the dimension columns (product, category, location, channel, other mapped columns), in breakdown order. */
	dimNames: string[];
	/** The dataset's source files, oldest first (several when files were appended). */
	files: DatasetFile[];
	/** The customer list joined to the orders, if any. */
	customerList: CustomerListSummary | null;
}

export interface CustomerListRequest {
	file: Blob;
	name: string;
	/** The stored dataset whose orders the list joins. */
	datasetId: string;
	mapping: CustomerListMapping;
	options: ImportOptions;
}

/**
 * A sentence for the user from the worker: `message` is English (shown as it is in English and by the
 * headless report); `code` and `params` let the UI translate it (`worker.<code>`, else a preview's
 * `reject.<code>`; core/user-messages.ts). Optional: a message without a code stays English.
 */
export interface WorkerText {
	message: string;
	code?: string;
	params?: Record<string, string | number>;
}

export type CustomerListResponse =
	| { kind: 'attached'; dataset: DatasetMeta }
	| ({ kind: 'rejected' } & WorkerText)
	| ({ kind: 'failed' } & WorkerText);

export type PreviewResponse =
	| { ok: true; preview: FilePreview }
	| { ok: false; message: string; code: string; params?: Record<string, string | number> };

export interface ImportRequest {
	file: Blob;
	name: string;
	mapping: Mapping;
	options: ImportOptions;
	/** Import even when a stored dataset came from a file with the same bytes. */
	allowSameFile?: boolean;
	/** Add the file's rows to this stored dataset (monthly exports) instead of creating a new one. */
	appendTo?: string;
}

export interface ImportProgress {
	phase: 'reading' | 'storing';
	/** Bytes read so far (reading) or storing steps done (storing: writes, then the commit; may be fractional). */
	done: number;
	total: number;
}

export type ImportResponse =
	/** `duplicateOrders`: lines of an appended file the dataset already held (skipped, in the report). */
	| { kind: 'imported'; dataset: DatasetMeta; duplicateOrders?: number }
	| ({ kind: 'rejected'; facts: ImportFacts } & WorkerText)
	| { kind: 'needs-answer'; question: Question; facts: ImportFacts }
	| { kind: 'cancelled' }
	/** A stored dataset was imported from a file with the same bytes; nothing was stored. */
	| { kind: 'same-file'; existing: DatasetMeta }
	| ({ kind: 'failed' } & WorkerText);

export interface DashboardRequest {
	datasetId: string;
	settings: AnalysisSettings;
	/** Customer-type and base-shape thresholds (METRICS.md §5, §6); DEFAULT_THRESHOLDS when omitted. */
	thresholds?: Thresholds;
	/**
	 * Rows kept before analysis: a date range and dimension values (core/filter.ts); none when omitted.
	 * (Named rowFilter: `filter` is the segment filter of the customer list and exports.)
	 */
	rowFilter?: OrderFilter | null;
	/** Compute from the rows even when a stored result matches (the stored one could not be drawn). */
	fresh?: boolean;
}

/** What the dashboard draws (never the rows, never the per-customer table). */
export interface DashboardResult {
	datasetId: string;
	settings: AnalysisSettings;
	periods: PeriodRow[];
	/** The §5 figures per period (core/period-kpis.ts), parallel to `periods`. */
	periodKpis: PeriodKpiRow[];
	/**
	 * The cohort cells as columns (core/cohort-pack.ts), their buffers transferred: ~12,000 cells as
	 * objects took the page ~60 ms to deserialise in one task. The page rebuilds them (`DashboardView`).
	 */
	cohorts: PackedCohorts;
	curve: CurvePoint[];
	data: DataSummary;
	/** The same counts over every stored row (no filter, no as-of date): what the import brought, for the import summary. */
	importData: DataSummary;
	metrics: MetricsSummary;
	facts: ImportFacts;
	/** Milliseconds the worker spent computing. */
	computeMs: number;
}

/** A DashboardResult on the page, its cohort cells rebuilt as objects (`unpackCohorts`). */
export type DashboardView = Omit<DashboardResult, 'cohorts'> & { cohorts: CohortCell[] };

/** The prediction columns customers.csv gains with a horizon (METRICS.md §8). */
export type PredictionColumn = 'p_alive' | 'expected_purchases' | 'predicted_clv';

export type CustomerSortKey = keyof CustomerRow | PredictionColumn;

/** A customers.csv row, with the prediction columns when a horizon was asked for. */
export type CustomerListRow = CustomerRow & Partial<Record<PredictionColumn, number | null>>;

/** A segment filter of the customer list: a named RFM segment or a customer type. */
export interface SegmentFilter {
	kind: 'rfm' | 'type';
	segment: string;
	/** An R × F grid cell (kind 'rfm', its segment): only customers with these R and F scores. */
	r?: number;
	f?: number;
}

export interface CustomersRequest extends DashboardRequest {
	/** Keep customers whose id contains this text (case-insensitive); empty = all. */
	search?: string;
	/** Column to sort by (default customer_id); empty values always last. */
	sort?: CustomerSortKey;
	descending?: boolean;
	filter?: SegmentFilter | null;
	offset: number;
	limit: number;
	/** With a horizon (weeks), rows carry p_alive, expected_purchases and predicted_clv (METRICS.md §7). */
	horizonWeeks?: number | null;
}

export interface CustomersPage {
	/** Customers passing the search and filter. */
	total: number;
	/** All customers at the observation end. */
	customers: number;
	offset: number;
	rows: CustomerListRow[];
}

/** Whole-base figures (METRICS.md §5) with the terms of their formulas, so the UI can show them with the numbers plugged in. */
export interface CustomerBaseResult {
	metrics: MetricsSummary;
	/** Customers with ≥ 2 purchases. */
	repeatCustomers: number;
	/** Gaps between consecutive distinct purchase days, pooled (= Σ frequency). */
	gapCount: number;
	/** Σ of those gaps in days (= Σ recency). */
	gapDaysTotal: number;
	/** Σ purchase amounts (AOV numerator); null without amounts. */
	purchaseAmount: number | null;
	/** Top-20 % share and Gini terms, and the Lorenz curve; null without amounts. */
	concentration: ConcentrationDetail | null;
	thresholds: Thresholds;
}

export interface SegmentsResult {
	/** segments.csv: the ten RFM segments, then the customer types. */
	rows: SegmentRow[];
	/** The 5 × 5 R × F grid. */
	grid: RfmGridCell[];
	customers: number;
	thresholds: Thresholds;
	/** Activity window W used for "new" when thresholds.types.newPeriods is null. */
	window: number;
	/** A discount column is mapped (deal-seeker needs one). */
	hasDiscount: boolean;
}

export interface BreakdownRequest extends DashboardRequest {
	/** Index into DatasetMeta.dimNames. */
	dimension: number;
	/** How many values get their own group before (other); default 12. */
	top?: number;
}

export interface BreakdownResult {
	dimension: string;
	/** Per value (top N by customers, then (other)): customers, period table, cohort cells and average curve. */
	groups: BreakdownGroup[];
}

export interface PredictionsRequest extends DashboardRequest {
	horizonWeeks: number;
	/** How many customers by predicted CLV to return (default 50). */
	top?: number;
}

export interface PredictionsResult {
	horizonWeeks: number;
	bgnbd: BgNbdFit | null;
	gammaGamma: GammaGammaFit | null;
	customers: number;
	/** Customers with a first purchase before the calibration end (T > 0): those the BG/NBD fit used. */
	fitted: number;
	meanPAlive: number | null;
	totalExpectedPurchases: number | null;
	totalPredictedClv: number | null;
	/** Customers with the highest predicted CLV (or expected purchases without amounts). */
	top: CustomerListRow[];
}

export interface HoldoutRequest extends DashboardRequest {
	/** Calibration end: the models are fitted on the customer figures at this day; the holdout runs to the observation end. */
	calibrationEnd: Day;
}

export type HoldoutResponse = { ok: true; result: HoldoutResult } | ({ ok: false } & WorkerText);

/** What a drill-down lists: the customers of a cohort cell, or those active at the end of a period. */
export type DrillTarget = { kind: 'cell'; cohort: string; offset: number } | { kind: 'active'; period: string };

export interface DrillRequest extends DashboardRequest {
	target: DrillTarget;
	/** Column to sort by (default revenue, descending). */
	sort?: keyof CustomerRow;
	descending?: boolean;
	offset: number;
	limit: number;
}

export interface DrillPage {
	/** Customers in the cell (= its retained count) or in the installed base (= the period's end). */
	total: number;
	offset: number;
	rows: CustomerRow[];
}

/** The values of one dimension column, most rows first (for the filter picker). */
export interface DimensionValues {
	name: string;
	values: { value: string; rows: number }[];
	/** More distinct values exist than were returned. */
	truncated: boolean;
}

export type TableName =
	| 'drill'
	| 'periods'
	| 'cohorts'
	| 'customers'
	| 'segments'
	| 'import-report'
	| 'rfm-grid'
	| 'breakdown-periods'
	| 'breakdown-cohorts'
	| 'predictions'
	| 'holdout';

export interface ExportRequest extends DashboardRequest {
	table: TableName;
	/** customers: only this segment (the per-segment lists). */
	filter?: SegmentFilter | null;
	/** breakdown-*: the dimension index and top N. */
	dimension?: number;
	top?: number;
	/** predictions: customers.csv with the prediction columns for this horizon (weeks). */
	horizonWeeks?: number;
	/** holdout: the calibration end. */
	calibrationEnd?: Day;
	/** drill: the cell or period whose customers are listed. */
	target?: DrillTarget;
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
	/** One page of the customer table (METRICS.md §5, §6), searched, filtered and sorted in the worker. */
	customers(req: CustomersRequest): Promise<CustomersPage>;
	/** Whole-base figures, their formula terms and the Lorenz curve (METRICS.md §5). */
	customerBase(req: DashboardRequest): Promise<CustomerBaseResult>;
	/** RFM segments, customer types and the R × F grid (METRICS.md §6). */
	segments(req: DashboardRequest): Promise<SegmentsResult>;
	/** Period and cohort tables per value of a dimension (METRICS.md §6 breakdowns). */
	breakdown(req: BreakdownRequest): Promise<BreakdownResult>;
	/** BG/NBD and Gamma-Gamma fitted at the observation end, applied for a horizon (METRICS.md §7). */
	/**
	 * Fit BG/NBD and Gamma-Gamma (once per analysis and horizon) and summarise; `onProgress` gets the
	 * share done (0…1) at most every ~100 ms. Rejects with an error named 'CancelledError' after cancelPredictions.
	 */
	predictions(req: PredictionsRequest, onProgress?: (fraction: number) => void): Promise<PredictionsResult>;
	/** Stop every prediction fit (predictions, holdout) under way within ~30 ms; the calls waiting for one reject with a CancelledError. */
	cancelPredictions(): Promise<void>;
	/** Calibration/holdout check: fit at the calibration end, compare with the repeat purchases after it. */
	holdout(req: HoldoutRequest, onProgress?: (fraction: number) => void): Promise<HoldoutResponse>;
	/** A table as CSV text, formula-leading text cells neutralised (METRICS.md §8 --safe-csv). */
	exportTable(req: ExportRequest): Promise<{ fileName: string; csv: string }>;
	importReport(datasetId: string): Promise<ReportEntry[]>;
	/** Drill-down: one page of the customers of a cohort cell or of a period's installed base. */
	drill(req: DrillRequest): Promise<DrillPage>;
	/** The values of each dimension column (for the filters), most rows first, at most `limit` per column. */
	dimensionValues(datasetId: string, limit?: number): Promise<DimensionValues[]>;
	/** Join a customer list file to a stored dataset by customer id (potential customers, extra dimensions). */
	importCustomerList(req: CustomerListRequest): Promise<CustomerListResponse>;
}
