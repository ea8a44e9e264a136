/**
 * The cohort metrics of METRICS.md §4 as one switchable value per cell, and their average curves over
 * the complete cells (the partial last period is left out, as for the retention curve).
 */
import type { CohortCell } from './types';

/**
 * retention / rolling: shares of the cohort (0…1); revenue_retention: revenue of period c+k ÷ revenue
 * of c at k = 0 (1 = as much as in the first period); revenue: net revenue; ltv: cumulative revenue per customer.
 */
export type CohortMetric = 'retention' | 'rolling' | 'revenue_retention' | 'revenue' | 'ltv';

export const COHORT_METRICS: readonly CohortMetric[] = ['retention', 'rolling', 'revenue_retention', 'revenue', 'ltv'];

/** Metrics that need amounts. */
export function isMoneyMetric(m: CohortMetric): boolean {
	return m === 'revenue_retention' || m === 'revenue' || m === 'ltv';
}

/** Each cell's value of `metric`, parallel to `cells`; null where undefined (no amounts, or a 0 first-period revenue). */
export function cohortValues(cells: readonly CohortCell[], metric: CohortMetric): (number | null)[] {
	if (metric === 'retention') return cells.map((c) => c.retention);
	if (metric === 'rolling') return cells.map((c) => c.rolling);
	if (metric === 'revenue') return cells.map((c) => c.revenue);
	if (metric === 'ltv') return cells.map((c) => c.ltv);
	const first = new Map<string, number | null>();
	for (const c of cells) if (c.offset === 0) first.set(c.cohort, c.revenue);
	return cells.map((c) => {
		const base = first.get(c.cohort);
		return c.revenue === null || base == null || base === 0 ? null : c.revenue / base;
	});
}

export interface MetricCurvePoint {
	offset: number;
	/** Complete cells at this offset. */
	cohorts: number;
	value: number | null;
}

/**
 * The average curve of `metric` over complete cells: retention and rolling = Σ customers ÷ Σ size;
 * revenue_retention = Σ revenue at k ÷ Σ revenue at 0 of the same cohorts; revenue = Σ revenue ÷ Σ size
 * (revenue per cohort customer); ltv = Σ cumulative revenue ÷ Σ size.
 */
export function cohortCurve(cells: readonly CohortCell[], metric: CohortMetric): MetricCurvePoint[] {
	const first = new Map<string, number | null>();
	let maxOffset = -1;
	for (const c of cells) {
		if (c.offset === 0) first.set(c.cohort, c.revenue);
		if (c.offset > maxOffset) maxOffset = c.offset;
	}
	const num = new Float64Array(maxOffset + 1);
	const den = new Float64Array(maxOffset + 1);
	const cohorts = new Int32Array(maxOffset + 1);
	const defined = new Uint8Array(maxOffset + 1);
	for (const c of cells) {
		if (c.partial) continue;
		const k = c.offset;
		cohorts[k]++;
		if (metric === 'retention') {
			num[k] += c.retained;
			den[k] += c.size;
		} else if (metric === 'rolling') {
			num[k] += Math.round(c.rolling * c.size);
			den[k] += c.size;
		} else if (metric === 'revenue_retention') {
			const base = first.get(c.cohort);
			if (c.revenue === null || base == null) continue;
			num[k] += c.revenue;
			den[k] += base;
		} else {
			const v = metric === 'revenue' ? c.revenue : c.ltv === null ? null : c.ltv * c.size;
			if (v === null) continue;
			num[k] += v;
			den[k] += c.size;
		}
		defined[k] = 1;
	}
	return Array.from({ length: maxOffset + 1 }, (_, k) => ({
		offset: k,
		cohorts: cohorts[k],
		value: defined[k] && den[k] !== 0 ? num[k] / den[k] : null
	}));
}
