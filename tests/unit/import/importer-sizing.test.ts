// Issue 5, target 5 (memory) and 4 (no pause without progress): with the file's size known, the importer
// sizes its row and order arrays for the whole file from the rows per byte of its first MB, instead of
// doubling them. The result must not depend on it, however wrong the size it is told.
import { describe, expect, it } from 'vitest';
import { createImporter } from '../../../src/lib/core/import/importer.ts';
import type { ImportConfig } from '../../../src/lib/core/import/types.ts';
import type { OrderData } from '../../../src/lib/core/types.ts';

/** 60,000 rows (a doubling array would hold 65,536: 92 % full, kept as it is), ~2.2 MB, ids of two lengths. */
const ROWS = 60_000;
function file(uniform = false): Uint8Array {
	const lines = ['customer_id,order_id,date,amount,product'];
	for (let i = 0; i < ROWS; i++) {
		// orders of 1–3 lines; customers from a pool; unless `uniform`, the later half has longer order ids
		// (fewer rows per byte than the first MB said)
		const order = i < ROWS / 2 || uniform ? `o${String(Math.floor(i / 2)).padStart(6, '0')}` : `order-${Math.floor(i / 3)}-x`;
		lines.push(`C${(i * 7919) % 4001},${order},2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')},${(i % 97) + 0.5},p${i % 13}`);
	}
	return new TextEncoder().encode(lines.join('\n') + '\n');
}
const config = (expectedBytes?: number): ImportConfig => ({ fileName: 'sized.csv', mapping: { customer_id: 0, order_id: 1, date: 2, amount: 3, product: 4 }, options: {}, expectedBytes });

function run(bytes: Uint8Array, expectedBytes?: number): OrderData {
	const imp = createImporter(config(expectedBytes));
	for (let at = 0; at < bytes.length; at += 1 << 18) {
		imp.push(bytes.subarray(at, at + (1 << 18)));
		while (imp.pump(1 << 16));
	}
	const r = imp.finish();
	if (!r.data) throw new Error(r.facts.reject_reason ?? 'nothing imported');
	return r.data;
}

const columns = (d: OrderData) => ({
	length: d.length,
	customer: [...d.customer],
	order: [...d.order],
	day: [...d.day],
	amount: [...d.amount],
	flags: [...d.flags],
	line: [...(d.line ?? [])],
	dims: d.dims.map((x) => ({ name: x.name, codes: [...x.codes], values: x.values })),
	customerIds: d.customerIds,
	orderIds: { chars: [...d.orderIds.chars], ends: [...d.orderIds.ends], length: d.orderIds.length }
});

describe('columns sized from the file size (issue 5)', () => {
	const bytes = file();

	it('gives the same rows, ids and dictionaries as doubling, told the right size, a third of it or three times it', () => {
		expect(bytes.length).toBeGreaterThan(2 << 20);
		const doubling = columns(run(bytes));
		expect(doubling.length).toBe(ROWS);
		for (const told of [bytes.length, Math.round(bytes.length / 3), bytes.length * 3]) expect(columns(run(bytes, told))).toEqual(doubling);
	});

	it('holds the rows in columns a few percent larger than the file needs, where doubling leaves 9 % empty', () => {
		const even = file(true);
		const sized = run(even, even.length);
		const slots = (d: OrderData) => d.customer.buffer.byteLength / Int32Array.BYTES_PER_ELEMENT;
		expect(slots(sized)).toBeGreaterThanOrEqual(ROWS);
		expect(slots(sized)).toBeLessThanOrEqual(Math.ceil(ROWS * 1.05) + 1024);
		expect(sized.amount.buffer.byteLength / 8).toBe(slots(sized));
		// without the size, the columns double up to 65,536 rows
		expect(slots(run(even))).toBe(65_536);
	});
});
