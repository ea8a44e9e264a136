// Chart geometry (src/lib/charts/scales.ts) and display formats (src/lib/ui/format.ts): edge cases
// first, expected values worked out by hand.
import { describe, expect, it } from 'vitest';
import { interpolateBlues, rgb } from 'd3';
import {
	DARK_TEXT,
	LIGHT_TEXT,
	buildBaseChart,
	buildCurveChart,
	buildHeatColour,
	buildHeatmap,
	buildLineChart,
	columnBands,
	stepIndex,
	wrapLabel,
	stepGrid,
	edgeAnchor,
	readableTextColour,
	relativeLuminance,
	thinIndexes
} from '../../../src/lib/charts/scales';
import { EMPTY, dayToIso, formatCount, formatPercent, formatRatioPercent, isoToDay } from '../../../src/lib/ui/format';
import type { CohortCell, PeriodRow } from '../../../src/lib/core/types';

function cell(cohort: string, offset: number, retained: number, size: number, partial = false): CohortCell {
	return { cohort, size, offset, period: `${cohort}+${offset}`, retained, retention: retained / size, rolling: 0, revenue: null, ltv: null, partial };
}

function period(label: string, base: number, end: number): PeriodRow {
	return {
		period: label,
		start: 0,
		end,
		new: 0,
		lost: 0,
		reactivated: 0,
		customer_base: base,
		crr: null,
		churn_naive: null,
		churn_adjusted: null,
		retention_naive: null,
		orders: 0,
		revenue: null,
		partial: false
	};
}

describe('thinIndexes', () => {
	it('is empty for no labels', () => expect(thinIndexes(0, 5)).toEqual([]));
	it('keeps every label when they fit', () => expect(thinIndexes(4, 5)).toEqual([0, 1, 2, 3]));
	it('thins and always ends on the last label', () => {
		const got = thinIndexes(25, 6);
		expect(got[0]).toBe(0);
		expect(got[got.length - 1]).toBe(24);
		expect(got.length).toBeLessThanOrEqual(6);
	});
	it('does not crowd the last label next to a regular one', () => {
		// step 3 → 0,3,6,9 then 10 would be 1 away: 9 is dropped.
		expect(thinIndexes(11, 5)).toEqual([0, 3, 6, 10]);
		// 18 monthly labels, step 2: …14, 16, 17 would put two labels side by side.
		expect(thinIndexes(18, 12).slice(-2)).toEqual([14, 17]);
	});
});

describe('edgeAnchor', () => {
	it('keeps edge labels inside the plot', () => {
		expect([edgeAnchor(0, 100), edgeAnchor(50, 100), edgeAnchor(100, 100)]).toEqual(['start', 'middle', 'end']);
		// A single, centred point (or no width yet) stays centred.
		expect(edgeAnchor(0, 0)).toBe('middle');
	});
});

describe('buildLineChart', () => {
	it('handles a single period (centred point, no NaN)', () => {
		const g = buildLineChart(['2011-01'], [{ key: 'a', label: 'A', values: [5] }], 200, 100);
		expect(g.xs[0]).toBeCloseTo(g.innerWidth / 2);
		expect(g.paths[0].d).not.toMatch(/NaN/);
	});
	it('maps 0 to the bottom and the nice maximum to the top', () => {
		const g = buildLineChart(['a', 'b', 'c'], [{ key: 's', label: 'S', values: [0, 50, 97] }], 300, 140);
		expect(g.innerHeight).toBe(140 - 12 - 28);
		expect(g.paths[0].points[0].y).toBe(g.innerHeight);
		// 97 nices to 100: the top tick is 100 at y = 0.
		expect(g.yTicks[g.yTicks.length - 1]).toEqual({ pos: 0, label: '100' });
		expect(g.xs).toEqual([0, g.innerWidth / 2, g.innerWidth]);
	});
	it('breaks the line at null values', () => {
		const g = buildLineChart(['a', 'b', 'c', 'd'], [{ key: 's', label: 'S', values: [1, null, 2, 3] }], 300, 140);
		expect(g.paths[0].d.match(/M/g)?.length).toBe(2);
		expect(g.paths[0].points.map((p) => p.value)).toEqual([1, 2, 3]);
	});
	it('uses 0…1 when every value is 0', () => {
		const g = buildLineChart(['a', 'b'], [{ key: 's', label: 'S', values: [0, 0] }], 300, 140);
		expect(g.yTicks[g.yTicks.length - 1].label).toBe('1');
	});
});

describe('buildBaseChart and buildCurveChart', () => {
	it('draws customer base and installed base (end) per period', () => {
		const g = buildBaseChart([period('2011-01', 10, 8), period('2011-02', 20, 12)], 400, 200);
		expect(g.paths.map((p) => p.key)).toEqual(['customer_base', 'installed_base']);
		expect(g.paths[1].points.map((p) => p.value)).toEqual([8, 12]);
	});
	it('has only whole-number ticks for counts', () => {
		const g = buildBaseChart([period('2020-01', 1, 1), period('2020-02', 2, 2)], 400, 200);
		expect(g.yTicks.map((t) => t.label)).toEqual(['0', '1', '2']);
	});
	it('puts the curve in percent on a fixed 0–100 % axis and skips offsets without complete cells', () => {
		const g = buildCurveChart(
			[
				{ offset: 0, retained: 10, size: 10, retention: 1 },
				{ offset: 1, retained: 2, size: 10, retention: 0.2 },
				{ offset: 2, retained: 0, size: 0, retention: null }
			],
			400,
			200
		);
		expect(g.paths[0].points.map((p) => p.value)).toEqual([100, 20]);
		expect(g.yTicks[g.yTicks.length - 1].label).toBe('100%');
	});
});

