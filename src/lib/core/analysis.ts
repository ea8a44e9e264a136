/** The metrics engine's entry point: OrderData + settings → every table of METRICS.md §3–§6 and the summary keys of §8. */
import { buildTimeline, computePeriods } from './activity';
import { periodScheme, toIsoDate } from './calendar';
import { computeCohorts } from './cohorts';
import { customerFigures, dataSummary, DEFAULT_SHAPE, metricsSummary, type CustomerFigures, type ShapeThresholds } from './customers';
import { buildFacts, subsetFacts, type Facts } from './facts';
import { computePeriodKpis } from './period-kpis';
import { moneyDecimals, roundMoney } from './sum';
import { sortedFloat64 } from './sort';
import { computeSegments, DEFAULT_TYPES, firstPurchaseValues, type SegmentResult, type TypeSettings } from './segments';
import type { Analysis, AnalysisSettings, CohortCell, CurvePoint, CustomerRow, OrderData, PeriodRow } from './types';

/** Thresholds that METRICS.md calls settings but AnalysisSettings does not carry (defaults of §5, §6). */
export interface Thresholds {
	shape: ShapeThresholds;
	types: TypeSettings;
}

export const DEFAULT_THRESHOLDS: Thresholds = { shape: DEFAULT_SHAPE, types: DEFAULT_TYPES };

/** Every table of METRICS.md for one dataset and settings (the worker and the headless report call this). */
export function computeAnalysis(
	data: OrderData,
	settings: AnalysisSettings,
	thresholds: Thresholds = DEFAULT_THRESHOLDS
): Analysis {
	return analyseFacts(data, buildFacts(data, settings.asOf), settings, thresholds);
}

/**
 * computeAnalysis on facts already built for `settings.asOf` (buildFacts is the costly, row-level
 * step; granularity, calendar, W and thresholds only change what follows, so a caller may keep the facts).
 */
export function analyseFacts(
	data: OrderData,
	facts: Facts,
	settings: AnalysisSettings,
	thresholds: Thresholds = DEFAULT_THRESHOLDS
): Analysis {
	const scheme = periodScheme(settings.granularity, settings.calendar);
	const tl = buildTimeline(facts, scheme);
	// Money totals print as the exact decimal sums of the amounts (no 971414.0599999999).
	const decimals = facts.hasAmount ? moneyDecimals(data.amount) : null;
	const periods = roundPeriodMoney(computePeriods(facts, tl, settings.window), decimals);
	const { cells, curve } = computeCohorts(facts, tl);
	roundCohortMoney(cells, decimals);
	const fig = customerFigures(facts);
	const n = facts.n;
	const cohort = new Int32Array(n);
	const lastPer = new Int32Array(n);
	const { cPer, cStart } = tl;
	for (let k = 0; k < n; k++) {
		cohort[k] = cPer[cStart[k]];
		lastPer[k] = cPer[cStart[k + 1] - 1];
	}
	// Sorted once for the M scores and the revenue concentration.
	const sortedRevenue = facts.hasAmount ? sortedFloat64(facts.revenue) : undefined;
	const seg = computeSegments(facts, fig, cohort, lastPer, tl.count - 1, settings.window, thresholds.types, sortedRevenue);
	const customers = customerRows(facts, fig, seg, tl.labels, cohort, decimals);
	const dataSum = dataSummary(data, settings.asOf);
	const metrics = metricsSummary(facts, fig, thresholds.shape, sortedRevenue);
	return {
		settings,
		periods,
		periodKpis: computePeriodKpis(data, facts, tl, decimals),
		cohorts: cells,
		curve,
		customers,
		segments: seg.rows.map((r) => ({ ...r, revenue: roundMoney(r.revenue, decimals) })),
		data: { ...dataSum, revenue: roundMoney(dataSum.revenue, decimals) },
		metrics: { ...metrics, customer_revenue: roundMoney(metrics.customer_revenue, decimals) }
	};
}

