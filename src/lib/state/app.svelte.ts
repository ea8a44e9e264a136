/**
 * The app's orchestration (a rune module): stored datasets, the open dataset and its settings, the
 * dashboard result, and the import flow. Views read it and call its methods; only this module talks
 * to the worker. Every worker reply is checked against a request id, so a stale reply never
 * overwrites a newer one.
 */
import { proxy } from 'comlink';
import { api } from '../worker/client';
import type { DashboardView, DatasetMeta, DimensionValues, ImportProgress, ReportEntry, TableName } from '../worker/api-types';
import { unpackCohorts } from '../core/cohort-pack';
import { isEmptyFilter, NO_FILTER, normaliseFilter, type OrderFilter } from '../core/filter';
import { parseHash, sameFilter, sameSettings, settingsFromHash, type HashState } from './url-state';
import type { FilePreview } from '../core/import/types';
import {
	DEFAULT_WINDOW,
	defaultSettings,
	type AnalysisSettings,
	type CalendarKind,
	type Day,
	type Field,
	type Granularity,
	type ImportOptions,
	type Mapping,
	type Question
} from '../core/types';
import { saveTextFile } from '../ui/save-file';
import { errorText, workerText } from '../ui/import-text';
import { i18n, t } from '../i18n/locale.svelte';
import { isolate } from '../i18n/format';
import { MESSAGES, type MessageKey } from '../i18n/messages';
import { guessCustomerListMapping, type CustomerListMapping } from '../core/import/customer-columns';

export type ImportStage = 'idle' | 'previewing' | 'mapping' | 'importing' | 'done' | 'error';

/** The fields the mapping step lets the user change (METRICS.md §1). */
export const MAPPED_FIELDS: { field: Field; label: string; required: boolean }[] = [
	{ field: 'customer_id', label: 'Customer id', required: true },
	{ field: 'order_id', label: 'Order id', required: false },
	{ field: 'date', label: 'Order date', required: true },
	{ field: 'amount', label: 'Amount', required: false },
	{ field: 'quantity', label: 'Quantity', required: false },
	{ field: 'unit_price', label: 'Unit price', required: false },
	{ field: 'product', label: 'Product', required: false },
	{ field: 'category', label: 'Category', required: false },
	{ field: 'location', label: 'Location', required: false },
	{ field: 'channel', label: 'Channel', required: false },
	{ field: 'discount', label: 'Discount', required: false },
	{ field: 'status', label: 'Status', required: false }
];

/** Share of the progress bar given to reading the file; storing the chunks fills the rest. */
const READ_SHARE = 0.9;

/** localStorage key of the dataset open in this browser, so a reload reopens it (its settings are stored with it). */
const CURRENT_DATASET_KEY = 'mandegar.currentDataset';

function rememberedDataset(): string | null {
	try {
		return localStorage.getItem(CURRENT_DATASET_KEY);
	} catch {
		return null;
	}
}

function rememberDataset(id: string): void {
	try {
		localStorage.setItem(CURRENT_DATASET_KEY, id);
	} catch {
		/* storage disabled: a reload then opens the most recent dataset */
	}
}

/**
 * A preview rejection in the UI language, by its code. English keeps the worker's own message (it
 * can carry details such as the file type); a code without a message here stays English.
 */
function rejectionText(code: string, name: string, message: string): string {
	const key = `reject.${code}`;
	return i18n.lang === 'en' || !(key in MESSAGES.en) ? message : t(key as MessageKey, { name });
}

export class AppState {
	datasets = $state.raw<DatasetMeta[]>([]);
	currentId = $state<string | null>(null);
	settings = $state<AnalysisSettings>(defaultSettings());
	result = $state.raw<DashboardView | null>(null);
	/** Rows kept before analysis (date range, dimension values), shared by every view (issue 6). */
	filter = $state.raw<OrderFilter>(NO_FILTER);
	/** The filter `result` was computed with. */
	resultFilter = $state.raw<OrderFilter>(NO_FILTER);
	/** Values of each dimension column of the open dataset, most rows first (the filter picker). */
	dimValues = $state.raw<DimensionValues[]>([]);
	analysing = $state(false);
	analyseError = $state<string | null>(null);
	loading = $state(true);

