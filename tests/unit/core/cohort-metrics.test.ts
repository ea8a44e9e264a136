// Switchable cohort metrics and their average curves (METRICS.md §4), worked by hand.
import { describe, expect, it } from 'vitest';
import { cohortCurve, cohortValues } from '../../../src/lib/core/cohort-metrics';
import type { CohortCell } from '../../../src/lib/core/types';

function cell(cohort: string, size: number, offset: number, retained: number, rolling: number, revenue: number, ltv: number, partial = false): CohortCell {
	return { cohort, size, offset, period: `${cohort}+${offset}`, retained, retention: retained / size, rolling, revenue, ltv, partial };
}

// Cohort A (2 customers): 100 then 40 then 0 (partial); cohort B (4): 200 then 20 (partial).
const cells = [
	cell('A', 2, 0, 2, 1, 100, 50),
	cell('A', 2, 1, 1, 0.5, 40, 70),
	cell('A', 2, 2, 0, 0, 0, 70, true),
	cell('B', 4, 0, 4, 1, 200, 50),
	cell('B', 4, 1, 2, 0.5, 20, 55, true)
];

describe('cohortValues', () => {
	it('revenue retention = revenue at k ÷ revenue at 0 of the same cohort', () => {
		expect(cohortValues(cells, 'revenue_retention')).toEqual([1, 0.4, 0, 1, 0.1]);
	});
	it('passes the stored columns through', () => {
		expect(cohortValues(cells, 'ltv')).toEqual([50, 70, 70, 50, 55]);
		expect(cohortValues(cells, 'rolling')).toEqual([1, 0.5, 0, 1, 0.5]);
	});
	it('is empty when the first period had no revenue', () => {
		expect(cohortValues([cell('C', 1, 0, 1, 1, 0, 0), cell('C', 1, 1, 1, 1, 5, 5)], 'revenue_retention')).toEqual([null, null]);
	});
});

describe('cohortCurve (complete cells only)', () => {
	it('retention: Σ retained ÷ Σ size; k = 2 has no complete cell', () => {
		expect(cohortCurve(cells, 'retention')).toEqual([
			{ offset: 0, cohorts: 2, value: 1 },
			{ offset: 1, cohorts: 1, value: 0.5 },
			{ offset: 2, cohorts: 0, value: null }
		]);
	});
	it('revenue retention: (100 + 200) ÷ (100 + 200) at 0, 40 ÷ 100 at 1 (B is partial)', () => {
		expect(cohortCurve(cells, 'revenue_retention').map((p) => p.value)).toEqual([1, 0.4, null]);
	});
	it('ltv: (50·2 + 50·4) ÷ 6 = 50, then 70·2 ÷ 2 = 70; revenue per customer 300 ÷ 6, 40 ÷ 2', () => {
		expect(cohortCurve(cells, 'ltv').map((p) => p.value)).toEqual([50, 70, null]);
		expect(cohortCurve(cells, 'revenue').map((p) => p.value)).toEqual([50, 20, null]);
		expect(cohortCurve(cells, 'rolling').map((p) => p.value)).toEqual([1, 0.5, null]);
	});
});
