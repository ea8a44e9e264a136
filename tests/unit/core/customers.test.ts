// METRICS.md §5 customer figures, gaps, concentration and base shape; §6 RFM ties, named segments and customer types.
import { describe, expect, it } from 'vitest';
import { computeAnalysis } from '../../../src/lib/core/analysis';
import { baseShape, concentration } from '../../../src/lib/core/customers';
import { rfmSegment, scores } from '../../../src/lib/core/segments';
import { defaultSettings } from '../../../src/lib/core/types';
import { makeData } from './make-data';

describe('customer figures (METRICS.md §5)', () => {
	const a = computeAnalysis(
		makeData([
			{ c: 'a', o: '1', d: '2024-01-01', amt: 10 },
			{ c: 'a', o: '2', d: '2024-01-01', amt: 5 },
			{ c: 'a', o: '3', d: '2024-01-05', amt: 20 },
			{ c: 'a', o: '4', d: '2024-01-05', amt: 4 },
			{ c: 'a', o: '5', d: '2024-01-20', amt: 6 },
			{ c: 'b', o: '6', d: '2024-01-02', amt: 1 },
			{ c: 'b', o: '7', d: '2024-01-12', amt: 3 }
		]),
		defaultSettings('month')
	);
	it('frequency counts distinct days; monetary value averages repeat days', () => {
		const [ca, cb] = a.customers;
		expect([ca.orders, ca.frequency, ca.recency, ca.T, ca.revenue]).toEqual([5, 2, 19, 19, 45]);
		expect(ca.monetary_value).toBe(15); // (24 + 6) / 2
		expect([cb.orders, cb.frequency, cb.recency, cb.T, cb.monetary_value]).toEqual([2, 1, 10, 18, 3]);
	});
	it('gaps are pooled over customers', () => {
		expect(a.metrics.gap_mean_days).toBe(29 / 3); // 4, 15 and 10
		expect(a.metrics.gap_median_days).toBe(10);
		expect(a.metrics.repeat_purchase_rate).toBe(100);
		expect(a.metrics.aov).toBe(49 / 7);
	});
	it('without an order id every row is its own purchase', () => {
		const b = computeAnalysis(
			makeData([
				{ c: 'a', d: '2024-01-01', amt: 2 },
				{ c: 'a', d: '2024-01-01', amt: 2 },
				{ c: 'a', d: '2024-01-03', amt: -1, ret: true },
				{ c: 'a', d: '2024-01-04', amt: -1, ret: true }
			]),
			defaultSettings('month')
		);
		expect(b.customers[0].orders).toBe(2);
		expect(b.customers[0].frequency).toBe(0);
		expect(b.customers[0].revenue).toBe(2);
		expect(b.metrics.return_orders).toBe(2);
		expect(b.metrics.return_rate).toBe(50);
		expect(b.metrics.gap_median_days).toBeNull();
		expect(b.data.orders).toBe(4);
	});
	it('no amounts: revenue figures are empty, everything else works', () => {
		const b = computeAnalysis(makeData([{ c: 'a', d: '2024-01-01' }, { c: 'a', d: '2024-02-01' }]), defaultSettings('month'));
		expect(b.customers[0].revenue).toBeNull();
		expect(b.customers[0].monetary_value).toBeNull();
		expect(b.customers[0].m_score).toBeNull();
		expect(b.customers[0].frequency).toBe(1);
		expect(b.metrics.customer_revenue).toBeNull();
		expect(b.metrics.top20_share).toBeNull();
		expect(b.metrics.base_shape).toBeNull();
		expect(b.cohorts.every((c) => c.revenue === null && c.ltv === null)).toBe(true);
		expect(b.data.revenue).toBeNull();
	});
});

describe('revenue concentration (METRICS.md §5)', () => {
	it('top 20 % uses ⌈0.2·n⌉ customers; Gini treats negatives as 0', () => {
		// n = 6 → ⌈1.2⌉ = 2 customers: 50 + 30 of a total of 100.
		const c = concentration([10, 50, -5, 30, 10, 5]);
		expect(c.top20).toBe(80);
		// x ascending = 0, 5, 10, 10, 30, 50; Σx = 105; Σ i·x = 10 + 30 + 40 + 150 + 300 = 530.
		expect(c.gini).toBeCloseTo((2 * 530) / (6 * 105) - 7 / 6, 12);
		expect(concentration([]).top20).toBeNull();
		expect(concentration([5, 5, 5, 5, 5]).gini).toBeCloseTo(0, 12);
		// n = 15 → exactly 3 customers (0.2·15 is 3.0000000000000004 in floating point).
		expect(concentration(Array.from({ length: 15 }, () => 1)).top20).toBeCloseTo(20, 12);
	});
	it('shape thresholds', () => {
		expect(baseShape(80)).toBe('tall');
		expect(baseShape(79.9)).toBe('balanced');
		expect(baseShape(50)).toBe('broad');
		expect(baseShape(60, { tall: 60, broad: 20 })).toBe('tall');
		expect(baseShape(null)).toBeNull();
	});
});