	stage = $state<ImportStage>('idle');
	fileName = $state('');
	preview = $state.raw<FilePreview | null>(null);
	mapping = $state<Mapping>({});
	options = $state<ImportOptions>({});
	/** Questions from the preview, or the one the import came back with. */
	questions = $state.raw<Question[]>([]);
	/** The import itself asked (the whole file cannot decide): an answer is required to go on. */
	mustAnswer = $state(false);
	unanswered = $derived(this.mustAnswer && this.questions.some((q) => this.answered(q) === undefined));
	progress = $state(0);
	progressPhase = $state<ImportProgress['phase']>('reading');
	message = $state<string | null>(null);
	warnings = $state.raw<string[]>([]);
	/** The import found a stored dataset from a file with the same bytes: open it or import anyway. */
	sameFile = $state.raw<DatasetMeta | null>(null);
	/** Add the chosen file to this stored dataset (monthly exports) instead of making a new one. */
	appendTo = $state<string | null>(null);
	/** Columns of a customer list (options.fileKind 'customers'), and the dataset it joins. */
	listMapping = $state<CustomerListMapping>({ id: 0 });
	listTarget = $state<string | null>(null);
	/** An import just finished: the dashboard moves focus to its heading once (keyboard users start there, not at the page top). */
	focusDashboard = $state(false);

	current = $derived(this.datasets.find((d) => d.id === this.currentId) ?? null);

	/** The user typed a window: keep it when the granularity changes. */
	#windowSetByUser = false;
	#file: Blob | null = null;
	#analyseSeq = 0;
	#previewSeq = 0;
	#importSeq = 0;

	/** On load: the stored datasets, and the one open before (else the most recent) opened again: a reload shows the same dashboard. */
	async init(): Promise<void> {
		try {
			await this.refreshDatasets();
			// The URL hash names the dataset and its settings (a bookmark); else the one open before.
			const hash = parseHash(location.hash);
			const before = rememberedDataset();
			const fromHash = hash.ds ? this.datasets.find((d) => d.id === hash.ds) : undefined;
			const reopen = fromHash ?? this.datasets.find((d) => d.id === before) ?? this.datasets[0];
			if (reopen) await this.open(reopen.id, fromHash ? hash : undefined);
		} catch (e) {
			this.analyseError = t('app.readError', { error: errorText(e) });
		} finally {
			this.loading = false;
		}
	}

	async refreshDatasets(): Promise<void> {
		const list = await api.listDatasets();
		this.datasets = [...list].sort((a, b) => b.createdAt - a.createdAt);
	}

	/** Open a dataset; `restore` (from the URL hash) overrides its stored settings and sets the filters. */
	async open(id: string, restore?: HashState): Promise<void> {
		const meta = this.datasets.find((d) => d.id === id);
		if (!meta) return;
		this.currentId = id;
		rememberDataset(id);
		const stored = { ...defaultSettings(), ...meta.settings, calendar: i18n.calendar };
		this.settings = restore ? settingsFromHash(stored, restore) : stored;
		this.#windowSetByUser = this.settings.window !== DEFAULT_WINDOW[this.settings.granularity];
		this.filter = normaliseFilter(restore?.filter);
		this.dimValues = [];
		this.#dimValuesFor = null;
		this.result = null;
		await this.analyse();
	}

	/**
	 * The URL hash changed after start-up (back/forward, a pasted link): open the dataset it names with
	 * its settings and filters, as at load; on the open dataset only what differs is recomputed.
	 */
	async applyHash(h: HashState): Promise<void> {
		if (this.loading) return;
		const named = h.ds ? this.datasets.find((d) => d.id === h.ds) : undefined;
		if (named && named.id !== this.currentId) return this.open(named.id, h);
		if (!this.currentId) return;
		const settings = settingsFromHash($state.snapshot(this.settings) as AnalysisSettings, h);
		const filter = normaliseFilter(h.filter);
		if (sameSettings(settings, this.settings) && sameFilter(filter, this.filter)) return;
		this.settings = settings;
		this.#windowSetByUser = settings.window !== DEFAULT_WINDOW[settings.granularity];
		this.filter = filter;
		await this.analyse();
	}

	#dimValuesFor: string | null = null;

