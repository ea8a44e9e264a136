/**
 * Pure chart geometry: D3 computes scales, paths and ticks; the Svelte components only draw what
 * these functions return (STYLE.md "Charts"). No DOM here, so everything is unit-tested.
 */
import { color, interpolateBlues, line, max, scaleLinear, scalePoint, scaleSequential, schemeTableau10 } from 'd3';
import type { RfmGridCell } from '../core/concentration';
import type { CohortCell, CurvePoint, PeriodRow } from '../core/types';

export interface Margin {
	top: number;
	right: number;
	bottom: number;
	left: number;
}

export interface LineSeries {
	key: string;
	label: string;
	/** One value per x label; null leaves a gap. */
	values: (number | null)[];
}

export interface Tick {
	pos: number;
	label: string;
}

export interface LineChartGeometry {
	width: number;
	height: number;
	margin: Margin;
	/** Plot area (inside the margins). */
	innerWidth: number;
	innerHeight: number;
	xTicks: Tick[];
	yTicks: Tick[];
	paths: { key: string; label: string; d: string; points: { x: number; y: number; value: number }[] }[];
	/** x of each label, in order. */
	xs: number[];
}

export const DEFAULT_MARGIN: Margin = { top: 12, right: 16, bottom: 28, left: 48 };

/** Evenly thinned indexes so at most `maxTicks` labels show (always the first and the last). */
export function thinIndexes(n: number, maxTicks: number): number[] {
	if (n <= 0) return [];
	if (n <= maxTicks || maxTicks < 2) return Array.from({ length: Math.min(n, Math.max(maxTicks, 1)) }, (_, i) => i);
	const step = Math.ceil((n - 1) / (maxTicks - 1));
	const out: number[] = [];
	for (let i = 0; i < n; i += step) out.push(i);
	// Replace the last regular tick by the final label when they would be closer than one step.
	if (out[out.length - 1] !== n - 1) {
		if (n - 1 - out[out.length - 1] < step) out.pop();
		out.push(n - 1);
	}
	return out;
}

/**
 * The strip of the plot each point owns, for focusable/clickable point columns: from halfway to the
 * previous point to halfway to the next (the first and last reach the plot's edges). Works for uneven
 * spacing (the Lorenz curve's points). `xs` ascending, within [0, innerWidth].
 */
export function columnBands(xs: readonly number[], innerWidth: number): { x0: number; x1: number }[] {
	return xs.map((x, i) => ({
		x0: i === 0 ? 0 : (xs[i - 1] + x) / 2,
		x1: i === xs.length - 1 ? innerWidth : (x + xs[i + 1]) / 2
	}));
}

/** The index a roving-focus key moves to among `n` points (charts keep time left to right in every language), or null for other keys. */
export function stepIndex(current: number, key: string, n: number): number | null {
	if (n <= 0) return null;
	switch (key) {
		case 'ArrowRight':
		case 'ArrowDown':
			return Math.min(n - 1, current + 1);
		case 'ArrowLeft':
		case 'ArrowUp':
			return Math.max(0, current - 1);
		case 'Home':
			return 0;
		case 'End':
			return n - 1;
		default:
			return null;
	}
}

/**
 * Roving focus across a grid whose rows may differ in length (the cohort triangle, the 5 × 5 R × F grid):
 * Left/Right move within the row, Up/Down to the nearest non-empty row above/below (same column, or that
 * row's last cell when it is shorter), Home/End to the row's first/last cell, and with Ctrl to the grid's
 * first/last cell. Moves stop at the edges. Returns the new [row, column], or null when the key is no move.
 */
export function stepGrid(row: number, col: number, key: string, rowLengths: readonly number[], ctrl = false): [number, number] | null {
	const n = rowLengths.length;
	const filled: number[] = [];
	for (let r = 0; r < n; r++) if (rowLengths[r] > 0) filled.push(r);
	if (filled.length === 0 || row < 0 || row >= n || rowLengths[row] <= 0) return null;
	const last = (r: number) => rowLengths[r] - 1;
	const c = Math.max(0, Math.min(col, last(row)));
	switch (key) {
		case 'ArrowRight':
			return [row, Math.min(last(row), c + 1)];
		case 'ArrowLeft':
			return [row, Math.max(0, c - 1)];
		case 'ArrowDown':
		case 'ArrowUp': {
			const d = key === 'ArrowDown' ? 1 : -1;
			for (let r = row + d; r >= 0 && r < n; r += d) if (rowLengths[r] > 0) return [r, Math.min(c, last(r))];
			return [row, c];
		}
		case 'Home':
			return ctrl ? [filled[0], 0] : [row, 0];
		case 'End': {
			const r = ctrl ? filled[filled.length - 1] : row;
			return [r, last(r)];
		}
		default:
			return null;
	}
}

