/**
 * The analytics worker's API: the only code that touches both the database and the core engine.
 * Files are read as streams (gzip decompressed), parsed by core/import, stored by db/, and analysed
 * by core/analysis; only screen-sized results go back to the main thread.
 */
import { computeAnalysis, computeBreakdown, DEFAULT_THRESHOLDS, type Thresholds } from '../core/analysis';
import { parseIsoDay, toIsoDate } from '../core/calendar';
import { transfer } from 'comlink';
import { packCohorts, packedBuffers } from '../core/cohort-pack';
import { computeConcentration, computeRfmGrid } from '../core/concentration';
import {
	toCsv,
	COHORT_COLUMNS,
	CUSTOMER_COLUMNS,
	PERIOD_COLUMNS,
	PREDICTION_COLUMNS,
	REPORT_COLUMNS,
	SEGMENT_COLUMNS
} from '../core/csv-out';
import { buildSortIndex, foldDigits, pageOf, type SortValue } from '../core/customer-query';
import { ByteHasher } from '../core/hash';
import { dataSummary } from '../core/customers';
import { activeAtEndMembers, cohortCellMembers } from '../core/drill';
import { filterOrderData, isEmptyFilter, normaliseFilter } from '../core/filter';
import { createImporter, previewBytes } from '../core/import';
import type { Importer } from '../core/import/types';
import { holdoutSteps, predictionSteps, StepsCancelled, type PredictionProgress, type PredictionResult } from '../core/predict';
import { defaultSettings, FLAG_DISCOUNT, type Analysis, type AnalysisSettings, type CustomerRow, type OrderData } from '../core/types';
import { deleteDataset, findByFileHash, getCustomerList, getDataset, getResult, listDatasets, loadData, loadReport, putResult, saveDataset, updateSettings } from '../db/datasets';
import { withPotentialSegment } from '../core/segments';
import { LAYOUT_VERSION, type DatasetRecord, type MandegarDB } from '../db/schema';
import { appendToDataset, filesOf } from './append';
import { gzipPlainSize, isGzip, openBytes, readHead } from './file-bytes';
import { startFileHash, type FileHashing } from './file-hash';
import { attachCustomerList } from './customer-list';
import { USER_MESSAGES, UserError, userMessage, type UserMessageCode } from '../core/user-messages';
import { previewCustomerList } from '../core/import/customer-list';

/** A customer list is read whole (decompressed); larger lists are refused rather than freezing the tab. */
const MAX_CUSTOMER_LIST_BYTES = 256 << 20;
import type {
	AnalyticsApi,
	BreakdownRequest,
	BreakdownResult,
	CustomerBaseResult,
	CustomerListRow,
	CustomerSortKey,
	CustomersPage,
	CustomersRequest,
	HoldoutRequest,
	HoldoutResponse,
	PredictionColumn,
	PredictionsRequest,
	PredictionsResult,
	SegmentFilter,
	SegmentsResult,
	DashboardRequest,
	DashboardResult,
	DatasetMeta,
	DimensionValues,
	DrillPage,
	DrillRequest,
	DrillTarget,
	ExportRequest,
	ImportProgress,
	ImportRequest,
	ImportResponse,
	PreviewResponse
} from './api-types';

/** Bytes of the file head used for the preview and detection. */
export const PREVIEW_BYTES = 1 << 20;
/**
 * Progress messages are posted at most this often. A post skipped by it waits for the next piece, so a
 * piece that runs long (the customer-id table's last rehash, ~180 ms at 760k customers) showed as a gap
 * of up to this interval plus that piece: 50 ms instead of 100 keeps such a gap under 250 ms.
 */
export const PROGRESS_INTERVAL_MS = 50;
/** The import loop yields to the event loop this often, so a cancel message gets in. */
const YIELD_INTERVAL_MS = 40;
/** The prediction fit yields this often (cancelPredictions lands at the next yield). */
const PREDICT_SLICE_MS = 30;
/**
 * The import hands the importer at most this many bytes at a time: Chromium's File.stream() gives
 * chunks of up to a few MB (100–350 ms of parsing each), and progress, yields and the cancel check
 * happen between pieces (issue 5: progress every ≤ 250 ms, cancel within 250 ms).
 */
const IMPORT_PIECE_BYTES = 1 << 18;
/**
 * The first MB, held until its layout is known, is parsed in smaller pieces: it runs before the parsing
 * code is optimised, up to a hundred times slower than later (the first 64 kB pieces took 70–140 ms each
 * on a 2-core machine, ~1 ms once optimised), so a piece here is 16 kB (≤ ~40 ms).
 */
const BACKLOG_PIECE_BYTES = 1 << 14;
/** How many analyses (per settings) are kept for exports and quick switching back. */
const ANALYSIS_CACHE_SIZE = 6;
/** Largest customer page the worker sends (the table pages through the rest). */
export const MAX_PAGE_ROWS = 1000;
/** Default number of top customers by predicted CLV. */
const PREDICTION_TOP = 50;
/**
 * Version of what analyse() returns: part of the stored result's key, so bump it when the analysis's
 * figures or the DashboardResult shape change and results stored by an older app are recomputed.
 */
