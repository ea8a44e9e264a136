/**
 * The screen in the URL hash (issue 6): `#view=cohorts&ds=…&g=quarter&w=1&asof=2011-06-30&m=ltv&bd=location&from=…&to=…&f.location=United+Kingdom`.
 * A bookmark or reload restores the same screen. The old form `#cohorts` (a bare view name) still reads.
 * Pure functions: parse and write; the rune modules apply them.
 */
import { COHORT_METRICS, type CohortMetric } from '../core/cohort-metrics';
import { parseIsoDay, toIsoDate } from '../core/calendar';
import { normaliseFilter, type DimensionFilter, type OrderFilter } from '../core/filter';
import { DEFAULT_WINDOW, type AnalysisSettings, type Day, type Granularity } from '../core/types';

const GRANULARITIES: readonly Granularity[] = ['week', 'month', 'quarter', 'year'];

export interface HashState {
	view?: string;
	ds?: string;
	granularity?: Granularity;
	window?: number;
	/** null = the as-of date is written as absent ("latest"). */
	asOf?: Day | null;
	metric?: CohortMetric;
	/** Breakdown dimension name. */
	breakdown?: string;
	filter?: OrderFilter;
}

/** Read the hash (with or without `#`). Unknown or malformed values are left out, never guessed. */
export function parseHash(hash: string): HashState {
	const text = hash.replace(/^#/, '');
	if (text === '') return {};
	if (!text.includes('=')) return { view: decodeURIComponent(text) };
	const p = new URLSearchParams(text);
	const out: HashState = {};
	const view = p.get('view');
	if (view) out.view = view;
	const ds = p.get('ds');
	if (ds) out.ds = ds;
	const g = p.get('g');
	if (g && (GRANULARITIES as readonly string[]).includes(g)) out.granularity = g as Granularity;
	const w = Number(p.get('w'));
	if (p.has('w') && Number.isInteger(w) && w >= 1) out.window = w;
	const asof = p.get('asof');
	if (asof !== null) {
		const d = parseIsoDay(asof);
		if (d !== null) out.asOf = d;
	}
	const m = p.get('m');
	if (m && (COHORT_METRICS as readonly string[]).includes(m)) out.metric = m as CohortMetric;
	const bd = p.get('bd');
	if (bd) out.breakdown = bd;
	const from = p.get('from') ? parseIsoDay(p.get('from')!) : null;
	const to = p.get('to') ? parseIsoDay(p.get('to')!) : null;
	const dims: DimensionFilter[] = [];
	for (const key of new Set(p.keys())) {
		if (!key.startsWith('f.') || key.length < 3) continue;
		const values = p.getAll(key).filter((v) => v !== '');
		if (values.length) dims.push({ dimension: key.slice(2), values });
	}
	if (from !== null || to !== null || dims.length) out.filter = { from, to, dims };
	return out;
}

/** Write the state as a hash (with `#`); fields left undefined are not written. */
export function writeHash(s: HashState): string {
	const p = new URLSearchParams();
	if (s.view) p.set('view', s.view);
	if (s.ds) p.set('ds', s.ds);
	if (s.granularity) p.set('g', s.granularity);
	if (s.window !== undefined) p.set('w', String(s.window));
	if (s.asOf != null) p.set('asof', toIsoDate(s.asOf));
	if (s.metric) p.set('m', s.metric);
	if (s.breakdown) p.set('bd', s.breakdown);
	if (s.filter) {
		if (s.filter.from !== null) p.set('from', toIsoDate(s.filter.from));
		if (s.filter.to !== null) p.set('to', toIsoDate(s.filter.to));
		for (const d of s.filter.dims) for (const v of d.values) p.append(`f.${d.dimension}`, v);
	}
	return `#${p.toString()}`;
}

/**
 * The analysis settings a hash asks for, on top of `base` (the dataset's stored settings at load, the
 * settings on screen on a later hash change). A granularity brings its default window unless the hash
 * names one. A hash that names the dataset describes the whole screen, so no `asof` there means the
 * latest date; a hash without a dataset keeps the base's as-of date.
 */
export function settingsFromHash(base: AnalysisSettings, h: HashState): AnalysisSettings {
	const out = { ...base };
	if (h.granularity) {
		out.granularity = h.granularity;
		out.window = DEFAULT_WINDOW[h.granularity];
	}
	if (h.window !== undefined) out.window = h.window;
	if ('asOf' in h) out.asOf = h.asOf ?? null;
	else if (h.ds) out.asOf = null;
	return out;
}

/** Same periods, window, calendar and as-of date: nothing to recompute. */
export function sameSettings(a: AnalysisSettings, b: AnalysisSettings): boolean {
	return a.granularity === b.granularity && a.window === b.window && a.asOf === b.asOf && a.calendar === b.calendar;
}

/** Same rows kept (filters compared in their canonical form). */
export function sameFilter(a: OrderFilter | null | undefined, b: OrderFilter | null | undefined): boolean {
	return JSON.stringify(normaliseFilter(a)) === JSON.stringify(normaliseFilter(b));
}
