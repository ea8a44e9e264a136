/** Per-customer purchase facts (METRICS.md §1): the as-of filter, purchases, customers, net revenue and observation end, built once from OrderData. */
import { FLAG_DISCOUNT, FLAG_RETURN, type Day, type OrderData } from './types';
import { Sums } from './sum';

/**
 * Everything the metrics need about customers, in typed arrays. Customers (ids with ≥ 1 purchase,
 * METRICS.md §1) are numbered 0 … n−1 in ascending id order. Purchases are stored per customer
 * (CSR: customer c owns purchases pStart[c] … pStart[c+1]−1), sorted by day.
 */
export interface Facts {
	/** METRICS.md §1: latest day of any row (guests included) or the as-of date; null when no row remains. */
	obsEnd: Day | null;
	hasAmount: boolean;
	/** Some row carries FLAG_DISCOUNT (a discount column exists and is used). */
	hasDiscount: boolean;
	/** Number of customers. */
	n: number;
	ids: string[];
	/** OrderData customer index → customer number, or −1 (guest or not a customer). */
	custOf: Int32Array;
	pStart: Int32Array;
	pDay: Int32Array;
	/** Purchase amount = sum of its rows' amounts (NaN without amounts). */
	pAmt: Float64Array;
	/** 1 when any row of the purchase is discounted. */
	pDisc: Uint8Array;
	/** A row (OrderData index) of each purchase; its order id identifies the purchase's rows. */
	pRow: Int32Array;
	/** Net revenue per customer: all their rows, returns included (METRICS.md §1). */
	revenue: Float64Array;
	/** Return orders per customer: distinct (customer, order) groups of return rows (METRICS.md §5). */
	returnOrders: Int32Array;
	/**
	 * All rows of customers (returns included), as-of filtered, in file order: customer number, day,
	 * amount. Read-only: rDay and rAmt may be OrderData's own day and amount columns.
	 */
	rCust: Int32Array;
	rDay: Int32Array;
	rAmt: Float64Array;
}

/** Stable counting sort of `idx` by key(idx) in 0 … k−1 (keys below 0 must not occur). */
function countingSort(idx: Int32Array, key: Int32Array, k: number): Int32Array<ArrayBuffer> {
	const count = new Int32Array(k + 1);
	for (let i = 0; i < idx.length; i++) count[key[idx[i]] + 1]++;
	for (let i = 0; i < k; i++) count[i + 1] += count[i];
	const out = new Int32Array(idx.length);
	for (let i = 0; i < idx.length; i++) out[count[key[idx[i]]]++] = idx[i];
	return out;
}

/**
 * The customers (isCust[c] = 1) numbered 0 … n−1 in ascending id order (UTF-16 code units, as `<`
 * compares strings): custOf[c] = number or −1, ids[number] = id.
 */
function numberCustomers(idsAll: readonly string[], isCust: Uint8Array): { n: number; custOf: Int32Array; ids: string[] } {
	let n = 0;
	for (let c = 0; c < isCust.length; c++) n += isCust[c];
	const list = new Int32Array(n);
	n = 0;
	for (let c = 0; c < isCust.length; c++) if (isCust[c]) list[n++] = c;
	const sorted = sortByText(list, idsAll);
	const custOf = new Int32Array(isCust.length).fill(-1);
	const ids: string[] = new Array(n);
	for (let k = 0; k < n; k++) {
		custOf[sorted[k]] = k;
		ids[k] = idsAll[sorted[k]];
	}
	return { n, custOf, ids };
}

/** Most LSD passes sortByText makes before it compares strings instead. */
const MAX_TEXT_PASSES = 24;

/**
 * `list` (indexes into `text`) stably sorted by text[list[i]] in UTF-16 code-unit order (the order of
 * `<` on strings): an LSD radix sort whose digits are runs of characters, each character replaced
 * by its rank among the characters that occur (0 past a string's end, so a prefix sorts first).
 * 250k ids in ~10 ms where a comparator sort took ~90 ms; very long ids fall back to the comparator.
 */
