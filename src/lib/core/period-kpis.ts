/**
 * The whole-base figures of METRICS.md §5 computed for every period of the period table, for the
 * overview's cards and sparklines. METRICS.md defines them at observation end only; the reading here:
 * - repeat purchase rate and historical CLV are STOCKS as of each period's end: the §5 definition
 *   applied to the data up to that day (customers = customer_base; customers with ≥ 2 purchases by
 *   then; net revenue of those customers' rows dated by then, a return before a customer's first
 *   purchase counting from that purchase's period on, as it would under an "as of" date);
 * - AOV and return rate are FLOWS within the period: purchases and return orders dated in it.
 * At the last period the stocks equal the whole-base figures, and the flows summed over the periods
 * give them back (returns dated before the first period, which no period holds, aside).
 */
import type { Facts } from './facts';
import type { Timeline } from './activity';
import { Accumulator, compensatedTotals, roundMoney } from './sum';
import { FLAG_RETURN, type OrderData, type PeriodKpiRow } from './types';

/** Repeat purchase rate = customers with ≥ 2 purchases ÷ customers × 100 (METRICS.md §5); null when no customer. */
export function repeatRate(repeatCustomers: number, customers: number): number | null {
	return customers === 0 ? null : (repeatCustomers / customers) * 100;
}

/** Average order value = sum of purchase amounts ÷ purchases (METRICS.md §5); null without amounts or purchases. */
export function aov(amount: number | null, purchases: number): number | null {
	return amount === null || purchases === 0 ? null : amount / purchases;
}

/** Historical CLV = net revenue ÷ customers (METRICS.md §5); null without amounts or customers. */
export function clvHistorical(revenue: number | null, customers: number): number | null {
	return revenue === null || customers === 0 ? null : revenue / customers;
}

/** Return rate = return orders ÷ (purchases + return orders) × 100 (METRICS.md §5); null when both are 0. */
export function returnRate(returnOrders: number, purchases: number): number | null {
	const d = purchases + returnOrders;
	return d === 0 ? null : (returnOrders / d) * 100;
}

/**
 * The per-period figures (parallel to the period table of the same facts and timeline). `decimals`
 * rounds the money totals as the period table's revenue is rounded (sum.ts).
 */
export function computePeriodKpis(data: OrderData, facts: Facts, tl: Timeline, decimals: number | null = null): PeriodKpiRow[] {
	const P = tl.count;
	if (P === 0) return [];
	const money = facts.hasAmount;
	const { n, pStart, pAmt } = facts;
	const newAt = new Int32Array(P);
	const repeatAt = new Int32Array(P);
	const purchases = new Int32Array(P);
	const amountSum = new Float64Array(P);
	const amountComp = new Float64Array(P);
	const { pPer } = tl;
	for (let k = 0; k < n; k++) {
		const from = pStart[k];
		newAt[pPer[from]]++;
		// Purchases are sorted by day, so the second one is when the customer becomes a repeat customer.
		if (pStart[k + 1] - from >= 2) repeatAt[pPer[from + 1]]++;
		for (let i = from; i < pStart[k + 1]; i++) {
			purchases[pPer[i]]++;
			if (!money) continue;
			// Sums.add's Neumaier step written out (no call per purchase while the loop is not yet optimised).
			const p = pPer[i];
			const x = pAmt[i];
			const s = amountSum[p];
			const t = s + x;
			amountComp[p] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
			amountSum[p] = t;
		}
	}
	// A customer's row counts in the stock from the later of its own period and the customer's first purchase.
	const revenueSum = new Float64Array(P);
	const revenueComp = new Float64Array(P);
	if (money) {
		const firstPer = new Int32Array(n);
		const { cPer, cStart } = tl;
		for (let k = 0; k < n; k++) firstPer[k] = cPer[cStart[k]];
		const { rCust, rAmt } = facts;
		const { rPer } = tl;
		for (let i = 0; i < rCust.length; i++) {
			const p = Math.max(rPer[i], firstPer[rCust[i]]);
			const x = rAmt[i];
			const s = revenueSum[p];
			const t = s + x;
			revenueComp[p] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
			revenueSum[p] = t;
		}
	}
	const returns = returnOrdersPerPeriod(data, facts, tl);
	const amounts = compensatedTotals(amountSum, amountComp);
	const revenues = compensatedTotals(revenueSum, revenueComp);

	const rows: PeriodKpiRow[] = new Array(P);
	let customers = 0;
	let repeat = 0;
	const cumRevenue = new Accumulator();
	for (let p = 0; p < P; p++) {
		customers += newAt[p];
		repeat += repeatAt[p];
		cumRevenue.add(revenues[p]);
		const rev = money ? cumRevenue.value : null;
		const amt = money ? amounts[p] : null;
		rows[p] = {
			period: tl.labels[p],
			customers,
			repeat_customers: repeat,
			repeat_purchase_rate: repeatRate(repeat, customers),
			customer_revenue: roundMoney(rev, decimals),
			clv_historical: clvHistorical(rev, customers),
			purchases: purchases[p],
			purchase_amount: roundMoney(amt, decimals),
			aov: aov(amt, purchases[p]),
			return_orders: returns[p],
			return_rate: returnRate(returns[p], purchases[p])
		};
	}
	return rows;
}

/**
 * Return orders (METRICS.md §5: distinct (customer, order) groups of customers' return rows; a row
 * without an order id is its own order) per period of their earliest row. Walks the rows in the
 * order Facts.rCust holds them (customers' rows, as-of filtered, file order), so tl.rPer gives each
 * row's period.
 */
function returnOrdersPerPeriod(data: OrderData, facts: Facts, tl: Timeline): Int32Array {
	const out = new Int32Array(tl.count);
	let any = 0;
	const { returnOrders } = facts;
	for (let k = 0; k < facts.n; k++) any |= returnOrders[k];
	if (any === 0) return out; // no customer has a return order: no row to walk
	const limit = facts.obsEnd ?? -Infinity;
	const earliest = new Map<number, number>();
	const orders = data.orderIds.length + 1;
	const { customer, day, flags, order, hasOrderId } = data;
	const { custOf } = facts;
	const { rPer } = tl;
	let j = 0;
	for (let i = 0; i < data.length; i++) {
		const c = customer[i];
		if (c < 0 || day[i] > limit || custOf[c] < 0) continue;
		const per = rPer[j++];
		if (!(flags[i] & FLAG_RETURN)) continue;
		const o = hasOrderId ? order[i] : -1;
		if (o < 0) {
			if (per >= 0) out[per]++;
			continue;
		}
		const key = c * orders + o;
		const seen = earliest.get(key);
		// rPer is −1 before the first period; min over the rows keeps the earliest period.
		if (seen === undefined || per < seen) earliest.set(key, per);
	}
	for (const per of earliest.values()) if (per >= 0) out[per]++;
	return out;
}
