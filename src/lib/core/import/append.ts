/**
 * Appending a newly imported file (e.g. next month's export) to a stored dataset: dictionaries are
 * merged, dimensions are matched by name, and order lines already in the dataset are reported as
 * duplicates instead of being counted twice (issue 4, item 7).
 */
import type { DimensionColumn, ImportFacts, OrderData, ReportEntry } from '../types';
import { englishText, type UserMessageCode } from '../user-messages';
import { packStrings, packedString, unpackStrings } from '../packed-strings';

/** Report reason of an order line that the dataset already holds (same order id, customer, date and amount). */
export const DUPLICATE_ORDER = 'duplicate_order';
/** File-level warning when an appended file repeats orders of the dataset. */
export const DUPLICATE_ORDERS_WARNING = 'duplicate_orders_across_files';

export type AppendOutcome =
	| { ok: true; data: OrderData; duplicates: ReportEntry[] }
	/** `reason`: the English sentence; `code` translates it (core/user-messages.ts, the file name as `{name}`). */
	| { ok: false; reason: string; code: UserMessageCode };

/** A refusal: its English sentence without the file name the worker puts in front. */
function refuse(code: UserMessageCode): { ok: false; reason: string; code: UserMessageCode } {
	return { ok: false, reason: englishText(code, { name: '' }).slice(2), code };
}

function key(order: string, customer: string, day: number, amount: number): string {
	return `${order}\u0000${customer}\u0000${day}\u0000${Number.isNaN(amount) ? 'NaN' : amount}`;
}

/** Maps each value of `values` to its index in `out`, adding the missing ones (keeps `out`'s order). */
function remap(values: readonly string[], out: string[], index: Map<string, number>): Int32Array {
	const codes = new Int32Array(values.length);
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		let c = index.get(v);
		if (c === undefined) {
			c = out.length;
			out.push(v);
			index.set(v, c);
		}
		codes[i] = c;
	}
	return codes;
}

function indexOf(values: readonly string[]): Map<string, number> {
	const m = new Map<string, number>();
	values.forEach((v, i) => m.set(v, i));
	return m;
}

/**
 * The dataset `base` followed by the rows of `add` (a file named `fileName`), without the lines of
 * `add` whose (order id, customer id, date, amount) the dataset already has. Without an order-id
 * column a repeated line may be a real repeat purchase, so nothing is dropped then.
 */
export function appendOrders(base: OrderData, add: OrderData, fileName: string): AppendOutcome {
	if (base.hasOrderId !== add.hasOrderId) return refuse(base.hasOrderId ? 'append_needs_order_id' : 'append_extra_order_id');
	if (base.hasAmount !== add.hasAmount) return refuse(base.hasAmount ? 'append_needs_amount' : 'append_extra_amount');

	// Lines the dataset already holds.
	const seen = new Set<string>();
	if (base.hasOrderId) {
		for (let i = 0; i < base.length; i++) {
			const o = base.order[i];
			if (o < 0) continue;
			const c = base.customer[i];
			seen.add(key(packedString(base.orderIds, o), c < 0 ? '' : base.customerIds[c], base.day[i], base.amount[i]));
		}
	}
	const keep = new Uint8Array(add.length);
	const duplicates: ReportEntry[] = [];
	let kept = 0;
	for (let i = 0; i < add.length; i++) {
		const o = add.order[i];
		if (base.hasOrderId && o >= 0) {
			const c = add.customer[i];
			const id = packedString(add.orderIds, o);
			if (seen.has(key(id, c < 0 ? '' : add.customerIds[c], add.day[i], add.amount[i]))) {
				duplicates.push({
					line: add.line?.[i] ?? 0,
					column: 'order id',
					value: id,
					reason: DUPLICATE_ORDER,
					skipped: true,
					file: fileName
				});
				continue;
			}
		}
		keep[i] = 1;
		kept++;
	}

	const customerIds = [...base.customerIds];
	const orderIds = unpackStrings(base.orderIds);
	const custMap = remap(add.customerIds, customerIds, indexOf(customerIds));
	const orderMap = remap(unpackStrings(add.orderIds), orderIds, indexOf(orderIds));

	const n = base.length + kept;
	const customer = new Int32Array(n);
	const order = new Int32Array(n);
	const day = new Int32Array(n);
	const amount = new Float64Array(n);
	const flags = new Uint8Array(n);
	customer.set(base.customer);
	order.set(base.order);
	day.set(base.day);
	amount.set(base.amount);
	flags.set(base.flags);

	// Dimensions by name: the dataset's first, then the file's new ones; -1 (empty) where a side lacks one.
	const names = [...base.dims.map((d) => d.name)];
	for (const d of add.dims) if (!names.includes(d.name)) names.push(d.name);
	const dims: DimensionColumn[] = names.map((name) => {
		const b = base.dims.find((d) => d.name === name);
		const values = b ? [...b.values] : [];
		const codes = new Int32Array(n).fill(-1);
		if (b) codes.set(b.codes);
		return { name, values, codes };
	});
	const dimMaps = add.dims.map((d) => {
		const target = dims[names.indexOf(d.name)];
		return { src: d, target, map: remap(d.values, target.values, indexOf(target.values)) };
	});

	let at = base.length;
	for (let i = 0; i < add.length; i++) {
		if (!keep[i]) continue;
		const c = add.customer[i];
		const o = add.order[i];
		customer[at] = c < 0 ? -1 : custMap[c];
		order[at] = o < 0 ? -1 : orderMap[o];
		day[at] = add.day[i];
		amount[at] = add.amount[i];
		flags[at] = add.flags[i];
		for (const { src, target, map } of dimMaps) {
			const v = src.codes[i];
			target.codes[at] = v < 0 ? -1 : map[v];
		}
		at++;
	}
	return {
		ok: true,
		data: { length: n, customer, order, day, amount, flags, customerIds, orderIds: packStrings(orderIds), hasOrderId: base.hasOrderId, hasAmount: base.hasAmount, dims },
		duplicates
	};
}

/** The dataset's import facts after appending a file: counts add up, warnings are united. */
export function mergeFacts(base: ImportFacts, add: ImportFacts, duplicateOrders: number): ImportFacts {
	const warnings = [...new Set([...base.warnings, ...add.warnings, ...(duplicateOrders > 0 ? [DUPLICATE_ORDERS_WARNING] : [])])];
	return {
		...base,
		outcome: warnings.length > 0 ? 'import-with-warnings' : 'import',
		warnings,
		question: null,
		rows_imported: base.rows_imported + add.rows_imported - duplicateOrders,
		rows_rejected: base.rows_rejected + add.rows_rejected + duplicateOrders,
		duplicate_rows: base.duplicate_rows + add.duplicate_rows + duplicateOrders
	};
}