export function sortByText(list: Int32Array, text: readonly string[]): Int32Array {
	const n = list.length;
	if (n < 2) return list.slice();
	const rank = new Int32Array(65536);
	let maxLen = 0;
	for (let j = 0; j < n; j++) {
		const s = text[list[j]];
		if (s.length > maxLen) maxLen = s.length;
		for (let i = 0; i < s.length; i++) rank[s.charCodeAt(i)] = 1;
	}
	let A = 0;
	for (let u = 0; u < 65536; u++) if (rank[u]) rank[u] = ++A;
	const base = A + 1;
	// Characters per digit: as many as keep the buckets ≤ 65,537.
	let per = 1;
	while (per < maxLen && base ** (per + 1) <= 65537) per++;
	const passes = Math.ceil(maxLen / per);
	if (passes > MAX_TEXT_PASSES) {
		return Int32Array.from(Array.from(list).sort((a, b) => (text[a] < text[b] ? -1 : text[a] > text[b] ? 1 : 0)));
	}
	const buckets = base ** per;
	// All digits first, in one sequential walk over the strings (reading them in a permuted order is
	// a cache miss per string): digits[pass·n + j] of list[j].
	const digits = new Int32Array(passes * n);
	for (let j = 0; j < n; j++) {
		const s = text[list[j]];
		for (let pass = 0; pass < passes; pass++) {
			let d = 0;
			for (let i = pass * per; i < pass * per + per; i++) d = d * base + (i < s.length ? rank[s.charCodeAt(i)] : 0);
			digits[pass * n + j] = d;
		}
	}
	const count = new Int32Array(buckets + 1);
	let from = new Int32Array(n);
	for (let j = 0; j < n; j++) from[j] = j;
	let to = new Int32Array(n);
	for (let pass = passes - 1; pass >= 0; pass--) {
		const at = pass * n;
		count.fill(0);
		for (let j = 0; j < n; j++) count[digits[at + j] + 1]++;
		if (count[digits[at] + 1] === n) continue; // one digit for all: this pass changes nothing
		for (let b = 0; b < buckets; b++) count[b + 1] += count[b];
		for (let j = 0; j < n; j++) {
			const x = from[j];
			to[count[digits[at + x]]++] = x;
		}
		const t = from;
		from = to;
		to = t;
	}
	for (let j = 0; j < n; j++) from[j] = list[from[j]];
	return from;
}

/**
 * Build the facts of METRICS.md §1 from the rows with day ≤ asOf (all rows when asOf is null).
 * Fast path, in file order without sorting the rows: when every customer's rows come in the file
 * in ascending order index (as an importer that numbers order ids by first appearance writes them,
 * unless an order's rows are scattered), file order per customer IS the (order, file) order of
 * buildFactsGrouped, so the same purchases, sums (same order of additions) and counts come out of
 * two passes over the columns. Otherwise buildFactsGrouped.
 */
export function buildFacts(data: OrderData, asOf: Day | null): Facts {
	const len = data.length;
	const limit = asOf ?? Infinity;
	const nIds = data.customerIds.length;
	// Each row-level loop is its own small function: V8 optimises a loop that runs once per call
	// only inside a function it can compile whole (one big function kept deoptimising at every call).
	const scan = scanRows(data, limit);
	if (!scan) return buildFactsGrouped(data, asOf);
	const { purchases, returns } = scan;
	const obsEnd: Day | null = asOf ?? (scan.maxDay === -Infinity ? null : scan.maxDay);

	const isCust = new Uint8Array(nIds);
	for (let c = 0; c < nIds; c++) if (purchases[c] > 0) isCust[c] = 1;
	const { n, custOf, ids } = numberCustomers(data.customerIds, isCust);
	const pStart = new Int32Array(n + 1);
	const returnOrders = new Int32Array(n);
	for (let c = 0; c < nIds; c++) {
		const k = custOf[c];
		if (k < 0) continue;
		pStart[k + 1] = purchases[c];
		returnOrders[k] = returns[c];
	}
	for (let k = 0; k < n; k++) pStart[k + 1] += pStart[k];
	const np = pStart[n];
	const pDay = new Int32Array(np);
	const pAmt = new Float64Array(np);
	const pDisc = new Uint8Array(np);
	const pRow = new Int32Array(np);
	const nr = scan.customerRows;
	const rCust = new Int32Array(nr);
	// When every row is a customer's row (no guest, nothing after as-of), rDay and rAmt are the
	// columns themselves: 12 bytes a row less to allocate and copy (and less GC pressure).
	const whole = nr === len;
	// (subarray: a view, in case a producer's columns are longer than its rows)
	const rDay = whole ? data.day.subarray(0, len) : new Int32Array(nr);
	const rAmt = whole ? data.amount.subarray(0, len) : new Float64Array(nr);
	const revenue = new Float64Array(n);
	placeRows(data, limit, custOf, pStart, pDay, pAmt, pDisc, pRow, rCust, whole ? null : rDay, whole ? null : rAmt, revenue);
	sortPurchasesByDay(pStart, pDay, pAmt, pDisc, pRow);
	return {
		obsEnd,
		hasAmount: data.hasAmount,
		hasDiscount: scan.hasDiscount,
		n,
		ids,
		custOf,
		pStart,
		pDay,
		pAmt,
		pDisc,
		pRow,
		revenue: data.hasAmount ? revenue : revenue.fill(NaN),
		returnOrders,
		rCust,
		rDay,
		rAmt
	};
}

