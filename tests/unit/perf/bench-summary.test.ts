// The bench reports the app's figures as medians of its runs with the worst beside them (issue 5: the
// targets hold "as medians of at least 3 runs"; a run over a target must still be visible).
import { expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the bench, no type declarations
import { median, summariseRuns } from '../../../scripts/bench/util.mjs';

it('median of odd and even counts, whatever the order', () => {
	expect(median([63, 0, 12])).toBe(12);
	expect(median([0, 63, 12, 20])).toBe(16);
});

it('each figure: the median of the runs, the largest as the worst, every run kept in order', () => {
	const s = summariseRuns([
		{ longest_task_ms: 0, peak_renderer_mb: 183.2, cancel_ms: 36 },
		{ longest_task_ms: 63, peak_renderer_mb: 181.5, cancel_ms: 16 },
		{ longest_task_ms: 0, peak_renderer_mb: 190.1, cancel_ms: 24.5 }
	]);
	expect(s.longest_task_ms).toEqual({ median: 0, worst: 63, runs: [0, 63, 0] });
	expect(s.peak_renderer_mb).toEqual({ median: 183.2, worst: 190.1, runs: [183.2, 181.5, 190.1] });
	expect(s.cancel_ms).toEqual({ median: 24.5, worst: 36, runs: [36, 16, 24.5] });
});

it('a figure missing from any run has no median or worst (never a number made from fewer runs)', () => {
	const s = summariseRuns([{ cancel_ms: 30 }, { cancel_ms: null }, { cancel_ms: 20 }]);
	expect(s.cancel_ms).toEqual({ median: null, worst: null, runs: [30, null, 20] });
});
