/**
 * Revenue concentration in detail (METRICS.md §5) and the RFM grid (§6): the sums behind top20_share and
 * the Gini coefficient (so a card can show them plugged into the formula), a sampled Lorenz curve, and
 * the 5 × 5 R × F grid of customer counts and revenue.
 */
import { rfmSegment } from './segments';
import { sortedFloat64 } from './sort';

/** The terms of METRICS.md §5's concentration formulas for one list of customer revenues. */
export interface ConcentrationDetail {
	/** Customers. */
	n: number;
	/** Σ revenue, as written (negatives included): the top-20 % denominator. */
	total: number;
	/** ⌈n/5⌉: the customers counted as the top 20 %. */
	topCount: number;
	/** Revenue of the topCount customers with the highest revenue. */
	topRevenue: number;
	/** Σ xᵢ with negatives as 0 (the Gini denominator's sum). */
	sumX: number;
	/** Σ i·xᵢ, x sorted ascending, i from 1. */
	sumIX: number;
	top20: number | null;
	gini: number | null;
	/** Lorenz curve: cumulative share of customers (poorest first) → cumulative share of revenue (negatives as 0), 0…1. */
	lorenz: { customers: number; revenue: number }[];
}

/** Largest number of points the Lorenz curve is sampled to (ends included). */
export const LORENZ_MAX_POINTS = 200;

/**
 * Concentration terms of METRICS.md §5 and a Lorenz curve sampled to at most `maxPoints` points
 * (always (0, 0) and (1, 1) when there is positive revenue; evenly spaced customer counts between).
 */
export function computeConcentration(revenues: ArrayLike<number>, maxPoints = LORENZ_MAX_POINTS): ConcentrationDetail {
	const n = revenues.length;
	const sorted = sortedFloat64(revenues);
	let total = 0;
	for (let i = 0; i < n; i++) total += sorted[i];
	const topCount = Math.ceil(n / 5);
	let topRevenue = 0;
	for (let i = n - 1; i >= n - topCount; i--) topRevenue += sorted[i];
	// Cumulative revenue (negatives as 0) after the first j customers, j = 0…n.
	const cum = new Float64Array(n + 1);
	let sumIX = 0;
	for (let i = 0; i < n; i++) {
		const x = Math.max(0, sorted[i]);
		cum[i + 1] = cum[i] + x;
		sumIX += (i + 1) * x;
	}
	const sumX = cum[n];
	const lorenz: { customers: number; revenue: number }[] = [];
	if (n > 0 && sumX > 0) {
		const points = Math.max(2, Math.min(maxPoints, n + 1));
		let prev = -1;
		for (let s = 0; s < points; s++) {
			const j = Math.round((s * n) / (points - 1));
			if (j === prev) continue;
			prev = j;
			lorenz.push({ customers: j / n, revenue: cum[j] / sumX });
		}
	}
	return {
		n,
		total,
		topCount,
		topRevenue,
		sumX,
		sumIX,
		top20: n === 0 || total === 0 ? null : (topRevenue / total) * 100,
		gini: sumX === 0 ? null : (2 * sumIX) / (n * sumX) - (n + 1) / n,
		lorenz
	};
}

/** One cell of the R × F grid (METRICS.md §6): scores 1–5, its named segment, customers and net revenue. */
export interface RfmGridCell {
	r: number;
	f: number;
	segment: string;
	customers: number;
	/** null without amounts. */
	revenue: number | null;
}

/** The 25 cells of the R × F grid, R from 5 down to 1, F from 1 up to 5 (the order METRICS.md's table reads). */
export function computeRfmGrid(
	customers: readonly { r_score: number; f_score: number; revenue: number | null }[],
	hasAmount = customers.some((c) => c.revenue !== null)
): RfmGridCell[] {
	const count = new Int32Array(25);
	const revenue = new Float64Array(25);
	for (const c of customers) {
		const at = (c.r_score - 1) * 5 + (c.f_score - 1);
		if (at < 0 || at >= 25) continue;
		count[at]++;
		revenue[at] += c.revenue ?? 0;
	}
	const out: RfmGridCell[] = [];
	for (let r = 5; r >= 1; r--) {
		for (let f = 1; f <= 5; f++) {
			const at = (r - 1) * 5 + (f - 1);
			out.push({ r, f, segment: rfmSegment(r, f), customers: count[at], revenue: hasAmount ? revenue[at] : null });
		}
	}
	return out;
}