/**
 * Pass 1 of the fast path over the rows with day ≤ limit: observation end, discounts, and per id
 * its purchases and return orders; null as soon as some id's order indexes go down.
 */
function scanRows(
	data: OrderData,
	limit: number
): { maxDay: number; hasDiscount: boolean; purchases: Int32Array; returns: Int32Array; customerRows: number } | null {
	const { customer, order, day, flags } = data;
	const len = data.length;
	const nIds = data.customerIds.length;
	const hasOrder = data.hasOrderId;
	// Per id, side by side (one cache line per row): last order index + 1 of any row, last order of a
	// purchase row, of a return row, purchases.
	const state = new Int32Array(4 * nIds);
	for (let c = 0; c < nIds; c++) {
		state[4 * c] = -2;
		state[4 * c + 1] = -2;
		state[4 * c + 2] = -2;
	}
	const returns = new Int32Array(nIds);
	// Return rows per id: an id with no purchase has only those, and its rows are no customer's.
	const returnRows = new Int32Array(nIds);
	let idRows = 0;
	let maxDay = -Infinity;
	let hasDiscount = false;
	for (let i = 0; i < len; i++) {
		const d = day[i];
		if (d > limit) continue;
		if (d > maxDay) maxDay = d;
		const f = flags[i];
		if (f & FLAG_DISCOUNT) hasDiscount = true;
		const c = customer[i];
		if (c < 0) continue;
		const o = hasOrder ? order[i] : -1;
		const at = 4 * c;
		if (o + 1 < state[at]) return null;
		state[at] = o + 1;
		idRows++;
		if (f & FLAG_RETURN) {
			returnRows[c]++;
			if (o < 0 || o !== state[at + 2]) returns[c]++;
			state[at + 2] = o;
		} else {
			if (o < 0 || o !== state[at + 1]) state[at + 3]++;
			state[at + 1] = o;
		}
	}
	const purchases = new Int32Array(nIds);
	let customerRows = idRows;
	for (let c = 0; c < nIds; c++) {
		purchases[c] = state[4 * c + 3];
		if (purchases[c] === 0) customerRows -= returnRows[c];
	}
	return { maxDay, hasDiscount, purchases, returns, customerRows };
}

/** Whether buildFacts takes its file-order path for these rows (every customer's order indexes only go up). */
export function fileOrderIsGrouped(data: OrderData, asOf: Day | null): boolean {
	return scanRows(data, asOf ?? Infinity) !== null;
}

/**
 * Pass 2 of the fast path: customers' rows in file order (rCust, rDay, rAmt), their revenue (each
 * customer's rows added in file order, which is their (order, file) order here) and their purchases
 * placed at pStart[k] … in order of appearance (a purchase's day is its earliest row's, its amount the
 * sum of its rows', in file order).
 */
