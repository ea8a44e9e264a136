// METRICS.md §3: the CRR and churn formulas on every worked example of DOMAIN.md, and the period table on hand-worked datasets.
import { describe, expect, it } from 'vitest';
import { churnAdjusted, churnNaive, crr, retentionNaive } from '../../../src/lib/core/activity';
import { computeAnalysis, computePeriodTable } from '../../../src/lib/core/analysis';
import { defaultSettings, type AnalysisSettings, type PeriodRow } from '../../../src/lib/core/types';
import { makeData, type Row } from './make-data';

const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
const month = (window: number): AnalysisSettings => ({ ...defaultSettings('month'), window });
/** The counting columns of a period row, for compact expectations. */
const counts = (p: PeriodRow) => [p.period, p.start, p.end, p.new, p.lost, p.reactivated, p.customer_base, p.orders];

describe('CRR worked examples (DOMAIN.md)', () => {
	it('reproduce exactly', () => {
		expect(crr(1000, 1200, 200)).toBe(100);
		expect(crr(100, 105, 15)).toBe(90);
		expect(crr(1000, 900, 200)).toBe(70);
		expect(crr(5000, 4800, 800)).toBe(80);
		expect(crr(300, 290, 50)).toBe(80);
		expect(crr(20, 24, 5)).toBe(95);
		expect(round2(crr(44, 43, 12))).toBe(70.45);
	});
	it('the example identities hold: E = S − lost + N', () => {
		expect(100 - 10 + 15).toBe(105);
		expect(20 - 1 + 5).toBe(24);
		expect(44 - 13 + 12).toBe(43);
	});
	it('churn: naive, adjusted (the article formula) and naive retention', () => {
		expect(churnNaive(100, 10)).toBe(10);
		expect(retentionNaive(100, 10)).toBe(90);
		expect(churnNaive(44, 13)).toBeCloseTo(29.545454545, 8);
		expect(churnAdjusted(44, 13, 12)).toBe(26);
		// DM·[CC/((EC·DM)+(NC·½·DM))]·100 with DM = 30 days reduces to CC/(EC + NC/2)·100.
		const DM = 30;
		expect(churnAdjusted(100, 10, 15)).toBeCloseTo(DM * (10 / (100 * DM + 15 * 0.5 * DM)) * 100, 12);
	});
	it('a ratio with a zero denominator is empty, not 0 or NaN', () => {
		expect(crr(0, 5, 5)).toBeNull();
		expect(churnNaive(0, 0)).toBeNull();
		expect(retentionNaive(0, 0)).toBeNull();
		expect(churnAdjusted(0, 0, 0)).toBeNull();
		expect(churnAdjusted(0, 0, 4)).toBe(0);
	});
});

