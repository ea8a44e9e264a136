// The §5 figures per period (core/period-kpis.ts): stocks (repeat rate, historical CLV) as of each
// period's end, flows (AOV, return rate) within it — on a hand-worked dataset and against the
// whole-base reference figures of shared/data/reference.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { computeAnalysis } from '../../../src/lib/core/analysis';
import { createImporter, previewBytes } from '../../../src/lib/core/import';
import { defaultSettings, type ImportOptions, type Mapping, type OrderData } from '../../../src/lib/core/types';
import { makeData } from './make-data';

describe('per-period figures on a hand-worked dataset', () => {
	// Months Jan–Mar 2024, observation end 2024-03-31 (complete). Worked by hand below.
	const rows = [
		{ c: 'a', o: '1', d: '2024-01-05', amt: 10 },
		{ c: 'b', o: '3', d: '2024-01-20', amt: 10 },
		{ c: 'b', o: '3', d: '2024-01-21', amt: 10 }, // same order: one purchase of 20 dated Jan 20
		{ c: 'c', o: 'r2', d: '2024-01-25', amt: -4, ret: true }, // c's return before c's first purchase (March)
		{ c: '', o: '7', d: '2024-02-01', amt: 100 }, // guest: in no customer figure
		{ c: 'e', o: 'r9', d: '2024-02-05', amt: -3, ret: true }, // return-only id: not a customer
		{ c: 'a', o: '2', d: '2024-02-10', amt: 30 },
		{ c: 'a', o: 'r1', d: '2024-02-11', amt: -5, ret: true },
		{ c: 'a', o: 'r3', d: '2024-03-05', amt: -2, ret: true }, // r3's earliest row is in February
		{ c: 'a', o: 'r3', d: '2024-02-28', amt: -1, ret: true },
		{ c: 'c', o: '4', d: '2024-03-02', amt: 50 },
		{ c: 'd', o: '5', d: '2024-03-15', amt: 8 },
		{ c: 'd', o: '6', d: '2024-03-31', amt: 12 }
	];
	const a = computeAnalysis(makeData(rows), defaultSettings('month'));
	const k = a.periodKpis;

	it('one row per period of the period table', () => {
		expect(k.map((r) => r.period)).toEqual(['2024-01', '2024-02', '2024-03']);
		expect(k.map((r) => r.period)).toEqual(a.periods.map((p) => p.period));
	});
	it('repeat purchase rate is a stock: customers so far, those with a second purchase so far', () => {
		// Jan: a, b (no second purchase); Feb: a's second purchase; Mar: c, d join, d buys twice.
		expect(k.map((r) => r.customers)).toEqual([2, 2, 4]);
		expect(k.map((r) => r.repeat_customers)).toEqual([0, 1, 2]);
		expect(k.map((r) => r.repeat_purchase_rate)).toEqual([0, 50, 50]);
	});
	it('historical CLV is a stock: net revenue of the customers so far, returns included', () => {
		// Jan: 10 + 20 (c's −4 waits for c's first purchase) = 30; Feb: + 30 − 5 − 1 = 54;
		// Mar: + (−2) + 50 + (−4) + 8 + 12 = 118.
		expect(k.map((r) => r.customer_revenue)).toEqual([30, 54, 118]);
		expect(k.map((r) => r.clv_historical)).toEqual([15, 27, 29.5]);
		expect(a.metrics.clv_historical).toBe(29.5);
	});
	it('AOV is a flow: purchase amounts in the period ÷ purchases in the period', () => {
		expect(k.map((r) => r.purchases)).toEqual([2, 1, 3]);
		expect(k.map((r) => r.purchase_amount)).toEqual([30, 30, 70]);
		expect(k.map((r) => r.aov)).toEqual([15, 30, 70 / 3]);
	});
	it('return rate is a flow: return orders dated (earliest row) in the period', () => {
		// Jan: c's r2; Feb: a's r1 and r3 (its earliest row, Feb 28); e's return is no customer's.
		expect(k.map((r) => r.return_orders)).toEqual([1, 2, 0]);
		expect(k.map((r) => r.return_rate)).toEqual([(1 / 3) * 100, (2 / 3) * 100, 0]);
		// Summed over the periods: 3 ÷ (6 + 3), the whole-base figure.
		expect(a.metrics.return_rate).toBe((3 / 9) * 100);
	});
	it('without amounts the money figures are empty; without order ids every return row is its own order', () => {
		const b = computeAnalysis(
			makeData([
				{ c: 'a', d: '2024-01-01' },
				{ c: 'a', d: '2024-01-03', ret: true },
				{ c: 'a', d: '2024-01-04', ret: true },
				{ c: 'a', d: '2024-02-29' }
			]),
			defaultSettings('month')
		).periodKpis;
		expect(b.map((r) => [r.customer_revenue, r.clv_historical, r.purchase_amount, r.aov])).toEqual([
			[null, null, null, null],
			[null, null, null, null]
		]);
		expect(b.map((r) => r.return_orders)).toEqual([2, 0]);
		expect(b.map((r) => r.return_rate)).toEqual([(2 / 3) * 100, 0]);
		expect(b.map((r) => r.repeat_purchase_rate)).toEqual([0, 100]);
	});
	it('a period without purchases or return orders has empty flows', () => {
		const b = computeAnalysis(
			makeData([
				{ c: 'a', o: '1', d: '2024-01-01', amt: 5 },
				{ c: 'a', o: '2', d: '2024-03-31', amt: 7 }
			]),
			defaultSettings('month')
		).periodKpis;
		expect(b[1]).toMatchObject({ purchases: 0, aov: null, return_rate: null, customers: 1, clv_historical: 5 });
		expect(b[2].clv_historical).toBe(12);
	});
	it('no rows: no periods', () => {
		expect(computeAnalysis(makeData([]), defaultSettings('month')).periodKpis).toEqual([]);
	});
});