/** Text anchor for an x tick label, so the first and last labels stay inside the plot's edges. */
export function edgeAnchor(pos: number, innerWidth: number): 'start' | 'middle' | 'end' {
	if (innerWidth <= 0) return 'middle';
	if (pos <= 0) return 'start';
	if (pos >= innerWidth) return 'end';
	return 'middle';
}

/**
 * A line chart over categorical x labels (periods or offsets): point scale on x, linear y from 0,
 * nice ticks, and one SVG path per series (null values break the line).
 */
export function buildLineChart(
	labels: string[],
	series: LineSeries[],
	width: number,
	height: number,
	opts: { margin?: Margin; yMax?: number; yFormat?: (v: number) => string; maxXTicks?: number; integerTicks?: boolean } = {}
): LineChartGeometry {
	const margin = opts.margin ?? DEFAULT_MARGIN;
	const innerWidth = Math.max(0, width - margin.left - margin.right);
	const innerHeight = Math.max(0, height - margin.top - margin.bottom);
	const x = scalePoint<number>()
		.domain(labels.map((_, i) => i))
		.range([0, innerWidth])
		.padding(labels.length === 1 ? 0.5 : 0);
	const dataMax = max(series, (s) => max(s.values, (v) => (v == null || !Number.isFinite(v) ? undefined : v))) ?? 0;
	const y = scaleLinear()
		.domain([0, opts.yMax ?? (dataMax > 0 ? dataMax : 1)])
		.range([innerHeight, 0])
		.nice(5);
	const fmt = opts.yFormat ?? ((v: number) => String(v));
	const xs = labels.map((_, i) => x(i) ?? 0);
	const maxXTicks = opts.maxXTicks ?? Math.max(2, Math.floor(innerWidth / 70));
	const paths = series.map((s) => {
		const gen = line<number | null>()
			.defined((v) => v != null && Number.isFinite(v))
			.x((_, i) => xs[i])
			.y((v) => y(v as number));
		const points = s.values.flatMap((v, i) => (v == null || !Number.isFinite(v) ? [] : [{ x: xs[i], y: y(v), value: v }]));
		return { key: s.key, label: s.label, d: gen(s.values) ?? '', points };
	});
	return {
		width,
		height,
		margin,
		innerWidth,
		innerHeight,
		xTicks: thinIndexes(labels.length, maxXTicks).map((i) => ({ pos: xs[i], label: labels[i] })),
		yTicks: y
			.ticks(5)
			.filter((v) => !opts.integerTicks || Number.isInteger(v))
			.map((v) => ({ pos: y(v), label: fmt(v) })),
		paths,
		xs
	};
}

/** Customer base vs installed base (METRICS.md §3: customer_base and end) per period. */
export function buildBaseChart(periods: PeriodRow[], width: number, height: number, yFormat?: (v: number) => string) {
	return buildLineChart(
		periods.map((p) => p.period),
		[
			{ key: 'customer_base', label: 'Customer base', values: periods.map((p) => p.customer_base) },
			{ key: 'installed_base', label: 'Installed (active) base', values: periods.map((p) => p.end) }
		],
		width,
		height,
		// Customers are counted: no 0.5 ticks on a small dataset.
		{ yFormat, integerTicks: true }
	);
}

/** The average retention curve (METRICS.md §4) in percent, offsets on x, 0–100 % on y. */
export function buildCurveChart(curve: CurvePoint[], width: number, height: number) {
	return buildLineChart(
		curve.map((c) => String(c.offset)),
		[{ key: 'retention', label: 'Average retention', values: curve.map((c) => (c.retention == null ? null : c.retention * 100)) }],
		width,
		height,
		{ yMax: 100, yFormat: (v) => `${v}%` }
	);
}

