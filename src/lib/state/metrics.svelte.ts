/**
 * The analysis views beyond the overview (a rune module): which view is open (kept in the URL hash),
 * the editable thresholds, and each view's worker results. Loads follow the open dataset's settings:
 * whenever the dashboard result lands (new dataset, period, window or as-of date) the open view reloads.
 * Every reply is checked against a per-view request id, so a stale reply never overwrites a newer one.
 */
import { untrack } from 'svelte';
import { proxy } from 'comlink';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../core/analysis';
import { cohortCurve, cohortValues, type CohortMetric, type MetricCurvePoint } from '../core/cohort-metrics';
import { parseIsoDay } from '../core/calendar';
import type { CohortCell, Day, PeriodRow } from '../core/types';
import { saveTextFile } from '../ui/save-file';
import { groupLabel } from '../ui/format';
import { api } from '../worker/client';
import type {
	BreakdownResult,
	CustomerBaseResult,
	CustomerSortKey,
	CustomersPage,
	DashboardRequest,
	DrillPage,
	DrillTarget,
	ExportRequest,
	HoldoutResponse,
	PredictionsResult,
	SegmentFilter,
	SegmentsResult,
	TableName
} from '../worker/api-types';
import { app } from './app.svelte';
import { parseHash, writeHash } from './url-state';
import { t } from '../i18n/locale.svelte';
import { errorText } from '../ui/import-text';

export type ViewName =
	| 'overview'
	| 'cohorts'
	| 'retention'
	| 'segments'
	| 'customers'
	| 'breakdowns'
	| 'predictions'
	| 'import-report'
	| 'settings';

/** The tabs in order (labels are the messages `view.<id>`); `print: false` views are left out of the printed report. */
export const VIEWS: { id: ViewName; label: string; print: boolean }[] = [
	{ id: 'overview', label: 'Overview', print: true },
	{ id: 'cohorts', label: 'Cohorts', print: true },
	{ id: 'retention', label: 'Retention & churn', print: true },
	{ id: 'segments', label: 'Segments', print: true },
	{ id: 'customers', label: 'Customers', print: true },
	{ id: 'breakdowns', label: 'Breakdowns', print: true },
	{ id: 'predictions', label: 'Predictions', print: true },
	{ id: 'import-report', label: 'Import report', print: true },
	{ id: 'settings', label: 'Settings', print: false }
];

/** The views of the printed report (every view but the settings). */
export const PRINT_VIEWS = VIEWS.filter((v) => v.print);

/** Rows per page of the customer tables. */
export const PAGE_ROWS = 50;
/** Default prediction horizon (weeks). */
export const DEFAULT_HORIZON_WEEKS = 52;
/** Values of a breakdown shown on their own before (other). */
export const DEFAULT_BREAKDOWN_TOP = 6;

/** The worker stopped the work on request (cancelPredictions): not an error to report. */
function isCancelled(e: unknown): boolean {
	return e instanceof Error && e.name === 'CancelledError';
}

/** A calibration end two thirds of the way from the first date to the observation end (the user can change it). */
function defaultCalibrationEnd(first: string | null, last: string | null): Day | null {
	const a = first ? parseIsoDay(first) : null;
	const b = last ? parseIsoDay(last) : null;
	if (a === null || b === null || b - a < 3) return null;
	return a + Math.round(((b - a) * 2) / 3);
}

/** The view named by the hash: `#view=cohorts&…`, or the old bare form `#cohorts`. */
function viewFromHash(hash: string): ViewName | null {
	const id = parseHash(hash).view;
	return VIEWS.some((v) => v.id === id) ? (id as ViewName) : null;
}

/** Drill-down (issue 6): the customers of a heatmap cell or of a period's installed base, paged. */
export class DrillList {
	target = $state.raw<DrillTarget | null>(null);
	offset = $state(0);
	page = $state.raw<DrillPage | null>(null);
	loading = $state(false);
	error = $state<string | null>(null);
	#seq = 0;

	constructor(private readonly owner: MetricsState) {}

	open(target: DrillTarget): void {
		this.target = target;
		this.offset = 0;
		this.page = null;
		void this.load();
	}

	close(): void {
		this.#seq++;
		this.target = null;
		this.page = null;
		this.loading = false;
		this.error = null;
	}

	goTo(offset: number): void {
		const total = this.page?.total ?? 0;
		this.offset = Math.max(0, Math.min(offset, Math.max(0, total - 1)));
		void this.load();
	}

