// Issue 6: the screen lives in the URL hash; the old bare-view form still reads.
import { describe, expect, it } from 'vitest';
import { parseHash, sameFilter, sameSettings, settingsFromHash, writeHash } from '../../../src/lib/state/url-state';
import { parseIsoDay } from '../../../src/lib/core/calendar';

describe('URL hash state', () => {
	it('reads the old #cohorts form as a view', () => {
		expect(parseHash('#cohorts')).toEqual({ view: 'cohorts' });
		expect(parseHash('')).toEqual({});
	});
	it('round-trips every field, values with spaces, & and = included', () => {
		const s = {
			view: 'cohorts',
			ds: 'ds-abc-123',
			granularity: 'quarter' as const,
			window: 1,
			asOf: parseIsoDay('2011-06-30'),
			metric: 'ltv' as const,
			breakdown: 'location',
			filter: { from: parseIsoDay('2011-01-01'), to: null, dims: [{ dimension: 'location', values: ['United Kingdom', 'A&B=C'] }] }
		};
		const h = writeHash(s);
		expect(h).toMatch(/^#view=cohorts&ds=ds-abc-123&g=quarter&w=1&asof=2011-06-30&m=ltv&bd=location&from=2011-01-01&f.location=United\+Kingdom/);
		expect(parseHash(h)).toEqual(s);
	});
	it('leaves out malformed values', () => {
		expect(parseHash('#view=x&g=decade&w=0&asof=2011-13-40&m=nope')).toEqual({ view: 'x' });
	});
});

describe('settings a hash asks for (applied at load and on a later hash change)', () => {
	const stored = { granularity: 'month' as const, window: 3, calendar: 'gregorian' as const, asOf: parseIsoDay('2011-06-30') };

	it('a granularity brings its default window (METRICS §3: week 13, quarter 1) unless the hash names one', () => {
		expect(settingsFromHash(stored, { ds: 'd', granularity: 'quarter' })).toEqual({ ...stored, granularity: 'quarter', window: 1, asOf: null });
		expect(settingsFromHash(stored, { ds: 'd', granularity: 'week' }).window).toBe(13);
		expect(settingsFromHash(stored, { ds: 'd', granularity: 'week', window: 4 }).window).toBe(4);
	});
	it('a hash naming the dataset without asof means the latest date; one without a dataset keeps the as-of date', () => {
		expect(settingsFromHash(stored, { ds: 'd' }).asOf).toBeNull();
		expect(settingsFromHash(stored, { view: 'cohorts' })).toEqual(stored);
		const d = parseIsoDay('2011-01-31');
		expect(settingsFromHash(stored, { ds: 'd', asOf: d }).asOf).toBe(d);
	});
	it('reads back what writeHash wrote (a reload restores the same settings)', () => {
		const screen = { ...stored, granularity: 'year' as const, window: 2 };
		const h = parseHash(writeHash({ view: 'retention', ds: 'd', granularity: screen.granularity, window: screen.window, asOf: screen.asOf }));
		expect(settingsFromHash({ granularity: 'month', window: 3, calendar: 'gregorian', asOf: null }, h)).toEqual(screen);
	});
	it('compares settings and filters for "nothing changed" (no recompute)', () => {
		expect(sameSettings(stored, { ...stored })).toBe(true);
		expect(sameSettings(stored, { ...stored, window: 4 })).toBe(false);
		expect(sameSettings(stored, { ...stored, asOf: null })).toBe(false);
		const a = { from: null, to: null, dims: [{ dimension: 'x', values: ['b', 'a'] }] };
		const b = { from: null, to: null, dims: [{ dimension: 'x', values: ['a', 'b'] }] };
		expect(sameFilter(a, b)).toBe(true);
		expect(sameFilter(a, null)).toBe(false);
		expect(sameFilter(null, { from: null, to: null, dims: [] })).toBe(true);
	});
});