function placeRows(
	data: OrderData,
	limit: number,
	custOf: Int32Array,
	pStart: Int32Array,
	pDay: Int32Array,
	pAmt: Float64Array,
	pDisc: Uint8Array,
	pRow: Int32Array,
	rCust: Int32Array,
	rDay: Int32Array | null,
	rAmt: Float64Array | null,
	revenue: Float64Array
): void {
	const { customer, order, day, amount, flags } = data;
	const len = data.length;
	const hasOrder = data.hasOrderId;
	const nIds = custOf.length;
	const np = pDay.length;
	// The rows' customers come in no useful order, so every row costs a cache miss on its customer's
	// state and one on its purchase; everything a row touches is kept in one line of each:
	// per id [next purchase slot (−1: not a customer), order of the current purchase, revenue sum and
	// its compensation (Sums.add's Neumaier)], per purchase [amount, day, row (bitwise not when a row
	// is discounted)], split into the Facts columns afterwards in one sequential walk.
	const st = new Float64Array(4 * nIds);
	for (let c = 0; c < nIds; c++) {
		const k = custOf[c];
		st[4 * c] = k < 0 ? -1 : pStart[k];
		st[4 * c + 1] = -2;
	}
	const rec = new ArrayBuffer(16 * np);
	const recAmt = new Float64Array(rec);
	const recInt = new Int32Array(rec);
	let nr = 0;
	for (let i = 0; i < len; i++) {
		const c = customer[i];
		if (c < 0) continue;
		const d = day[i];
		if (d > limit) continue;
		const at = 4 * c;
		const slot = st[at];
		if (slot < 0) continue;
		const a = amount[i];
		rCust[nr] = c; // an id for now, a customer number below
		if (rDay !== null && rAmt !== null) {
			rDay[nr] = d;
			rAmt[nr] = a;
		}
		nr++;
		const s = st[at + 2];
		const t = s + a;
		st[at + 3] += Math.abs(s) >= Math.abs(a) ? s - t + a : a - t + s;
		st[at + 2] = t;
		const f = flags[i];
		if (f & FLAG_RETURN) continue;
		const o = hasOrder ? order[i] : -1;
		if (o < 0 || o !== st[at + 1]) {
			st[at] = slot + 1;
			st[at + 1] = o;
			recAmt[2 * slot] = a;
			recInt[4 * slot + 2] = d;
			recInt[4 * slot + 3] = f & FLAG_DISCOUNT ? ~i : i;
		} else {
			const p = slot - 1;
			if (d < recInt[4 * p + 2]) recInt[4 * p + 2] = d;
			recAmt[2 * p] += a;
			if (f & FLAG_DISCOUNT && recInt[4 * p + 3] >= 0) recInt[4 * p + 3] = ~recInt[4 * p + 3];
		}
	}
	for (let p = 0; p < np; p++) {
		pAmt[p] = recAmt[2 * p];
		pDay[p] = recInt[4 * p + 2];
		const r = recInt[4 * p + 3];
		if (r < 0) {
			pRow[p] = ~r;
			pDisc[p] = 1;
		} else pRow[p] = r;
	}
	for (let j = 0; j < nr; j++) rCust[j] = custOf[rCust[j]];
	for (let c = 0; c < nIds; c++) {
		const k = custOf[c];
		if (k >= 0) revenue[k] = st[4 * c + 2] + st[4 * c + 3];
	}
}

/**
 * The general path of buildFacts: rows grouped by (customer, order) with two stable counting sorts
 * (so a customer's rows are read in (order index, file) order), then purchases per group. buildFacts
 * takes this path when some customer's rows are not already in that order in the file; exported so
 * tests can hold the fast path to it.
 */
