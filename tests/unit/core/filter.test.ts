// Issue 6 filters: rows outside the date range or without a selected dimension value are dropped before analysis.
import { describe, expect, it } from 'vitest';
import { computeAnalysis } from '../../../src/lib/core/analysis';
import { filterOrderData, isEmptyFilter, normaliseFilter } from '../../../src/lib/core/filter';
import { defaultSettings } from '../../../src/lib/core/types';
import { dayOf, makeData } from './make-data';

const data = makeData([
	{ c: 'a', o: '1', d: '2024-01-05', amt: 10, p: 'uk' },
	{ c: 'a', o: '2', d: '2024-02-10', amt: 20, p: 'fr' },
	{ c: 'b', o: '3', d: '2024-02-01', amt: 5, p: 'uk' },
	{ c: 'b', o: '4', d: '2024-03-03', amt: -5, p: 'uk', ret: true },
	{ c: '', o: '5', d: '2024-03-04', amt: 7, p: 'fr' },
	{ c: 'c', o: '6', d: '2024-03-20', amt: 8 } // no value
]);
const settings = { ...defaultSettings('month'), window: 1 };

describe('filterOrderData', () => {
	it('an empty filter returns the data itself', () => {
		expect(filterOrderData(data, null)).toBe(data);
		expect(filterOrderData(data, { from: null, to: null, dims: [{ dimension: 'product', values: [] }] })).toBe(data);
		expect(isEmptyFilter({ from: null, to: null, dims: [] })).toBe(true);
	});

	it('a date range keeps the rows on or between its ends (inclusive), guests included', () => {
		const f = filterOrderData(data, { from: dayOf('2024-02-01'), to: dayOf('2024-03-04'), dims: [] });
		expect(Array.from(f.day)).toEqual(['2024-02-10', '2024-02-01', '2024-03-03', '2024-03-04'].map(dayOf));
		expect(Array.from(f.customer).map((k) => (k < 0 ? '' : f.customerIds[k]))).toEqual(['a', 'b', 'b', '']);
		expect(f.dims[0].codes.length).toBe(4);
		expect(data.length).toBe(6); // input untouched
	});

	it('the range start changes who is new: a customer first seen before it is new in its first period inside', () => {
		const a = computeAnalysis(filterOrderData(data, { from: dayOf('2024-02-01'), to: null, dims: [] }), settings);
		// a bought in January (dropped) and in February: in the filtered data a is new in February, with b.
		expect(a.periods.map((p) => [p.period, p.new])).toEqual([['2024-02', 2], ['2024-03', 1]]);
		expect(a.customers.map((c) => [c.customer_id, c.cohort])).toEqual([['a', '2024-02'], ['b', '2024-02'], ['c', '2024-03']]);
		expect(a.metrics.observation_end).toBe('2024-03-20');
	});

	it('a dimension filter keeps only rows with a selected value (empty values dropped)', () => {
		const f = filterOrderData(data, { from: null, to: null, dims: [{ dimension: 'product', values: ['uk'] }] });
		expect(f.length).toBe(3);
		const a = computeAnalysis(f, settings);
		expect(a.customers.map((c) => [c.customer_id, c.orders, c.revenue])).toEqual([['a', 1, 10], ['b', 1, 0]]);
		expect(a.data.return_rows).toBe(1);
		const both = filterOrderData(data, { from: null, to: null, dims: [{ dimension: 'product', values: ['fr', 'uk'] }] });
		expect(both.length).toBe(5);
	});

	it('date range and dimensions combine with AND; an unknown dimension keeps nothing', () => {
		const f = filterOrderData(data, { from: dayOf('2024-02-01'), to: null, dims: [{ dimension: 'product', values: ['uk'] }] });
		expect(Array.from(f.day)).toEqual(['2024-02-01', '2024-03-03'].map(dayOf));
		expect(filterOrderData(data, { from: null, to: null, dims: [{ dimension: 'nope', values: ['x'] }] }).length).toBe(0);
	});

	it('normaliseFilter sorts and drops empty dimensions', () => {
		expect(
			normaliseFilter({ from: 1, to: null, dims: [{ dimension: 'z', values: ['b', 'a', 'b'] }, { dimension: 'a', values: [] }] })
		).toEqual({ from: 1, to: null, dims: [{ dimension: 'z', values: ['a', 'b'] }] });
	});
});
