/** Sparkline geometry (pure): D3 scales the values into a small box and draws the line; the component only renders it. */
import { extent, line, scaleLinear } from 'd3';

export interface SparklineGeometry {
	/** SVG path of the line; gaps where a value is null. Empty when no value is defined. */
	d: string;
	/** The last point, marked on the card (the card's own period); null when its value is null. */
	last: { x: number; y: number } | null;
}

/**
 * Values in order, x evenly spread over [pad, width − pad], y over the values' range (higher values
 * higher up). A flat series is drawn through the middle.
 */
export function sparklineGeometry(values: readonly (number | null)[], width: number, height: number, pad = 2): SparklineGeometry {
	const defined = values.filter((v): v is number => v !== null && Number.isFinite(v));
	if (defined.length === 0) return { d: '', last: null };
	const [lo, hi] = extent(defined) as [number, number];
	const x = scaleLinear()
		.domain([0, Math.max(1, values.length - 1)])
		.range([pad, width - pad]);
	const y = scaleLinear()
		.domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi])
		.range([height - pad, pad]);
	const ok = (v: number | null): v is number => v !== null && Number.isFinite(v);
	const d =
		line<number | null>()
			.defined(ok)
			.x((_, i) => x(i))
			.y((v) => y(v as number))(values as (number | null)[]) ?? '';
	const v = values[values.length - 1];
	return { d, last: ok(v) ? { x: x(values.length - 1), y: y(v) } : null };
}
