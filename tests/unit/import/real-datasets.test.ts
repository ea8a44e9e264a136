// The real datasets must import through auto-detection with the reference figures (data/README.md, reference/).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runFile, summarise } from './harness.ts';

const DATA = '/work/shared/data';

describe('real datasets, auto-detected', () => {
	it('CDNOW_master.txt imports unchanged (whitespace runs, no order id, identical lines kept)', () => {
		const run = runFile(`${DATA}/lifetimes/CDNOW_master.txt`, null);
		const s = summarise(run.result);
		const ref = JSON.parse(readFileSync(`${DATA}/reference/cdnow_master_month_w3/summary.json`, 'utf8'));
		expect(run.mapping).toEqual({ customer_id: 0, date: 1, quantity: 2, amount: 3 });
		expect(run.result.facts.delimiter).toBe('whitespace');
		expect(s.rows_imported).toBe(69659);
		expect(s.rows_rejected).toBe(0);
		expect(s.duplicate_rows).toBe(255);
		expect(s.customers).toBe(23570);
		expect(s.orders).toBe(ref.orders);
		expect(s.revenue).toBe(ref.revenue);
		expect([s.date_min, s.date_max]).toEqual([ref.date_min, ref.date_max]);
		expect(run.result.data!.customerIds[0]).toBe('00001');
		expect(run.result.data!.hasOrderId).toBe(false);
		expect(run.result.facts.warnings).toEqual(['duplicate_rows_kept']);
	});
	it('online_retail_sample_customers_mod10.csv matches the reference summary', () => {
		const run = runFile(`${DATA}/online_retail/online_retail_sample_customers_mod10.csv`, null);
		const s = summarise(run.result);
		const ref = JSON.parse(readFileSync(`${DATA}/reference/online_retail_sample_month_w3/summary.json`, 'utf8'));
		expect(run.mapping).toMatchObject({ order_id: 0, quantity: 3, date: 4, unit_price: 5, customer_id: 6 });
		expect(run.mapping.amount).toBeUndefined();
		expect(s.guest_rows).toBe(ref.guest_rows);
		expect(s.return_rows).toBe(ref.return_rows);
		expect(s.customers).toBe(ref.customer_ids);
		expect(s.orders).toBe(ref.orders);
		expect(s.revenue).toBe(ref.revenue);
		expect([s.date_min, s.date_max]).toEqual([ref.date_min, ref.date_max]);
		expect(run.result.data!.customerIds).toContain('17850');
		expect(run.result.data!.customerIds.some((id) => id.endsWith('.0'))).toBe(false);
		expect(s.duplicate_rows).toBeGreaterThan(0);
		expect(s.rows_imported + s.rows_rejected).toBe(47808);
	});
});