/* ------------------------------------------------------------------ heatmap */

export interface HeatCell {
	cohort: string;
	offset: number;
	period: string;
	retention: number;
	/** The shown metric's value (retention unless other values were passed); null = undefined. */
	value: number | null;
	retained: number;
	size: number;
	partial: boolean;
	x: number;
	y: number;
	fill: string;
	textColor: string;
}

export interface HeatRow {
	cohort: string;
	size: number;
	y: number;
}

export interface HeatmapGeometry {
	rows: HeatRow[];
	cells: HeatCell[];
	/** Offsets 0…maxOffset, each with its column x. */
	columns: { offset: number; x: number }[];
	cellWidth: number;
	rowHeight: number;
	headerHeight: number;
	width: number;
	height: number;
	/** Upper end of the colour domain (offset 0 is always 1 and would wash the scale out). */
	colourMax: number;
	colour: (v: number) => string;
}

export const HEAT_CELL_WIDTH = 46;
export const HEAT_ROW_HEIGHT = 22;
export const HEAT_HEADER_HEIGHT = 24;

/**
 * A sequential, colour-blind-safe scale (d3 Blues) from 0 to the highest retention after offset 0,
 * clamped, so offset 0 (always 100 %) is the darkest and later offsets keep their contrast.
 */
export function buildHeatColour(cells: Pick<CohortCell, 'offset' | 'retention'>[]): { colour: (v: number) => string; colourMax: number } {
	const later = max(cells, (c) => (c.offset > 0 && Number.isFinite(c.retention) ? c.retention : undefined));
	const colourMax = later != null && later > 0 ? later : 1;
	// Start the ramp slightly above white so a 0 % cell is still visibly a cell.
	const scale = scaleSequential((t: number) => interpolateBlues(0.05 + 0.95 * t))
		.domain([0, colourMax])
		.clamp(true);
	// A weekly grid at 1M rows has 12,000 cells; interpolating and formatting a colour for each cost
	// ~30 ms of one main-thread task (issue 5). The ramp is looked up in HEAT_STEPS + 1 steps instead,
	// each made once on first use: neighbouring steps differ by under one unit of 8-bit RGB.
	const lut: (string | undefined)[] = new Array(HEAT_STEPS + 1);
	const colour = (v: number) => {
		if (!(v > 0)) v = 0;
		const i = v >= colourMax ? HEAT_STEPS : Math.round((v / colourMax) * HEAT_STEPS);
		return (lut[i] ??= scale((i / HEAT_STEPS) * colourMax));
	};
	return { colour, colourMax };
}

/** How many steps the heatmap's colour ramp is looked up in (buildHeatColour). */
export const HEAT_STEPS = 1024;

