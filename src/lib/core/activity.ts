/** The period table of METRICS.md §3 (start, end, new, lost, reactivated, customer base, CRR, churn) and the period timeline it shares with the cohorts. */
import { periodTable, type PeriodScheme } from './calendar';
import type { Facts } from './facts';
import type { PeriodRow } from './types';
import { compensatedTotals } from './sum';

/** CRR = (E − N) ÷ S × 100 (METRICS.md §3, DOMAIN.md); null when S = 0. */
export function crr(start: number, end: number, added: number): number | null {
	return start === 0 ? null : ((end - added) / start) * 100;
}

/** Naive churn = lost ÷ S × 100 (METRICS.md §3); null when S = 0. */
export function churnNaive(start: number, lost: number): number | null {
	return start === 0 ? null : (lost / start) * 100;
}

/** Adjusted churn = lost ÷ (S + N/2) × 100, the article's DM·[CC/((EC·DM)+(NC·½·DM))]·100 (METRICS.md §3); null when S + N/2 = 0. */
export function churnAdjusted(start: number, lost: number, added: number): number | null {
	const d = start + added / 2;
	return d === 0 ? null : (lost / d) * 100;
}

/** Naive retention = 100 − naive churn (METRICS.md §3); null when S = 0. */
export function retentionNaive(start: number, lost: number): number | null {
	const c = churnNaive(start, lost);
	return c === null ? null : 100 - c;
}

/**
 * The periods of a dataset (METRICS.md §2) and every customer's purchases placed in them. Period
 * numbers are relative: 0 = the period of the first purchase, last = the period of observation end.
 */
export interface Timeline {
	scheme: PeriodScheme;
	/** Absolute index (scheme.index) of relative period 0. */
	first: number;
	/** Number of periods (0 when there are no customers). */
	count: number;
	labels: string[];
	/** The last period is partial unless observation end is its last day (METRICS.md §2). */
	lastPartial: boolean;
	/** Relative period of each purchase (parallel to Facts.pDay). */
	pPer: Int32Array;
	/** Per customer, the sorted distinct purchase periods: customer c owns cPer[cStart[c]] … cPer[cStart[c+1]−1]. */
	cStart: Int32Array;
	cPer: Int32Array;
	/** Relative period of each customer row (parallel to Facts.rDay); −1 before period 0. */
	rPer: Int32Array;
}

export function buildTimeline(facts: Facts, scheme: PeriodScheme): Timeline {
	const { n, pStart, pDay, rDay } = facts;
	const empty: Timeline = {
		scheme,
		first: 0,
		count: 0,
		labels: [],
		lastPartial: false,
		pPer: new Int32Array(0),
		cStart: new Int32Array(n + 1),
		cPer: new Int32Array(0),
		rPer: new Int32Array(rDay.length).fill(-1)
	};
	if (n === 0 || facts.obsEnd === null) return empty;
	let firstDay = Infinity;
	for (let k = 0; k < n; k++) if (pDay[pStart[k]] < firstDay) firstDay = pDay[pStart[k]];
	let minDay = firstDay;
	for (let i = 0; i < rDay.length; i++) if (rDay[i] < minDay) minDay = rDay[i];
	const obsEnd = facts.obsEnd;
	// Every purchase and row is dated in [minDay, obsEnd]: one table look-up each when the range allows.
	const table = periodTable(scheme, minDay, obsEnd);
	const idx = table ? (d: number) => (d >= minDay && d <= obsEnd ? table[d - minDay] : scheme.index(d)) : (d: number) => scheme.index(d);
	const first = idx(firstDay);
	const lastAbs = idx(obsEnd);
	const count = lastAbs - first + 1;
	const labels: string[] = new Array(count);
	for (let p = 0; p < count; p++) labels[p] = scheme.label(first + p);

	const pPer = new Int32Array(pDay.length);
	relativePeriods(pDay, pPer, table, minDay, first, idx);
	const cStart = new Int32Array(n + 1);
	const cPerTmp = new Int32Array(pDay.length);
	let m = 0;
	for (let k = 0; k < n; k++) {
		cStart[k] = m;
		let prev = -1;
		for (let i = pStart[k]; i < pStart[k + 1]; i++) {
			const p = pPer[i];
			if (p !== prev) cPerTmp[m++] = p;
			prev = p;
		}
	}
	cStart[n] = m;
	const rPer = new Int32Array(rDay.length);
	relativePeriods(rDay, rPer, table, minDay, first, idx);
	return {
		scheme,
		first,
		count,
		labels,
		lastPartial: scheme.lastDay(lastAbs) !== obsEnd,
		pPer,
		cStart,
		cPer: cPerTmp.subarray(0, m),
		rPer
	};
}

