// Sort orders and pages of the customer table.
import { describe, expect, it } from 'vitest';
import { buildSortIndex, pageOf } from '../../../src/lib/core/customer-query';

describe('buildSortIndex', () => {
	it('is empty for no rows', () => expect(Array.from(buildSortIndex([]))).toEqual([]));
	it('numbers ascending, empty values last, ties by position', () => {
		expect(Array.from(buildSortIndex([3, null, 1, 3, NaN, 2]))).toEqual([2, 5, 0, 3, 1, 4]);
	});
	it('descending keeps empty values last and ties by position', () => {
		expect(Array.from(buildSortIndex([3, null, 1, 3, NaN, 2], true))).toEqual([0, 3, 5, 2, 1, 4]);
	});
	it('text by code unit', () => {
		expect(Array.from(buildSortIndex(['b', 'a', 'B', 'c']))).toEqual([2, 1, 0, 3]);
	});
});

describe('pageOf', () => {
	const order = Int32Array.from([4, 2, 0, 1, 3]);
	it('cuts a page without a filter', () => {
		expect(pageOf(order, { offset: 1, limit: 2 })).toEqual({ total: 5, positions: [2, 0] });
		expect(pageOf(order, { offset: 4, limit: 10 })).toEqual({ total: 5, positions: [3] });
	});
	it('counts and pages only accepted positions, in sort order', () => {
		// even positions in order: 4, 2, 0 → total 3; page offset 1 limit 5 → 2, 0.
		expect(pageOf(order, { offset: 1, limit: 5, accept: (p) => p % 2 === 0 })).toEqual({ total: 3, positions: [2, 0] });
	});
});
