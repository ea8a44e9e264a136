/**
 * The analytics worker's API: the only code that touches both the database and the core engine.
 * Files are read as streams (gzip decompressed), parsed by core/import, stored by db/, and analysed
 * by core/analysis; only screen-sized results go back to the main thread.
 */
import { computeAnalysis } from '../core/analysis';
import { toCsv, COHORT_COLUMNS, CUSTOMER_COLUMNS, PERIOD_COLUMNS, REPORT_COLUMNS, SEGMENT_COLUMNS } from '../core/csv-out';
import { ByteHasher } from '../core/hash';
import { createImporter, previewBytes } from '../core/import';
import { defaultSettings, type Analysis, type AnalysisSettings, type OrderData } from '../core/types';
import { deleteDataset, getDataset, listDatasets, loadData, loadReport, saveDataset, updateSettings } from '../db/datasets';
import { LAYOUT_VERSION, type DatasetRecord, type MandegarDB } from '../db/schema';
import type {
	AnalyticsApi,
	DashboardRequest,
	DashboardResult,
	DatasetMeta,
	ExportRequest,
	ImportProgress,
	ImportRequest,
	ImportResponse,
	PreviewResponse
} from './api-types';

/** Bytes of the file head used for the preview and detection. */
export const PREVIEW_BYTES = 1 << 20;
/** Progress messages are posted at most this often. */
export const PROGRESS_INTERVAL_MS = 100;
/** The import loop yields to the event loop this often, so a cancel message gets in. */
const YIELD_INTERVAL_MS = 40;
/** How many analyses (per settings) are kept for exports and quick switching back. */
const ANALYSIS_CACHE_SIZE = 6;

class CancelledError extends Error {}

const GZIP_MAGIC = [0x1f, 0x8b];

