// heatBands: the heatmap drawn one band of whole rows per frame (issue 5). Expected bands worked out by hand.
import { describe, expect, it } from 'vitest';
import { heatBands, heatSteps, nextFrameCells, type HeatCell } from '../../../src/lib/charts/scales';

const ROW = 20;
/** A triangular grid like a cohort table: row r (cohort c<r>) has `n - r` cells, offsets 0…n-r-1. */
function triangle(n: number): HeatCell[] {
	const out: HeatCell[] = [];
	for (let r = 0; r < n; r++)
		for (let k = 0; k < n - r; k++)
			out.push({ cohort: `c${r}`, offset: k, period: `p${r + k}`, retention: 1, value: 1, retained: 1, size: 1, partial: false, x: k * 30, y: r * ROW, fill: '#fff', textColor: '#000' });
	return out;
}

describe('heatBands', () => {
	it('packs whole rows up to each band size (the last size repeats), at least one row per band', () => {
		// rows of 6, 5, 4, 3, 2, 1 cells; sizes 5, 10, then 4
		const bands = heatBands(triangle(6), ROW, [5, 10, 4]);
		// band 0: row 0 alone (6 cells > 5, but a band holds at least one row)
		// band 1: rows 1 + 2 (5 + 4 = 9 ≤ 10; + 3 would be 12)
		// band 2: row 3 (3 ≤ 4; + 2 would be 5)
		// band 3: rows 4 + 5 (2 + 1 = 3 ≤ 4)
		expect(bands.map((b) => b.cells.length)).toEqual([6, 9, 3, 3]);
		expect(bands.map((b) => b.key)).toEqual(['c0|0', 'c1|0', 'c3|0', 'c4|0']);
		expect(bands.map((b) => [b.y, b.height])).toEqual([
			[0, 20],
			[20, 40],
			[60, 20],
			[80, 40]
		]);
	});

	it('keeps every cell once, in row order, and the bands tile the grid without gaps', () => {
		const cells = triangle(36); // a monthly grid of three years: 666 cells
		const bands = heatBands(cells, ROW, [40, 80, 200]);
		expect(bands.flatMap((b) => b.cells)).toEqual(cells);
		expect(bands.reduce((s, b) => s + b.cells.length, 0)).toBe(666);
		for (let i = 1; i < bands.length; i++) expect(bands[i].y).toBe(bands[i - 1].y + bands[i - 1].height);
		expect(bands.at(-1)!.y + bands.at(-1)!.height).toBe(36 * ROW);
		// first band: row 0 (36 cells; + 35 > 40); second: rows 1–2 (35 + 34 = 69; + 33 > 80)
		expect(bands[0].cells.length).toBe(36);
		expect(bands[1].cells.length).toBe(69);
	});

	it('groups cells of a row that arrive out of order, and an empty grid has no band', () => {
		const cells = triangle(3); // rows of 3, 2, 1
		const shuffled = [cells[5], cells[0], cells[3], cells[1], cells[4], cells[2]];
		const bands = heatBands(shuffled, ROW, [100]);
		expect(bands).toHaveLength(1);
		expect(bands[0].cells.map((c) => `${c.cohort}|${c.offset}`)).toEqual(['c0|0', 'c0|1', 'c0|2', 'c1|0', 'c1|1', 'c2|0']);
		expect(heatBands([], ROW, [40])).toEqual([]);
	});
});

describe('heatSteps', () => {
	it('fills each band in steps of at most the given sizes (the last repeats), also inside one wide row', () => {
		// rows of 6, 5, 4, 3, 2, 1 cells in bands of 6 | 9 | 3 | 3 cells (as above)
		const bands = heatBands(triangle(6), ROW, [5, 10, 4]);
		// sizes 4, then 2: band 0 (6 cells) → 4, 6; band 1 (9) → 2, 4, 6, 8, 9; band 2 (3) → 2, 3; band 3 (3) → 2, 3
		expect(heatSteps(bands, [4, 2])).toEqual([
			{ band: 0, end: 4 },
			{ band: 0, end: 6 },
			{ band: 1, end: 2 },
			{ band: 1, end: 4 },
			{ band: 1, end: 6 },
			{ band: 1, end: 8 },
			{ band: 1, end: 9 },
			{ band: 2, end: 2 },
			{ band: 2, end: 3 },
			{ band: 3, end: 2 },
			{ band: 3, end: 3 }
		]);
	});

	it('a weekly-like grid: no step adds more cells than its size, and the last step of each band ends it', () => {
		const bands = heatBands(triangle(156), ROW, [40, 80, 200]); // 12,246 cells, first rows of 156
		const steps = heatSteps(bands, [40, 80, 120]);
		const sizes = steps.map((s, i) => s.end - (i > 0 && steps[i - 1].band === s.band ? steps[i - 1].end : 0));
		expect(sizes[0]).toBe(40);
		expect(sizes[1]).toBe(80);
		expect(Math.max(...sizes.slice(2))).toBeLessThanOrEqual(120);
		expect(sizes.reduce((a, b) => a + b, 0)).toBe((156 * 157) / 2);
		for (let b = 0; b < bands.length; b++) expect(steps.filter((s) => s.band === b).at(-1)!.end).toBe(bands[b].cells.length);
		expect(heatSteps([], [40])).toEqual([]);
	});
});

describe('nextFrameCells (issue 5: heatmap frames under 50 ms on any machine)', () => {
	it('adds cells while frames stay short, halves them after a long frame, keeps them in between', () => {
		expect(nextFrameCells(40, 17)).toBe(60);
		expect(nextFrameCells(60, 22)).toBe(90);
		expect(nextFrameCells(90, 23)).toBe(90);
		expect(nextFrameCells(90, 34)).toBe(90);
		expect(nextFrameCells(90, 35)).toBe(45);
		expect(nextFrameCells(45, 120)).toBe(22);
	});
	it('stays within its bounds', () => {
		expect(nextFrameCells(20, 500)).toBe(20);
		expect(nextFrameCells(30, 500, 20)).toBe(20);
		expect(nextFrameCells(350, 10)).toBe(400);
		expect(nextFrameCells(900, 10, 20, 1000)).toBe(1000);
	});
	it('settles where frames take 22–34 ms when each cell costs the same', () => {
		// a machine where a frame costs 5 ms plus 0.2 ms a cell (never under one 16.7 ms vsync interval)
		const frame = (cells: number) => Math.max(16.7, 5 + 0.2 * cells);
		let cells = 40;
		const seen: number[] = [];
		for (let i = 0; i < 40; i++) {
			cells = nextFrameCells(cells, frame(cells));
			seen.push(frame(cells));
		}
		expect(Math.max(...seen.slice(10))).toBeLessThanOrEqual(50);
		expect(Math.min(...seen.slice(10))).toBeGreaterThan(22);
	});
});
