// Concentration terms, Lorenz curve and the R × F grid (METRICS.md §5, §6), answers worked by hand.
import { describe, expect, it } from 'vitest';
import { computeConcentration, computeRfmGrid } from '../../../src/lib/core/concentration';
import { concentration } from '../../../src/lib/core/customers';

describe('computeConcentration', () => {
	it('is empty for no customers', () => {
		const c = computeConcentration([]);
		expect(c).toMatchObject({ n: 0, total: 0, topCount: 0, top20: null, gini: null, lorenz: [] });
	});

	it('five customers, one negative: top 20 % = 1 customer, Gini with negatives as 0', () => {
		// total = 10 − 5 + 30 + 0 + 15 = 50; top ⌈5/5⌉ = 1 customer (30) → 60 %.
		// x ascending, negatives as 0: 0, 0, 10, 15, 30 → Σx = 55, Σ i·x = 3·10 + 4·15 + 5·30 = 240.
		// G = 2·240 ÷ (5·55) − 6/5 = 96/55 − 66/55 = 6/11.
		const c = computeConcentration([10, -5, 30, 0, 15]);
		expect(c.total).toBe(50);
		expect(c.topCount).toBe(1);
		expect(c.topRevenue).toBe(30);
		expect(c.top20).toBe(60);
		expect(c.sumX).toBe(55);
		expect(c.sumIX).toBe(240);
		expect(c.gini).toBeCloseTo(6 / 11, 12);
		// Lorenz: cumulative 0, 0, 0, 10, 25, 55 of 55 after 0…5 customers.
		expect(c.lorenz.map((p) => p.customers)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
		expect(c.lorenz.map((p) => p.revenue)).toEqual([0, 0, 0, 10 / 55, 25 / 55, 1]);
	});

	it('samples the Lorenz curve to at most maxPoints, ends included', () => {
		const c = computeConcentration(new Array(10).fill(1), 3);
		expect(c.lorenz).toEqual([
			{ customers: 0, revenue: 0 },
			{ customers: 0.5, revenue: 0.5 },
			{ customers: 1, revenue: 1 }
		]);
		expect(c.gini).toBeCloseTo(0, 12);
		const big = computeConcentration(Array.from({ length: 10_000 }, (_, i) => i % 97));
		expect(big.lorenz.length).toBeLessThanOrEqual(200);
		expect(big.lorenz[0]).toEqual({ customers: 0, revenue: 0 });
		expect(big.lorenz.at(-1)).toEqual({ customers: 1, revenue: 1 });
	});

	it('agrees with the summary figures of customers.ts', () => {
		const rev = [120.5, 3, 0, -7.25, 999, 41, 41, 18.75, 5000, 2];
		const c = computeConcentration(rev);
		const s = concentration(rev);
		expect(c.top20).toBeCloseTo(s.top20!, 12);
		expect(c.gini).toBeCloseTo(s.gini!, 12);
	});
});

describe('computeRfmGrid', () => {
	it('counts customers and revenue per (R, F) cell, R 5…1 by F 1…5', () => {
		const grid = computeRfmGrid([
			{ r_score: 5, f_score: 1, revenue: 10 },
			{ r_score: 5, f_score: 1, revenue: 5 },
			{ r_score: 1, f_score: 5, revenue: 100 },
			{ r_score: 3, f_score: 3, revenue: null }
		]);
		expect(grid).toHaveLength(25);
		expect(grid[0]).toEqual({ r: 5, f: 1, segment: 'new', customers: 2, revenue: 15 });
		expect(grid[12]).toEqual({ r: 3, f: 3, segment: 'need attention', customers: 1, revenue: 0 });
		expect(grid[24]).toEqual({ r: 1, f: 5, segment: "can't lose", customers: 1, revenue: 100 });
		expect(grid.reduce((s, c) => s + c.customers, 0)).toBe(4);
	});

	it('has no revenue without amounts', () => {
		const grid = computeRfmGrid([{ r_score: 2, f_score: 2, revenue: null }]);
		expect(grid.every((c) => c.revenue === null)).toBe(true);
		expect(grid.find((c) => c.r === 2 && c.f === 2)).toMatchObject({ segment: 'hibernating', customers: 1 });
	});
});