async function isGzip(file: Blob): Promise<boolean> {
	const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
	return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/** The file's decoded bytes as a stream (gzip decompressed), counting raw bytes read. */
async function openBytes(file: Blob, onRaw: (n: number) => void): Promise<ReadableStream<Uint8Array>> {
	let raw = 0;
	const counter = new TransformStream<Uint8Array, Uint8Array>({
		transform(chunk, ctl) {
			raw += chunk.byteLength;
			onRaw(raw);
			ctl.enqueue(chunk);
		}
	});
	const stream = file.stream().pipeThrough(counter);
	if (await isGzip(file)) return stream.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
	return stream;
}

async function readHead(file: Blob, limit: number): Promise<Uint8Array> {
	if (!(await isGzip(file))) return new Uint8Array(await file.slice(0, limit).arrayBuffer());
	const reader = (await openBytes(file, () => {})).getReader();
	const parts: Uint8Array[] = [];
	let n = 0;
	while (n < limit) {
		const { done, value } = await reader.read();
		if (done) break;
		parts.push(value);
		n += value.byteLength;
	}
	await reader.cancel().catch(() => {});
	const out = new Uint8Array(Math.min(n, limit));
	let at = 0;
	for (const p of parts) {
		const take = Math.min(p.byteLength, out.length - at);
		out.set(p.subarray(0, take), at);
		at += take;
		if (at >= out.length) break;
	}
	return out;
}

function toMeta(r: DatasetRecord): DatasetMeta {
	return {
		id: r.id,
		name: r.name,
		fileName: r.fileName,
		fileSize: r.fileSize,
		fileHash: r.fileHash,
		createdAt: r.createdAt,
		rows: r.rows,
		mapping: r.mapping,
		options: r.options,
		facts: r.facts,
		settings: r.settings
	};
}

function datasetName(fileName: string): string {
	return fileName.replace(/\.gz$/i, '').replace(/\.(csv|txt|tsv)$/i, '') || fileName;
}

function newId(): string {
	return `ds-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function createApi(db: MandegarDB): AnalyticsApi {
	let cancelRequested = false;
	let loaded: { id: string; data: OrderData } | null = null;
	const analyses = new Map<string, Analysis>();

	async function dataFor(id: string): Promise<OrderData> {
		if (loaded?.id !== id) {
			loaded = null;
			analyses.clear();
			loaded = { id, data: await loadData(db, id) };
		}
		return loaded.data;
	}

	async function analysisFor(req: DashboardRequest): Promise<Analysis> {
		const key = `${req.datasetId}|${JSON.stringify(req.settings)}`;
		const hit = analyses.get(key);
		if (hit) return hit;
		const data = await dataFor(req.datasetId);
		const result = computeAnalysis(data, req.settings);
		analyses.set(key, result);
		while (analyses.size > ANALYSIS_CACHE_SIZE) analyses.delete(analyses.keys().next().value as string);
		return result;
	}

	return {
		async previewFile(file, name, options): Promise<PreviewResponse> {
			try {
				const head = await readHead(file, PREVIEW_BYTES);
				const out = previewBytes(head, name, options);
				if (!out.ok) return { ok: false, message: `${name}: ${out.reason}`, code: out.code };
				return { ok: true, preview: out.preview };
			} catch (e) {
				return { ok: false, message: `${name}: could not be read (${(e as Error).message}).`, code: 'unreadable' };
			}
		},

		async importFile(req: ImportRequest, onProgress?: (p: ImportProgress) => void): Promise<ImportResponse> {
			cancelRequested = false;
			const total = req.file.size;
			let raw = 0;
			let lastPost = 0;
			const post = (p: ImportProgress, force = false) => {
				const now = performance.now();
				if (!onProgress || (!force && now - lastPost < PROGRESS_INTERVAL_MS)) return;
				lastPost = now;
				onProgress(p);
			};
			try {
				const importer = createImporter({ fileName: req.name, mapping: req.mapping, options: req.options });
				const hasher = new ByteHasher();
				const reader = (await openBytes(req.file, (n) => (raw = n))).getReader();
				let lastYield = performance.now();
				for (;;) {
					const { done, value } = await reader.read();
					if (done) break;
					hasher.update(value);
					importer.push(value);
					post({ phase: 'reading', done: raw, total });
					if (performance.now() - lastYield > YIELD_INTERVAL_MS) {
						await yieldToEvents();
						lastYield = performance.now();
					}
					if (cancelRequested) {
						await reader.cancel().catch(() => {});
						throw new CancelledError();
					}
				}
				post({ phase: 'reading', done: total, total }, true);
				const result = importer.finish();
				const { facts } = result;
				if (facts.outcome === 'reject' || !result.data) {
					if (facts.outcome === 'needs-answer' && facts.question)
						return { kind: 'needs-answer', question: facts.question, facts };
					return { kind: 'rejected', message: `${req.name}: ${facts.reject_reason ?? 'nothing could be imported.'}`, facts };
				}
				if (cancelRequested) throw new CancelledError();
				const data = result.data;
				const record = await saveDataset(
					db,
					{
						id: newId(),
						name: datasetName(req.name),
						fileName: req.name,
						fileSize: req.file.size,
						fileHash: hasher.digest(),
						createdAt: Date.now(),
						rows: data.length,
						hasOrderId: data.hasOrderId,
						hasAmount: data.hasAmount,
						dimNames: data.dims.map((d) => d.name),
						mapping: req.mapping,
						options: req.options,
						facts,
						settings: defaultSettings(),
						layout: LAYOUT_VERSION
					},
					data,
					result.report,
					(done, n) => post({ phase: 'storing', done, total: n }),
					() => cancelRequested
				);
				loaded = { id: record.id, data };
				analyses.clear();
				return { kind: 'imported', dataset: toMeta(record) };
			} catch (e) {
				if (e instanceof CancelledError || (cancelRequested && (e as Error).name === 'AbortError'))
					return { kind: 'cancelled' };
				const err = e as Error;
				if (err.name === 'QuotaExceededError' || /quota/i.test(err.message ?? ''))
					return { kind: 'failed', message: `${req.name}: the browser has no storage space left for this dataset. Delete a stored dataset and try again.` };
				return { kind: 'failed', message: `${req.name}: the import failed (${err.message}). Nothing was stored.` };
			} finally {
				cancelRequested = false;
			}
		},

		async cancelImport() {
			cancelRequested = true;
		},

		async listDatasets() {
			return (await listDatasets(db)).map(toMeta);
		},

		async deleteDataset(id) {
			if (loaded?.id === id) {
				loaded = null;
				analyses.clear();
			}
			await deleteDataset(db, id);
		},

		async analyse(req: DashboardRequest): Promise<DashboardResult> {
			const t0 = performance.now();
			const a = await analysisFor(req);
			const meta = await getDataset(db, req.datasetId);
			if (!meta) throw new Error('This dataset is no longer stored.');
			await updateSettings(db, req.datasetId, req.settings);
			return {
				datasetId: req.datasetId,
				settings: req.settings,
				periods: a.periods,
				cohorts: a.cohorts,
				curve: a.curve,
				data: a.data,
				metrics: a.metrics,
				facts: meta.facts,
				computeMs: performance.now() - t0
			};
		},

		async exportTable(req: ExportRequest) {
			const meta = await getDataset(db, req.datasetId);
			const base = meta?.name ?? 'mandegar';
			if (req.table === 'import-report') {
				const report = await loadReport(db, req.datasetId);
				return { fileName: `${base}-import-report.csv`, csv: toCsv(REPORT_COLUMNS, report, true) };
			}
			const a = await analysisFor(req);
			const csv =
				req.table === 'periods'
					? toCsv(PERIOD_COLUMNS, a.periods, true)
					: req.table === 'cohorts'
						? toCsv(COHORT_COLUMNS, a.cohorts, true)
						: req.table === 'customers'
							? toCsv(CUSTOMER_COLUMNS, a.customers, true)
							: toCsv(SEGMENT_COLUMNS, a.segments, true);
			return { fileName: `${base}-${req.table}.csv`, csv };
		},

		async importReport(datasetId: string) {
			return loadReport(db, datasetId);
		}
	};
}

export type { AnalysisSettings };