export function buildFactsGrouped(data: OrderData, asOf: Day | null): Facts {
	const len = data.length;
	const { customer, order, day, amount, flags } = data;
	const limit = asOf ?? Infinity;
	const nIds = data.customerIds.length;

	// Pass 1: as-of filter, observation end, non-guest row list.
	let maxDay = -Infinity;
	let hasDiscount = false;
	let kept = 0;
	for (let i = 0; i < len; i++) {
		const d = day[i];
		if (d > limit) continue;
		if (d > maxDay) maxDay = d;
		if (customer[i] >= 0) kept++;
		if (flags[i] & FLAG_DISCOUNT) hasDiscount = true;
	}
	const obsEnd: Day | null = asOf ?? (maxDay === -Infinity ? null : maxDay);
	let rows: Int32Array<ArrayBuffer> = new Int32Array(kept);
	kept = 0;
	for (let i = 0; i < len; i++) if (day[i] <= limit && customer[i] >= 0) rows[kept++] = i;

	// Group rows by (customer, order): counting sort by order, then stably by customer.
	if (data.hasOrderId) {
		const orderKey = new Int32Array(len);
		for (let i = 0; i < len; i++) orderKey[i] = order[i] + 1;
		rows = countingSort(rows, orderKey, data.orderIds.length + 1);
	}
	rows = countingSort(rows, customer, nIds);

	// Which ids are customers (≥ 1 non-return row), numbered in ascending id order.
	const isCust = new Uint8Array(nIds);
	for (let j = 0; j < rows.length; j++) {
		const i = rows[j];
		if (!(flags[i] & FLAG_RETURN)) isCust[customer[i]] = 1;
	}
	const { n, custOf, ids } = numberCustomers(data.customerIds, isCust);

	// Pass 2 over grouped rows: purchases and return orders (a row without an order id is its own order).
	const noOrder = !data.hasOrderId;
	const gCust = new Int32Array(rows.length);
	const gDay = new Int32Array(rows.length);
	const gAmt = new Float64Array(rows.length);
	const gDisc = new Uint8Array(rows.length);
	const gRow = new Int32Array(rows.length);
	const perCust = new Int32Array(n);
	const returnOrders = new Int32Array(n);
	const revenueSums = new Sums(n);
	let np = 0;
	let prevPC = -2;
	let prevPO = -2;
	let prevRC = -2;
	let prevRO = -2;
	for (let j = 0; j < rows.length; j++) {
		const i = rows[j];
		const k = custOf[customer[i]];
		if (k < 0) continue;
		const o = noOrder ? -1 : order[i];
		const a = amount[i];
		revenueSums.add(k, a);
		if (flags[i] & FLAG_RETURN) {
			if (o < 0 || k !== prevRC || o !== prevRO) returnOrders[k]++;
			prevRC = k;
			prevRO = o;
			continue;
		}
		if (o < 0 || k !== prevPC || o !== prevPO) {
			gCust[np] = k;
			gDay[np] = day[i];
			gAmt[np] = a;
			gDisc[np] = flags[i] & FLAG_DISCOUNT ? 1 : 0;
			gRow[np] = i;
			perCust[k]++;
			np++;
		} else {
			const p = np - 1;
			if (day[i] < gDay[p]) gDay[p] = day[i];
			gAmt[p] += a;
			if (flags[i] & FLAG_DISCOUNT) gDisc[p] = 1;
		}
		prevPC = k;
		prevPO = o;
	}

	const revenue = revenueSums.values();

	// Place purchases by customer number (CSR), then sort each customer's purchases by day.
	const pStart = new Int32Array(n + 1);
	for (let k = 0; k < n; k++) pStart[k + 1] = pStart[k] + perCust[k];
	const fill = pStart.slice(0, n);
	const pDay = new Int32Array(np);
	const pAmt = new Float64Array(np);
	const pDisc = new Uint8Array(np);
	const pRow = new Int32Array(np);
	for (let p = 0; p < np; p++) {
		const at = fill[gCust[p]]++;
		pDay[at] = gDay[p];
		pAmt[at] = gAmt[p];
		pDisc[at] = gDisc[p];
		pRow[at] = gRow[p];
	}
	for (let k = 0; k < n; k++) sortByDay(pDay, pAmt, pDisc, pRow, pStart[k], pStart[k + 1]);

	// Customers' rows in file order (for revenue by period and cohort).
	let nr = 0;
	for (let j = 0; j < rows.length; j++) if (custOf[customer[rows[j]]] >= 0) nr++;
	const rCust = new Int32Array(nr);
	const rDay = new Int32Array(nr);
	const rAmt = new Float64Array(nr);
	nr = 0;
	for (let i = 0; i < len; i++) {
		const c = customer[i];
		if (c < 0 || day[i] > limit) continue;
		const k = custOf[c];
		if (k < 0) continue;
		rCust[nr] = k;
		rDay[nr] = day[i];
		rAmt[nr] = amount[i];
		nr++;
	}

	return {
		obsEnd,
		hasAmount: data.hasAmount,
		hasDiscount,
		n,
		ids,
		custOf,
		pStart,
		pDay,
		pAmt,
		pDisc,
		pRow,
		revenue: data.hasAmount ? revenue : revenue.fill(NaN),
		returnOrders,
		rCust,
		rDay,
		rAmt
	};
}

/** Each customer's purchases by day (stable); a customer whose purchases are already in day order (most, in a file sorted by date) costs one comparison per purchase. */
function sortPurchasesByDay(pStart: Int32Array, pDay: Int32Array, pAmt: Float64Array, pDisc: Uint8Array, pRow: Int32Array): void {
	const n = pStart.length - 1;
	for (let k = 0; k < n; k++) {
		const from = pStart[k];
		const to = pStart[k + 1];
		for (let i = from + 1; i < to; i++) {
			if (pDay[i] < pDay[i - 1]) {
				sortByDay(pDay, pAmt, pDisc, pRow, from, to);
				break;
			}
		}
	}
}

