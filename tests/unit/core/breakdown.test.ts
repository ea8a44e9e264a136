// METRICS.md §6 breakdowns: a customer belongs to the most frequent value of their first order; top N values and (other).
import { describe, expect, it } from 'vitest';
import { computeAnalysis, computeBreakdown } from '../../../src/lib/core/analysis';
import { defaultSettings } from '../../../src/lib/core/types';
import { makeData } from './make-data';

const data = makeData([
	{ c: 'a', o: '1', d: '2024-01-05', amt: 1, p: 'y' },
	{ c: 'a', o: '1', d: '2024-01-05', amt: 1, p: 'x' },
	{ c: 'a', o: '1', d: '2024-01-06', amt: 1, p: 'y' }, // a: y (2 rows) beats x (1)
	{ c: 'b', o: '2', d: '2024-01-07', amt: 1, p: 'x' },
	{ c: 'b', o: '3', d: '2024-02-07', amt: 1, p: 'y' }, // later orders do not count: b is x
	{ c: 'c', o: '4', d: '2024-02-01', amt: 1, p: 'x' },
	{ c: 'c', o: '4', d: '2024-02-01', amt: 1, p: 'w' },
	{ c: 'c', o: '4', d: '2024-02-01', amt: 1, p: 'w' },
	{ c: 'c', o: '4', d: '2024-02-01', amt: 1, p: 'x' }, // tie 2–2: text order gives w
	{ c: 'd', o: '5', d: '2024-02-02', amt: 1 }, // no value
	{ c: 'e', o: '6', d: '2024-03-01', amt: 1, p: 'z' },
	{ c: 'e', o: '6', d: '2024-03-01', amt: -1, p: 'y', ret: true }, // returns do not count
	{ c: 'e', o: '6', d: '2024-03-01', amt: -1, p: 'y', ret: true },
	{ c: 'f', o: '7', d: '2024-03-02', amt: 1, p: 'x' }
]);

describe('breakdown (METRICS.md §6)', () => {
	const settings = { ...defaultSettings('month'), window: 1 };
	it('groups customers by their first order and ranks values by customers, ties by text', () => {
		const groups = computeBreakdown(data, settings, 0, 3);
		// x: b, f; w: c; y: a; z: e; no value: d → top 3 = x, w, y; (other) = d, e.
		expect(groups.map((g) => [g.value, g.customers])).toEqual([['x', 2], ['w', 1], ['y', 1], ['(other)', 2]]);
		const x = groups[0];
		expect(x.periods.map((p) => [p.period, p.start, p.end, p.new, p.lost, p.reactivated])).toEqual([
			['2024-01', 0, 1, 1, 0, 0],
			['2024-02', 1, 1, 0, 0, 0],
			['2024-03', 1, 1, 1, 1, 0]
		]);
		expect(x.cohorts.map((c) => [c.cohort, c.offset, c.retained])).toEqual([
			['2024-01', 0, 1], ['2024-01', 1, 1], ['2024-01', 2, 0], ['2024-03', 0, 1]
		]);
	});
	it('the groups add up to the whole base, period by period', () => {
		const whole = computeAnalysis(data, settings);
		const groups = computeBreakdown(data, settings, 0, 2);
		for (const p of whole.periods) {
			const rows = groups.map((g) => g.periods.find((q) => q.period === p.period));
			const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((t, r) => t + f(r), 0);
			expect(sum((r) => r?.new ?? 0)).toBe(p.new);
			expect(sum((r) => r?.end ?? 0)).toBe(p.end);
			expect(sum((r) => r?.orders ?? 0)).toBe(p.orders);
			expect(sum((r) => r?.revenue ?? 0)).toBeCloseTo(p.revenue ?? 0, 9);
		}
		// Observation end stays the dataset's: every group's last period is the same partial period.
		expect(groups.every((g) => g.periods.at(-1)?.period === '2024-03' && g.periods.at(-1)?.partial)).toBe(true);
	});
	it('without that dimension there is no breakdown', () => {
		expect(computeBreakdown(data, settings, 5)).toEqual([]);
	});
});
