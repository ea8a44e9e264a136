/**
 * The figures the bench compares between the app (computeAnalysis), DuckDB-WASM and pandas: enough to
 * show the three computed the same period table, cohort matrices and customer figures with RFM.
 */
import type { Analysis } from '../../src/lib/core/types';

export interface Check {
	/** [label, S, E, N, lost, reactivated, orders, revenue rounded to the cent] per period. */
	periods: [string, number, number, number, number, number, number, number][];
	/** Retained customers of the first cohort, by offset. */
	cohort0: number[];
	cells: number;
	sum_retained: number;
	/** Σ over cells of the rolling count (rolling share × size). */
	sum_rolling: number;
	customers: number;
	sum_frequency: number;
	sum_recency: number;
	sum_T: number;
	sum_r: number;
	sum_f: number;
	sum_m: number;
	segments: Record<string, number>;
	types: Record<string, number>;
}

const cents = (x: number | null): number => Math.round((x ?? 0) * 100) / 100;

function countBy(values: string[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const v of values) out[v] = (out[v] ?? 0) + 1;
	return out;
}

export function checkOfAnalysis(a: Analysis): Check {
	const first = a.cohorts.length ? a.cohorts[0].cohort : '';
	const c = a.customers;
	let freq = 0;
	let rec = 0;
	let T = 0;
	let r = 0;
	let f = 0;
	let m = 0;
	for (const x of c) {
		freq += x.frequency;
		rec += x.recency;
		T += x.T;
		r += x.r_score;
		f += x.f_score;
		m += x.m_score ?? 0;
	}
	return {
		periods: a.periods.map((p) => [p.period, p.start, p.end, p.new, p.lost, p.reactivated, p.orders, cents(p.revenue)]),
		cohort0: a.cohorts.filter((x) => x.cohort === first).sort((x, y) => x.offset - y.offset).map((x) => x.retained),
		cells: a.cohorts.length,
		sum_retained: a.cohorts.reduce((s, x) => s + x.retained, 0),
		sum_rolling: a.cohorts.reduce((s, x) => s + Math.round(x.rolling * x.size), 0),
		customers: c.length,
		sum_frequency: freq,
		sum_recency: rec,
		sum_T: T,
		sum_r: r,
		sum_f: f,
		sum_m: m,
		segments: countBy(c.map((x) => x.rfm_segment)),
		types: countBy(c.map((x) => x.type))
	};
}
