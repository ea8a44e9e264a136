// Money totals print as exact decimal sums of the amounts as written (METRICS.md §8 "money within half a
// cent" is then met with room to spare, and downloads show 971414.06, not 971414.0599999999).
import { describe, expect, it } from 'vitest';
import { moneyDecimals, roundMoney } from '../../../src/lib/core/sum';
import { computeAnalysis } from '../../../src/lib/core/analysis';
import { defaultSettings } from '../../../src/lib/core/types';
import { makeData } from './make-data';

describe('moneyDecimals', () => {
	it('finds the places amounts are written with', () => {
		expect(moneyDecimals(new Float64Array([1, 2, 350]))).toBe(0);
		expect(moneyDecimals(new Float64Array([29.33, 0.1, -12.5]))).toBe(2);
		// quantity × unit price as computed in floating point: 6 × 2.55 = 15.299999999999999
		expect(moneyDecimals(new Float64Array([6 * 2.55, 3 * 0.1]))).toBe(1); // 15.3, 0.3
		expect(moneyDecimals(new Float64Array([6 * 2.55, 3 * 0.15]))).toBe(2); // 15.3, 0.45
		expect(moneyDecimals(new Float64Array([1.255, 2]))).toBe(3);
		expect(moneyDecimals(new Float64Array([Math.PI]))).toBeNull();
		expect(moneyDecimals(new Float64Array([NaN, NaN]))).toBe(0);
	});
	it('rounds totals to those places, and leaves null alone', () => {
		expect(roundMoney(971414.0599999999, 2)).toBe(971414.06);
		expect(roundMoney(-0.30000000000000004, 2)).toBe(-0.3);
		expect(roundMoney(null, 2)).toBeNull();
		expect(roundMoney(1.23456789, null)).toBe(1.23456789);
	});
});

describe('analysis money columns', () => {
	it('sums of 0.1 + 0.2 style amounts come out exact in periods, cohorts, customers and the summary', () => {
		const data = makeData([
			{ c: 'a', o: '1', d: '2024-01-05', amt: 0.1 },
			{ c: 'a', o: '2', d: '2024-01-06', amt: 0.2 },
			{ c: 'b', o: '3', d: '2024-01-07', amt: 0.7 },
			{ c: 'b', o: '4', d: '2024-02-07', amt: 0.1 }
		]);
		const a = computeAnalysis(data, defaultSettings('month'));
		expect(a.periods[0].revenue).toBe(1); // 0.1 + 0.2 + 0.7 = 1.0000000000000002 in floating point
		expect(a.cohorts[0].revenue).toBe(1);
		expect(a.customers.find((c) => c.customer_id === 'a')?.revenue).toBe(0.3);
		expect(a.data.revenue).toBe(1.1);
		expect(a.metrics.customer_revenue).toBe(1.1);
	});
});