describe('heatmap geometry', () => {
	const cells = [cell('2011-01', 0, 10, 10), cell('2011-01', 1, 4, 10), cell('2011-01', 2, 2, 10, true), cell('2011-02', 0, 5, 5), cell('2011-02', 1, 1, 5, true)];

	it('is empty for no cohorts', () => {
		const g = buildHeatmap([]);
		expect(g.rows).toEqual([]);
		expect(g.cells).toEqual([]);
		expect(g.width).toBe(0);
	});
	it('lays cohorts out as fixed-height rows and offsets as columns', () => {
		const g = buildHeatmap(cells, { cellWidth: 40, rowHeight: 20, headerHeight: 10 });
		expect(g.rows).toEqual([
			{ cohort: '2011-01', size: 10, y: 10 },
			{ cohort: '2011-02', size: 5, y: 30 }
		]);
		expect(g.columns.map((c) => c.x)).toEqual([0, 40, 80]);
		const c = g.cells.find((x) => x.cohort === '2011-02' && x.offset === 1)!;
		expect([c.x, c.y, c.partial]).toEqual([40, 30, true]);
		expect(g.height).toBe(10 + 2 * 20);
		expect(g.width).toBe(120);
	});
	it('scales colour to the highest retention after offset 0 (offset 0 is always 100 %)', () => {
		const { colourMax, colour } = buildHeatColour(cells);
		expect(colourMax).toBe(0.4);
		// Clamped: 100 % and 40 % get the same (darkest) colour.
		expect(colour(1)).toBe(colour(0.4));
		expect(relativeLuminance(colour(0))).toBeGreaterThan(relativeLuminance(colour(0.2)));
	});
	it('looks the ramp up in steps that stay within one unit of d3 Blues', () => {
		const { colour, colourMax } = buildHeatColour(cells);
		const exact = (v: number) => rgb(interpolateBlues(0.05 + 0.95 * Math.min(1, Math.max(0, v / colourMax))));
		for (let k = 0; k <= 500; k++) {
			const v = (k / 500) * colourMax * 1.1 - 0.01;
			const got = rgb(colour(v));
			const want = exact(v);
			expect(Math.max(Math.abs(got.r - want.r), Math.abs(got.g - want.g), Math.abs(got.b - want.b)), `value ${v}`).toBeLessThanOrEqual(1);
		}
		expect(colour(0)).toBe(interpolateBlues(0.05));
		expect(colour(colourMax)).toBe(interpolateBlues(1));
	});
	it('falls back to 0…1 when only offset 0 exists', () => {
		expect(buildHeatColour([cell('2011-01', 0, 3, 3)]).colourMax).toBe(1);
	});
	it('picks readable text on every fill', () => {
		expect(readableTextColour('#ffffff')).toBe(DARK_TEXT);
		expect(readableTextColour('#08306b')).toBe(LIGHT_TEXT);
		const g = buildHeatmap(cells);
		const dark = g.cells.find((c) => c.offset === 0)!;
		expect(dark.textColor).toBe(LIGHT_TEXT);
	});
});

describe('format', () => {
	it('shows an em dash for empty values', () => {
		expect(formatPercent(null)).toBe(EMPTY);
		expect(formatCount(undefined)).toBe(EMPTY);
		expect(formatRatioPercent(Number.NaN)).toBe(EMPTY);
	});
	it('formats percent with one decimal and ratios as percent', () => {
		expect(formatPercent(75.55555)).toBe('75.6');
		expect(formatRatioPercent(0.1474636757583482)).toBe('14.7');
		expect(formatCount(23570)).toBe('23,570');
	});
	it('round-trips day numbers and rejects impossible dates', () => {
		expect(dayToIso(0)).toBe('1970-01-01');
		expect(isoToDay('2011-12-09')).toBe(15317);
		expect(dayToIso(15317)).toBe('2011-12-09');
		expect(isoToDay('2011-02-29')).toBeNull();
		expect(isoToDay('2012-02-29')).not.toBeNull();
		expect(isoToDay('')).toBeNull();
	});
});

describe('columnBands (focusable point columns)', () => {
	it('splits the plot halfway between points; the ends reach the edges', () => {
		expect(columnBands([0, 100, 200], 200)).toEqual([
			{ x0: 0, x1: 50 },
			{ x0: 50, x1: 150 },
			{ x0: 150, x1: 200 }
		]);
	});
	it('uneven spacing (Lorenz): each boundary is the midpoint of its neighbours', () => {
		expect(columnBands([0, 10, 90, 100], 100)).toEqual([
			{ x0: 0, x1: 5 },
			{ x0: 5, x1: 50 },
			{ x0: 50, x1: 95 },
			{ x0: 95, x1: 100 }
		]);
	});
	it('one point owns the whole plot; none gives none', () => {
		expect(columnBands([40], 80)).toEqual([{ x0: 0, x1: 80 }]);
		expect(columnBands([], 80)).toEqual([]);
	});
});

