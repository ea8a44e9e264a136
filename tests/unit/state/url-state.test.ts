// Issue 6: the screen lives in the URL hash; the old bare-view form still reads.
import { describe, expect, it } from 'vitest';
import { parseHash, writeHash } from '../../../src/lib/state/url-state';
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