	/**
	 * Load the dimension values for the filter picker when the user reaches for it (not on open:
	 * reading them loads the rows, which a reopen drawn from the stored result avoids).
	 */
	async ensureDimValues(): Promise<void> {
		const id = this.currentId;
		if (!id || this.#dimValuesFor === id) return;
		this.#dimValuesFor = id;
		try {
			const values = await api.dimensionValues(id);
			if (this.currentId === id) this.dimValues = values;
		} catch {
			/* the filter picker stays empty; the views still work */
			if (this.#dimValuesFor === id) this.#dimValuesFor = null;
		}
	}

	/** Change the filters (every view re-computes on the kept rows). */
	setFilter(next: OrderFilter): void {
		this.filter = normaliseFilter(next);
		void this.analyse();
	}

	/** The filter as sent to the worker (null when it keeps every row). */
	rowFilter(f: OrderFilter = this.filter): OrderFilter | null {
		return isEmptyFilter(f) ? null : $state.snapshot(f) as OrderFilter;
	}

	async remove(id: string): Promise<void> {
		await api.deleteDataset(id);
		if (this.currentId === id) {
			this.currentId = null;
			this.result = null;
			this.#analyseSeq++;
		}
		await this.refreshDatasets();
		if (!this.currentId && this.datasets[0]) await this.open(this.datasets[0].id);
	}

	setGranularity(g: Granularity): void {
		const window = this.#windowSetByUser ? this.settings.window : DEFAULT_WINDOW[g];
		this.settings = { ...this.settings, granularity: g, window };
		void this.analyse();
	}

	/** The calendar of the periods (METRICS.md §2), from the display settings; re-analyses only on a change. */
	setCalendar(calendar: CalendarKind): void {
		if (this.settings.calendar === calendar) return;
		this.settings = { ...this.settings, calendar };
		if (this.currentId) void this.analyse();
	}

	setWindow(w: number): void {
		if (!Number.isInteger(w) || w < 1) return;
		this.#windowSetByUser = w !== DEFAULT_WINDOW[this.settings.granularity];
		this.settings = { ...this.settings, window: w };
		void this.analyse();
	}

	setAsOf(day: Day | null): void {
		this.settings = { ...this.settings, asOf: day };
		void this.analyse();
	}

	/** A screen failed to draw the result: drop it and compute again from the rows (not from a stored result). */
	retryFresh(): void {
		this.result = null;
		void this.analyse(true);
	}

	/** Ask the worker for the dashboard of the current settings; only the latest request may land. */
	async analyse(fresh = false): Promise<void> {
		const datasetId = this.currentId;
		if (!datasetId) return;
		const seq = ++this.#analyseSeq;
		this.analysing = true;
		this.analyseError = null;
		try {
			const filter = this.filter;
			const res = await api.analyse({ datasetId, settings: $state.snapshot(this.settings), rowFilter: this.rowFilter(filter), fresh });
			if (seq !== this.#analyseSeq) return;
			this.resultFilter = filter;
			this.result = { ...res, cohorts: unpackCohorts(res.cohorts) };
		} catch (e) {
			if (seq !== this.#analyseSeq) return;
			this.analyseError = t('app.analyseError', { error: errorText(e) });
		} finally {
			if (seq === this.#analyseSeq) this.analysing = false;
		}
	}

	async download(table: TableName): Promise<void> {
		const datasetId = this.currentId;
		if (!datasetId) return;
		try {
			const { fileName, csv } = await api.exportTable({ datasetId, settings: $state.snapshot(this.settings), rowFilter: this.rowFilter(), table });
			saveTextFile(fileName, csv);
		} catch (e) {
			this.analyseError = t('app.exportError', { table, error: errorText(e) });
		}
	}

	/* -------------------------------------------------------------- import */

	/** A dropped or chosen file (or the sample): preview it and show the mapping step. */
	async chooseFile(file: Blob, name: string): Promise<void> {
		this.#file = file;
		this.fileName = name;
		this.preview = null;
		this.questions = [];
		this.mustAnswer = false;
		this.options = {};
		this.message = null;
		this.warnings = [];
		this.sameFile = null;
		this.appendTo = null;
		this.listTarget = null;
		await this.#preview(true);
	}

	async #preview(takeMapping: boolean): Promise<void> {
		const file = this.#file;
		if (!file) return;
		const seq = ++this.#previewSeq;
		this.stage = 'previewing';
		try {
			const res = await api.previewFile(file, this.fileName, $state.snapshot(this.options));
			if (seq !== this.#previewSeq) return;
			if (!res.ok) {
				// No order dates but orders are stored: the file may be a customer list to join to them.
				if (res.code === 'no_date_column' && this.options.fileKind !== 'customers' && this.datasets.length > 0) {
					this.options = { ...this.options, fileKind: 'customers' };
					this.message = t('imp.asCustomerList', { name: isolate(this.fileName) });
					await this.#preview(true);
					return;
				}
				this.#fail(rejectionText(res.code, this.fileName, res.message));
				return;
			}
			this.preview = res.preview;
			if (takeMapping) this.mapping = { ...res.preview.mapping };
			if (takeMapping && this.options.fileKind === 'customers') {
				this.listMapping = guessCustomerListMapping(res.preview.headers, res.preview.mapping.customer_id);
				this.listTarget = this.listTarget ?? this.currentId ?? this.datasets[0]?.id ?? null;
			}
			this.questions = res.preview.questions;
			this.warnings = res.preview.warnings;
			this.stage = 'mapping';
		} catch (e) {
			if (seq !== this.#previewSeq) return;
			this.#fail(t('imp.readFailed', { name: this.fileName, error: errorText(e) }));
		}
	}

	/** A sample file fetched next to the page (works from any sub-path). */
	async chooseSample(): Promise<void> {
		const name = 'online_retail_sample.csv.gz';
		this.fileName = name;
		this.stage = 'previewing';
		this.message = null;
		try {
			const res = await fetch(new URL('sample/online_retail_sample.csv.gz', document.baseURI));
			if (!res.ok) throw new Error(`HTTP ${res.status}`);
			await this.chooseFile(await res.blob(), name);
		} catch (e) {
			this.#fail(t('imp.sampleFailed', { name, error: errorText(e) }));
		}
	}

	setMapping(field: Field, column: number | null): void {
		const next: Mapping = { ...this.mapping };
		if (column == null || column < 0) delete next[field];
		else next[field] = column;
		this.mapping = next;
	}

	/** Answer a question of the preview or the import (METRICS.md §8: date order, decimal, header, encoding). */
	async answer(q: Question, value: string): Promise<void> {
		const o: ImportOptions = { ...this.options };
		if (q.kind === 'date_order') o.dateOrder = value as 'dmy' | 'mdy';
		else if (q.kind === 'decimal') o.decimal = value === ',' || value === 'comma' ? ',' : '.';
		else if (q.kind === 'header') o.headerLine = value === 'no-header' ? null : (this.preview?.headerLine ?? 1);
		else if (q.kind === 'encoding') o.encoding = value;
		this.options = o;
		// Header and encoding change the columns themselves: preview again with the answer.
		if (q.kind === 'header' || q.kind === 'encoding') await this.#preview(true);
	}

	/**
	 * Change an import option in the preview (encoding, decimal, date order, duplicates, C-prefix returns);
	 * `undefined` goes back to detection. Encoding and header change the columns: the mapping is detected again.
	 */
	async setOption<K extends keyof ImportOptions>(key: K, value: ImportOptions[K] | undefined): Promise<void> {
		const o: ImportOptions = { ...this.options };
		if (value === undefined) delete o[key];
		else o[key] = value;
		this.options = o;
		this.sameFile = null;
		if (key === 'encoding' || key === 'headerLine' || key === 'decimal' || key === 'dateOrder') await this.#preview(key === 'encoding' || key === 'headerLine');
	}

	/** Orders, or a customer list to join to stored orders: the preview is read again for that kind. */
	async setFileKind(kind: 'orders' | 'customers'): Promise<void> {
		const o: ImportOptions = { ...this.options };
		if (kind === 'orders') delete o.fileKind;
		else o.fileKind = 'customers';
		this.options = o;
		this.message = null;
		this.sameFile = null;
		await this.#preview(true);
	}

	setListColumn(key: keyof CustomerListMapping, column: number | null): void {
		const next: CustomerListMapping = { ...this.listMapping };
		if (key === 'id') next.id = column ?? 0;
		else if (column == null || column < 0) delete next[key];
		else next[key] = column;
		this.listMapping = next;
	}

	/** Join the chosen customer list to the orders of `listTarget`. */
	async #importCustomerList(file: Blob, name: string, seq: number): Promise<void> {
		const datasetId = this.listTarget;
		if (!datasetId) return;
		const res = await api.importCustomerList({
			file,
			name,
			datasetId,
			mapping: $state.snapshot(this.listMapping),
			options: $state.snapshot(this.options)
		});
		if (seq !== this.#importSeq) return;
		if (res.kind === 'attached') {
			const l = res.dataset.customerList;
			this.stage = 'done';
			this.focusDashboard = true;
			this.warnings = [];
			this.message = l
				? t('imp.listJoined', { name, customers: l.customers, dataset: isolate(res.dataset.name), potential: l.potential, skipped: l.rowsRejected })
				: t('imp.listJoinedPlain', { name, dataset: isolate(res.dataset.name) });
			this.#file = null;
			await this.refreshDatasets();
			await this.open(res.dataset.id);
		} else if (res.kind === 'rejected') {
			this.message = workerText(res);
			this.stage = 'mapping';
		} else this.#fail(workerText(res));
	}

	/** The skipped and flagged records of a stored dataset's import. */
	async importReport(datasetId: string): Promise<ReportEntry[]> {
		return api.importReport(datasetId);
	}

	/** The value the user chose for a question so far (to check the radio button). */
	answered(q: Question): string | undefined {
		const o = this.options;
		if (q.kind === 'date_order') return o.dateOrder;
		if (q.kind === 'decimal') return o.decimal;
		if (q.kind === 'header') return o.headerLine === undefined ? undefined : o.headerLine === null ? 'no-header' : 'header';
		if (q.kind === 'encoding') return o.encoding;
		return undefined;
	}

	async startImport(allowSameFile = false): Promise<void> {
		const file = this.#file;
		if (!file) return;
		this.sameFile = null;
		const seq = ++this.#importSeq;
		const name = this.fileName;
		if (this.options.fileKind === 'customers') {
			this.stage = 'importing';
			this.progress = 0;
			try {
				await this.#importCustomerList(file, name, seq);
			} catch (e) {
				if (seq === this.#importSeq) this.#fail(t('imp.listFailed', { name, error: errorText(e) }));
			}
			return;
		}
		this.stage = 'importing';
		this.progress = 0;
		this.progressPhase = 'reading';
		const onProgress = proxy((p: ImportProgress) => {
			if (seq !== this.#importSeq) return;
			this.progressPhase = p.phase;
			const f = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
			// never backwards: the end of reading creeps into the storing share before the first write lands
			this.progress = Math.max(this.progress, p.phase === 'reading' ? f * READ_SHARE : READ_SHARE + f * (1 - READ_SHARE));
		});
		try {
			const res = await api.importFile(
				{
					file,
					name,
					mapping: $state.snapshot(this.mapping),
					options: $state.snapshot(this.options),
					allowSameFile,
					appendTo: this.appendTo ?? undefined
				},
				onProgress
			);
			if (seq !== this.#importSeq) return;
			if (res.kind === 'imported') {
				this.stage = 'done';
				this.focusDashboard = true;
				this.warnings = res.dataset.facts.warnings;
				if (res.duplicateOrders !== undefined) {
					const added = res.dataset.files.at(-1)?.rowsImported ?? 0;
					this.message = t('imp.added', { name, added, dataset: isolate(res.dataset.name), duplicates: res.duplicateOrders ?? 0 });
				} else
					this.message = t('imp.imported', { name, rows: res.dataset.rows, skipped: res.dataset.facts.rows_rejected });
				this.appendTo = null;
				this.#file = null;
				await this.refreshDatasets();
				await this.open(res.dataset.id);
			} else if (res.kind === 'needs-answer') {
				this.questions = [res.question];
				this.mustAnswer = true;
				this.message = t('imp.question', { name });
				this.stage = 'mapping';
			} else if (res.kind === 'same-file') {
				this.sameFile = res.existing;
				this.message = null;
				this.stage = 'mapping';
			} else if (res.kind === 'cancelled') {
				this.stage = 'idle';
				this.message = t('imp.cancelled', { name: isolate(name) });
				this.#file = null;
			} else if (res.kind === 'rejected' && this.appendTo) {
				// The file does not fit the dataset: stay in the preview, so it can go to a new dataset instead.
				this.message = workerText(res);
				this.stage = 'mapping';
			} else {
				this.#fail(workerText(res));
			}
		} catch (e) {
			if (seq !== this.#importSeq) return;
			this.#fail(t('imp.failed', { name, error: errorText(e) }));
		}
		// The worker side holds a Comlink proxy of onProgress; dropping our reference lets Comlink's
		// finalizer release the port once the worker lets go of it.
	}

	async cancelImport(): Promise<void> {
		await api.cancelImport();
	}

	/** Leave the mapping step without importing. */
	reset(): void {
		this.#previewSeq++;
		this.#file = null;
		this.preview = null;
		this.questions = [];
		this.mustAnswer = false;
		this.sameFile = null;
		this.stage = 'idle';
		this.message = null;
	}

	#fail(message: string): void {
		this.stage = 'error';
		this.message = message;
	}
}

export const app = new AppState();
