// One hand-worked dataset through computeAnalysis: returns before the first purchase, guests, a return-only id,
// a multi-row order dated by its earliest row (METRICS.md §1, §3, §4, §5, §8).
import { describe, expect, it } from 'vitest';
import { computeAnalysis } from '../../../src/lib/core/analysis';
import { defaultSettings } from '../../../src/lib/core/types';
import { makeData } from './make-data';

const data = makeData([
	{ c: 'b', o: '1', d: '2024-01-02', amt: 7 },
	{ c: 'a', o: 'R1', d: '2024-01-10', amt: -5, ret: true }, // a return before a's first purchase
	{ c: 'a', o: '2', d: '2024-02-03', amt: 20 },
	{ c: 'a', o: '2', d: '2024-02-01', amt: 5 }, // same order, earlier row: the purchase is dated 02-01, amount 25
	{ o: '3', d: '2024-02-10', amt: 100 }, // guest
	{ c: 'z', o: 'C4', d: '2024-02-11', amt: -8, ret: true }, // return-only id: not a customer
	{ c: 'a', o: 'C5', d: '2024-02-15', amt: -3, ret: true },
	{ o: '6', d: '2024-03-05', amt: 1 } // guest: sets observation end
]);
const a = computeAnalysis(data, { ...defaultSettings('month'), window: 1 });

describe('hand-worked dataset, month, W = 1', () => {
	it('period table', () => {
		expect(a.periods.map((p) => [p.period, p.start, p.end, p.new, p.lost, p.reactivated, p.customer_base, p.orders, p.revenue, p.partial])).toEqual([
			['2024-01', 0, 1, 1, 0, 0, 1, 1, 2, false], // b's 7 and a's −5 (a customer's row, before their first purchase)
			['2024-02', 1, 1, 1, 1, 0, 2, 1, 22, false], // a's 25 − 3; guests and the return-only id excluded
			['2024-03', 1, 0, 0, 1, 0, 2, 0, 0, true]
		]);
		expect(a.periods[1].crr).toBe(0);
		expect(a.periods[1].churn_naive).toBe(100);
		expect(a.periods[1].churn_adjusted).toBeCloseTo(66.6666666667, 9);
		expect(a.periods[1].retention_naive).toBe(0);
	});

	it('cohort cells: the early return is in no cell', () => {
		expect(a.cohorts.map((c) => [c.cohort, c.size, c.offset, c.period, c.retained, c.retention, c.rolling, c.revenue, c.ltv, c.partial])).toEqual([
			['2024-01', 1, 0, '2024-01', 1, 1, 1, 7, 7, false],
			['2024-01', 1, 1, '2024-02', 0, 0, 0, 0, 7, false],
			['2024-01', 1, 2, '2024-03', 0, 0, 0, 0, 7, true],
			['2024-02', 1, 0, '2024-02', 1, 1, 1, 22, 22, false],
			['2024-02', 1, 1, '2024-03', 0, 0, 0, 0, 22, true]
		]);
	});

	it('average curve: complete cells only', () => {
		expect(a.curve).toEqual([
			{ offset: 0, retained: 2, size: 2, retention: 1 },
			{ offset: 1, retained: 0, size: 1, retention: 0 },
			{ offset: 2, retained: 0, size: 0, retention: null }
		]);
	});

	it('customers: the early return counts in the customer revenue', () => {
		expect(a.customers.map((c) => [c.customer_id, c.orders, c.first_purchase, c.last_purchase, c.revenue, c.frequency, c.recency, c.T, c.monetary_value, c.cohort])).toEqual([
			['a', 1, '2024-02-01', '2024-02-01', 17, 0, 0, 33, 0, '2024-02'],
			['b', 1, '2024-01-02', '2024-01-02', 7, 0, 0, 63, 0, '2024-01']
		]);
		// R: b 63 days, a 33 days → b first (i = 0), a at i = 1 → 1 + ⌊5/2⌋ = 3. F tie → 1. M: 7 then 17.
		expect(a.customers.map((c) => [c.r_score, c.f_score, c.m_score, c.rfm_segment, c.type])).toEqual([
			[3, 1, 3, 'about to sleep', 'one-time'],
			[1, 1, 1, 'hibernating', 'one-time']
		]);
	});

	it('data summary counts guests, returns and every order id', () => {
		expect(a.data).toEqual({
			guest_rows: 2,
			return_rows: 3,
			customer_ids: 3,
			orders: 7,
			revenue: 117,
			date_min: '2024-01-02',
			date_max: '2024-03-05'
		});
	});

	it('whole-base metrics', () => {
		const m = a.metrics;
		expect([m.customers, m.purchases, m.return_orders, m.customer_revenue]).toEqual([2, 2, 2, 24]);
		expect(m.repeat_purchase_rate).toBe(0);
		expect(m.gap_mean_days).toBeNull();
		expect(m.gap_median_days).toBeNull();
		expect(m.aov).toBe(16);
		expect(m.clv_historical).toBe(12);
		expect(m.return_rate).toBe(50);
		expect(m.top20_share).toBeCloseTo((17 / 24) * 100, 12); // ⌈0.2·2⌉ = 1 customer
		expect(m.gini).toBeCloseTo((2 * (1 * 7 + 2 * 17)) / (2 * 24) - 3 / 2, 12);
		expect(m.base_shape).toBe('balanced');
		expect(m.observation_end).toBe('2024-03-05');
	});

	it('segments: counts and revenue shares', () => {
		const rfm = a.segments.filter((s) => s.kind === 'rfm' && s.customers > 0);
		expect(rfm).toEqual([
			{ kind: 'rfm', segment: 'about to sleep', customers: 1, revenue: 17, revenue_share: (17 / 24) * 100 },
			{ kind: 'rfm', segment: 'hibernating', customers: 1, revenue: 7, revenue_share: (7 / 24) * 100 }
		]);
		const types = a.segments.filter((s) => s.kind === 'type' && s.customers > 0);
		expect(types).toEqual([{ kind: 'type', segment: 'one-time', customers: 2, revenue: 24, revenue_share: 100 }]);
	});

	it('W = 3 makes both customers new', () => {
		const b = computeAnalysis(data, { ...defaultSettings('month'), window: 3 });
		expect(b.customers.map((c) => c.type)).toEqual(['new', 'new']);
		expect(b.periods.map((p) => p.end)).toEqual([1, 2, 2]);
	});
});
