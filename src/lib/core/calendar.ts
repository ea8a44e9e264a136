/** Calendar arithmetic on day numbers (days since 1970-01-01) and the period schemes of METRICS.md §2, Gregorian and Persian. */
import type { CalendarKind, Day, Granularity } from './types';

const div = (a: number, b: number): number => Math.trunc(a / b);
const mod = (a: number, b: number): number => a - Math.trunc(a / b) * b;

/* ------------------------------------------------------------ Gregorian */

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil); no validation. */
export function daysFromCivil(y: number, m: number, d: number): Day {
	const yy = m <= 2 ? y - 1 : y;
	const era = Math.floor(yy / 400);
	const yoe = yy - era * 400;
	const mp = (m + 9) % 12;
	const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

/** The proleptic Gregorian [year, month 1–12, day 1–31] of a day number (Hinnant's civil_from_days). */
export function civilFromDays(day: Day): [number, number, number] {
	const z = day + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const m = mp < 10 ? mp + 3 : mp - 9;
	return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function isGregorianLeap(y: number): boolean {
	return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** ISO `YYYY-MM-DD` of a day number (METRICS.md §8 date format). */
export function toIsoDate(day: Day): string {
	const [y, m, d] = civilFromDays(day);
	return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Day number of a valid Gregorian date (year 1–9999), or null when impossible: never rolled over (02-30 is not 03-02). */
export function validGregorianDay(y: number, m: number, d: number): Day | null {
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
	const max = m === 2 && isGregorianLeap(y) ? 29 : MONTH_DAYS[m - 1];
	return d > max ? null : daysFromCivil(y, m, d);
}

/** Day number of a valid `YYYY-MM-DD` date, or null when the text is not one (no rolling over, e.g. 02-30). */
export function parseIsoDay(text: string): Day | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
	return m ? validGregorianDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: Day): number {
	return (((day + 3) % 7) + 7) % 7;
}

/** ISO 8601 [week-year, week 1–53] of a day (weeks start Monday; week 1 holds the year's first Thursday). */
export function isoWeek(day: Day): [number, number] {
	const thursday = day - isoWeekday(day) + 3;
	const [y] = civilFromDays(thursday);
	return [y, Math.floor((thursday - daysFromCivil(y, 1, 1)) / 7) + 1];
}

/* ------------------------------------------------------ Persian (Jalali) */

/** Break years of the jalaali-js algorithm (Borkowski), valid for Jalali years −61 … 3177. */
const JALALI_BREAKS = [
	-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178
];

/** jalaali-js `jalCal`: Gregorian year of Farvardin 1, its day in March, and leap (0 = leap year). */
function jalCal(jy: number): { gy: number; march: number; leap: number } {
	const gy = jy + 621;
	let leapJ = -14;
	let jp = JALALI_BREAKS[0];
	let jump = 0;
	for (let i = 1; i < JALALI_BREAKS.length; i++) {
		const jm = JALALI_BREAKS[i];
		jump = jm - jp;
		if (jy < jm) break;
		leapJ = leapJ + div(jump, 33) * 8 + div(mod(jump, 33), 4);
		jp = jm;
	}
	let n = jy - jp;
	leapJ = leapJ + div(n, 33) * 8 + div(mod(n, 33) + 3, 4);
	if (mod(jump, 33) === 4 && jump - n === 4) leapJ += 1;
	const leapG = div(gy, 4) - div((div(gy, 100) + 1) * 3, 4) - 150;
	const march = 20 + leapJ - leapG;
	if (jump - n < 6) n = n - jump + div(jump + 4, 33) * 33;
	let leap = mod(mod(n + 1, 33) - 1, 4);
	if (leap === -1) leap = 4;
	return { gy, march, leap };
}

export function isJalaliLeap(jy: number): boolean {
	return jalCal(jy).leap === 0;
}

/** Day number of a Jalali date (jalaali-js j2d); no validation. */
export function jalaliToDay(jy: number, jm: number, jd: number): Day {
	const r = jalCal(jy);
	return daysFromCivil(r.gy, 3, r.march) + (jm - 1) * 31 - div(jm, 7) * (jm - 7) + jd - 1;
}

/** Day number of a valid Jalali date (years 1–3177, the algorithm's range), or null (e.g. Esfand 30 of a common year). */
export function validJalaliDay(jy: number, jm: number, jd: number): Day | null {
	if (jy < 1 || jy > 3177 || jm < 1 || jm > 12 || jd < 1) return null;
	const max = jm <= 6 ? 31 : jm <= 11 ? 30 : isJalaliLeap(jy) ? 30 : 29;
	return jd > max ? null : jalaliToDay(jy, jm, jd);
}

/** Jalali [year, month 1–12, day] of a day number (jalaali-js d2j). */
export function dayToJalali(day: Day): [number, number, number] {
	const [gy] = civilFromDays(day);
	let jy = gy - 621;
	const r = jalCal(jy);
	let k = day - daysFromCivil(gy, 3, r.march);
	if (k >= 0) {
		if (k <= 185) return [jy, 1 + div(k, 31), mod(k, 31) + 1];
		k -= 186;
	} else {
		jy -= 1;
		k += 179;
		if (r.leap === 1) k += 1;
	}
	return [jy, 7 + div(k, 30), mod(k, 30) + 1];
}

/* --------------------------------------------------------------- periods */

/**
 * Consecutively numbered periods of one granularity and calendar (METRICS.md §2): `index(day)` is
 * monotonic and consecutive periods differ by 1; `firstDay`/`lastDay` bound a period; `label` as in §2.
 */
export interface PeriodScheme {
	granularity: Granularity;
	calendar: CalendarKind;
	index(day: Day): number;
	label(index: number): string;
	firstDay(index: number): Day;
	lastDay(index: number): Day;
}

/** Week periods: index = whole weeks since the week-start day on or before 1970-01-01. */
function weekScheme(calendar: CalendarKind): PeriodScheme {
	// Gregorian weeks start Monday (1969-12-29 = day −3); Persian weeks start Saturday (1970-01-03 = day 2).
	const origin = calendar === 'gregorian' ? -3 : 2;
	const firstDay = (i: number): Day => origin + i * 7;
	return {
		granularity: 'week',
		calendar,
		index: (day) => Math.floor((day - origin) / 7),
		firstDay,
		lastDay: (i) => firstDay(i) + 6,
		label:
			calendar === 'gregorian'
				? (i) => {
						const [y, w] = isoWeek(firstDay(i));
						return `${pad(y, 4)}-W${pad(w, 2)}`;
					}
				: (i) => {
						const [y, m, d] = dayToJalali(firstDay(i));
						return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
					}
	};
}

/** Month-based periods (month 1, quarter 3, year 12 months) over a calendar's (y, m, d). */
function monthScheme(
	granularity: Granularity,
	calendar: CalendarKind,
	months: number,
	toYmd: (day: Day) => [number, number, number],
	fromYmd: (y: number, m: number, d: number) => Day
): PeriodScheme {
	const per = 12 / months;
	const firstDay = (i: number): Day => {
		const y = Math.floor(i / per);
		return fromYmd(y, (i - y * per) * months + 1, 1);
	};
	return {
		granularity,
		calendar,
		index: (day) => {
			const [y, m] = toYmd(day);
			return y * per + Math.floor((m - 1) / months);
		},
		firstDay,
		lastDay: (i) => firstDay(i + 1) - 1,
		label: (i) => {
			const y = Math.floor(i / per);
			const q = i - y * per;
			if (granularity === 'year') return pad(y, 4);
			if (granularity === 'quarter') return `${pad(y, 4)}-Q${q + 1}`;
			return `${pad(y, 4)}-${pad(q + 1, 2)}`;
		}
	};
}

/** The period scheme of METRICS.md §2 for a granularity and calendar. */
export function periodScheme(granularity: Granularity, calendar: CalendarKind = 'gregorian'): PeriodScheme {
	if (granularity === 'week') return weekScheme(calendar);
	const months = granularity === 'month' ? 1 : granularity === 'quarter' ? 3 : 12;
	return calendar === 'gregorian'
		? monthScheme(granularity, calendar, months, civilFromDays, daysFromCivil)
		: monthScheme(granularity, calendar, months, dayToJalali, jalaliToDay);
}

/**
 * The period index of every day in [minDay, maxDay] (table[day − minDay]), or null when the range is
 * empty or unreasonably long (more than 4M days).
 */
export function periodTable(scheme: PeriodScheme, minDay: Day, maxDay: Day): Int32Array | null {
	const span = maxDay - minDay + 1;
	if (!(span > 0) || span > 4_000_000) return null;
	const table = new Int32Array(span);
	let p = scheme.index(minDay);
	let d = minDay;
	while (d <= maxDay) {
		const last = Math.min(scheme.lastDay(p), maxDay);
		table.fill(p, d - minDay, last - minDay + 1);
		d = last + 1;
		p++;
	}
	return table;
}

/**
 * A day → period-index function for days in [minDay, maxDay], backed by a lookup table when the
 * range is reasonable (the per-row hot path of the engine); falls back to `scheme.index` otherwise.
 */
export function periodIndexer(scheme: PeriodScheme, minDay: Day, maxDay: Day): (day: Day) => number {
	const table = periodTable(scheme, minDay, maxDay);
	if (!table) return (d) => scheme.index(d);
	return (day) => (day >= minDay && day <= maxDay ? table[day - minDay] : scheme.index(day));
}
