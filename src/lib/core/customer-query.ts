/**
 * Paging through the customer table without copying it: a sort order (index array) built once per
 * column and direction, then one pass that applies the search and segment filter and cuts a page.
 */

export type SortValue = number | string | null;

/**
 * Row positions ordered by `values` (numbers numerically, text by code unit), ascending or descending;
 * empty values (null, NaN) always last; ties keep ascending position, so pages are stable.
 */
export function buildSortIndex(values: readonly SortValue[], descending = false): Int32Array {
	const n = values.length;
	const order = new Int32Array(n);
	for (let i = 0; i < n; i++) order[i] = i;
	const dir = descending ? -1 : 1;
	const empty = (v: SortValue) => v === null || (typeof v === 'number' && Number.isNaN(v));
	order.sort((a, b) => {
		const va = values[a];
		const vb = values[b];
		const ea = empty(va);
		const eb = empty(vb);
		if (ea || eb) return ea === eb ? a - b : ea ? 1 : -1;
		if (va !== vb) return ((va as number | string) < (vb as number | string) ? -1 : 1) * dir;
		return a - b;
	});
	return order;
}

export interface PageRequest {
	offset: number;
	limit: number;
	/** Keep only positions this accepts (search and filter); all when omitted. */
	accept?: (position: number) => boolean;
}

/** The positions of one page in `order`, and how many positions pass `accept` in all. */
export function pageOf(order: Int32Array, req: PageRequest): { total: number; positions: number[] } {
	const offset = Math.max(0, Math.floor(req.offset));
	const end = offset + Math.max(0, Math.floor(req.limit));
	const positions: number[] = [];
	if (!req.accept) {
		for (let i = offset; i < Math.min(end, order.length); i++) positions.push(order[i]);
		return { total: order.length, positions };
	}
	let total = 0;
	for (let i = 0; i < order.length; i++) {
		const p = order[i];
		if (!req.accept(p)) continue;
		if (total >= offset && total < end) positions.push(p);
		total++;
	}
	return { total, positions };
}

/**
 * Persian (۰–۹) and Arabic-Indic (٠–٩) digits as Latin ones, everything else unchanged: what a Persian
 * keyboard types for "17450" finds the customer 17450, and a whole number typed either way reads the same.
 */
export function foldDigits(text: string): string {
	return text.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}
