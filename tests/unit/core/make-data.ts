/** Test helper: builds OrderData from a readable list of rows such as {c: 'a', o: '1', d: '2024-01-05', amt: 10, ret: true}. */
import { FLAG_DISCOUNT, FLAG_RETURN, type OrderData } from '../../../src/lib/core/types';
import { packStrings } from '../../../src/lib/core/packed-strings';

export interface Row {
	/** Customer id; omitted or '' = guest row. */
	c?: string;
	/** Order id; omitted = no order id (each row its own order when no row has one). */
	o?: string;
	/** Date `YYYY-MM-DD`. */
	d: string;
	amt?: number;
	ret?: boolean;
	disc?: boolean;
	/** Value of the one dimension column `product`; omitted = empty. */
	p?: string;
}

/** Days since 1970-01-01 of `YYYY-MM-DD`, via Date.UTC (independent of the engine's calendar code). */
export function dayOf(iso: string): number {
	const [y, m, d] = iso.split('-').map(Number);
	return Math.round(Date.UTC(y, m - 1, d) / 86400000);
}

/**
 * OrderData of the rows, in the given order. hasOrderId / hasAmount default to "some row has one";
 * without amounts every amount is NaN, as the importer writes it.
 */
export function makeData(rows: Row[], opts: { hasOrderId?: boolean; hasAmount?: boolean } = {}): OrderData {
	const hasOrderId = opts.hasOrderId ?? rows.some((r) => r.o !== undefined);
	const hasAmount = opts.hasAmount ?? rows.some((r) => r.amt !== undefined);
	const n = rows.length;
	const data: OrderData = {
		length: n,
		customer: new Int32Array(n),
		order: new Int32Array(n),
		day: new Int32Array(n),
		amount: new Float64Array(n),
		flags: new Uint8Array(n),
		customerIds: [],
		orderIds: packStrings([]),
		hasOrderId,
		hasAmount,
		dims: []
	};
	if (rows.some((r) => r.p !== undefined)) {
		const values: string[] = [];
		const codes = new Int32Array(n).fill(-1);
		rows.forEach((r, i) => {
			if (r.p === undefined) return;
			let k = values.indexOf(r.p);
			if (k < 0) k = values.push(r.p) - 1;
			codes[i] = k;
		});
		data.dims.push({ name: 'product', codes, values });
	}
	const cMap = new Map<string, number>();
	const oMap = new Map<string, number>();
	const orderIds: string[] = [];
	rows.forEach((r, i) => {
		if (!r.c) data.customer[i] = -1;
		else {
			let k = cMap.get(r.c);
			if (k === undefined) {
				k = data.customerIds.push(r.c) - 1;
				cMap.set(r.c, k);
			}
			data.customer[i] = k;
		}
		if (!hasOrderId || r.o === undefined) data.order[i] = -1;
		else {
			let k = oMap.get(r.o);
			if (k === undefined) {
				k = orderIds.push(r.o) - 1;
				oMap.set(r.o, k);
			}
			data.order[i] = k;
		}
		data.day[i] = dayOf(r.d);
		data.amount[i] = hasAmount ? (r.amt ?? 0) : NaN;
		data.flags[i] = (r.ret ? FLAG_RETURN : 0) | (r.disc ? FLAG_DISCOUNT : 0);
	});
	data.orderIds = packStrings(orderIds);
	return data;
}

/** A seeded pseudo-random generator (mulberry32) in [0, 1), for reproducible random datasets. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** `YYYY-MM-DD` of a day number, through Date (not the engine's own calendar code). */
export const iso = (day: number): string => new Date(day * 86400000).toISOString().slice(0, 10);
