// METRICS.md §6 "potential": ids of a customer list without a purchase count in the type segments only.
import { describe, expect, it } from 'vitest';
import { withPotentialSegment } from '../../../src/lib/core/segments';
import type { SegmentRow } from '../../../src/lib/core/types';

const rows: SegmentRow[] = [
	{ kind: 'rfm', segment: 'new', customers: 2, revenue: 30, revenue_share: 100 },
	{ kind: 'type', segment: 'regular', customers: 2, revenue: 30, revenue_share: 100 }
];

describe('withPotentialSegment', () => {
	it('counts list ids that never bought (by the observation end), once each', () => {
		// List a, b, c, c (duplicate), d; buyers a, b → potential c and d.
		const out = withPotentialSegment(rows, ['a', 'b', 'c', 'c', 'd'], [{ customer_id: 'a' }, { customer_id: 'b' }]);
		expect(out.at(-1)).toEqual({ kind: 'type', segment: 'potential', customers: 2, revenue: 0, revenue_share: 0 });
		expect(out.slice(0, 2)).toEqual(rows);
	});
	it('replaces an earlier potential row and keeps revenue empty without amounts', () => {
		const noMoney = rows.map((r) => ({ ...r, revenue: null, revenue_share: null }));
		const once = withPotentialSegment(noMoney, ['x'], []);
		const twice = withPotentialSegment(once, ['x', 'y'], []);
		expect(twice.filter((r) => r.segment === 'potential')).toEqual([
			{ kind: 'type', segment: 'potential', customers: 2, revenue: null, revenue_share: null }
		]);
	});
});