describe('RFM (METRICS.md §6)', () => {
	it('ties share the lower score: 1 + ⌊5·i/n⌋ at the first equal value', () => {
		expect([...scores([1, 1, 2, 2, 3])]).toEqual([1, 1, 3, 3, 5]);
		expect([...scores([3, 2, 1, 2, 1])]).toEqual([5, 3, 1, 3, 1]);
		expect([...scores([7, 7, 7])]).toEqual([1, 1, 1]);
		expect([...scores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])]).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
	});
	it('M is compared rounded to the cent; R better with fewer days', () => {
		const a = computeAnalysis(
			makeData([
				{ c: 'x', d: '2024-01-01', amt: 10.004 },
				{ c: 'y', d: '2024-01-02', amt: 10.001 },
				{ c: 'z', d: '2024-01-02', amt: 10.006 }
			]),
			defaultSettings('month')
		);
		expect(a.customers.map((c) => c.m_score)).toEqual([1, 1, 4]);
		expect(a.customers.map((c) => c.r_score)).toEqual([1, 2, 2]);
	});
	it('named segments follow the R × F table', () => {
		const table: Record<number, string[]> = {
			5: ['new', 'potential loyalist', 'potential loyalist', 'champions', 'champions'],
			4: ['promising', 'potential loyalist', 'potential loyalist', 'loyal', 'loyal'],
			3: ['about to sleep', 'about to sleep', 'need attention', 'loyal', 'loyal'],
			2: ['hibernating', 'hibernating', 'at risk', 'at risk', "can't lose"],
			1: ['hibernating', 'hibernating', 'at risk', 'at risk', "can't lose"]
		};
		for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) expect(rfmSegment(r, f), `R${r} F${f}`).toBe(table[r][f - 1]);
	});
});

describe('customer types (METRICS.md §6)', () => {
	const data = makeData([
		{ c: 'L', d: '2023-01-10', amt: 1 },
		{ c: 'L', d: '2023-06-01', amt: 1 },
		{ c: 'L', d: '2023-09-01', amt: 1 },
		{ c: 'L', d: '2024-01-05', amt: 1 },
		{ c: 'D', d: '2023-02-01', amt: 1, disc: true },
		{ c: 'D', d: '2023-03-01', amt: 1 },
		{ c: 'O', d: '2023-02-05', amt: 1 },
		{ c: 'G', d: '2023-02-01', amt: 1 },
		{ c: 'G', d: '2023-04-01', amt: 1 },
		{ c: 'N', d: '2023-12-01', amt: 1 },
		{ d: '2024-01-20', amt: 1 }
	]);
	it('new, loyal, deal-seeker, one-time, regular with the defaults', () => {
		const a = computeAnalysis(data, defaultSettings('month'));
		const type = Object.fromEntries(a.customers.map((c) => [c.customer_id, c.type]));
		expect(type).toEqual({ D: 'deal-seeker', G: 'regular', L: 'loyal', N: 'new', O: 'one-time' });
		const rows = a.segments.filter((s) => s.kind === 'type');
		expect(rows.map((s) => [s.segment, s.customers])).toEqual([
			['new', 1], ['loyal', 1], ['deal-seeker', 1], ['one-time', 1], ['regular', 1]
		]);
	});
	it('thresholds are settings', () => {
		const a = computeAnalysis(data, defaultSettings('month'), {
			shape: { tall: 80, broad: 50 },
			types: { newPeriods: 1, loyalMinDays: 400, loyalMinFrequency: 3, dealShare: 0.75 }
		});
		const type = Object.fromEntries(a.customers.map((c) => [c.customer_id, c.type]));
		// N is no longer new (1 period) but still active (W = 3), so not one-time either.
		expect(type).toEqual({ D: 'regular', G: 'regular', L: 'regular', N: 'regular', O: 'one-time' });
	});
});

describe('data summary (METRICS.md §8)', () => {
	it('rows with an empty order id in a file with an order-id column are their own orders and purchases', () => {
		const data = makeData([
			{ c: 'a', o: '1', d: '2024-01-01', amt: 1 },
			{ c: 'a', o: '1', d: '2024-01-01', amt: 1 },
			{ c: 'a', d: '2024-01-02', amt: 1 },
			{ c: 'a', d: '2024-01-02', amt: 1 },
			{ d: '2024-01-03', amt: 1 }
		]);
		const a = computeAnalysis(data, defaultSettings('month'));
		expect(a.data.orders).toBe(4);
		expect(a.metrics.purchases).toBe(3);
	});
});
