// heatBands: the heatmap drawn one band of whole rows per frame (issue 5). Expected bands worked out by hand.
import { describe, expect, it } from 'vitest';
import { heatBands, heatDrawPlan, heatFrame, heatKey, heatRemovalFrames, heatWindow, nextFrameCells, windowBands, windowColumns, windowRows, type HeatBand, type HeatCell, type HeatDrawPlan } from '../../../src/lib/charts/scales';

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

const keys = (bands: HeatBand[]) => bands.flatMap((b) => b.cells.map(heatKey));
/** Every frame of a plan, from step 0 to the last. */
const frames = (plan: HeatDrawPlan) => Array.from({ length: plan.steps.length + 1 }, (_, k) => heatFrame(plan, k));

describe('heatDrawPlan and heatFrame', () => {
	it('a new grid: empty first, then at most one step of cells more a step, band by band, ending with every cell', () => {
		// rows of 6, 5, 4, 3, 2, 1 cells in bands of 6 | 9 | 3 | 3 cells (as above)
		const bands = heatBands(triangle(6), ROW, [5, 10, 4]);
		const plan = heatDrawPlan(bands, null, 4);
		// band 0 (6 cells) → 4, 6; band 1 (9) → 4, 8, 9; band 2 (3) → 3; band 3 (3) → 3
		expect(plan.steps).toEqual([
			{ band: 0, end: 4 },
			{ band: 0, end: 6 },
			{ band: 1, end: 4 },
			{ band: 1, end: 8 },
			{ band: 1, end: 9 },
			{ band: 2, end: 3 },
			{ band: 3, end: 3 }
		]);
		const all = frames(plan);
		expect(all.map((f) => keys(f).length)).toEqual([0, 4, 6, 10, 14, 15, 18, 21]);
		// every band is there from the first frame (empty), so the bands below keep their place
		expect(all[0].map((b) => b.key)).toEqual(bands.map((b) => b.key));
		expect(keys(all[2])).toEqual(keys([bands[0]]));
		expect(all.at(-1)).toEqual(bands);
		// a band whose cells are all drawn is the band itself (its SVG is not touched again)
		expect(all[4][0]).toBe(bands[0]);
	});

	it('a weekly-like grid: no step adds more cells than its size, and no frame shows a cell twice', () => {
		const bands = heatBands(triangle(80), ROW, [40, 80, 200]); // 3,240 cells, first rows of 80
		const plan = heatDrawPlan(bands, null, 20);
		const counts = frames(plan).map((f) => keys(f).length);
		for (let k = 1; k < counts.length; k++) expect(counts[k] - counts[k - 1]).toBeGreaterThan(0);
		for (let k = 1; k < counts.length; k++) expect(counts[k] - counts[k - 1]).toBeLessThanOrEqual(20);
		expect(counts.at(-1)).toBe((80 * 81) / 2);
	});

	it('a window that moves: the cells still in it cost nothing, those that left go at once, the new ones come in steps', () => {
		const bands = heatBands(triangle(20), ROW, [40]);
		const first = windowBands(bands, { left: 0, top: 0, right: 150, bottom: 100 }, 30, ROW); // offsets 0–4, cohorts 0–4
		const shown = heatFrame(heatDrawPlan(first, null, 5), Infinity);
		expect(new Set(keys(shown)).size).toBe(25);
		const moved = windowBands(bands, { left: 60, top: 40, right: 210, bottom: 140 }, 30, ROW); // offsets 2–6, cohorts 2–6
		const plan = heatDrawPlan(moved, shown, 5);
		// kept: offsets 2–4 of cohorts 2–4 (9 cells, and cohort 4 has offsets up to 15); new: the rest of the 5 × 5
		expect(plan.todo.flat().length).toBe(25 - 9);
		const all = frames(plan);
		expect(keys(all[0]).sort()).toEqual(['c2|2', 'c2|3', 'c2|4', 'c3|2', 'c3|3', 'c3|4', 'c4|2', 'c4|3', 'c4|4']);
		for (const f of all) {
			const k = keys(f);
			expect(new Set(k).size).toBe(k.length);
			expect(k.every((key) => keys(moved).includes(key))).toBe(true);
		}
		expect(all.at(-1)).toEqual(moved);
	});

	it('new values on the same grid: the old cells stay until their step replaces them', () => {
		const bands = heatBands(triangle(6), ROW, [40]);
		const recoloured = bands.map((b) => ({ ...b, cells: b.cells.map((c) => ({ ...c, value: 0.5, fill: '#123456' })) }));
		const plan = heatDrawPlan(recoloured, bands, 5);
		const all = frames(plan);
		for (const f of all) expect(keys(f)).toEqual(keys(bands));
		expect(all[0][0].cells.every((c) => c.value === 1)).toBe(true);
		expect(all[1][0].cells.map((c) => c.value)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, ...Array(16).fill(1)]);
		expect(all.at(-1)![0].cells.every((c) => c.value === 0.5)).toBe(true);
		// the same cells again: nothing to do
		expect(heatDrawPlan(bands, bands, 5).steps).toEqual([]);
		expect(heatDrawPlan([], null, 5).steps).toEqual([]);
	});
});