/** Insertion sort of one customer's purchases [from, to) by day (stable; slices are short). */
function sortByDay(pDay: Int32Array, pAmt: Float64Array, pDisc: Uint8Array, pRow: Int32Array, from: number, to: number): void {
	if (to - from < 2) return;
	if (to - from > 32) {
		const order = Array.from({ length: to - from }, (_, i) => from + i);
		order.sort((a, b) => pDay[a] - pDay[b] || a - b);
		const d = order.map((i) => pDay[i]);
		const a = order.map((i) => pAmt[i]);
		const s = order.map((i) => pDisc[i]);
		const r = order.map((i) => pRow[i]);
		for (let i = 0; i < d.length; i++) {
			pDay[from + i] = d[i];
			pAmt[from + i] = a[i];
			pDisc[from + i] = s[i];
			pRow[from + i] = r[i];
		}
		return;
	}
	for (let i = from + 1; i < to; i++) {
		const d = pDay[i];
		if (d >= pDay[i - 1]) continue;
		const a = pAmt[i];
		const s = pDisc[i];
		const r = pRow[i];
		let j = i - 1;
		while (j >= from && pDay[j] > d) {
			pDay[j + 1] = pDay[j];
			pAmt[j + 1] = pAmt[j];
			pDisc[j + 1] = pDisc[j];
			pRow[j + 1] = pRow[j];
			j--;
		}
		pDay[j + 1] = d;
		pAmt[j + 1] = a;
		pDisc[j + 1] = s;
		pRow[j + 1] = r;
	}
}

/** The facts of a subset of customers (keep[k] = 1), renumbered in the same order; observation end unchanged. */
export function subsetFacts(facts: Facts, keep: Uint8Array): Facts {
	const map = new Int32Array(facts.n).fill(-1);
	const ids: string[] = [];
	for (let k = 0; k < facts.n; k++) if (keep[k]) map[k] = ids.push(facts.ids[k]) - 1;
	const n = ids.length;
	const pStart = new Int32Array(n + 1);
	for (let k = 0; k < facts.n; k++) if (map[k] >= 0) pStart[map[k] + 1] = facts.pStart[k + 1] - facts.pStart[k];
	for (let k = 0; k < n; k++) pStart[k + 1] += pStart[k];
	const np = pStart[n];
	const pDay = new Int32Array(np);
	const pAmt = new Float64Array(np);
	const pDisc = new Uint8Array(np);
	const pRow = new Int32Array(np);
	const revenue = new Float64Array(n);
	const returnOrders = new Int32Array(n);
	for (let k = 0; k < facts.n; k++) {
		const m = map[k];
		if (m < 0) continue;
		const from = facts.pStart[k];
		const len = facts.pStart[k + 1] - from;
		pDay.set(facts.pDay.subarray(from, from + len), pStart[m]);
		pAmt.set(facts.pAmt.subarray(from, from + len), pStart[m]);
		pDisc.set(facts.pDisc.subarray(from, from + len), pStart[m]);
		pRow.set(facts.pRow.subarray(from, from + len), pStart[m]);
		revenue[m] = facts.revenue[k];
		returnOrders[m] = facts.returnOrders[k];
	}
	let nr = 0;
	for (let i = 0; i < facts.rCust.length; i++) if (map[facts.rCust[i]] >= 0) nr++;
	const rCust = new Int32Array(nr);
	const rDay = new Int32Array(nr);
	const rAmt = new Float64Array(nr);
	nr = 0;
	for (let i = 0; i < facts.rCust.length; i++) {
		const m = map[facts.rCust[i]];
		if (m < 0) continue;
		rCust[nr] = m;
		rDay[nr] = facts.rDay[i];
		rAmt[nr] = facts.rAmt[i];
		nr++;
	}
	const custOf = facts.custOf.map((k) => (k >= 0 ? map[k] : -1));
	return { ...facts, n, ids, custOf, pStart, pDay, pAmt, pDisc, pRow, revenue, returnOrders, rCust, rDay, rAmt };
}
