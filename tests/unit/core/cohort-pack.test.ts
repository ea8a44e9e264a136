// Issue 5: the cohort cells cross from the worker to the page as columns; the page must get the same cells back.
import { describe, expect, it } from 'vitest';
import { computeAnalysis } from '../../../src/lib/core/analysis';
import { packCohorts, packedBuffers, unpackCohorts } from '../../../src/lib/core/cohort-pack';
import { defaultSettings, type CohortCell } from '../../../src/lib/core/types';
import { makeData } from './make-data';

const rows = [
	{ c: 'a', o: '1', d: '2024-01-05', amt: 10.1 },
	{ c: 'a', o: '2', d: '2024-03-10', amt: 20 },
	{ c: 'b', o: '3', d: '2024-01-20', amt: 5 },
	{ c: 'b', o: '4', d: '2024-02-03', amt: -0.3, ret: true },
	{ c: 'c', o: '5', d: '2024-02-20', amt: 8 },
	{ c: 'd', o: '6', d: '2024-04-02', amt: 1 }
];

describe('packCohorts / unpackCohorts', () => {
	it('gives back the analysis cells, equal and in order, with amounts', () => {
		const cells = computeAnalysis(makeData(rows), defaultSettings('month')).cohorts;
		expect(cells.length).toBe(4 + 3 + 1); // cohorts Jan, Feb and Apr (nobody is new in March), offsets up to April
		expect(cells.some((c) => c.partial)).toBe(true);
		const back = unpackCohorts(packCohorts(cells));
		expect(back).toEqual(cells);
		expect(back.map((c) => `${c.cohort}|${c.offset}`)).toEqual(cells.map((c) => `${c.cohort}|${c.offset}`));
	});

	it('keeps null revenue and ltv (no amounts) apart from 0', () => {
		const noAmounts = computeAnalysis(makeData(rows.map(({ amt: _a, ...r }) => r), { hasAmount: false }), defaultSettings('month')).cohorts;
		expect(noAmounts.every((c) => c.revenue === null && c.ltv === null)).toBe(true);
		expect(unpackCohorts(packCohorts(noAmounts))).toEqual(noAmounts);
		const zero: CohortCell = { cohort: '2024-W01', size: 3, offset: 0, period: '2024-W01', retained: 3, retention: 1, rolling: 1, revenue: 0, ltv: -0, partial: false };
		const [back] = unpackCohorts(packCohorts([zero]));
		expect(back.revenue).toBe(0);
		expect(Object.is(back.ltv, -0)).toBe(true);
	});

	it('stores each label once and survives a transferring structured clone', () => {
		const cells = computeAnalysis(makeData(rows), defaultSettings('month')).cohorts;
		const packed = packCohorts(cells);
		expect(packed.cohortLabels).toEqual(['2024-01', '2024-02', '2024-04']);
		expect(packed.periodLabels).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
		const buffers = packedBuffers(packed);
		expect(new Set(buffers).size).toBe(10);
		const moved = structuredClone(packed, { transfer: buffers });
		expect(packed.cohort.length).toBe(0); // the sender's columns are detached, not copied
		expect(unpackCohorts(moved)).toEqual(cells);
	});
});
