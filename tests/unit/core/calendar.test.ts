// Calendar arithmetic and period labels (METRICS.md §2), checked against hand-worked dates, Date.UTC and ICU's Persian calendar.
import { describe, expect, it } from 'vitest';
import {
	civilFromDays,
	dayToJalali,
	daysFromCivil,
	isJalaliLeap,
	isoWeek,
	jalaliToDay,
	parseIsoDay,
	periodIndexer,
	periodScheme,
	toIsoDate
} from '../../../src/lib/core/calendar';
import type { CalendarKind, Granularity } from '../../../src/lib/core/types';
import { dayOf } from './make-data';

const label = (g: Granularity, iso: string, cal: CalendarKind = 'gregorian') => {
	const s = periodScheme(g, cal);
	return s.label(s.index(dayOf(iso)));
};

describe('Gregorian day numbers', () => {
	it('agree with Date.UTC from 1600 to 2400', () => {
		for (let day = dayOf('1600-01-01'); day <= dayOf('2400-12-31'); day += 17) {
			const iso = new Date(day * 86400000).toISOString().slice(0, 10);
			expect(toIsoDate(day)).toBe(iso);
			const [y, m, d] = civilFromDays(day);
			expect(daysFromCivil(y, m, d)).toBe(day);
		}
	});
	it('knows the epoch and leap days', () => {
		expect(daysFromCivil(1970, 1, 1)).toBe(0);
		expect(toIsoDate(-1)).toBe('1969-12-31');
		expect(parseIsoDay('2024-02-29')).toBe(dayOf('2024-02-29'));
		expect(parseIsoDay('2000-02-29')).toBe(dayOf('2000-02-29'));
	});
	it('rejects impossible or malformed dates', () => {
		expect(parseIsoDay('2023-02-29')).toBeNull();
		expect(parseIsoDay('1900-02-29')).toBeNull();
		expect(parseIsoDay('2023-13-01')).toBeNull();
		expect(parseIsoDay('2023-04-31')).toBeNull();
		expect(parseIsoDay('2023-4-1')).toBeNull();
		expect(parseIsoDay('yesterday')).toBeNull();
	});
});

describe('ISO weeks (METRICS.md §2)', () => {
	it('label weeks around new year by ISO week-year', () => {
		expect(label('week', '2010-01-03')).toBe('2009-W53');
		expect(label('week', '2010-01-04')).toBe('2010-W01');
		expect(label('week', '2011-01-02')).toBe('2010-W52');
		expect(label('week', '2011-01-03')).toBe('2011-W01');
		expect(label('week', '2008-12-29')).toBe('2009-W01');
		expect(label('week', '2020-12-31')).toBe('2020-W53');
		expect(label('week', '2011-03-01')).toBe('2011-W09');
		expect(isoWeek(dayOf('2015-12-31'))).toEqual([2015, 53]);
	});
	it('start on Monday and end on Sunday', () => {
		const s = periodScheme('week');
		const i = s.index(dayOf('2011-03-02'));
		expect(toIsoDate(s.firstDay(i))).toBe('2011-02-28');
		expect(toIsoDate(s.lastDay(i))).toBe('2011-03-06');
		expect(s.index(dayOf('2011-03-06'))).toBe(i);
		expect(s.index(dayOf('2011-03-07'))).toBe(i + 1);
	});
});

describe('Gregorian month, quarter, year labels (METRICS.md §2)', () => {
	it('match the spec format', () => {
		expect(label('month', '2011-03-31')).toBe('2011-03');
		expect(label('quarter', '2011-03-31')).toBe('2011-Q1');
		expect(label('quarter', '2011-04-01')).toBe('2011-Q2');
		expect(label('year', '2011-12-31')).toBe('2011');
	});
	it('number periods consecutively with exact first and last days', () => {
		for (const g of ['week', 'month', 'quarter', 'year'] as Granularity[]) {
			for (const cal of ['gregorian', 'persian'] as CalendarKind[]) {
				const s = periodScheme(g, cal);
				let prev = s.index(dayOf('1998-06-01'));
				for (let day = dayOf('1998-06-02'); day < dayOf('2003-01-01'); day++) {
					const i = s.index(day);
					expect(i === prev || i === prev + 1, `${g} ${cal} ${toIsoDate(day)}`).toBe(true);
					if (i === prev + 1) {
						expect(s.firstDay(i)).toBe(day);
						expect(s.lastDay(prev)).toBe(day - 1);
					}
					prev = i;
				}
			}
		}
	});
	it('the lookup table agrees with index()', () => {
		for (const g of ['week', 'month', 'quarter', 'year'] as Granularity[]) {
			const s = periodScheme(g, 'persian');
			const idx = periodIndexer(s, dayOf('2020-01-01'), dayOf('2022-12-31'));
			for (let day = dayOf('2019-12-01'); day < dayOf('2023-02-01'); day += 3) expect(idx(day)).toBe(s.index(day));
		}
	});
});

describe('Persian (Solar Hijri) calendar', () => {
	it('converts the spec examples', () => {
		expect(jalaliToDay(1403, 12, 30)).toBe(dayOf('2025-03-20'));
		expect(jalaliToDay(1402, 7, 15)).toBe(dayOf('2023-10-07'));
		expect(dayToJalali(dayOf('2025-03-21'))).toEqual([1404, 1, 1]);
		expect(dayToJalali(dayOf('2023-03-21'))).toEqual([1402, 1, 1]);
		expect(isJalaliLeap(1403)).toBe(true);
		expect(isJalaliLeap(1402)).toBe(false);
	});
	it("agrees with ICU's Persian calendar from 1925 to 2100", () => {
		const fmt = new Intl.DateTimeFormat('en-US-u-ca-persian', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
		for (let day = dayOf('1925-03-21'); day <= dayOf('2100-12-31'); day += 5) {
			const parts = fmt.formatToParts(new Date(day * 86400000));
			const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
			const jd = dayToJalali(day);
			expect(jd, toIsoDate(day)).toEqual([get('year'), get('month'), get('day')]);
			expect(jalaliToDay(jd[0], jd[1], jd[2])).toBe(day);
		}
	});
	it('labels months, quarters, years and Saturday weeks', () => {
		expect(label('month', '2023-10-07', 'persian')).toBe('1402-07');
		expect(label('quarter', '2023-10-07', 'persian')).toBe('1402-Q3');
		expect(label('year', '2023-10-07', 'persian')).toBe('1402');
		// 2023-10-07 is a Saturday: its week runs to Friday 2023-10-13.
		expect(label('week', '2023-10-07', 'persian')).toBe('1402-07-15');
		expect(label('week', '2023-10-13', 'persian')).toBe('1402-07-15');
		expect(label('week', '2023-10-06', 'persian')).toBe('1402-07-08');
		expect(label('week', '2023-10-14', 'persian')).toBe('1402-07-22');
		expect(label('month', '2025-03-20', 'persian')).toBe('1403-12');
		expect(label('month', '2025-03-21', 'persian')).toBe('1404-01');
		const s = periodScheme('quarter', 'persian');
		const q = s.index(dayOf('2023-10-07'));
		expect(toIsoDate(s.firstDay(q))).toBe('2023-09-23'); // 1402-07-01
		expect(toIsoDate(s.lastDay(q))).toBe('2023-12-21'); // 1402-09-30
	});
});
