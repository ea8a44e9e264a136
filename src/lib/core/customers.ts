/** Customer figures and whole-base metrics of METRICS.md §5, and the data summary keys of §8. */
import { toIsoDate } from './calendar';
import type { Facts } from './facts';
import { FLAG_RETURN, type DataSummary, type Day, type MetricsSummary, type OrderData } from './types';
import { sortedFloat64 } from './sort';

/** Per-customer figures of METRICS.md §5 in typed arrays (customer numbers as in Facts). */
export interface CustomerFigures {
	orders: Int32Array;
	first: Int32Array;
	last: Int32Array;
	/** Distinct purchase days − 1. */
	frequency: Int32Array;
	recency: Int32Array;
	T: Int32Array;
	/** Mean purchase amount over repeat purchase days; 0 when frequency is 0; NaN without amounts. */
	monetary: Float64Array;
	/** Purchases with a discounted row. */
	discounted: Int32Array;
}

/** §5 columns orders, first/last purchase, frequency, recency, T, monetary_value. */
export function customerFigures(facts: Facts): CustomerFigures {
	const { n, pStart, pDay, pAmt, pDisc } = facts;
	const obsEnd = facts.obsEnd ?? 0;
	// Columns in locals: the loop runs once per analysis, much of it before V8 optimises it, where
	// every `f.orders[k]` would be a property look-up.
	const orders = new Int32Array(n);
	const firstDay = new Int32Array(n);
	const lastDay = new Int32Array(n);
	const frequency = new Int32Array(n);
	const recency = new Int32Array(n);
	const T = new Int32Array(n);
	const monetary = new Float64Array(n);
	const discounted = new Int32Array(n);
	const money = facts.hasAmount;
	for (let k = 0; k < n; k++) {
		const from = pStart[k];
		const to = pStart[k + 1];
		const first = pDay[from];
		const last = pDay[to - 1];
		orders[k] = to - from;
		firstDay[k] = first;
		lastDay[k] = last;
		recency[k] = last - first;
		T[k] = obsEnd - first;
		// Repeat purchase days: distinct days after the first; a day's amount is the sum of its purchases.
		let days = 0;
		let sum = 0;
		let disc = 0;
		for (let i = from; i < to; i++) {
			if (pDisc[i]) disc++;
			if (pDay[i] === first) continue;
			if (pDay[i] !== pDay[i - 1]) days++;
			sum += pAmt[i];
		}
		frequency[k] = days;
		monetary[k] = !money ? NaN : days === 0 ? 0 : sum / days;
		discounted[k] = disc;
	}
	const f: CustomerFigures = { orders, first: firstDay, last: lastDay, frequency, recency, T, monetary, discounted };
	return f;
}

/** Thresholds of the base shape (METRICS.md §5, settings): tall when top20_share ≥ tall, broad when ≤ broad. */
export interface ShapeThresholds {
	tall: number;
	broad: number;
}

export const DEFAULT_SHAPE: ShapeThresholds = { tall: 80, broad: 50 };

/** Revenue concentration (METRICS.md §5): share of the top ⌈0.2·n⌉ customers and the Gini coefficient (negatives as 0). */
export function concentration(revenues: ArrayLike<number>, sortedRevenues?: Float64Array): { top20: number | null; gini: number | null } {
	const n = revenues.length;
	if (n === 0) return { top20: null, gini: null };
	// The caller may pass the revenues already sorted ascending (analysis sorts them once for this and the M scores).
	const sorted = sortedRevenues ?? sortedFloat64(revenues);
	let total = 0;
	for (let i = 0; i < n; i++) total += sorted[i];
	// ⌈0.2·n⌉ = ⌈n/5⌉, computed exactly (0.2·n in floating point can land just above an integer).
	const top = Math.ceil(n / 5);
	let topSum = 0;
	for (let i = n - 1; i >= n - top; i--) topSum += sorted[i];
	let sx = 0;
	let six = 0;
	for (let i = 0; i < n; i++) {
		const x = Math.max(0, sorted[i]);
		sx += x;
		six += (i + 1) * x;
	}
	return {
		top20: total === 0 ? null : (topSum / total) * 100,
		gini: sx === 0 ? null : (2 * six) / (n * sx) - (n + 1) / n
	};
}

export function baseShape(top20: number | null, t: ShapeThresholds = DEFAULT_SHAPE): 'broad' | 'balanced' | 'tall' | null {
	if (top20 === null) return null;
	return top20 >= t.tall ? 'tall' : top20 <= t.broad ? 'broad' : 'balanced';
}

/**
 * Count, sum and median (mean of the two middle values when even; null when none) of the gaps between
 * each customer's consecutive distinct purchase days. Gaps are whole days: counted in a histogram
 * when the longest is not far beyond the count, else sorted.
 */