export const RESULT_VERSION = 4;

/**
 * The key of a stored dashboard result: everything the result depends on — the request (settings,
 * thresholds and any other field but the id) and the dataset's version (revision, rows, customer list).
 */
export function resultKey(req: DashboardRequest, meta: DatasetRecord): string {
	const { datasetId: _id, fresh: _fresh, ...rest } = req;
	const list = meta.customerList ? `${meta.customerList.fileHash}@${meta.customerList.importedAt}` : '';
	return `v${RESULT_VERSION}|r${meta.revision ?? 0}|${meta.rows}|${meta.createdAt}|${list}|${JSON.stringify({ ...rest, thresholds: req.thresholds ?? DEFAULT_THRESHOLDS })}`;
}

/** One analysis and what is derived from it lazily: sort orders, predictions per horizon, base figures. */
interface AnalysisEntry {
	analysis: Analysis;
	thresholds: Thresholds;
	/** `${key}|asc|desc|horizon` → row order. */
	sorts: Map<string, Int32Array>;
	/** Horizon in weeks → predictions parallel to analysis.customers. */
	predictions: Map<number, PredictionResult>;
	/** Horizon in weeks → the fit under way (several calls share it) and who wants its progress. */
	fitting: Map<number, { result: Promise<PredictionResult>; listeners: Set<(fraction: number) => void> }>;
	base: CustomerBaseResult | null;
	hasDiscount: boolean;
	/** The rows analysed (the dataset's, or the filtered subset); drill-down target → customer numbers. */
	data: OrderData;
	drills: Map<string, number[]>;
}

/** The row filter's part of a cache key ('' without one). */
function filterKey(req: DashboardRequest): string {
	return isEmptyFilter(req.rowFilter) ? '' : JSON.stringify(normaliseFilter(req.rowFilter));
}

const PREDICTION_KEYS: readonly string[] = ['p_alive', 'expected_purchases', 'predicted_clv'] satisfies PredictionColumn[];

/** The prediction columns a row gains for a horizon. */
function withPrediction(row: CustomerRow, pred: PredictionResult | null, i: number): CustomerListRow {
	if (!pred) return row;
	const p = pred.customers[i];
	return { ...row, p_alive: p.p_alive, expected_purchases: p.expected_purchases, predicted_clv: p.predicted_clv };
}

function segmentAccept(rows: readonly CustomerRow[], filter: SegmentFilter | null | undefined, search: string | undefined) {
	// Digits compared as Latin on both sides: a Persian keyboard's ۱۷۴۵۰ finds 17450 (and an id written in Persian digits).
	const needle = foldDigits((search ?? '').trim().toLowerCase());
	if (!filter && !needle) return undefined;
	return (i: number) => {
		const c = rows[i];
		if (filter && (filter.kind === 'rfm' ? c.rfm_segment : c.type) !== filter.segment) return false;
		if (filter?.r !== undefined && (c.r_score !== filter.r || c.f_score !== filter.f)) return false;
		return !needle || foldDigits(c.customer_id.toLowerCase()).includes(needle);
	};
}

class CancelledError extends Error {}

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
		settings: r.settings,
		dimNames: r.dimNames ?? [],
		files: filesOf(r),
		customerList: r.customerList ?? null
	};
}

function datasetName(fileName: string): string {
	return fileName.replace(/\.gz$/i, '').replace(/\.(csv|txt|tsv)$/i, '') || fileName;
}

