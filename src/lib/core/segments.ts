/** RFM scores, named RFM segments, customer types and the segment table of METRICS.md §6. */
import type { CustomerFigures } from './customers';
import type { Facts } from './facts';
import { FLAG_RETURN, type DimensionColumn, type OrderData, type SegmentRow } from './types';

/**
 * Scores 1–5 of METRICS.md §6: sort so that better is later; a customer's score is 1 + ⌊5·i/n⌋ with i
 * the 0-based position of the first customer with an equal value (ties share the lower score).
 * `values` must already be oriented so that larger is better (and rounded where ties are wanted).
 */
export function scores(values: ArrayLike<number>): Uint8Array {
	const n = values.length;
	const out = new Uint8Array(n);
	if (n === 0) return out;
	const order = Array.from({ length: n }, (_, i) => i);
	order.sort((a, b) => values[a] - values[b]);
	let runStart = 0;
	for (let i = 0; i < n; i++) {
		if (i > 0 && values[order[i]] !== values[order[i - 1]]) runStart = i;
		out[order[i]] = 1 + Math.floor((5 * runStart) / n);
	}
	return out;
}

/** The named segment of an (R, F) score pair (METRICS.md §6 table). */
export function rfmSegment(r: number, f: number): string {
	if (r >= 4 && f === 1) return r === 5 ? 'new' : 'promising';
	if (r >= 4 && f <= 3) return 'potential loyalist';
	if (r === 5) return 'champions';
	if (r >= 3 && f >= 4) return 'loyal';
	if (r === 3) return f === 3 ? 'need attention' : 'about to sleep';
	// r = 1 or 2
	return f <= 2 ? 'hibernating' : f <= 4 ? 'at risk' : "can't lose";
}

/** The ten named RFM segments in the order the table lists them. */
export const RFM_SEGMENTS = [
	'champions',
	'loyal',
	'potential loyalist',
	'new',
	'promising',
	'need attention',
	'about to sleep',
	'at risk',
	"can't lose",
	'hibernating'
] as const;

/** Customer types in the order they are tried (METRICS.md §6). */
export const CUSTOMER_TYPES = ['new', 'loyal', 'deal-seeker', 'one-time', 'regular'] as const;

/** Thresholds of the customer types (METRICS.md §6 defaults; each is a setting). */
export interface TypeSettings {
	/** new: first purchase within the last `newPeriods` periods; null = the activity window W. */
	newPeriods: number | null;
	/** loyal: first purchase at least this many days before observation end … */
	loyalMinDays: number;
	/** … and frequency at least this. */
	loyalMinFrequency: number;
	/** deal-seeker: at least this share of purchases discounted. */
	dealShare: number;
}

export const DEFAULT_TYPES: TypeSettings = { newPeriods: null, loyalMinDays: 365, loyalMinFrequency: 3, dealShare: 0.5 };

export interface SegmentResult {
	r: Uint8Array;
	f: Uint8Array;
	/** null without amounts. */
	m: Uint8Array | null;
	rfm: string[];
	type: string[];
	rows: SegmentRow[];
}

/**
 * RFM scores and segments, customer types and the segment table (METRICS.md §6).
 * `cohort`/`lastPer` are each customer's first and last purchase periods (relative), `lastPeriod`
 * the last period and `window` W: active = a purchase in one of the last W periods.
 */
export function computeSegments(
	facts: Facts,
	fig: CustomerFigures,
	cohort: ArrayLike<number>,
	lastPer: ArrayLike<number>,
	lastPeriod: number,
	window: number,
	types: TypeSettings = DEFAULT_TYPES
): SegmentResult {
	const { n } = facts;
	const obsEnd = facts.obsEnd ?? 0;
	const rVal = new Float64Array(n);
	const fVal = new Float64Array(n);
	const mVal = new Float64Array(n);
	for (let k = 0; k < n; k++) {
		rVal[k] = -(obsEnd - fig.last[k]); // fewer days since the last purchase is better
		fVal[k] = fig.orders[k];
		mVal[k] = Math.round(facts.revenue[k] * 100); // compared rounded to the cent
	}
	const r = scores(rVal);
	const f = scores(fVal);
	const m = facts.hasAmount ? scores(mVal) : null;
	const W = Math.max(1, Math.floor(window));
	const newPeriods = types.newPeriods ?? W;
	const rfm: string[] = new Array(n);
	const type: string[] = new Array(n);
	for (let k = 0; k < n; k++) {
		rfm[k] = rfmSegment(r[k], f[k]);
		const active = lastPer[k] >= lastPeriod - W + 1;
		let t = 'regular';
		if (cohort[k] >= lastPeriod - newPeriods + 1) t = 'new';
		else if (active && obsEnd - fig.first[k] >= types.loyalMinDays && fig.frequency[k] >= types.loyalMinFrequency) t = 'loyal';
		else if (fig.discounted[k] > 0 && fig.discounted[k] >= types.dealShare * fig.orders[k]) t = 'deal-seeker';
		else if (fig.orders[k] === 1 && !active) t = 'one-time';
		type[k] = t;
	}
	const rows = [
		...segmentRows('rfm', RFM_SEGMENTS, rfm, facts),
		...segmentRows('type', CUSTOMER_TYPES, type, facts)
	];
	return { r, f, m, rfm, type, rows };
}