/** WCAG relative luminance of a CSS colour (0 black … 1 white). */
export function relativeLuminance(css: string): number {
	const c = color(css)?.rgb();
	if (!c) return 1;
	const lin = (v: number) => {
		const s = v / 255;
		return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

export const DARK_TEXT = '#111827';
export const LIGHT_TEXT = '#ffffff';

/** Dark or white text, whichever contrasts more with the fill. */
export function readableTextColour(fill: string): string {
	const l = relativeLuminance(fill);
	const dark = relativeLuminance(DARK_TEXT);
	const contrastDark = (l + 0.05) / (dark + 0.05);
	const contrastLight = 1.05 / (l + 0.05);
	return contrastDark >= contrastLight ? DARK_TEXT : LIGHT_TEXT;
}

/**
 * Heatmap geometry: one row per cohort (in order of first appearance), one column per offset,
 * fixed cell size so 150+ cohorts stay legible in a scrolling container.
 */
export function buildHeatmap(
	cells: CohortCell[],
	opts: {
		cellWidth?: number;
		rowHeight?: number;
		headerHeight?: number;
		/** Values to colour and show instead of retention, parallel to cells (cohort-metrics.ts). */
		values?: (number | null)[];
		/** Leave offset 0 out of the colour domain (shares, where it is always 100 %); default true. */
		skipFirstOffset?: boolean;
	} = {}
): HeatmapGeometry {
	const values = opts.values ?? cells.map((c) => c.retention);
	const cellWidth = opts.cellWidth ?? HEAT_CELL_WIDTH;
	const rowHeight = opts.rowHeight ?? HEAT_ROW_HEIGHT;
	const headerHeight = opts.headerHeight ?? HEAT_HEADER_HEIGHT;
	const rowIndex = new Map<string, number>();
	const rows: HeatRow[] = [];
	let maxOffset = -1;
	for (const c of cells) {
		if (!rowIndex.has(c.cohort)) {
			rowIndex.set(c.cohort, rows.length);
			rows.push({ cohort: c.cohort, size: c.size, y: headerHeight + rows.length * rowHeight });
		}
		if (c.offset > maxOffset) maxOffset = c.offset;
	}
	const skipFirst = opts.skipFirstOffset ?? true;
	const { colour, colourMax } = buildHeatColour(
		cells.map((c, i) => ({ offset: skipFirst ? c.offset : 1, retention: Math.max(0, values[i] ?? NaN) }))
	);
	// The ramp has a few hundred distinct colours; a weekly grid has 12,000 cells (issue 5: parse each once).
	const textFor = new Map<string, string>();
	const textColour = (fill: string) => {
		let text = textFor.get(fill);
		if (text === undefined) textFor.set(fill, (text = readableTextColour(fill)));
		return text;
	};
	const out: HeatCell[] = cells.map((c, i) => {
		const v = values[i];
		const fill = v === null || !Number.isFinite(v) ? '#f3f4f6' : colour(v);
		return {
			cohort: c.cohort,
			offset: c.offset,
			period: c.period,
			retention: c.retention,
			value: v ?? null,
			retained: c.retained,
			size: c.size,
			partial: c.partial,
			x: c.offset * cellWidth,
			y: rows[rowIndex.get(c.cohort)!].y,
			fill,
			textColor: textColour(fill)
		};
	});
	const columns = Array.from({ length: maxOffset + 1 }, (_, k) => ({ offset: k, x: k * cellWidth }));
	return {
		rows,
		cells: out,
		columns,
		cellWidth,
		rowHeight,
		headerHeight,
		width: (maxOffset + 1) * cellWidth,
		height: headerHeight + rows.length * rowHeight,
		colourMax,
		colour
	};
}

/** A heat cell's key in the grid: `cohort|offset`. */
export const heatKey = (c: { cohort: string; offset: number }): string => `${c.cohort}|${c.offset}`;

/** A band of whole heatmap rows, drawn as one SVG of its own (CohortHeatmap). */
export interface HeatBand {
	/** The first cell's `cohort|offset`. */
	key: string;
	/** Top of the band in the grid's coordinates, and its height. */
	y: number;
	height: number;
	cells: HeatCell[];
}

/**
 * The heatmap's cells in bands of whole rows, top first, for drawing one band per frame: band i holds
 * as many whole rows as fit in `sizes[i]` cells (the last size repeats), and always at least one row.
 * Each band is its own `<svg>`, so a frame lays out and paints only the new band instead of one SVG
 * that grows by thousands of nodes (issue 5: a weekly grid at 1M rows has 12,000 cells).
 */
export function heatBands(cells: readonly HeatCell[], rowHeight: number, sizes: readonly number[]): HeatBand[] {
	const rows = new Map<number, HeatCell[]>();
	for (const c of cells) {
		const row = rows.get(c.y);
		if (row) row.push(c);
		else rows.set(c.y, [c]);
	}
	const ordered = [...rows.entries()].sort((a, b) => a[0] - b[0]);
	const out: HeatBand[] = [];
	for (let r = 0; r < ordered.length; ) {
		const budget = sizes[Math.min(out.length, sizes.length - 1)] ?? Infinity;
		const y = ordered[r][0];
		const band: HeatCell[] = [...ordered[r][1]];
		let last = y;
		for (r++; r < ordered.length && band.length + ordered[r][1].length <= budget; r++) {
			band.push(...ordered[r][1]);
			last = ordered[r][0];
		}
		out.push({ key: heatKey(band[0]), y, height: last - y + rowHeight, cells: band });
	}
	return out;
}

/** A rectangle in the grid's coordinates (the cells' `x`/`y`). */
export interface HeatRect {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

/**
 * A grid with more cells than this draws only the cells around what is in view (`heatWindow`); a smaller
 * one draws them all. A weekly grid at 1M rows has 12,000 cells, and creating them all kept the page's
 * main thread in 50–100 ms tasks and collections for seconds (issue 5); a monthly one has ~700.
 */
export const HEAT_WINDOW_MIN_CELLS = 3000;

/**
 * The part of a big grid to draw, from the part in view (`view`, in the grid's coordinates): the view
 * and a quarter of its width and height again on each side, so a short scroll shows cells already
 * drawn. The current window is kept while the view stays an eighth of its size inside it, so scrolling
 * redraws only now and then. A view of no size (the box is hidden or not laid out yet) counts as
 * `fallback`. (Half the view on each side drew ~1,320 cells of a weekly grid at its top-left corner,
 * and scrolling the page down to a grid drawn below the fold laid them all out and painted them in one
 * frame: 45–54 ms, issue 5. A quarter draws ~30 % fewer there, ~44 % fewer in the middle.)
 */
export function heatWindow(view: HeatRect, current: HeatRect | null, fallback = { width: 1200, height: 480 }): HeatRect {
	const w = view.right > view.left ? view.right - view.left : fallback.width;
	const h = view.bottom > view.top ? view.bottom - view.top : fallback.height;
	const [left, top, right, bottom] = [view.left, view.top, view.left + w, view.top + h];
	const mx = w / 4;
	const my = h / 4;
	if (current && current.left <= left - mx / 2 && current.right >= right + mx / 2 && current.top <= top - my / 2 && current.bottom >= bottom + my / 2) return current;
	return { left: left - mx, top: top - my, right: right + mx, bottom: bottom + my };
}

/**
 * The bands with only their cells that overlap `rect` (each band kept, maybe empty, so the bands below
 * stay where they are), and the cell `keep` wherever it is (the grid's tab stop must exist to be
 * tabbed to). No rect: the bands as they are.
 */
export function windowBands(bands: readonly HeatBand[], rect: HeatRect | null, cellWidth: number, rowHeight: number, keep: string | null = null): HeatBand[] {
	if (!rect) return bands as HeatBand[];
	return bands.map((b) => {
		const overlapsRows = acrossRows(b.y, b.height, rect);
		const cells = b.cells.filter((c) => (overlapsRows && acrossRows(c.y, rowHeight, rect) && acrossColumns(c.x, cellWidth, rect)) || (keep !== null && heatKey(c) === keep));
		return cells.length === b.cells.length ? b : { ...b, cells };
	});
}

/** Whether the strip from `y` of height `h` overlaps `rect`'s rows; `acrossColumns`: from `x` of width `w`, its columns. */
const acrossRows = (y: number, h: number, rect: HeatRect) => y < rect.bottom && y + h > rect.top;
const acrossColumns = (x: number, w: number, rect: HeatRect) => x < rect.right && x + w > rect.left;

/** The grid's rows (cohort labels) beside the window `rect`: a windowed grid's label column shows only these. */
export function windowRows<T extends { y: number }>(rows: readonly T[], rect: HeatRect, rowHeight: number): T[] {
	return rows.filter((r) => acrossRows(r.y, rowHeight, rect));
}

/** The grid's columns (offset ticks) above the window `rect`: a windowed grid's header shows only these. */
export function windowColumns<T extends { x: number }>(columns: readonly T[], rect: HeatRect, cellWidth: number): T[] {
	return columns.filter((c) => acrossColumns(c.x, cellWidth, rect));
}

/** How a heatmap goes from the cells on screen to new ones, some cells per frame (`heatFrame`). */
export interface HeatDrawPlan {
	/** The bands to end with. */
	target: HeatBand[];
	/** Each band as shown until its turn: the target's cells already on screen, as they are (old values too). */
	waiting: HeatBand[];
	/** Per band, the target cells (their index in the band) that are not on screen as they are. */
	todo: number[][];
	/** Frame steps: after step i, band `band` has its first `end` todo cells drawn and every band before it is whole. */
	steps: { band: number; end: number }[];
}

/**
 * The plan from `before` (the bands on screen; null: a new grid, drawn from empty) to `target`, in steps
 * of at most `stepCells` new cells. A cell on screen as it is (the same object) costs nothing; one on
 * screen with another value (another metric) stays until its step replaces it; one that left the target
 * (scrolled out of the window) goes at once. Every frame shows each key at most once.
 */
export function heatDrawPlan(target: readonly HeatBand[], before: readonly HeatBand[] | null, stepCells: number): HeatDrawPlan {
	const old = new Map<string, HeatCell>();
	for (const b of before ?? []) for (const c of b.cells) old.set(heatKey(c), c);
	const waiting: HeatBand[] = [];
	const todo: number[][] = [];
	const steps: { band: number; end: number }[] = [];
	const size = Math.max(1, stepCells);
	target.forEach((b, band) => {
		const cells: HeatCell[] = [];
		const mine: number[] = [];
		b.cells.forEach((c, j) => {
			const was = old.get(heatKey(c));
			if (was !== c) mine.push(j);
			if (was) cells.push(was);
		});
		waiting.push(mine.length === 0 ? b : { ...b, cells });
		todo.push(mine);
		for (let end = 0; end < mine.length; ) {
			end = Math.min(mine.length, end + size);
			steps.push({ band, end });
		}
	});
	return { target: target as HeatBand[], waiting, todo, steps };
}

/**
 * Frames that take the cells leaving the screen away at most `perFrame` a frame, from `before` (the bands
 * on screen) to `after` (the same bands with some of their cells: a plan's first frame, `heatFrame(plan,
 * 0)`), top band first; the last frame is `after`. A window move at 100k rows dropped ~1,300 cells in one
 * frame: ~33 ms of script in a 55 ms task (issue 5). The cells that stay are the same objects throughout,
 * and a leaving cell's key is in no later frame's new cells, so no frame shows a key twice. Bands that do
 * not match (another grid) give `[after]`: everything goes at once.
 */
export function heatRemovalFrames(before: readonly HeatBand[], after: readonly HeatBand[], perFrame: number): HeatBand[][] {
	if (before.length !== after.length || before.some((b, i) => b.key !== after[i].key)) return [after as HeatBand[]];
	const stays = after.map((b) => new Set(b.cells));
	const leaving = before.flatMap((b, i) => b.cells.filter((c) => !stays[i].has(c)));
	const frames: HeatBand[][] = [];
	for (let done = Math.max(1, perFrame); done < leaving.length; done += Math.max(1, perFrame)) {
		const gone = new Set(leaving.slice(0, done));
		frames.push(before.map((b) => (b.cells.some((c) => gone.has(c)) ? { ...b, cells: b.cells.filter((c) => !gone.has(c)) } : b)));
	}
	frames.push(after as HeatBand[]);
	return frames;
}

/** The bands to show after the plan's first `k` steps (0: the waiting bands; every step: the target). */
export function heatFrame(plan: HeatDrawPlan, k: number): HeatBand[] {
	const { band, end } = k > 0 ? plan.steps[Math.min(k, plan.steps.length) - 1] : { band: -1, end: 0 };
	return plan.target.map((b, i) => {
		if (i < band) return b;
		if (i > band) return plan.waiting[i];
		const mine = plan.todo[i];
		if (end >= mine.length) return b;
		const drawn = new Set(mine.slice(0, end));
		const pending = new Set(mine.slice(end));
		const waiting = new Map(plan.waiting[i].cells.map((c) => [heatKey(c), c]));
		const cells: HeatCell[] = [];
		b.cells.forEach((c, j) => {
			if (drawn.has(j) || !pending.has(j)) cells.push(c);
			else {
				const was = waiting.get(heatKey(c));
				if (was) cells.push(was);
			}
		});
		return { ...b, cells };
	});
}

/**
 * How many cells the next frame of a big heatmap adds, from how many the last one added (`cells`) and
 * how long that frame took (`frameMs`, the interval between animation frames, ≥ ~17 ms): half as many
 * after a frame over 34 ms, one and a half times as many after a frame of 22 ms or less, else the same,
 * within [min, max] (a frame's cost jumps now and then: a new band, a collection). A frame's
 * cost per cell differs tenfold between machines and with what else the page draws, so fixed step sizes
 * were either slow or over the 50 ms a main-thread task may take (issue 5: 65–96 ms tasks drawing a
 * weekly grid at 120 cells a frame).
 */
export function nextFrameCells(cells: number, frameMs: number, min = 20, max = 400): number {
	const next = frameMs > 34 ? Math.floor(cells / 2) : frameMs <= 22 ? Math.ceil(cells * 1.5) : cells;
	return Math.max(min, Math.min(max, next));
}

/* ------------------------------------------------------------ more charts */

/** Colour of the i-th series of a multi-line chart (Tableau 10, distinguishable for most colour vision). */
export function seriesColour(i: number): string {
	return schemeTableau10[i % schemeTableau10.length];
}

export interface LorenzGeometry {
	width: number;
	height: number;
	margin: Margin;
	innerWidth: number;
	innerHeight: number;
	/** The Lorenz curve and the line of equality (every customer the same revenue). */
	curve: string;
	equality: string;
	xTicks: Tick[];
	yTicks: Tick[];
	/** Each sampled point's position, for the focusable point columns. */
	points: { x: number; y: number }[];
}

/** Lorenz curve (METRICS.md §5 concentration): cumulative share of customers → of revenue, both 0–100 %. */
export function buildLorenzChart(points: { customers: number; revenue: number }[], width: number, height: number, margin: Margin = DEFAULT_MARGIN): LorenzGeometry {
	const innerWidth = Math.max(0, width - margin.left - margin.right);
	const innerHeight = Math.max(0, height - margin.top - margin.bottom);
	const x = scaleLinear().domain([0, 1]).range([0, innerWidth]);
	const y = scaleLinear().domain([0, 1]).range([innerHeight, 0]);
	const gen = line<{ customers: number; revenue: number }>()
		.x((p) => x(p.customers))
		.y((p) => y(p.revenue));
	const ticks = [0, 0.25, 0.5, 0.75, 1];
	return {
		width,
		height,
		margin,
		innerWidth,
		innerHeight,
		curve: gen(points) ?? '',
		equality: gen([
			{ customers: 0, revenue: 0 },
			{ customers: 1, revenue: 1 }
		]) ?? '',
		xTicks: ticks.map((t) => ({ pos: x(t), label: `${t * 100}%` })),
		yTicks: ticks.map((t) => ({ pos: y(t), label: `${t * 100}%` })),
		points: points.map((p) => ({ x: x(p.customers), y: y(p.revenue) }))
	};
}

export interface RfmGridGeometry {
	cells: (RfmGridCell & { x: number; y: number; fill: string; textColor: string })[];
	cellSize: number;
	/** Left and top space for the axis labels. */
	labelSize: number;
	width: number;
	height: number;
}

/**
 * A cell label broken into lines of at most `maxChars` characters at spaces (words are never cut), so
 * segment names such as «потенциально лояльные» stay inside their cell; a word longer than a line
 * gets a line of its own (the chart squeezes it with textLength).
 */
export function wrapLabel(text: string, maxChars: number): string[] {
	const lines: string[] = [];
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const last = lines.length - 1;
		if (last >= 0 && lines[last].length + 1 + word.length <= maxChars) lines[last] += ` ${word}`;
		else lines.push(word);
	}
	return lines;
}

/** The 5 × 5 R × F grid (METRICS.md §6): R 5 at the top, F 1 on the left, shaded by customers. */
export function buildRfmGridChart(grid: RfmGridCell[], cellSize = 96, labelSize = 28): RfmGridGeometry {
	const most = max(grid, (c) => c.customers) ?? 0;
	const scale = scaleSequential((t: number) => interpolateBlues(0.05 + 0.8 * t)).domain([0, most > 0 ? most : 1]);
	return {
		cells: grid.map((c) => {
			const fill = scale(c.customers);
			return { ...c, x: labelSize + (c.f - 1) * cellSize, y: (5 - c.r) * cellSize, fill, textColor: readableTextColour(fill) };
		}),
		cellSize,
		labelSize,
		width: labelSize + 5 * cellSize,
		height: 5 * cellSize + labelSize
	};
}