describe('stepGrid (roving focus in a grid of uneven rows)', () => {
	// The cohort triangle: 4 cohorts with 4, 3, 2 and 1 cells.
	const tri = [4, 3, 2, 1];
	it('Left/Right stay in the row and stop at its ends', () => {
		expect(stepGrid(0, 1, 'ArrowRight', tri)).toEqual([0, 2]);
		expect(stepGrid(0, 3, 'ArrowRight', tri)).toEqual([0, 3]);
		expect(stepGrid(1, 2, 'ArrowRight', tri)).toEqual([1, 2]);
		expect(stepGrid(2, 1, 'ArrowLeft', tri)).toEqual([2, 0]);
		expect(stepGrid(2, 0, 'ArrowLeft', tri)).toEqual([2, 0]);
	});
	it('Up/Down keep the column, or take a shorter row’s last cell, and stop at the first/last row', () => {
		expect(stepGrid(0, 1, 'ArrowDown', tri)).toEqual([1, 1]);
		expect(stepGrid(0, 3, 'ArrowDown', tri)).toEqual([1, 2]);
		expect(stepGrid(1, 2, 'ArrowDown', tri)).toEqual([2, 1]);
		expect(stepGrid(3, 0, 'ArrowDown', tri)).toEqual([3, 0]);
		expect(stepGrid(3, 0, 'ArrowUp', tri)).toEqual([2, 0]);
		expect(stepGrid(0, 2, 'ArrowUp', tri)).toEqual([0, 2]);
	});
	it('Up/Down pass over empty rows', () => {
		expect(stepGrid(0, 0, 'ArrowDown', [2, 0, 2])).toEqual([2, 0]);
		expect(stepGrid(2, 1, 'ArrowUp', [2, 0, 2])).toEqual([0, 1]);
		expect(stepGrid(0, 0, 'ArrowDown', [2, 0])).toEqual([0, 0]);
	});
	it('Home/End go to the row’s ends, with Ctrl to the grid’s first and last cells', () => {
		expect(stepGrid(1, 1, 'Home', tri)).toEqual([1, 0]);
		expect(stepGrid(1, 0, 'End', tri)).toEqual([1, 2]);
		expect(stepGrid(2, 1, 'Home', tri, true)).toEqual([0, 0]);
		expect(stepGrid(0, 0, 'End', tri, true)).toEqual([3, 0]);
		expect(stepGrid(0, 0, 'End', [5, 5, 5, 5, 5], true)).toEqual([4, 4]);
	});
	it('other keys, an empty grid or an empty row are no move', () => {
		expect(stepGrid(0, 0, 'Tab', tri)).toBeNull();
		expect(stepGrid(0, 0, 'Enter', tri)).toBeNull();
		expect(stepGrid(0, 0, 'ArrowRight', [])).toBeNull();
		expect(stepGrid(0, 0, 'ArrowRight', [0, 0])).toBeNull();
		expect(stepGrid(1, 0, 'ArrowRight', [2, 0])).toBeNull();
	});
});

describe('stepIndex (roving focus keys)', () => {
	it('arrows move by one and stop at the ends; Home/End jump; other keys do nothing', () => {
		expect(stepIndex(2, 'ArrowRight', 5)).toBe(3);
		expect(stepIndex(4, 'ArrowRight', 5)).toBe(4);
		expect(stepIndex(0, 'ArrowLeft', 5)).toBe(0);
		expect(stepIndex(3, 'ArrowUp', 5)).toBe(2);
		expect(stepIndex(3, 'ArrowDown', 5)).toBe(4);
		expect(stepIndex(3, 'Home', 5)).toBe(0);
		expect(stepIndex(1, 'End', 5)).toBe(4);
		expect(stepIndex(1, 'Tab', 5)).toBeNull();
		expect(stepIndex(0, 'ArrowRight', 0)).toBeNull();
	});
});

describe('wrapLabel (R × F cell names)', () => {
	it('breaks at spaces into lines of at most maxChars, never inside a word', () => {
		expect(wrapLabel('потенциально лояльные', 13)).toEqual(['потенциально', 'лояльные']);
		expect(wrapLabel('требуют внимания', 13)).toEqual(['требуют', 'внимания']);
		expect(wrapLabel('at risk', 13)).toEqual(['at risk']);
		expect(wrapLabel("can't lose", 13)).toEqual(["can't lose"]);
		expect(wrapLabel('need  attention now', 13)).toEqual(['need', 'attention now']);
	});
	it('a word longer than a line stands alone (the chart squeezes it)', () => {
		expect(wrapLabel('перспективные клиенты', 12)).toEqual(['перспективные', 'клиенты']);
		expect(wrapLabel('', 13)).toEqual([]);
	});
});