function segmentRows(kind: 'rfm' | 'type', names: readonly string[], of: string[], facts: Facts): SegmentRow[] {
	const count = new Map<string, number>(names.map((s) => [s, 0]));
	const revenue = new Map<string, number>(names.map((s) => [s, 0]));
	let total = 0;
	for (let k = 0; k < facts.n; k++) {
		count.set(of[k], (count.get(of[k]) ?? 0) + 1);
		revenue.set(of[k], (revenue.get(of[k]) ?? 0) + facts.revenue[k]);
		total += facts.revenue[k];
	}
	return names.map((segment) => {
		const rev = facts.hasAmount ? (revenue.get(segment) ?? 0) : null;
		return {
			kind,
			segment,
			customers: count.get(segment) ?? 0,
			revenue: rev,
			revenue_share: rev === null || total === 0 ? null : (rev / total) * 100
		};
	});
}

/**
 * Breakdown membership (METRICS.md §6): each customer's value of a dimension on their first purchase,
 * the most frequent non-empty value among that order's non-return rows, ties by text order; −1 when
 * the first order has no value. A row without an order id is its own order.
 */
export function firstPurchaseValues(data: OrderData, facts: Facts, dim: DimensionColumn): Int32Array {
	const out = new Int32Array(facts.n).fill(-1);
	const firstOrder = new Int32Array(data.customerIds.length).fill(-1);
	const tally = new Map<number, number>();
	const V = dim.values.length;
	const add = (k: number, code: number) => {
		if (code < 0) return;
		const key = k * V + code;
		tally.set(key, (tally.get(key) ?? 0) + 1);
	};
	for (let k = 0; k < facts.n; k++) {
		const r0 = facts.pRow[facts.pStart[k]];
		if (data.order[r0] < 0) add(k, dim.codes[r0]);
		else firstOrder[data.customer[r0]] = data.order[r0];
	}
	const limit = facts.obsEnd ?? Infinity;
	for (let i = 0; i < data.length; i++) {
		const c = data.customer[i];
		if (c < 0 || firstOrder[c] < 0 || data.order[i] !== firstOrder[c]) continue;
		if (data.flags[i] & FLAG_RETURN || data.day[i] > limit) continue;
		add(facts.custOf[c], dim.codes[i]);
	}
	const best = new Int32Array(facts.n);
	for (const [key, count] of tally) {
		const k = Math.floor(key / V);
		const code = key - k * V;
		const cur = out[k];
		if (cur < 0 || count > best[k] || (count === best[k] && dim.values[code] < dim.values[cur])) {
			out[k] = code;
			best[k] = count;
		}
	}
	return out;
}

/**
 * Customers of an imported customer list without a purchase by the observation end are "potential"
 * (METRICS.md §6): they count in the type segments, never in customers.csv. Adds that row.
 */
export function withPotentialSegment(
	rows: readonly SegmentRow[],
	listIds: readonly string[],
	customers: readonly { customer_id: string }[]
): SegmentRow[] {
	const buyers = new Set(customers.map((c) => c.customer_id));
	let potential = 0;
	for (const id of new Set(listIds)) if (!buyers.has(id)) potential++;
	const money = rows.some((r) => r.revenue !== null);
	return [
		...rows.filter((r) => !(r.kind === 'type' && r.segment === 'potential')),
		{ kind: 'type', segment: 'potential', customers: potential, revenue: money ? 0 : null, revenue_share: money ? 0 : null }
	];
}
