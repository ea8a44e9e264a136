// Appending monthly exports to one dataset: dictionaries merged, dimensions by name, and order lines
// the dataset already holds reported as duplicates (issue 4, item 7).
import { describe, expect, it } from 'vitest';
import { appendOrders, mergeFacts, DUPLICATE_ORDERS_WARNING } from '../../../src/lib/core/import/append.ts';
import { formatDay } from '../../../src/lib/core/parse/day-number.ts';
import type { OrderData } from '../../../src/lib/core/types.ts';
import { runBytes } from './harness.ts';
import { packedString } from '../../../src/lib/core/packed-strings';

const run = (text: string) => runBytes(new TextEncoder().encode(text), 't.csv', null, {}, 64).result;
const H = 'customer_id,order_id,order_date,amount,product\n';

function rows(d: OrderData) {
	return Array.from({ length: d.length }, (_, i) => [
		d.customer[i] < 0 ? '' : d.customerIds[d.customer[i]],
		d.order[i] < 0 ? '' : packedString(d.orderIds, d.order[i]),
		formatDay(d.day[i]),
		d.amount[i],
		...d.dims.map((dim) => (dim.codes[i] < 0 ? '' : dim.values[dim.codes[i]]))
	]);
}

describe('appendOrders', () => {
	const jan = run(`${H}C1,1,2024-01-05,10,Tea\nC2,2,2024-01-20,20,Mug\n,3,2024-01-31,5,Tea\n`);
	it('adds the new rows and merges customers, orders and dimension values', () => {
		const feb = run(`${H}C2,4,2024-02-01,7,Cup\nC3,5,2024-02-03,9,Tea\n`);
		const out = appendOrders(jan.data!, feb.data!, 'feb.csv');
		expect(out.ok).toBe(true);
		if (!out.ok) return;
		expect(out.duplicates).toEqual([]);
		expect(out.data.customerIds).toEqual(['C1', 'C2', 'C3']);
		expect(rows(out.data)).toEqual([
			['C1', '1', '2024-01-05', 10, 'Tea'],
			['C2', '2', '2024-01-20', 20, 'Mug'],
			['', '3', '2024-01-31', 5, 'Tea'],
			['C2', '4', '2024-02-01', 7, 'Cup'],
			['C3', '5', '2024-02-03', 9, 'Tea']
		]);
	});
	it('skips and reports order lines the dataset already has (same order, customer, date and amount)', () => {
		// Overlapping export: orders 2 and 3 again (3 is a guest order), order 1 with another amount is kept.
		const overlap = run(`${H}C2,2,2024-01-20,20,Mug\n,3,2024-01-31,5,Tea\nC1,1,2024-01-05,11,Tea\nC4,6,2024-02-02,3,Tea\n`);
		const out = appendOrders(jan.data!, overlap.data!, 'overlap.csv');
		if (!out.ok) throw new Error(out.reason);
		expect(out.duplicates.map((d) => [d.line, d.value, d.reason, d.skipped, d.file])).toEqual([
			[2, '2', 'duplicate_order', true, 'overlap.csv'],
			[3, '3', 'duplicate_order', true, 'overlap.csv']
		]);
		expect(out.data.length).toBe(5);
		const facts = mergeFacts(jan.facts, overlap.facts, out.duplicates.length);
		expect(facts.rows_imported).toBe(5);
		expect(facts.rows_rejected).toBe(2);
		expect(facts.duplicate_rows).toBe(2);
		expect(facts.warnings).toContain(DUPLICATE_ORDERS_WARNING);
		expect(facts.outcome).toBe('import-with-warnings');
	});
	it('matches dimensions by name and leaves the missing ones empty', () => {
		const other = run('customer_id,order_id,order_date,amount,channel\nC9,9,2024-03-01,1,web\n');
		const out = appendOrders(jan.data!, other.data!, 'mar.csv');
		if (!out.ok) throw new Error(out.reason);
		expect(out.data.dims.map((d) => d.name)).toEqual([jan.data!.dims[0].name, other.data!.dims[0].name]);
		expect(rows(out.data)[0].slice(4)).toEqual(['Tea', '']);
		expect(rows(out.data)[3].slice(4)).toEqual(['', 'web']);
	});
	it('refuses files whose order-id or amount columns do not match the dataset', () => {
		const noOrder = run('customer_id,order_date,amount\nC1,2024-02-01,1\n');
		const out = appendOrders(jan.data!, noOrder.data!, 'x.csv');
		expect(out.ok).toBe(false);
		if (!out.ok) expect(out.reason).toMatch(/order id/);
	});
});
