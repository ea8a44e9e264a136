/** RFM scores, named RFM segments, customer types and the segment table of METRICS.md §6. */
import type { CustomerFigures } from './customers';
import type { Facts } from './facts';
import { FLAG_RETURN, type DimensionColumn, type OrderData, type SegmentRow } from './types';
import { sortedFloat64 } from './sort';

/**
 * Scores 1–5 of METRICS.md §6: sort so that better is later; a customer's score is 1 + ⌊5·i/n⌋ with i
 * the 0-based position of the first customer with an equal value (ties share the lower score), i.e.
 * i = the number of customers with a smaller value. `values` must already be oriented so that larger
 * is better (and rounded where ties are wanted). Small-range integers (days, purchases, cents of a
 * small base) are counted in a histogram; other values are ranked in a sorted copy.
 */
export function scores(values: ArrayLike<number>): Uint8Array {
	const n = values.length;
	const out = new Uint8Array(n);
	if (n === 0) return out;
	let min = Infinity;
	let max = -Infinity;
	let integers = true;
	for (let i = 0; i < n; i++) {
		const v = values[i];
		if (v < min) min = v;
		if (v > max) max = v;
		if (!Number.isInteger(v)) integers = false;
	}
	if (!Number.isFinite(min) || !Number.isFinite(max)) {
		// NaN or ±Infinity among the values: the comparator sort, as first written.
		const order = Array.from({ length: n }, (_, i) => i);
		order.sort((a, b) => values[a] - values[b]);
		let runStart = 0;
		for (let i = 0; i < n; i++) {
			if (i > 0 && values[order[i]] !== values[order[i - 1]]) runStart = i;
			out[order[i]] = 1 + Math.floor((5 * runStart) / n);
		}
		return out;
	}
	if (integers && max - min < Math.max(4 * n, 1 << 16)) {
		// below[v − min] = customers with a value < v.
		const span = max - min + 1;
		const below = new Int32Array(span + 1);
		for (let i = 0; i < n; i++) below[values[i] - min + 1]++;
		for (let v = 1; v <= span; v++) below[v] += below[v - 1];
		const score = new Uint8Array(span);
		for (let v = 0; v < span; v++) score[v] = 1 + Math.floor((5 * below[v]) / n);
		for (let i = 0; i < n; i++) out[i] = score[values[i] - min];
		return out;
	}
	// Score ≥ s exactly when at least q = ⌈(s−1)·n/5⌉ values are smaller, i.e. when v exceeds the
	// q-th smallest value (sorted position q − 1); so four order statistics give every score.
	const sorted = sortedFloat64(values);
	const t2 = sorted[Math.ceil(n / 5) - 1];
	const t3 = sorted[Math.ceil((2 * n) / 5) - 1];
	const t4 = sorted[Math.ceil((3 * n) / 5) - 1];
	const t5 = sorted[Math.ceil((4 * n) / 5) - 1];
	for (let i = 0; i < n; i++) {
		const v = values[i];
		out[i] = 1 + (v > t2 ? 1 : 0) + (v > t3 ? 1 : 0) + (v > t4 ? 1 : 0) + (v > t5 ? 1 : 0);
	}
	return out;
}

/**
 * M scores (scores of mVal = round(100 · revenue)) from the revenues sorted ascending: rounding to the
 * cent never reverses an order, so the q-th smallest mVal is the rounded q-th smallest revenue and the
 * four order statistics of `scores` come straight from `sortedRevenue`. Not finite values: `scores`.
 */
