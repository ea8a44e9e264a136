/** Day numbers as the importer stores them: the calendar arithmetic of core/calendar.ts with NO_DAY for "not a date". */
import { toIsoDate, validGregorianDay, validJalaliDay } from '../calendar';

/** Marks "no valid day" in day-number columns. */
export const NO_DAY = -2147483648;

/** Day number of a valid Gregorian date (year 1..9999), or NO_DAY when impossible (never rolled over). */
export function gregorianDay(y: number, m: number, d: number): number {
	return validGregorianDay(y, m, d) ?? NO_DAY;
}

/** Day number of a valid Solar Hijri (Jalali) date, or NO_DAY when impossible (e.g. Esfand 30 of a common year). */
export function jalaliDay(jy: number, jm: number, jd: number): number {
	return validJalaliDay(jy, jm, jd) ?? NO_DAY;
}

/** ISO `YYYY-MM-DD` of a day number. */
export const formatDay = toIsoDate;