function newId(): string {
	return `ds-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The share of the storing phase's bar the end of reading moves through (the UI never moves the bar back). */
const FINISH_SHARE = 0.02;
/**
 * Lets the worker's queued messages (a cancel) run, then goes on: a message to itself through a
 * MessageChannel, queued behind them. A `setTimeout(0)` took ~4.9 ms in Chromium's workers (clamped), 50
 * of them per million rows, ~10 % of an import; a channel message ~0.06 ms. (`scheduler.yield()` is
 * faster still, but its continuation may run before queued messages, which is what the yield is for.)
 */
function channelYield(): () => Promise<void> {
	// Node (unit tests) drains a port's messages in one go, new ones included, so timers would starve:
	// there setImmediate, which comes back after the loop's other events
	const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
	if (immediate) return () => new Promise<void>((resolve) => void immediate(resolve));
	if (typeof MessageChannel === 'undefined') return () => new Promise<void>((resolve) => setTimeout(resolve, 0));
	const channel = new MessageChannel();
	let waiting: (() => void)[] = [];
	channel.port1.onmessage = () => {
		const run = waiting;
		waiting = [];
		for (const resolve of run) resolve();
	};
	return () =>
		new Promise<void>((resolve) => {
			waiting.push(resolve);
			channel.port2.postMessage(null);
		});
}
const yieldToEvents = channelYield();

export function createApi(db: MandegarDB): AnalyticsApi {
	let cancelRequested = false;
	let loaded: { id: string; data: OrderData } | null = null;
	/** A dataset's rows being read (dataFor): concurrent requests share the one read. */
	let loading: { id: string; promise: Promise<OrderData> } | null = null;
	const analyses = new Map<string, AnalysisEntry>();
	/**
	 * Analyses being computed, by entryFor's key: concurrent requests share one computation (the customers
	 * view asks for its base figures and its first page at once; each computed its own, 2.8 s instead of
	 * 1 s at 1M rows after a reopen).
	 */
	const pendingEntries = new Map<string, Promise<AnalysisEntry>>();
	/** Bumped by clearAnalyses: a computation started before it does not enter the cache. */
	let generation = 0;
	/** The stored rows changed (import, append, delete): every cached and pending analysis is stale. */
	function clearAnalyses(): void {
		analyses.clear();
		pendingEntries.clear();
		loading = null;
		generation++;
	}
	/** The key of the result known to be stored for a dataset (saves rewriting the same result). */
	let storedResult: { id: string; key: string } | null = null;

	async function dataFor(id: string): Promise<OrderData> {
		if (loaded?.id === id) return loaded.data;
		if (loading?.id !== id) {
			// another dataset: its analyses go (pending ones finish for their callers but are not kept)
			loaded = null;
			analyses.clear();
			generation++;
			const promise = loadData(db, id);
			const mine = { id, promise };
			loading = mine;
			promise.then(
				(data) => {
					if (loading === mine) {
						loaded = { id, data };
						loading = null;
					}
				},
				() => {
					if (loading === mine) loading = null;
				}
			);
		}
		return loading.promise;
	}

	async function entryFor(req: DashboardRequest): Promise<AnalysisEntry> {
		const thresholds = req.thresholds ?? DEFAULT_THRESHOLDS;
		const key = `${req.datasetId}|${JSON.stringify(req.settings)}|${JSON.stringify(thresholds)}|${filterKey(req)}`;
		const hit = analyses.get(key);
		if (hit) return hit;
		let pending = pendingEntries.get(key);
		if (!pending) {
			const p = computeEntry(req, key, thresholds);
			pending = p;
			pendingEntries.set(key, p);
			const done = () => {
				if (pendingEntries.get(key) === p) pendingEntries.delete(key);
			};
			p.then(done, done);
		}
		return pending;
	}

	async function computeEntry(req: DashboardRequest, key: string, thresholds: Thresholds): Promise<AnalysisEntry> {
		const data = await filteredDataFor(req);
		// the rows are read (dataFor may have bumped the generation itself): a change from here on is stale
		const started = generation;
		const limit = req.settings.asOf ?? Infinity;
		let hasDiscount = false;
		for (let i = 0; i < data.length && !hasDiscount; i++) hasDiscount = (data.flags[i] & FLAG_DISCOUNT) !== 0 && data.day[i] <= limit;
		const analysis = computeAnalysis(data, req.settings, thresholds);
		// A joined customer list adds the "potential" customers (no purchase by the observation end) to the segments.
		const list = await getCustomerList(db, req.datasetId);
		if (list) analysis.segments = withPotentialSegment(analysis.segments, list.ids, analysis.customers);
		const entry: AnalysisEntry = {
			analysis,
			thresholds,
			sorts: new Map(),
			predictions: new Map(),
			fitting: new Map(),
			base: null,
			hasDiscount,
			data,
			drills: new Map()
		};
		if (generation === started) {
			analyses.set(key, entry);
			while (analyses.size > ANALYSIS_CACHE_SIZE) analyses.delete(analyses.keys().next().value as string);
		}
		return entry;
	}

	/** The dataset's rows after the request's row filter (the last filtered subset is kept). */
	let filtered: { key: string; data: OrderData } | null = null;
	async function filteredDataFor(req: DashboardRequest): Promise<OrderData> {
		const data = await dataFor(req.datasetId);
		const fk = filterKey(req);
		if (!fk) return data;
		const key = `${req.datasetId}|${fk}`;
		if (filtered?.key !== key || filtered.data.customerIds !== data.customerIds) filtered = { key, data: filterOrderData(data, normaliseFilter(req.rowFilter)) };
		return filtered.data;
	}

	/** Customer numbers (positions in analysis.customers) of a drill-down target, cached per analysis. */
	async function drillMembers(req: DashboardRequest & { target?: DrillTarget }): Promise<{ entry: AnalysisEntry; members: number[] }> {
		const entry = await entryFor(req);
		const target = req.target;
		if (!target) throw new UserError('drill_needs_target');
		const key = JSON.stringify(target);
		let members = entry.drills.get(key);
		if (!members) {
			members =
				target.kind === 'cell'
					? cohortCellMembers(entry.data, req.settings, target.cohort, target.offset)
					: activeAtEndMembers(entry.data, req.settings, target.period);
			entry.drills.set(key, members);
		}
		return { entry, members };
	}

	async function analysisFor(req: DashboardRequest): Promise<Analysis> {
		return (await entryFor(req)).analysis;
	}

	/** Bumped by cancelPredictions: every fit started before it stops at its next yield. */
	let predictionTicket = 0;

	/**
	 * The predictions for a horizon: computed once per analysis; a fit under way is shared by every
	 * call that needs it. The fit runs in slices (core predictionSteps) with a yield to the event loop
	 * between them, so progress goes out and a cancel message gets in; a cancelled fit rejects with
	 * a CancelledError and stores nothing.
	 */
	async function predictionsOf(entry: AnalysisEntry, horizonWeeks: number, onProgress?: (fraction: number) => void): Promise<PredictionResult> {
		const done = entry.predictions.get(horizonWeeks);
		if (done) return done;
		let job = entry.fitting.get(horizonWeeks);
		if (!job) {
			const listeners = new Set<(fraction: number) => void>();
			const result = runPrediction(entry, horizonWeeks, listeners).finally(() => entry.fitting.delete(horizonWeeks));
			job = { result, listeners };
			entry.fitting.set(horizonWeeks, job);
		}
		if (onProgress) job.listeners.add(onProgress);
		try {
			return await job.result;
		} finally {
			if (onProgress) job.listeners.delete(onProgress);
		}
	}

	async function runPrediction(entry: AnalysisEntry, horizonWeeks: number, listeners: Set<(fraction: number) => void>): Promise<PredictionResult> {
		const result = await runFit(predictionSteps(entry.analysis.customers, horizonWeeks), listeners);
		entry.predictions.set(horizonWeeks, result);
		return result;
	}

	/** Run a fit's steps in slices of PREDICT_SLICE_MS with a yield between them; a cancelPredictions stops it. */
	async function runFit<R>(steps: Generator<PredictionProgress, R>, listeners: Set<(fraction: number) => void>): Promise<R> {
		const ticket = predictionTicket;
		let sliceStart = performance.now();
		let lastPost = -Infinity;
		for (;;) {
			if (ticket !== predictionTicket) {
				steps.return(undefined as never);
				throw new StepsCancelled();
			}
			const r = steps.next();
			if (r.done) return r.value;
			const now = performance.now();
			if (now - sliceStart < PREDICT_SLICE_MS) continue;
			if (now - lastPost >= PROGRESS_INTERVAL_MS) {
				lastPost = now;
				// A Comlink proxy returns a promise; a listener that went away must not stop the fit.
				for (const l of listeners) void Promise.resolve(l(r.value.fraction)).catch(() => {});
			}
			await yieldToEvents();
			sliceStart = performance.now();
		}
	}

	function checkHorizon(h: number | null | undefined): number | null {
		if (h == null) return null;
		if (!Number.isFinite(h) || h <= 0) throw new UserError('horizon_positive');
		return h;
	}

	/** Row order of the customer table by one column, built once per column, direction (and horizon). */
	function sortOrder(entry: AnalysisEntry, key: CustomerSortKey, descending: boolean, pred: PredictionResult | null): Int32Array {
		const isPrediction = PREDICTION_KEYS.includes(key);
		if (isPrediction && !pred) throw new UserError('sort_needs_horizon', { key: String(key) });
		const cacheKey = `${key}|${descending ? 'desc' : 'asc'}|${isPrediction ? pred!.horizonWeeks : ''}`;
		let order = entry.sorts.get(cacheKey);
		if (!order) {
			const rows = entry.analysis.customers;
			const values: SortValue[] = isPrediction
				? pred!.customers.map((p) => p[key as PredictionColumn])
				: rows.map((r) => r[key as keyof CustomerRow] as SortValue);
			order = buildSortIndex(values, descending);
			entry.sorts.set(cacheKey, order);
		}
		return order;
	}

	function baseOf(entry: AnalysisEntry): CustomerBaseResult {
		if (entry.base) return entry.base;
		const { customers, metrics } = entry.analysis;
		let repeat = 0;
		let gapCount = 0;
		let gapDays = 0;
		for (const c of customers) {
			if (c.orders >= 2) repeat++;
			// Gaps between consecutive distinct purchase days: one per repeat day, summing to last − first.
			gapCount += c.frequency;
			gapDays += c.recency;
		}
		const money = metrics.customer_revenue !== null;
		entry.base = {
			metrics,
			repeatCustomers: repeat,
			gapCount,
			gapDaysTotal: gapDays,
			purchaseAmount: money && metrics.aov !== null ? metrics.aov * metrics.purchases : null,
			concentration: money ? computeConcentration(customers.map((c) => c.revenue ?? 0)) : null,
			thresholds: entry.thresholds
		};
		return entry.base;
	}

	async function breakdownFor(req: BreakdownRequest): Promise<BreakdownResult> {
		const data = await filteredDataFor(req);
		const dim = data.dims[req.dimension];
		if (!dim) throw new UserError('no_such_dimension');
		return { dimension: dim.name, groups: computeBreakdown(data, req.settings, req.dimension, req.top ?? 12) };
	}

	async function holdoutFor(req: HoldoutRequest, onProgress?: (fraction: number) => void): Promise<HoldoutResponse> {
		const full = await entryFor(req);
		const obsEndText = full.analysis.metrics.observation_end;
		const obsEnd = obsEndText === null ? null : parseIsoDay(obsEndText);
		const first = full.analysis.data.date_min === null ? null : parseIsoDay(full.analysis.data.date_min);
		if (obsEnd === null || first === null) return { ok: false, ...userMessage('holdout_no_purchases') };
		const cal = req.calibrationEnd;
		if (!Number.isInteger(cal) || cal <= first || cal >= obsEnd)
			return { ok: false, ...userMessage('holdout_bad_calibration', { first: toIsoDate(first), end: obsEndText ?? '' }) };
		const data = await filteredDataFor(req);
		const calibration = computeAnalysis(data, { ...req.settings, asOf: cal }, full.thresholds);
		const listeners = new Set(onProgress ? [onProgress] : []);
		const result = await runFit(holdoutSteps(calibration.customers, full.analysis.customers, toIsoDate(cal), obsEndText!, obsEnd - cal), listeners);
		if (!result.bgnbd) return { ok: false, ...userMessage('holdout_nothing_to_fit') };
		return { ok: true, result };
	}

	return {
		async previewFile(file, name, options): Promise<PreviewResponse> {
			try {
				const head = await readHead(file, PREVIEW_BYTES);
				const out = options.fileKind === 'customers' ? previewCustomerList(head, name, options) : previewBytes(head, name, options);
				if (!out.ok) return { ok: false, message: `${name}: ${out.reason}`, code: out.code };
				return { ok: true, preview: out.preview };
			} catch (e) {
				return { ok: false, message: `${name}: could not be read (${(e as Error).message}).`, code: 'unreadable', params: { name, error: (e as Error).message } };
			}
		},

		async importFile(req: ImportRequest, onProgress?: (p: ImportProgress) => void): Promise<ImportResponse> {
			cancelRequested = false;
			let hashing: FileHashing | null = null;
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
				// `let`: dropped after finish, so its row columns, id tables and duplicate set (~70 MB at 1M rows) can be
				// collected while the dataset is stored (issue 5, target 5: peak memory during import)
				const gzip = await isGzip(req.file);
				const plainSize = gzip ? await gzipPlainSize(req.file) : null;
				let importer: Importer | null = createImporter({ fileName: req.name, mapping: req.mapping, options: req.options, expectedBytes: gzip ? (plainSize ?? undefined) : total });
				const reader = (await openBytes(req.file, (n) => (raw = n), gzip)).getReader();
				let lastYield = performance.now();
				let rawBefore = 0;
				let decoded = 0;
				for (;;) {
					const { done, value } = await reader.read();
					if (done) break;
					// `raw` counts the file's bytes (compressed for .gz) up to this chunk: spread them over its pieces
					const rawSpan = raw - rawBefore;
					for (let o = 0; o < value.length; o += IMPORT_PIECE_BYTES) {
						const end = Math.min(value.length, o + IMPORT_PIECE_BYTES);
						importer.push(value.subarray(o, end));
						decoded += end - o;
						// The first MB is only parsed once its layout is detected: pump() parses it a piece at a
						// time so progress and the cancel check come between pieces (one go took ~0.5 s, issue 5).
						// The bar follows the bytes parsed, with the bytes read and not yet parsed at half weight:
						// while the first MB is read and its layout detected (~0.25 s, nothing parsed yet) the bar
						// still moves, and later, when reading is only one piece ahead, the two are the same.
						do {
							const handled = decoded - importer.unparsedBytes / 2;
							const done = plainSize
								? Math.min(total, Math.round((total * handled) / plainSize))
								: gzip
									? rawBefore + Math.round((rawSpan * end) / value.length)
									: Math.min(total, Math.round(handled));
							post({ phase: 'reading', done, total });
							if (performance.now() - lastYield > YIELD_INTERVAL_MS) {
								await yieldToEvents();
								lastYield = performance.now();
							}
							if (cancelRequested) {
								await reader.cancel().catch(() => {});
								throw new CancelledError();
							}
						} while (importer.pump(BACKLOG_PIECE_BYTES));
						// The hash only matters once the rows are read (is this file stored already?): it runs beside
						// them in its own worker, from when the first MB is parsed (on 2 cores it would otherwise
						// halve the speed of the import's slowest, not yet optimised start).
						if (hashing === null && importer.unparsedBytes === 0) hashing = startFileHash(req.file);
					}
					rawBefore = raw;
				}
				post({ phase: 'reading', done: total, total }, true);
				hashing ??= startFileHash(req.file);
				// the end of reading (compaction, decisions) takes ~0.2 s per 3M rows: the bar creeps through it
				// at the start of the storing phase
				const result = importer.finish((f) => post({ phase: 'storing', done: f * FINISH_SHARE, total: 1 }));
				importer = null;
				const { facts } = result;
				if (facts.outcome === 'reject' || !result.data) {
					if (facts.outcome === 'needs-answer' && facts.question)
						return { kind: 'needs-answer', question: facts.question, facts };
					return { kind: 'rejected', message: `${req.name}: ${facts.reject_reason ?? 'nothing could be imported.'}`, facts, code: facts.reject_code ?? 'nothing_imported', params: { name: req.name } };
				}
				if (cancelRequested) throw new CancelledError();
				const data = result.data;
				const fileHash = await hashing.digest;
				// a cancel that came while the hash was finished or the same file looked for (a small file's
				// import is mostly these waits) is a cancel, not a same-file question
				if (fileHash === null || cancelRequested) throw new CancelledError();
				if (!req.allowSameFile) {
					const existing = await findByFileHash(db, fileHash);
					if (cancelRequested) throw new CancelledError();
					if (existing) return { kind: 'same-file', existing: toMeta(existing) };
				}
				if (req.appendTo) {
					const base = await getDataset(db, req.appendTo);
					if (!base) return { kind: 'failed', ...userMessage('append_target_gone', { name: req.name }) };
					const out = await appendToDataset(db, base, { ...result, data }, { name: req.name, size: req.file.size, hash: fileHash }, (done, n) => post({ phase: 'storing', done, total: n }), () => cancelRequested);
					if (!out.ok) return { kind: 'rejected', message: `${req.name}: ${out.reason}`, facts, code: out.code, params: { name: req.name } };
					loaded = { id: out.record.id, data: out.data };
					clearAnalyses();
				storedResult = null;
					return { kind: 'imported', dataset: toMeta(out.record), duplicateOrders: out.duplicateOrders };
				}
				const record = await saveDataset(
					db,
					{
						id: newId(),
						name: datasetName(req.name),
						fileName: req.name,
						fileSize: req.file.size,
						fileHash,
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
				clearAnalyses();
				storedResult = null;
				return { kind: 'imported', dataset: toMeta(record) };
			} catch (e) {
				if (e instanceof CancelledError || (cancelRequested && (e as Error).name === 'AbortError'))
					return { kind: 'cancelled' };
				const err = e as Error;
				if (err.name === 'QuotaExceededError' || /quota/i.test(err.message ?? ''))
					return { kind: 'failed', ...userMessage('storage_full', { name: req.name }) };
				return { kind: 'failed', ...userMessage('import_failed', { name: req.name, error: err.message }) };
			} finally {
				hashing?.stop();
				cancelRequested = false;
			}
		},

		async cancelImport() {
			cancelRequested = true;
		},

		async cancelPredictions() {
			predictionTicket++;
		},

		async listDatasets() {
			return (await listDatasets(db)).map(toMeta);
		},

		async deleteDataset(id) {
			if (loaded?.id === id) {
				loaded = null;
				clearAnalyses();
			}
			if (storedResult?.id === id) storedResult = null;
			await deleteDataset(db, id);
		},

		async analyse(req: DashboardRequest): Promise<DashboardResult> {
			const t0 = performance.now();
			// Rows not loaded yet (a reopen): the result stored for the same key is drawn without loading them.
			if (loaded?.id !== req.datasetId && !req.fresh) {
				const stored = await getResult(db, req.datasetId);
				const meta = stored && (await getDataset(db, req.datasetId));
				if (stored && meta && stored.key === resultKey(req, meta)) {
					storedResult = { id: req.datasetId, key: stored.key };
					await updateSettings(db, req.datasetId, req.settings);
					const result: DashboardResult = {
						...(stored.result as DashboardResult),
						datasetId: req.datasetId,
						settings: req.settings,
						facts: meta.facts,
						computeMs: performance.now() - t0
					};
					return transfer(result, packedBuffers(result.cohorts));
				}
			}
			const a = await analysisFor(req);
			const meta = await getDataset(db, req.datasetId);
			if (!meta) throw new UserError('dataset_gone');
			await updateSettings(db, req.datasetId, req.settings);
			const result: DashboardResult = {
				datasetId: req.datasetId,
				settings: req.settings,
				periods: a.periods,
				periodKpis: a.periodKpis,
				cohorts: packCohorts(a.cohorts),
				curve: a.curve,
				data: a.data,
				// The import summary describes the file, not the filtered or as-of view of it.
				importData: filterKey(req) || req.settings.asOf != null ? dataSummary(await dataFor(req.datasetId), null) : a.data,
				metrics: a.metrics,
				facts: meta.facts,
				computeMs: performance.now() - t0
			};
			const key = resultKey(req, meta);
			// Fresh: what is stored under this key could not be drawn, so it is replaced.
			if (req.fresh || storedResult?.id !== req.datasetId || storedResult.key !== key) {
				await putResult(db, { datasetId: req.datasetId, key, result, savedAt: Date.now() });
				storedResult = { id: req.datasetId, key };
			}
			// The columns were just built (and IndexedDB cloned them at put): nothing here reads them again.
			return transfer(result, packedBuffers(result.cohorts));
		},

		async exportTable(req: ExportRequest) {
			const meta = await getDataset(db, req.datasetId);
			const base = meta?.name ?? 'mandegar';
			if (req.table === 'import-report') {
				const report = await loadReport(db, req.datasetId);
				// A dataset built from several files says which file each line is in (an extra last column).
				const columns = report.some((e) => e.file) ? ([...REPORT_COLUMNS, 'file'] as const) : REPORT_COLUMNS;
				return { fileName: `${base}-import-report.csv`, csv: toCsv(columns, report, true) };
			}
			const entry = await entryFor(req);
			const a = entry.analysis;
			let csv: string;
			let suffix: string = req.table;
			switch (req.table) {
				case 'periods':
					csv = toCsv(PERIOD_COLUMNS, a.periods, true);
					break;
				case 'cohorts':
					csv = toCsv(COHORT_COLUMNS, a.cohorts, true);
					break;
				case 'customers': {
					const accept = segmentAccept(a.customers, req.filter, undefined);
					csv = toCsv(CUSTOMER_COLUMNS, accept ? a.customers.filter((_, i) => accept(i)) : a.customers, true);
					if (req.filter) suffix = `customers-${req.filter.kind}-${req.filter.segment.replace(/[^\p{L}\p{N}]+/gu, '-')}${req.filter.r !== undefined ? `-r${req.filter.r}f${req.filter.f}` : ''}`;
					break;
				}
				case 'segments':
					csv = toCsv(SEGMENT_COLUMNS, a.segments, true);
					break;
				case 'drill': {
					const { members } = await drillMembers(req);
					csv = toCsv(CUSTOMER_COLUMNS, members.map((k) => a.customers[k]), true);
					const t = req.target!;
					suffix = t.kind === 'cell' ? `customers-cohort-${t.cohort}-k${t.offset}` : `customers-active-${t.period}`;
					break;
				}
				case 'rfm-grid':
					csv = toCsv(['r', 'f', 'segment', 'customers', 'revenue'], computeRfmGrid(a.customers, a.metrics.customer_revenue !== null), true);
					break;
				case 'breakdown-periods':
				case 'breakdown-cohorts': {
					const b = await breakdownFor({ ...req, dimension: req.dimension ?? 0 });
					csv =
						req.table === 'breakdown-periods'
							? toCsv(['value', ...PERIOD_COLUMNS], b.groups.flatMap((g) => g.periods.map((r) => ({ value: g.value, ...r }))), true)
							: toCsv(['value', ...COHORT_COLUMNS], b.groups.flatMap((g) => g.cohorts.map((r) => ({ value: g.value, ...r }))), true);
					break;
				}
				case 'predictions': {
					const h = checkHorizon(req.horizonWeeks) ?? 52;
					const pred = await predictionsOf(entry, h);
					const rows = a.customers.map((c, i) => withPrediction(c, pred, i));
					csv = toCsv([...CUSTOMER_COLUMNS, ...PREDICTION_COLUMNS], rows, true);
					suffix = `customers-predicted-${h}w`;
					break;
				}
				case 'holdout': {
					if (req.calibrationEnd == null) throw new UserError('holdout_needs_calibration');
					const res = await holdoutFor({ ...req, calibrationEnd: req.calibrationEnd });
					if (!res.ok) throw res.code && res.code in USER_MESSAGES ? new UserError(res.code as UserMessageCode, res.params) : new Error(res.message);
					csv = toCsv(['frequency', 'customers', 'predicted', 'actual'], res.result.byFrequency, true);
					suffix = `holdout-${res.result.calibrationEnd}`;
					break;
				}
				default:
					throw new UserError('unknown_table', { table: String(req.table) });
			}
			// A table of filtered figures says so in its name (its columns stay the report's).
			return { fileName: `${base}-${suffix}${filterKey(req) ? '-filtered' : ''}.csv`, csv };
		},

		async importReport(datasetId: string) {
			return loadReport(db, datasetId);
		},

		async drill(req: DrillRequest): Promise<DrillPage> {
			const { entry, members } = await drillMembers(req);
			const rows = entry.analysis.customers;
			const sort = req.sort ?? 'revenue';
			const descending = req.descending ?? (req.sort === undefined);
			const order = buildSortIndex(members.map((k) => rows[k][sort] as SortValue), descending);
			const limit = Math.min(MAX_PAGE_ROWS, Math.max(0, Math.floor(req.limit)));
			const offset = Math.max(0, Math.floor(req.offset));
			const page = pageOf(order, { offset, limit });
			return { total: members.length, offset, rows: page.positions.map((i) => rows[members[i]]) };
		},

		async dimensionValues(datasetId: string, limit = 500): Promise<DimensionValues[]> {
			const data = await dataFor(datasetId);
			return data.dims.map((dim) => {
				const count = new Int32Array(dim.values.length);
				for (let i = 0; i < data.length; i++) if (dim.codes[i] >= 0) count[dim.codes[i]]++;
				const ranked = dim.values
					.map((value, k) => ({ value, rows: count[k] }))
					.filter((v) => v.rows > 0)
					.sort((a, b) => b.rows - a.rows || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
				return { name: dim.name, values: ranked.slice(0, limit), truncated: ranked.length > limit };
			});
		},

		async importCustomerList(req) {
			try {
				const bytes = await readHead(req.file, MAX_CUSTOMER_LIST_BYTES);
				const hasher = new ByteHasher();
				hasher.update(bytes);
				const out = await attachCustomerList(db, req, bytes, hasher.digest(), MAX_CUSTOMER_LIST_BYTES);
				if (!out.ok) return { kind: 'rejected', message: `${req.name}: ${out.reason}`, code: out.code, params: { ...out.params, name: req.name } };
				loaded = { id: out.record.id, data: out.data };
				clearAnalyses();
				storedResult = null;
				return { kind: 'attached', dataset: toMeta(out.record) };
			} catch (e) {
				return { kind: 'failed', ...userMessage('list_failed', { name: req.name, error: (e as Error).message }) };
			}
		},

		async customers(req: CustomersRequest): Promise<CustomersPage> {
			const entry = await entryFor(req);
			const rows = entry.analysis.customers;
			const h = checkHorizon(req.horizonWeeks);
			const pred = h === null ? null : await predictionsOf(entry, h);
			const order = sortOrder(entry, req.sort ?? 'customer_id', req.descending ?? false, pred);
			const limit = Math.min(MAX_PAGE_ROWS, Math.max(0, Math.floor(req.limit)));
			const offset = Math.max(0, Math.floor(req.offset));
			const page = pageOf(order, { offset, limit, accept: segmentAccept(rows, req.filter, req.search) });
			return {
				total: page.total,
				customers: rows.length,
				offset,
				rows: page.positions.map((i) => withPrediction(rows[i], pred, i))
			};
		},

		async customerBase(req: DashboardRequest): Promise<CustomerBaseResult> {
			return baseOf(await entryFor(req));
		},

		async segments(req: DashboardRequest): Promise<SegmentsResult> {
			const entry = await entryFor(req);
			const a = entry.analysis;
			return {
				rows: a.segments,
				grid: computeRfmGrid(a.customers, a.metrics.customer_revenue !== null),
				customers: a.customers.length,
				thresholds: entry.thresholds,
				window: req.settings.window,
				hasDiscount: entry.hasDiscount
			};
		},

		breakdown: breakdownFor,

		async predictions(req: PredictionsRequest, onProgress?: (fraction: number) => void): Promise<PredictionsResult> {
			const entry = await entryFor(req);
			const h = checkHorizon(req.horizonWeeks) as number;
			const pred = await predictionsOf(entry, h, onProgress);
			const rows = entry.analysis.customers;
			let fitted = 0;
			let pSum = 0;
			let pN = 0;
			let expSum = 0;
			let clvSum = 0;
			let clvN = 0;
			rows.forEach((c, i) => {
				if (c.T > 0) fitted++;
				const p = pred.customers[i];
				if (p.p_alive !== null) {
					pSum += p.p_alive;
					pN++;
				}
				if (p.expected_purchases !== null) expSum += p.expected_purchases;
				if (p.predicted_clv !== null) {
					clvSum += p.predicted_clv;
					clvN++;
				}
			});
			const byClv = pred.gammaGamma !== null;
			const order = sortOrder(entry, byClv ? 'predicted_clv' : 'expected_purchases', true, pred);
			const top = pageOf(order, { offset: 0, limit: Math.min(MAX_PAGE_ROWS, req.top ?? PREDICTION_TOP) });
			return {
				horizonWeeks: h,
				bgnbd: pred.bgnbd,
				gammaGamma: pred.gammaGamma,
				customers: rows.length,
				fitted,
				meanPAlive: pN ? pSum / pN : null,
				totalExpectedPurchases: pred.bgnbd ? expSum : null,
				totalPredictedClv: clvN ? clvSum : null,
				top: top.positions.map((i) => withPrediction(rows[i], pred, i))
			};
		},

		holdout: holdoutFor
	};
}

export type { AnalysisSettings };
