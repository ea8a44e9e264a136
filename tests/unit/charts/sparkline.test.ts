// Sparkline geometry: values mapped into the box by hand-computed positions, gaps for nulls.
import { describe, expect, it } from 'vitest';
import { sparklineGeometry } from '../../../src/lib/charts/sparkline';

describe('sparklineGeometry', () => {
	it('spreads x evenly and puts the highest value at the top', () => {
		// Box 100 × 30, pad 0: x = 0, 50, 100; values 10…30 → y = 30 (low), 15, 0 (high).
		const g = sparklineGeometry([10, 20, 30], 100, 30, 0);
		expect(g.d).toBe('M0,30L50,15L100,0');
		expect(g.last).toEqual({ x: 100, y: 0 });
	});
	it('leaves a gap at a null and marks no last point when the last value is null', () => {
		const g = sparklineGeometry([1, null, 3, 5, null], 40, 10, 0);
		// x = 0, 10, 20, 30, 40; y: 1 → 10, 3 → 5, 5 → 0.
		expect(g.d).toBe('M0,10ZM20,5L30,0');
		expect(g.last).toBeNull();
	});
	it('a flat series runs through the middle; no value draws nothing', () => {
		expect(sparklineGeometry([7, 7], 20, 10, 0).d).toBe('M0,5L20,5');
		expect(sparklineGeometry([null, null], 20, 10)).toEqual({ d: '', last: null });
		expect(sparklineGeometry([4], 20, 10, 0)).toEqual({ d: 'M0,5Z', last: { x: 0, y: 5 } });
	});
});