describe('heatWindow and windowBands (a big grid draws the cells near the view)', () => {
	const view = { left: 100, top: 200, right: 500, bottom: 400 }; // 400 × 200
	it('is the view and a quarter of its size again on each side', () => {
		expect(heatWindow(view, null)).toEqual({ left: 0, top: 150, right: 600, bottom: 450 });
	});
	it('stays while the view is an eighth of its size inside it, and moves after', () => {
		const w = heatWindow(view, null);
		// the window's right edge is 600: a view reaching 550 keeps 50 (an eighth of 400) inside, 551 does not
		expect(heatWindow({ left: 150, top: 175, right: 550, bottom: 375 }, w)).toBe(w);
		const moved = heatWindow({ left: 151, top: 200, right: 551, bottom: 400 }, w);
		expect(moved).toEqual({ left: 51, top: 150, right: 651, bottom: 450 });
		expect(heatWindow({ left: 100, top: 226, right: 500, bottom: 426 }, w)).not.toBe(w);
		expect(heatWindow({ left: 50, top: 200, right: 450, bottom: 400 }, w)).toBe(w);
		expect(heatWindow({ left: 49, top: 200, right: 449, bottom: 400 }, w)).not.toBe(w);
	});
	it('a view of no size (a hidden box) counts as the fallback size', () => {
		expect(heatWindow({ left: 0, top: 0, right: 0, bottom: 0 }, null, { width: 100, height: 40 })).toEqual({ left: -25, top: -10, right: 125, bottom: 50 });
	});
	it('keeps the cells that overlap the window, every band (maybe empty), and the tab stop wherever it is', () => {
		const bands = heatBands(triangle(10), ROW, [20]);
		const got = windowBands(bands, { left: 31, top: 21, right: 89, bottom: 59 }, 30, ROW, 'c9|0');
		expect(got.map((b) => b.key)).toEqual(bands.map((b) => b.key));
		// columns 1–2 (x 30–90) of rows 1–2 (y 20–60), and the far corner cell
		expect(keys(got)).toEqual(['c1|1', 'c1|2', 'c2|1', 'c2|2', 'c9|0']);
		// an edge that only touches a cell does not take it
		expect(keys(windowBands(bands, { left: 30, top: 20, right: 60, bottom: 40 }, 30, ROW))).toEqual(['c1|1']);
		expect(windowBands(bands, null, 30, ROW)).toBe(bands);
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

describe('heatRemovalFrames (a window move takes its leaving cells away a few hundred a frame)', () => {
	it('goes from the cells on screen to the plan first frame in steps of at most perFrame, top band first', () => {
		const bands = heatBands(triangle(20), ROW, [40]);
		const shown = heatFrame(heatDrawPlan(windowBands(bands, { left: 0, top: 0, right: 300, bottom: 200 }, 30, ROW), null, 5), Infinity); // offsets 0–9 of cohorts 0–9: 100 cells
		const moved = windowBands(bands, { left: 0, top: 160, right: 300, bottom: 360 }, 30, ROW); // cohorts 8–17
		const plan = heatDrawPlan(moved, shown, 5);
		const first = heatFrame(plan, 0);
		// kept: cohorts 8 and 9 (offsets 0–9 of cohort 8 and 0–9 of cohort 9, both rows long enough): 20 cells
		expect(keys(first).length).toBe(20);
		const frames = heatRemovalFrames(shown, first, 30);
		// 80 cells leave: 30, 60, then the rest
		expect(frames.map((f) => keys(f).length)).toEqual([70, 40, 20]);
		expect(frames.at(-1)).toBe(first);
		// the top rows go first, and the cells that stay are the same objects in every frame
		expect(keys(frames[0]).some((k) => k.startsWith('c0|'))).toBe(false);
		expect(keys(frames[0]).some((k) => k.startsWith('c3|'))).toBe(true);
		const kept = first.flatMap((b) => b.cells);
		for (const f of frames) {
			const cells = f.flatMap((b) => b.cells);
			expect(kept.every((c) => cells.includes(c))).toBe(true);
			expect(new Set(keys(f)).size).toBe(keys(f).length);
			expect(f.map((b) => b.key)).toEqual(bands.map((b) => b.key));
		}
	});
	it('few cells leaving: one frame; another grid (other bands): everything at once', () => {
		const bands = heatBands(triangle(6), ROW, [40]);
		const fewer = windowBands(bands, { left: 0, top: 0, right: 90, bottom: 200 }, 30, ROW);
		expect(heatRemovalFrames(bands, fewer, 1000)).toEqual([fewer]);
		const other = heatBands(triangle(8), ROW, [20]);
		expect(heatRemovalFrames(bands, other, 2)).toEqual([other]);
	});
});

describe('windowRows and windowColumns (a windowed grid labels only the rows and offsets beside its window)', () => {
	const rows = Array.from({ length: 10 }, (_, i) => ({ cohort: `c${i}`, y: i * ROW }));
	const columns = Array.from({ length: 10 }, (_, k) => ({ offset: k, x: k * 30 }));
	it('takes what overlaps the window, not what only touches its edge', () => {
		// rows 1–2 (y 20–60) and columns 1–2 (x 30–90), as the cells of the same window in windowBands above
		const rect = { left: 31, top: 21, right: 89, bottom: 59 };
		expect(windowRows(rows, rect, ROW).map((r) => r.cohort)).toEqual(['c1', 'c2']);
		expect(windowColumns(columns, rect, 30).map((c) => c.offset)).toEqual([1, 2]);
		expect(windowRows(rows, { left: 0, top: 20, right: 10, bottom: 40 }, ROW).map((r) => r.cohort)).toEqual(['c1']);
		expect(windowColumns(columns, { left: 30, top: 0, right: 60, bottom: 10 }, 30).map((c) => c.offset)).toEqual([1]);
	});
	it('a window beyond the grid (half a view past its start) takes the rows and columns from the start', () => {
		const rect = { left: -600, top: -240, right: 1800, bottom: 720 };
		expect(windowRows(rows, rect, ROW)).toEqual(rows);
		expect(windowColumns(columns, rect, 30)).toEqual(columns);
	});
});