	async load(): Promise<void> {
		const base = this.owner.request();
		const target = this.target;
		if (!base || !target) return;
		const seq = ++this.#seq;
		this.loading = true;
		this.error = null;
		try {
			const page = await api.drill({ ...base, target, offset: this.offset, limit: PAGE_ROWS });
			if (seq !== this.#seq) return;
			this.page = page;
		} catch (e) {
			if (seq !== this.#seq) return;
			this.error = t('err.listCustomers', { error: errorText(e) });
		} finally {
			if (seq === this.#seq) this.loading = false;
		}
	}

	download(): Promise<void> {
		return this.target ? this.owner.download('drill', { target: this.target }) : Promise.resolve();
	}
}

/** Query of one paged customer table (the customers view and the per-segment list each have one). */
export class CustomerTable {
	search = $state('');
	sort = $state<CustomerSortKey>('customer_id');
	descending = $state(false);
	offset = $state(0);
	filter = $state.raw<SegmentFilter | null>(null);
	page = $state.raw<CustomersPage | null>(null);
	loading = $state(false);
	error = $state<string | null>(null);
	#seq = 0;

	constructor(
		private readonly owner: MetricsState,
		/** Always carry the prediction columns (the predictions view's table). */
		private readonly alwaysPredict = false
	) {}

	setSearch(text: string): void {
		this.search = text;
		this.offset = 0;
		void this.load();
	}

	/** Click on a column: sort by it, or flip the direction when it already sorts. */
	sortBy(key: CustomerSortKey): void {
		if (this.sort === key) this.descending = !this.descending;
		else {
			this.sort = key;
			// Money and counts read best largest first; ids and dates ascending.
			this.descending = !['customer_id', 'first_purchase', 'last_purchase', 'cohort', 'rfm_segment', 'type', 'recency'].includes(key);
		}
		this.offset = 0;
		void this.load();
	}

	setFilter(filter: SegmentFilter | null): void {
		this.filter = filter;
		this.offset = 0;
		void this.load();
	}

	goTo(offset: number): void {
		const total = this.page?.total ?? 0;
		this.offset = Math.max(0, Math.min(offset, Math.max(0, total - 1)));
		void this.load();
	}

	async load(): Promise<void> {
		const base = this.owner.request();
		if (!base) return;
		const seq = ++this.#seq;
		this.loading = true;
		this.error = null;
		try {
			const horizon = this.alwaysPredict || this.owner.predictionsShown ? this.owner.horizon : null;
			const sortNeedsHorizon = ['p_alive', 'expected_purchases', 'predicted_clv'].includes(this.sort);
			const page = await api.customers({
				...base,
				search: this.search,
				sort: sortNeedsHorizon && horizon === null ? 'customer_id' : this.sort,
				descending: this.descending,
				filter: this.filter,
				offset: this.offset,
				limit: PAGE_ROWS,
				horizonWeeks: horizon
			});
			if (seq !== this.#seq) return;
			this.page = page;
		} catch (e) {
			if (seq !== this.#seq) return;
			// A cancelled prediction fit: the page needed it; show nothing rather than an error.
			if (isCancelled(e)) this.page = null;
			else this.error = t('err.listCustomers', { error: errorText(e) });
		} finally {
			if (seq === this.#seq) this.loading = false;
		}
	}
}

/** One worker result that follows the settings: latest request wins, errors kept as text. */
class Loadable<T> {
	value = $state.raw<T | null>(null);
	loading = $state(false);
	error = $state<string | null>(null);
	/** The last run was cancelled: no value (nothing stale), no error. */
	cancelled = $state(false);
	/** Share of the running work done (0…1), for the calls that report it. */
	progress = $state<number | null>(null);
	#seq = 0;

	/** `what` names the computation in the error message (messages `err.computed`). */
	async run(
		what: 'base' | 'segments' | 'breakdown' | 'predictions' | 'holdout',
		call: (onProgress: (fraction: number) => void) => Promise<T>
	): Promise<void> {
		const seq = ++this.#seq;
		this.loading = true;
		this.error = null;
		this.cancelled = false;
		this.progress = null;
		const onProgress = (fraction: number) => {
			if (seq === this.#seq) this.progress = fraction;
		};
		try {
			const v = await call(onProgress);
			if (seq !== this.#seq) return;
			this.value = v;
		} catch (e) {
			if (seq !== this.#seq) return;
			if (isCancelled(e)) {
				this.value = null;
				this.cancelled = true;
			} else this.error = t('err.computed', { what, error: errorText(e) });
		} finally {
			if (seq === this.#seq) {
				this.loading = false;
				this.progress = null;
			}
		}
	}

	clear(): void {
		this.#seq++;
		this.value = null;
		this.loading = false;
		this.error = null;
		this.cancelled = false;
		this.progress = null;
	}
}

type CohortMemo<T> = WeakMap<readonly CohortCell[], Map<CohortMetric, T>>;
const valueMemo: CohortMemo<(number | null)[]> = new WeakMap();
const curveMemo: CohortMemo<MetricCurvePoint[]> = new WeakMap();
function remember<T>(memo: CohortMemo<T>, cells: readonly CohortCell[], metric: CohortMetric, make: (cells: readonly CohortCell[], metric: CohortMetric) => T): T {
	let byMetric = memo.get(cells);
	if (!byMetric) memo.set(cells, (byMetric = new Map()));
	let v = byMetric.get(metric);
	if (v === undefined) byMetric.set(metric, (v = make(cells, metric)));
	return v;
}

/**
 * The chosen metric per cohort cell, and its average curve over complete cells (METRICS.md §4), computed
 * once per result and metric. A section still showing an older result (the overview applies a new one a
 * section at a time) so keeps the very same values when the new result lands, and its heatmap is not
 * redrawn (issue 5: a weekly change redrew the old monthly grid in the frames before its own turn).
 */
export const cohortCellValues = (cells: readonly CohortCell[], metric: CohortMetric) => remember(valueMemo, cells, metric, cohortValues);
export const cohortAverageCurve = (cells: readonly CohortCell[], metric: CohortMetric) => remember(curveMemo, cells, metric, cohortCurve);

export class MetricsState {
	view = $state<ViewName>('overview');
	/** Customer-type and base-shape thresholds (METRICS.md §5, §6 defaults), editable. */
	thresholds = $state<Thresholds>(structuredClone(DEFAULT_THRESHOLDS));
	/** The metric the cohort heatmap and curve show. */
	cohortMetric = $state<CohortMetric>('retention');

	customers = new CustomerTable(this);
	/** Customers of the segment picked in the segments view. */
	segmentCustomers = new CustomerTable(this);
	/** Customers by predicted CLV in the predictions view. */
	predictedCustomers = new CustomerTable(this, true);
	/** Customers of a clicked heatmap cell or base-chart point. */
	drill = new DrillList(this);
	base = new Loadable<CustomerBaseResult>();
	segments = new Loadable<SegmentsResult>();
	breakdown = new Loadable<BreakdownResult>();
	predictions = new Loadable<PredictionsResult>();
	holdout = new Loadable<HoldoutResponse>();

	/** CRR per period of each breakdown value, on the union of their periods (side by side on one chart). */
	breakdownCrr = $derived.by(() => {
		const groups = this.breakdown.value?.groups ?? [];
		const labels = [...new Set(groups.flatMap((g) => g.periods.map((p) => p.period)))].sort();
		return {
			labels,
			series: groups.map((g) => {
				const at = new Map<string, PeriodRow>(g.periods.map((p) => [p.period, p]));
				return { key: g.value, label: groupLabel(g.value), values: labels.map((l) => at.get(l)?.crr ?? null) };
			})
		};
	});
	/** Average retention curve of each breakdown value (complete cells only, METRICS.md §4). */
	breakdownCurves = $derived.by(() => {
		const groups = this.breakdown.value?.groups ?? [];
		const len = Math.max(0, ...groups.map((g) => g.curve.length));
		return {
			labels: Array.from({ length: len }, (_, k) => String(k)),
			series: groups.map((g) => ({
				key: g.value,
				label: groupLabel(g.value),
				values: Array.from({ length: len }, (_, k) => {
					const r = g.curve[k]?.retention;
					return r == null ? null : r * 100;
				})
			}))
		};
	});

	breakdownDimension = $state(0);
	breakdownTop = $state(DEFAULT_BREAKDOWN_TOP);
	horizon = $state(DEFAULT_HORIZON_WEEKS);
	/** The customers table shows the prediction columns (for `horizon`). */
	predictionsShown = $state(false);
	/** The BG/NBD fit ran a parameter to its bound (no drop-out identified): P(alive) is not shown anywhere. */
	aliveUnknown = $derived(this.predictions.value?.bgnbd != null && !this.predictions.value.bgnbd.converged);
	calibrationEnd = $state<Day | null>(null);

	/** Changes whenever the dashboard result (dataset + settings) or the thresholds change. */
	key = $derived(
		app.result
			? `${app.result.datasetId}|${JSON.stringify(app.result.settings)}|${JSON.stringify(this.thresholds)}|${JSON.stringify(app.resultFilter)}`
			: null
	);

	/** The request every call starts from: the settings of the dashboard result on screen. */
	request(): DashboardRequest | null {
		const r = app.result;
		if (!r || r.datasetId !== app.currentId) return null;
		return { datasetId: r.datasetId, settings: r.settings, thresholds: $state.snapshot(this.thresholds), rowFilter: app.rowFilter(app.resultFilter) };
	}

	/** Follow the URL hash and reload the open view when the settings change; returns the cleanup. */
	start(): () => void {
		const fromHash = viewFromHash(location.hash);
		if (fromHash) this.view = fromHash;
		const restored = parseHash(location.hash);
		if (restored.metric) this.cohortMetric = restored.metric;
		this.#pendingBreakdown = restored.breakdown ?? null;
		// Our own writes use history.replaceState, which fires no hashchange: this is only the user's
		// navigation (back/forward, a pasted link, an edited address), so applying it cannot loop.
		const onHash = () => {
			if (location.hash === this.hash()) return;
			void this.applyHash(location.hash);
		};
		window.addEventListener('hashchange', onHash);
		const stop = $effect.root(() => {
			$effect(() => {
				const key = this.key;
				const view = this.view;
				untrack(() => {
					if (key === null) this.#clear();
					else void this.#loadView(view);
				});
			});
			// A breakdown named in the hash is chosen once the dataset's columns are known.
			$effect(() => {
				const names = app.current?.dimNames;
				const pending = this.#pendingBreakdown;
				if (!names || pending === null) return;
				const i = names.indexOf(pending);
				untrack(() => {
					this.#pendingBreakdown = null;
					if (i < 0 || i === this.breakdownDimension) return;
					this.breakdownDimension = i;
					this.#loaded.delete('breakdowns');
					if (this.view === 'breakdowns') void this.#loadView('breakdowns');
				});
			});
			// The screen follows into the hash (after the start-up reopen, so a bookmark is not overwritten).
			$effect(() => {
				const hash = this.hash();
				untrack(() => {
					if (hash !== null && location.hash !== hash) history.replaceState(null, '', hash);
				});
			});
			// Another result: the open drill-down list follows the new settings or filters.
			$effect(() => {
				if (this.key === null) return;
				untrack(() => {
					if (this.drill.target) void this.drill.load();
				});
			});
		});
		return () => {
			window.removeEventListener('hashchange', onHash);
			stop();
		};
	}

	#pendingBreakdown = $state<string | null>(null);

	/**
	 * Apply a hash that changed after start-up: the whole screen (view, cohort metric, breakdown, and
	 * through the app state the dataset, settings and filters), as at load. Settings that did not
	 * change recompute nothing.
	 */
	async applyHash(hash: string): Promise<void> {
		const h = parseHash(hash);
		this.view = viewFromHash(hash) ?? 'overview';
		this.cohortMetric = h.metric ?? 'retention';
		this.#pendingBreakdown = h.breakdown ?? null;
		await app.applyHash(h);
	}

	setView(view: ViewName): void {
		this.view = view;
		const hash = this.hash();
		if (hash !== null && location.hash !== hash) history.replaceState(null, '', hash);
	}

	/** The period label of cohort cell (cohort, offset) on screen, if it exists. */
	cohortPeriod(cohort: string, offset: number): string | null {
		return app.result?.cohorts.find((c) => c.cohort === cohort && c.offset === offset)?.period ?? null;
	}

	/** The URL hash of the screen (view, dataset, settings, cohort metric, breakdown, filters); null before start-up ends. */
	hash(): string | null {
		if (app.loading) return null;
		const s = app.settings;
		const names = app.current?.dimNames ?? [];
		return writeHash({
			view: this.view,
			ds: app.currentId ?? undefined,
			granularity: app.currentId ? s.granularity : undefined,
			window: app.currentId ? s.window : undefined,
			asOf: s.asOf,
			metric: this.cohortMetric === 'retention' ? undefined : this.cohortMetric,
			breakdown: names.length ? names[Math.min(this.breakdownDimension, names.length - 1)] : undefined,
			filter: app.currentId ? app.filter : undefined
		});
	}

	#loaded = new Map<ViewName, string>();

	/** Load every view's results (the printed report shows all views one after another). */
	async loadAll(): Promise<void> {
		await Promise.all(PRINT_VIEWS.map((v) => this.#loadView(v.id)));
	}

	#clear(): void {
		this.#loaded.clear();
		for (const l of [this.base, this.segments, this.breakdown, this.predictions, this.holdout]) l.clear();
		this.customers.page = null;
		this.segmentCustomers.page = null;
		this.predictedCustomers.page = null;
		this.calibrationEnd = null;
		this.drill.close();
	}

	/** Load what a view shows, once per settings key. */
	async #loadView(view: ViewName): Promise<void> {
		if (!this.key || this.#loaded.get(view) === this.key) return;
		this.#loaded.set(view, this.key);
		if (view === 'customers') await Promise.all([this.loadBase(), this.customers.load()]);
		else if (view === 'segments') await Promise.all([this.loadSegments(), this.segmentCustomers.filter ? this.segmentCustomers.load() : null]);
		else if (view === 'breakdowns') await this.loadBreakdown();
		else if (view === 'predictions') {
			if (this.calibrationEnd === null) this.calibrationEnd = defaultCalibrationEnd(app.result?.data.date_min ?? null, app.result?.metrics.observation_end ?? null);
			this.predictedCustomers.sort = 'predicted_clv';
			this.predictedCustomers.descending = true;
			await Promise.all([this.loadPredictions(), this.predictedCustomers.load()]);
		}
	}

	async loadBase(): Promise<void> {
		const req = this.request();
		if (req) await this.base.run('base', () => api.customerBase(req));
	}

	async loadSegments(): Promise<void> {
		const req = this.request();
		if (req) await this.segments.run('segments', () => api.segments(req));
	}

	async loadBreakdown(): Promise<void> {
		const req = this.request();
		if (!req) return;
		const names = app.current?.dimNames ?? [];
		if (names.length === 0) {
			this.breakdown.clear();
			return;
		}
		const dimension = Math.min(this.breakdownDimension, names.length - 1);
		await this.breakdown.run('breakdown', () => api.breakdown({ ...req, dimension, top: this.breakdownTop }));
	}

	async loadPredictions(): Promise<void> {
		const req = this.request();
		if (req) await this.predictions.run('predictions', (onProgress) => api.predictions({ ...req, horizonWeeks: this.horizon, top: PAGE_ROWS }, proxy(onProgress)));
	}

	/** Stop the prediction fit under way; the view then says so and offers to run it again. */
	async cancelPredictions(): Promise<void> {
		await api.cancelPredictions();
	}

	/** Run the prediction fit again after a cancel (and the table of customers by predicted value). */
	rerunPredictions(): void {
		void this.loadPredictions();
		void this.predictedCustomers.load();
	}

	async runHoldout(): Promise<void> {
		const req = this.request();
		const cal = this.calibrationEnd;
		if (!req || cal === null) return;
		await this.holdout.run('holdout', (onProgress) => api.holdout({ ...req, calibrationEnd: cal }, proxy(onProgress)));
	}

	/** Thresholds edited: everything that depends on them reloads through `key`. */
	setThresholds(next: Thresholds): void {
		this.thresholds = next;
	}

	resetThresholds(): void {
		this.thresholds = structuredClone(DEFAULT_THRESHOLDS);
	}

	setBreakdown(dimension: number, top = this.breakdownTop): void {
		this.breakdownDimension = dimension;
		this.breakdownTop = top;
		void this.loadBreakdown();
	}

	setHorizon(weeks: number): void {
		if (!Number.isFinite(weeks) || weeks <= 0) return;
		this.horizon = weeks;
		void this.loadPredictions();
		void this.predictedCustomers.load();
		if (this.predictionsShown) void this.customers.load();
	}

	showPredictions(on: boolean): void {
		this.predictionsShown = on;
		if (!on && ['p_alive', 'expected_purchases', 'predicted_clv'].includes(this.customers.sort)) this.customers.sort = 'customer_id';
		void this.customers.load();
	}

	/** Open the customers of one segment in the segments view. */
	showSegment(filter: SegmentFilter): void {
		this.segmentCustomers.sort = 'revenue';
		this.segmentCustomers.descending = true;
		this.segmentCustomers.setFilter(filter);
	}

	async download(table: TableName, extra: Partial<ExportRequest> = {}): Promise<void> {
		const req = this.request();
		if (!req) return;
		try {
			const { fileName, csv } = await api.exportTable({ ...req, ...extra, table });
			saveTextFile(fileName, csv);
		} catch (e) {
			app.analyseError = t('app.exportError', { table, error: errorText(e) });
		}
	}
}

export const metrics = new MetricsState();