const SHARED = new URL('../../../../shared/data/', import.meta.url).pathname;

function load(path: string, options: ImportOptions, mapping?: Mapping): OrderData {
	const bytes = readFileSync(join(SHARED, path));
	const pre = previewBytes(bytes.subarray(0, 1 << 20), path, options);
	if (!pre.ok) throw new Error(pre.reason);
	const importer = createImporter({
		fileName: path,
		mapping: mapping ?? pre.preview.mapping,
		options: { encoding: pre.preview.encoding, delimiter: pre.preview.delimiter, headerLine: pre.preview.headerLine, ...options }
	});
	for (let i = 0; i < bytes.length; i += 1 << 20) importer.push(bytes.subarray(i, i + (1 << 20)));
	const result = importer.finish();
	if (!result.data) throw new Error(`${path}: ${result.facts.outcome}`);
	return result.data;
}

const money = (a: number | null, e: number) => expect(Math.abs((a ?? NaN) - e)).toBeLessThanOrEqual(0.005);
const ratio = (a: number | null, e: number) => expect(Math.abs((a ?? NaN) - e)).toBeLessThanOrEqual(1e-9 * Math.abs(e));

describe('the last period equals the whole-base reference figures (shared/data/reference)', () => {
	const cases = [
		{ ref: 'cdnow_master_month_w3', get: () => load('lifetimes/CDNOW_master.txt', {}) },
		{
			ref: 'online_retail_sample_month_w3',
			// Columns: InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country.
			get: () =>
				load('online_retail/online_retail_sample_customers_mod10.csv', {}, { order_id: 0, quantity: 3, date: 4, unit_price: 5, customer_id: 6 })
		}
	];
	for (const c of cases) {
		it(c.ref, () => {
			const dir = join(SHARED, 'reference', c.ref);
			const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Record<string, number>;
			const periods = Papa.parse<Record<string, string>>(readFileSync(join(dir, 'periods.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
			const k = computeAnalysis(c.get(), { ...defaultSettings('month'), window: 3 }).periodKpis;
			expect(k.map((r) => r.period)).toEqual(periods.map((p) => p.period));
			// Stocks and flows per period agree with the reference period table.
			expect(k.map((r) => r.customers)).toEqual(periods.map((p) => Number(p.customer_base)));
			expect(k.map((r) => r.purchases)).toEqual(periods.map((p) => Number(p.orders)));
			const last = k[k.length - 1];
			expect(last.customers).toBe(summary.customers);
			ratio(last.repeat_purchase_rate, summary.repeat_purchase_rate);
			money(last.customer_revenue, summary.customer_revenue);
			money(last.clv_historical, summary.clv_historical);
			// Flows summed over the periods give the whole-base AOV and return rate back.
			const purchases = k.reduce((s, r) => s + r.purchases, 0);
			const amount = k.reduce((s, r) => s + (r.purchase_amount ?? NaN), 0);
			const returns = k.reduce((s, r) => s + r.return_orders, 0);
			expect(purchases).toBe(summary.purchases);
			expect(returns).toBe(summary.return_orders);
			money(amount / purchases, summary.aov);
			ratio((returns / (purchases + returns)) * 100, summary.return_rate);
		});
	}
});