/** The customer table (METRICS.md §5, §6), one row per customer; each distinct date's ISO text is made once. */
function customerRows(
	facts: Facts,
	fig: CustomerFigures,
	seg: SegmentResult,
	labels: string[],
	cohort: Int32Array,
	decimals: number | null
): CustomerRow[] {
	const n = facts.n;
	// Columns in locals: this loop runs once per analysis, much of it before V8 optimises it.
	const { ids, revenue, hasAmount } = facts;
	const { orders, first, last, frequency, recency, T, monetary } = fig;
	const { r, f, m, rfm, type } = seg;
	let minDay = Infinity;
	let maxDay = -Infinity;
	for (let k = 0; k < n; k++) {
		if (first[k] < minDay) minDay = first[k];
		if (last[k] > maxDay) maxDay = last[k];
	}
	// Each date's ISO text made once (a span of up to ~90 years of days; longer spans are made per row).
	const span = n === 0 ? 0 : maxDay - minDay + 1;
	const iso: string[] | null = span <= 32768 ? Array.from({ length: span }, (_, d) => toIsoDate(minDay + d)) : null;
	// roundMoney with its factor computed once.
	const factor = decimals === null ? 1 : 10 ** decimals;
	const customers: CustomerRow[] = new Array(n);
	for (let k = 0; k < n; k++) {
		const x = revenue[k];
		customers[k] = {
			customer_id: ids[k],
			orders: orders[k],
			first_purchase: iso ? iso[first[k] - minDay] : toIsoDate(first[k]),
			last_purchase: iso ? iso[last[k] - minDay] : toIsoDate(last[k]),
			revenue: hasAmount ? (decimals === null || !Number.isFinite(x) ? x : Math.round(x * factor) / factor) : null,
			frequency: frequency[k],
			recency: recency[k],
			T: T[k],
			monetary_value: hasAmount ? monetary[k] : null,
			r_score: r[k],
			f_score: f[k],
			m_score: m ? m[k] : null,
			rfm_segment: rfm[k],
			type: type[k],
			cohort: labels[cohort[k]]
		};
	}
	return customers;
}

function roundPeriodMoney(rows: PeriodRow[], decimals: number | null): PeriodRow[] {
	if (decimals !== null) for (const r of rows) r.revenue = roundMoney(r.revenue, decimals);
	return rows;
}

function roundCohortMoney(cells: CohortCell[], decimals: number | null): void {
	if (decimals !== null) for (const c of cells) c.revenue = roundMoney(c.revenue, decimals);
}

/** Only the period table (METRICS.md §3), e.g. for a quick dashboard refresh when W or granularity changes. */
export function computePeriodTable(data: OrderData, settings: AnalysisSettings): PeriodRow[] {
	const facts = buildFacts(data, settings.asOf);
	return computePeriods(facts, buildTimeline(facts, periodScheme(settings.granularity, settings.calendar)), settings.window);
}

/** One value of a breakdown (METRICS.md §6): the period and cohort tables of its customers only. */
export interface BreakdownGroup {
	value: string;
	customers: number;
	periods: PeriodRow[];
	cohorts: CohortCell[];
	curve: CurvePoint[];
}

/** Label of the group that gathers the values outside the top N (and customers without a value). */
export const OTHER_VALUE = '(other)';

/**
 * Breakdown by dimension `dims[dimIndex]` (METRICS.md §6): customers belong to the value of their first
 * purchase; the top `top` values by customers (ties by text order) each get the period and cohort
 * tables computed on their customers alone (same observation end), the rest go to `(other)`.
 */
export function computeBreakdown(data: OrderData, settings: AnalysisSettings, dimIndex: number, top = 12): BreakdownGroup[] {
	const dim = data.dims[dimIndex];
	if (!dim) return [];
	const facts = buildFacts(data, settings.asOf);
	const value = firstPurchaseValues(data, facts, dim);
	const count = new Map<number, number>();
	for (let k = 0; k < facts.n; k++) if (value[k] >= 0) count.set(value[k], (count.get(value[k]) ?? 0) + 1);
	const ranked = [...count.entries()].sort((a, b) => b[1] - a[1] || (dim.values[a[0]] < dim.values[b[0]] ? -1 : 1));
	const chosen = ranked.slice(0, Math.max(0, top));
	const group = new Int32Array(facts.n).fill(chosen.length);
	chosen.forEach(([code], g) => {
		for (let k = 0; k < facts.n; k++) if (value[k] === code) group[k] = g;
	});
	const scheme = periodScheme(settings.granularity, settings.calendar);
	const decimals = facts.hasAmount ? moneyDecimals(data.amount) : null;
	const out: BreakdownGroup[] = [];
	for (let g = 0; g <= chosen.length; g++) {
		const keep = new Uint8Array(facts.n);
		let members = 0;
		for (let k = 0; k < facts.n; k++) {
			if (group[k] !== g) continue;
			keep[k] = 1;
			members++;
		}
		if (members === 0) continue;
		const sub = subsetFacts(facts, keep);
		const tl = buildTimeline(sub, scheme);
		const { cells, curve } = computeCohorts(sub, tl);
		roundCohortMoney(cells, decimals);
		out.push({
			value: g < chosen.length ? dim.values[chosen[g][0]] : OTHER_VALUE,
			customers: members,
			periods: roundPeriodMoney(computePeriods(sub, tl, settings.window), decimals),
			cohorts: cells,
			curve
		});
	}
	return out;
}
