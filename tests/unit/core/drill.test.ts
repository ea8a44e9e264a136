// Issue 6 drill-down: a cohort cell's customers and a period's installed base, by hand and against the tables.
import { describe, expect, it } from 'vitest';
import { computeAnalysis } from '../../../src/lib/core/analysis';
import { activeAtEndMembers, cohortCellMembers } from '../../../src/lib/core/drill';
import { defaultSettings } from '../../../src/lib/core/types';
import { makeData } from './make-data';

const data = makeData([
	{ c: 'a', o: '1', d: '2024-01-05', amt: 10 },
	{ c: 'a', o: '2', d: '2024-03-10', amt: 20 },
	{ c: 'b', o: '3', d: '2024-01-20', amt: 5 },
	{ c: 'b', o: '4', d: '2024-02-03', amt: 5 },
	{ c: 'b', o: '5', d: '2024-02-04', amt: -5, ret: true },
	{ c: 'c', o: '6', d: '2024-02-20', amt: 8 },
	{ c: 'c', o: '7', d: '2024-03-01', amt: -8, ret: true }, // a return never makes c retained in March
	{ c: 'd', o: '8', d: '2024-01-02', amt: 1 },
	{ c: '', o: '9', d: '2024-03-30', amt: 3 }
]);
const settings = { ...defaultSettings('month'), window: 1 };
const ids = (ks: number[]) => ks.map((k) => ['a', 'b', 'c', 'd'][k]);

describe('cohortCellMembers', () => {
	it('lists cohort c customers with a purchase in c+k (by hand)', () => {
		expect(ids(cohortCellMembers(data, settings, '2024-01', 0))).toEqual(['a', 'b', 'd']);
		expect(ids(cohortCellMembers(data, settings, '2024-01', 1))).toEqual(['b']);
		expect(ids(cohortCellMembers(data, settings, '2024-01', 2))).toEqual(['a']);
		expect(ids(cohortCellMembers(data, settings, '2024-02', 1))).toEqual([]);
		expect(cohortCellMembers(data, settings, '2024-02', 2)).toEqual([]); // past the last period
		expect(cohortCellMembers(data, settings, '1999-01', 0)).toEqual([]);
	});
	it('the count of every cell equals its retained figure', () => {
		const a = computeAnalysis(data, { ...settings, granularity: 'week', window: 2 });
		for (const cell of a.cohorts)
			expect(cohortCellMembers(data, { ...settings, granularity: 'week', window: 2 }, cell.cohort, cell.offset).length).toBe(cell.retained);
	});
});

describe('activeAtEndMembers', () => {
	it('lists customers with a purchase in p−W+1 … p; its count is the period end', () => {
		expect(ids(activeAtEndMembers(data, settings, '2024-02'))).toEqual(['b', 'c']);
		const w2 = { ...settings, window: 2 };
		expect(ids(activeAtEndMembers(data, w2, '2024-02'))).toEqual(['a', 'b', 'c', 'd']);
		for (const s of [settings, w2, { ...settings, window: 3 }]) {
			const a = computeAnalysis(data, s);
			for (const p of a.periods) expect(activeAtEndMembers(data, s, p.period).length).toBe(p.end);
		}
	});
});