function mScores(mVal: Float64Array, sortedRevenue: Float64Array): Uint8Array {
	const n = mVal.length;
	if (n === 0 || sortedRevenue.length !== n || !Number.isFinite(sortedRevenue[0] * 100) || !Number.isFinite(sortedRevenue[n - 1] * 100)) return scores(mVal);
	const t2 = Math.round(sortedRevenue[Math.ceil(n / 5) - 1] * 100);
	const t3 = Math.round(sortedRevenue[Math.ceil((2 * n) / 5) - 1] * 100);
	const t4 = Math.round(sortedRevenue[Math.ceil((3 * n) / 5) - 1] * 100);
	const t5 = Math.round(sortedRevenue[Math.ceil((4 * n) / 5) - 1] * 100);
	const out = new Uint8Array(n);
	for (let i = 0; i < n; i++) {
		const v = mVal[i];
		out[i] = 1 + (v > t2 ? 1 : 0) + (v > t3 ? 1 : 0) + (v > t4 ? 1 : 0) + (v > t5 ? 1 : 0);
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
	types: TypeSettings = DEFAULT_TYPES,
	/** facts.revenue sorted ascending (sortedFloat64), when the caller has it: the M scores need no sort of their own. */
	sortedRevenue?: Float64Array
): SegmentResult {
	const { n } = facts;
	const obsEnd = facts.obsEnd ?? 0;
	const rVal = new Float64Array(n);
	const fVal = new Float64Array(n);
	const mVal = new Float64Array(n);
	const { last, orders, first, frequency, discounted } = fig;
	const { revenue } = facts;
	for (let k = 0; k < n; k++) {
		rVal[k] = -(obsEnd - last[k]); // fewer days since the last purchase is better
		fVal[k] = orders[k];
		mVal[k] = Math.round(revenue[k] * 100); // compared rounded to the cent
	}
	const r = scores(rVal);
	const f = scores(fVal);
	const m = facts.hasAmount ? (sortedRevenue ? mScores(mVal, sortedRevenue) : scores(mVal)) : null;
	const W = Math.max(1, Math.floor(window));
	const newPeriods = types.newPeriods ?? W;
	const rfmOf = new Uint8Array(n);
	const typeOf = new Uint8Array(n);
	const { loyalMinDays, loyalMinFrequency, dealShare } = types;
	for (let k = 0; k < n; k++) {
		rfmOf[k] = RFM_INDEX[(r[k] - 1) * 5 + f[k] - 1];
		const active = lastPer[k] >= lastPeriod - W + 1;
		let t = TYPE_REGULAR;
		if (cohort[k] >= lastPeriod - newPeriods + 1) t = TYPE_NEW;
		else if (active && obsEnd - first[k] >= loyalMinDays && frequency[k] >= loyalMinFrequency) t = TYPE_LOYAL;
		else if (discounted[k] > 0 && discounted[k] >= dealShare * orders[k]) t = TYPE_DEAL;
		else if (orders[k] === 1 && !active) t = TYPE_ONE_TIME;
		typeOf[k] = t;
	}
	const rfm: string[] = new Array(n);
	const type: string[] = new Array(n);
	for (let k = 0; k < n; k++) {
		rfm[k] = RFM_SEGMENTS[rfmOf[k]];
		type[k] = CUSTOMER_TYPES[typeOf[k]];
	}
	const rows = [...segmentRows('rfm', RFM_SEGMENTS, rfmOf, facts), ...segmentRows('type', CUSTOMER_TYPES, typeOf, facts)];
	return { r, f, m, rfm, type, rows };
}

/** Index in RFM_SEGMENTS of the segment of each (R, F), at (R − 1)·5 + F − 1. */
const RFM_INDEX = Uint8Array.from({ length: 25 }, (_, i) => RFM_SEGMENTS.indexOf(rfmSegment(1 + Math.floor(i / 5), 1 + (i % 5)) as (typeof RFM_SEGMENTS)[number]));
const TYPE_NEW = CUSTOMER_TYPES.indexOf('new');
const TYPE_LOYAL = CUSTOMER_TYPES.indexOf('loyal');
const TYPE_DEAL = CUSTOMER_TYPES.indexOf('deal-seeker');
const TYPE_ONE_TIME = CUSTOMER_TYPES.indexOf('one-time');
const TYPE_REGULAR = CUSTOMER_TYPES.indexOf('regular');

/** Customers and revenue per name (`of[k]` = index in `names`), in customer order as sums are added. */
function segmentRows(kind: 'rfm' | 'type', names: readonly string[], of: Uint8Array, facts: Facts): SegmentRow[] {
	const count = new Int32Array(names.length);
	const revenue = new Float64Array(names.length);
	let total = 0;
	const custRevenue = facts.revenue;
	for (let k = 0; k < facts.n; k++) {
		count[of[k]]++;
		revenue[of[k]] += custRevenue[k];
		total += custRevenue[k];
	}
	return names.map((segment, i) => {
		const rev = facts.hasAmount ? revenue[i] : null;
		return {
			kind,
			segment,
			customers: count[i],
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
