/**
 * Filters that apply across every view (issue 6): a date range and selected values of dimensions.
 *
 * Reading (documented in docs/ARCHITECTURE.md "Filters"): a filter keeps a subset of the *rows* and
 * the analysis then runs on that subset exactly as if the file had held only those rows.
 * - Date range `from … to` (inclusive, either end open): rows dated outside it are dropped. A
 *   customer's first purchase, cohort and "new" period are therefore their first purchase *within the
 *   range*: someone who bought before `from` and again inside it counts as new in the range. The
 *   observation end is the latest kept row (or the as-of date, which still applies on top).
 * - Dimension values: for each filtered dimension, a row is kept only when its value is one of the
 *   selected ones (rows with an empty value are dropped). Several dimensions combine with AND,
 *   several values of one dimension with OR. Customers are thus measured on their rows of those values
 *   ("Country = United Kingdom": the UK orders of the customers who ordered in the UK).
 * Guest rows follow the same rules. Returns are rows like any other (a return outside the range is dropped).
 */
import type { Day, OrderData } from './types';

export interface DimensionFilter {
	/** Dimension column name (OrderData.dims[].name). */
	dimension: string;
	/** Selected values; a row is kept when its value is one of them. */
	values: string[];
}

export interface OrderFilter {
	/** First day kept (inclusive); null = open. */
	from: Day | null;
	/** Last day kept (inclusive); null = open. */
	to: Day | null;
	dims: DimensionFilter[];
}

export const NO_FILTER: OrderFilter = { from: null, to: null, dims: [] };

/** True when the filter keeps every row. */
export function isEmptyFilter(f: OrderFilter | null | undefined): boolean {
	return !f || (f.from === null && f.to === null && f.dims.every((d) => d.values.length === 0));
}

/** A canonical form (sorted dims and values, empty dims dropped) for cache keys and URLs. */
export function normaliseFilter(f: OrderFilter | null | undefined): OrderFilter {
	if (!f) return NO_FILTER;
	const dims = f.dims
		.filter((d) => d.values.length > 0)
		.map((d) => ({ dimension: d.dimension, values: [...new Set(d.values)].sort() }))
		.sort((a, b) => (a.dimension < b.dimension ? -1 : a.dimension > b.dimension ? 1 : 0));
	return { from: f.from, to: f.to, dims };
}

/** The rows of `data` that pass `filter`, as a new OrderData sharing the dictionaries (the input is not changed). */
export function filterOrderData(data: OrderData, filter: OrderFilter | null | undefined): OrderData {
	if (isEmptyFilter(filter)) return data;
	const f = filter as OrderFilter;
	const lo = f.from ?? -Infinity;
	const hi = f.to ?? Infinity;
	// Per filtered dimension: which codes are selected (a dimension the data lacks keeps no row).
	const tests: { codes: Int32Array; ok: Uint8Array }[] = [];
	for (const df of f.dims) {
		if (df.values.length === 0) continue;
		const dim = data.dims.find((d) => d.name === df.dimension);
		if (!dim) return sliceRows(data, new Int32Array(0));
		const want = new Set(df.values);
		const ok = new Uint8Array(dim.values.length);
		dim.values.forEach((v, i) => (ok[i] = want.has(v) ? 1 : 0));
		tests.push({ codes: dim.codes, ok });
	}
	const keep = new Int32Array(data.length);
	let n = 0;
	outer: for (let i = 0; i < data.length; i++) {
		const d = data.day[i];
		if (d < lo || d > hi) continue;
		for (const t of tests) {
			const c = t.codes[i];
			if (c < 0 || !t.ok[c]) continue outer;
		}
		keep[n++] = i;
	}
	return n === data.length ? data : sliceRows(data, keep.subarray(0, n));
}

function sliceRows(data: OrderData, rows: Int32Array): OrderData {
	const n = rows.length;
	const pick = <T extends Int32Array | Float64Array | Uint8Array>(src: T, make: (n: number) => T): T => {
		const out = make(n);
		for (let k = 0; k < n; k++) out[k] = src[rows[k]];
		return out;
	};
	return {
		...data,
		length: n,
		customer: pick(data.customer, (m) => new Int32Array(m)),
		order: pick(data.order, (m) => new Int32Array(m)),
		day: pick(data.day, (m) => new Int32Array(m)),
		amount: pick(data.amount, (m) => new Float64Array(m)),
		flags: pick(data.flags, (m) => new Uint8Array(m)),
		dims: data.dims.map((d) => ({ ...d, codes: pick(d.codes, (m) => new Int32Array(m)) })),
		line: data.line ? pick(data.line, (m) => new Int32Array(m)) : undefined
	};
}