describe('period table (METRICS.md §3)', () => {
	it('start 44, new 12, lost 13, end 43 → CRR 70.45 % from real rows', () => {
		const rows: Row[] = [];
		for (let i = 0; i < 44; i++) rows.push({ c: `old${i}`, d: '2024-01-15', amt: 1 });
		for (let i = 0; i < 31; i++) rows.push({ c: `old${i}`, d: '2024-02-10', amt: 1 });
		for (let i = 0; i < 12; i++) rows.push({ c: `new${i}`, d: i === 11 ? '2024-02-29' : '2024-02-20', amt: 1 });
		const [jan, feb] = computePeriodTable(makeData(rows), month(1));
		expect(counts(jan)).toEqual(['2024-01', 0, 44, 44, 0, 0, 44, 44]);
		expect(counts(feb)).toEqual(['2024-02', 44, 43, 12, 13, 0, 56, 43]);
		expect(round2(feb.crr)).toBe(70.45);
		expect(feb.churn_adjusted).toBe(26);
		expect(feb.partial).toBe(false);
	});

	it('empty data gives no periods', () => {
		const a = computeAnalysis(makeData([]), month(3));
		expect(a.periods).toEqual([]);
		expect(a.cohorts).toEqual([]);
		expect(a.customers).toEqual([]);
		expect(a.metrics.observation_end).toBeNull();
		expect(a.metrics.customers).toBe(0);
		expect(a.metrics.repeat_purchase_rate).toBeNull();
		expect(a.data.date_min).toBeNull();
	});

	it('guest-only and return-only data has an observation end but no periods', () => {
		const a = computeAnalysis(makeData([{ d: '2024-01-05', amt: 5 }, { c: 'z', d: '2024-01-07', amt: -5, ret: true }]), month(3));
		expect(a.periods).toEqual([]);
		expect(a.metrics.observation_end).toBe('2024-01-07');
		expect(a.metrics.customers).toBe(0);
		expect(a.data.customer_ids).toBe(1);
	});

	it('one customer, one purchase: one partial period', () => {
		const [p] = computePeriodTable(makeData([{ c: 'a', o: '1', d: '2024-01-05', amt: 10 }]), month(3));
		expect(p).toEqual({
			period: '2024-01', start: 0, end: 1, new: 1, lost: 0, reactivated: 0, customer_base: 1,
			crr: null, churn_naive: null, churn_adjusted: 0, retention_naive: null, orders: 1, revenue: 10, partial: true
		});
	});

	it('the last period is complete when observation end is its last day', () => {
		const data = makeData([{ c: 'a', d: '2024-01-05', amt: 10 }, { d: '2024-03-31', amt: 1 }]);
		const periods = computePeriodTable(data, month(3));
		expect(periods.map((p) => p.period)).toEqual(['2024-01', '2024-02', '2024-03']);
		expect(periods.map((p) => p.partial)).toEqual([false, false, false]);
		const weeks = computePeriodTable(data, { ...defaultSettings('week'), window: 13 });
		expect(weeks.at(-1)?.period).toBe('2024-W13');
		expect(weeks.at(-1)?.partial).toBe(false); // 2024-03-31 is a Sunday
		const quarters = computePeriodTable(data, { ...defaultSettings('quarter'), window: 1 });
		expect(quarters.map((p) => [p.period, p.partial])).toEqual([['2024-Q1', false]]);
		const years = computePeriodTable(data, { ...defaultSettings('year'), window: 1 });
		expect(years.map((p) => [p.period, p.partial])).toEqual([['2024', true]]);
	});

	// a buys in January and March, b in January; a guest row sets observation end to 30 April. No amounts.
	const windowData = makeData([
		{ c: 'a', d: '2024-01-10' },
		{ c: 'b', d: '2024-01-20' },
		{ c: 'a', d: '2024-03-03' },
		{ d: '2024-04-30' }
	]);

	it('W = 1: lapses after every period without a purchase, reactivation in March', () => {
		const periods = computePeriodTable(windowData, month(1));
		expect(periods.map(counts)).toEqual([
			['2024-01', 0, 2, 2, 0, 0, 2, 2],
			['2024-02', 2, 0, 0, 2, 0, 2, 0],
			['2024-03', 0, 1, 0, 0, 1, 2, 1],
			['2024-04', 1, 0, 0, 1, 0, 2, 0]
		]);
		expect(periods[2].crr).toBeNull();
		expect(periods[3].crr).toBe(0);
		expect(periods.every((p) => p.revenue === null && !p.partial)).toBe(true);
	});

	it('W = 3: both stay active until b lapses in April', () => {
		const periods = computePeriodTable(windowData, month(3));
		expect(periods.map(counts)).toEqual([
			['2024-01', 0, 2, 2, 0, 0, 2, 2],
			['2024-02', 2, 2, 0, 0, 0, 2, 0],
			['2024-03', 2, 2, 0, 0, 0, 2, 1],
			['2024-04', 2, 1, 0, 1, 0, 2, 0]
		]);
		expect(periods[3].crr).toBe(50);
		expect(periods[3].churn_naive).toBe(50);
		expect(periods[3].retention_naive).toBe(50);
	});

	it('as of a date: later rows are ignored entirely', () => {
		const periods = computePeriodTable(windowData, { ...month(1), asOf: makeData([{ d: '2024-03-02' }]).day[0] });
		expect(periods.map(counts)).toEqual([
			['2024-01', 0, 2, 2, 0, 0, 2, 2],
			['2024-02', 2, 0, 0, 2, 0, 2, 0],
			['2024-03', 0, 0, 0, 0, 0, 2, 0]
		]);
		expect(periods[2].partial).toBe(true);
	});
});