function gapStats(facts: Facts): { count: number; sum: number; median: number | null } {
	const { n, pStart, pDay } = facts;
	let count = 0;
	let sum = 0;
	let max = 0;
	for (let k = 0; k < n; k++) {
		for (let i = pStart[k] + 1; i < pStart[k + 1]; i++) {
			const d = pDay[i] - pDay[i - 1];
			if (d > 0) {
				count++;
				sum += d;
				if (d > max) max = d;
			}
		}
	}
	if (count === 0) return { count, sum, median: null };
	const h = count >> 1;
	if (max <= 4 * count + 65536) {
		const hist = new Int32Array(max + 1);
		for (let k = 0; k < n; k++) {
			for (let i = pStart[k] + 1; i < pStart[k + 1]; i++) {
				const d = pDay[i] - pDay[i - 1];
				if (d > 0) hist[d]++;
			}
		}
		// The gaps at sorted positions h − 1 and h.
		let seen = 0;
		let below = -1;
		let at = -1;
		for (let d = 1; d <= max && at < 0; d++) {
			seen += hist[d];
			if (below < 0 && seen > h - 1) below = d;
			if (seen > h) at = d;
		}
		return { count, sum, median: count % 2 ? at : (below + at) / 2 };
	}
	const gaps = new Int32Array(count);
	let g = 0;
	for (let k = 0; k < n; k++) {
		for (let i = pStart[k] + 1; i < pStart[k + 1]; i++) {
			const d = pDay[i] - pDay[i - 1];
			if (d > 0) gaps[g++] = d;
		}
	}
	gaps.sort();
	return { count, sum, median: count % 2 ? gaps[h] : (gaps[h - 1] + gaps[h]) / 2 };
}

/** Whole-base metrics of METRICS.md §5 (the metric keys of summary.json). */
export function metricsSummary(
	facts: Facts,
	fig: CustomerFigures,
	shape: ShapeThresholds = DEFAULT_SHAPE,
	/** facts.revenue sorted ascending (sortedFloat64), when the caller has it. */
	sortedRevenue?: Float64Array
): MetricsSummary {
	const { n, pStart, pDay, pAmt } = facts;
	const purchases = pDay.length;
	let returnOrders = 0;
	let repeat = 0;
	// Compensated totals exactly as Accumulator makes them, its step written out (these loops run once
	// per analysis, largely before V8 optimises them, where a call per element is the largest cost).
	let custRevenueSum = 0;
	let custRevenueComp = 0;
	const { returnOrders: retOrders, revenue } = facts;
	const { orders } = fig;
	for (let k = 0; k < n; k++) {
		returnOrders += retOrders[k];
		if (orders[k] >= 2) repeat++;
		const x = revenue[k];
		const t = custRevenueSum + x;
		custRevenueComp += Math.abs(custRevenueSum) >= Math.abs(x) ? custRevenueSum - t + x : x - t + custRevenueSum;
		custRevenueSum = t;
	}
	const custRevenue = custRevenueSum + custRevenueComp;
	// Gaps between consecutive distinct purchase days, pooled over all customers.
	const { count: nGaps, sum: gapSum, median: gapMedian } = gapStats(facts);
	let amountTotal = 0;
	let amountComp = 0;
	for (let i = 0; i < purchases; i++) {
		const x = pAmt[i];
		const t = amountTotal + x;
		amountComp += Math.abs(amountTotal) >= Math.abs(x) ? amountTotal - t + x : x - t + amountTotal;
		amountTotal = t;
	}
	const amountSum = amountTotal + amountComp;
	const money = facts.hasAmount;
	const conc = money ? concentration(facts.revenue, sortedRevenue) : { top20: null, gini: null };
	return {
		customers: n,
		purchases,
		return_orders: returnOrders,
		customer_revenue: money ? custRevenue : null,
		repeat_purchase_rate: n === 0 ? null : (repeat / n) * 100,
		gap_mean_days: nGaps === 0 ? null : gapSum / nGaps,
		gap_median_days: gapMedian,
		aov: money && purchases > 0 ? amountSum / purchases : null,
		clv_historical: money && n > 0 ? custRevenue / n : null,
		return_rate: purchases + returnOrders === 0 ? null : (returnOrders / (purchases + returnOrders)) * 100,
		top20_share: conc.top20,
		gini: conc.gini,
		base_shape: baseShape(conc.top20, shape),
		observation_end: facts.obsEnd === null ? null : toIsoDate(facts.obsEnd)
	};
}

/**
 * The data keys of summary.json (METRICS.md §8), over the rows with day ≤ asOf: `orders` = distinct
 * order ids among all rows (guests and returns included), a row without an order id counting as one.
 */
export function dataSummary(data: OrderData, asOf: Day | null): DataSummary {
	const limit = asOf ?? Infinity;
	const seenCust = new Uint8Array(data.customerIds.length);
	const seenOrder = new Uint8Array(data.orderIds.length);
	let guest = 0;
	let returns = 0;
	let ids = 0;
	let orders = 0;
	let rows = 0;
	let revenueSum = 0;
	let revenueComp = 0;
	let min = Infinity;
	let max = -Infinity;
	const { day, customer, flags, order, amount } = data;
	for (let i = 0; i < data.length; i++) {
		const d = day[i];
		if (d > limit) continue;
		rows++;
		if (d < min) min = d;
		if (d > max) max = d;
		const c = customer[i];
		if (c < 0) guest++;
		else if (!seenCust[c]) {
			seenCust[c] = 1;
			ids++;
		}
		if (flags[i] & FLAG_RETURN) returns++;
		// A row without an order id is its own order, as for purchases (METRICS.md §1).
		const o = order[i];
		if (o < 0) orders++;
		else if (!seenOrder[o]) {
			seenOrder[o] = 1;
			orders++;
		}
		// Accumulator's step written out.
		const x = amount[i];
		const t = revenueSum + x;
		revenueComp += Math.abs(revenueSum) >= Math.abs(x) ? revenueSum - t + x : x - t + revenueSum;
		revenueSum = t;
	}
	const revenue = revenueSum + revenueComp;
	return {
		guest_rows: guest,
		return_rows: returns,
		customer_ids: ids,
		orders: data.hasOrderId ? orders : rows,
		revenue: data.hasAmount ? revenue : null,
		date_min: rows ? toIsoDate(min) : null,
		date_max: rows ? toIsoDate(max) : null
	};
}
