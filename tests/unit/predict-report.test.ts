// Predicted value through the headless report on CDNOW_sample at as-of 1997-09-30 (METRICS.md §5, §7):
// per-customer (x, t_x, T) in weeks and zbar against Hardie's calibration summaries, and the fitted
// BG/NBD and Gamma-Gamma parameters against the published values (Fader, Hardie & Lee 2005).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReport } from '../../scripts/report-lib';

const LIFETIMES = new URL('../../../shared/data/lifetimes/', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'mandegar-predict-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function csv(path: string): Record<string, string>[] {
	return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8').trim(), { header: true }).data;
}

const within = (got: number, want: number, rel: number) => Math.abs(got - want) <= rel * Math.abs(want);

describe('CDNOW_sample, calibration end 1997-09-30, --predict-weeks 39', () => {
	let summary: Record<string, unknown>;
	let customers: Map<number, Record<string, string>>;
	beforeAll(async () => {
		const logs: string[] = [];
		const code = await runReport(
			[join(LIFETIMES, 'CDNOW_sample.txt'), '--out', tmp, '--no-header', '--customer', '1', '--date', '2', '--amount', '4', '--as-of', '1997-09-30', '--predict-weeks', '39'],
			(l) => logs.push(l)
		);
		expect(code, logs.join('\n')).toBe(0);
		summary = JSON.parse(readFileSync(join(tmp, 'summary.json'), 'utf8'));
		customers = new Map(csv(join(tmp, 'customers.csv')).map((r) => [Number(r.customer_id), r]));
	}, 120_000);

	it('frequency, recency and T (weeks) equal cdnow_customers_summary.csv for all 2,357 customers', () => {
		const ref = csv(join(LIFETIMES, 'cdnow_customers_summary.csv'));
		expect(ref.length).toBe(2357);
		expect(customers.size).toBe(2357);
		const bad = ref.filter((r) => {
			const c = customers.get(Number(r.ID));
			return (
				!c ||
				Number(c.frequency) !== Number(r.frequency) ||
				Math.abs(Number(c.recency) / 7 - Number(r.recency)) > 0.005 + 1e-9 ||
				Math.abs(Number(c.T) / 7 - Number(r.T)) > 0.005 + 1e-9
			);
		});
		expect(bad).toEqual([]);
	});

	it('monetary_value equals zbar (±0.005; the file rounds half up)', () => {
		const ref = csv(join(LIFETIMES, 'cdnow_customers_summary_with_transactions.csv'));
		const bad = ref.filter((r) => Math.abs(Number(customers.get(Number(r.ID))?.monetary_value) - Number(r.zbar)) > 0.005 + 1e-9);
		expect(bad).toEqual([]);
	});

	it('BG/NBD within 1 % of r 0.243, α 4.414, a 0.793, b 2.426', () => {
		const p = summary.bgnbd as { r: number; alpha: number; a: number; b: number };
		expect(within(p.r, 0.243, 0.01)).toBe(true);
		expect(within(p.alpha, 4.414, 0.01)).toBe(true);
		expect(within(p.a, 0.793, 0.01)).toBe(true);
		expect(within(p.b, 2.426, 0.01)).toBe(true);
	});

	it('Gamma-Gamma within 1 % of p 6.25, q 3.74, γ 15.44', () => {
		const g = summary.gamma_gamma as { p: number; q: number; gamma: number };
		expect(within(g.p, 6.25, 0.01)).toBe(true);
		expect(within(g.q, 3.74, 0.01)).toBe(true);
		expect(within(g.gamma, 15.44, 0.01)).toBe(true);
	});

	it('writes the prediction columns: a customer with x 2, t_x 30.43, T 38.86 expects ≈ 1.226 purchases in 39 weeks', () => {
		// FHL 2005 worked example (customer 1 of the sample has exactly this history).
		const c = customers.get(1)!;
		expect(Number(c.frequency)).toBe(2);
		expect(Math.abs(Number(c.expected_purchases) - 1.226)).toBeLessThan(0.01);
		expect(Number(c.p_alive)).toBeGreaterThan(0);
		expect(Number(c.p_alive)).toBeLessThanOrEqual(1);
		expect(Number(c.predicted_clv)).toBeGreaterThan(0);
	});
});