/**
 * out[i] = period of days[i] − first (−1 for any day before period 0), by `table` (days from minDay)
 * when there is one, else by `idx`.
 */
function relativePeriods(days: Int32Array, out: Int32Array, table: Int32Array | null, minDay: number, first: number, idx: (day: number) => number): void {
	if (table) {
		for (let i = 0; i < days.length; i++) {
			const p = table[days[i] - minDay] - first;
			out[i] = p < 0 ? -1 : p;
		}
	} else {
		for (let i = 0; i < days.length; i++) {
			const p = idx(days[i]) - first;
			out[i] = p < 0 ? -1 : p;
		}
	}
}

/**
 * The period table (METRICS.md §3). A customer's activity is the union of the windows
 * [q, q+W−1] of their purchase periods q, clipped to the last period; its merged intervals
 * feed difference arrays: each interval adds 1 to `end` over its span, a `lost` after it
 * ends, and a `reactivated` at its start unless it starts at the first purchase (then `new`).
 */
export function computePeriods(facts: Facts, tl: Timeline, window: number): PeriodRow[] {
	const P = tl.count;
	if (P === 0) return [];
	const W = Math.max(1, Math.floor(window));
	const last = P - 1;
	const endDiff = new Int32Array(P + 1);
	const added = new Int32Array(P);
	const lost = new Int32Array(P + 1);
	const react = new Int32Array(P);
	const { cStart, cPer } = tl;
	for (let k = 0; k < facts.n; k++) {
		const from = cStart[k];
		const to = cStart[k + 1];
		added[cPer[from]]++;
		let a = cPer[from];
		let b = a + W - 1;
		for (let i = from + 1; i <= to; i++) {
			const q = i < to ? cPer[i] : Infinity;
			if (q <= b + 1) {
				b = q + W - 1;
				continue;
			}
			// close the interval [a, b]
			const bb = Math.min(b, last);
			endDiff[a]++;
			endDiff[bb + 1]--;
			if (bb < last) lost[bb + 1]++;
			if (a !== cPer[from]) react[a]++;
			a = q;
			b = q + W - 1;
		}
	}
	const orders = new Int32Array(P);
	const { pPer } = tl;
	for (let i = 0; i < pPer.length; i++) orders[pPer[i]]++;
	const sum = new Float64Array(P);
	const comp = new Float64Array(P);
	const { rPer } = tl;
	const { rAmt } = facts;
	// Sums.add's Neumaier step written out: the loop runs once per analysis, much of it before V8
	// optimises (and inlines) anything, where a call per row is the largest cost.
	for (let i = 0; i < rPer.length; i++) {
		const p = rPer[i];
		if (p < 0) continue;
		const x = rAmt[i];
		const s = sum[p];
		const t = s + x;
		comp[p] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
		sum[p] = t;
	}
	const revenue = compensatedTotals(sum, comp);

	const rows: PeriodRow[] = new Array(P);
	let end = 0;
	let base = 0;
	for (let p = 0; p < P; p++) {
		const start = end;
		end += endDiff[p];
		base += added[p];
		const N = added[p];
		rows[p] = {
			period: tl.labels[p],
			start,
			end,
			new: N,
			lost: lost[p],
			reactivated: react[p],
			customer_base: base,
			crr: crr(start, end, N),
			churn_naive: churnNaive(start, lost[p]),
			churn_adjusted: churnAdjusted(start, lost[p], N),
			retention_naive: retentionNaive(start, lost[p]),
			orders: orders[p],
			revenue: facts.hasAmount ? revenue[p] : null,
			partial: p === last && tl.lastPartial
		};
	}
	return rows;
}
