// Order-date rules (badcsv rules 10–11, METRICS.md §1): calendar date as written, day numbers without Date.
import { describe, expect, it } from 'vitest';
import { DATE_AMBIGUOUS, DATE_INVALID, DATE_MISSING, DATE_OK, newDateParse, parseDate } from '../../../src/lib/core/parse/parse-date.ts';
import { NO_DAY, formatDay, gregorianDay, jalaliDay } from '../../../src/lib/core/parse/day-number.ts';
import { daysFromCivil } from '../../../src/lib/core/calendar.ts';

const iso = (raw: string): string | null => {
	const r = parseDate(raw, newDateParse());
	return r.status === DATE_OK ? formatDay(r.day) : null;
};

describe('day numbers', () => {
	it('counts days from 1970-01-01 with integer arithmetic', () => {
		expect(daysFromCivil(1970, 1, 1)).toBe(0);
		expect(daysFromCivil(2000, 3, 1)).toBe(11017);
		expect(daysFromCivil(1969, 12, 31)).toBe(-1);
		for (const d of [-700000, -1, 0, 59, 60, 11016, 20000, 2932896]) expect(daysFromCivil(...(formatDay(d).split('-').map(Number) as [number, number, number]))).toBe(d);
	});
	it('never rolls impossible dates over', () => {
		expect(gregorianDay(2023, 2, 29)).toBe(NO_DAY);
		expect(gregorianDay(2024, 2, 29)).not.toBe(NO_DAY);
		expect(gregorianDay(1900, 2, 29)).toBe(NO_DAY);
		expect(gregorianDay(2000, 2, 29)).not.toBe(NO_DAY);
		expect(gregorianDay(2023, 4, 31)).toBe(NO_DAY);
		expect(gregorianDay(2023, 13, 1)).toBe(NO_DAY);
		expect(gregorianDay(0, 0, 0)).toBe(NO_DAY);
	});
	it('converts Solar Hijri dates exactly', () => {
		expect(formatDay(jalaliDay(1402, 7, 15))).toBe('2023-10-07');
		expect(formatDay(jalaliDay(1403, 12, 30))).toBe('2025-03-20');
		expect(formatDay(jalaliDay(1403, 1, 1))).toBe('2024-03-20');
		expect(formatDay(jalaliDay(1404, 1, 1))).toBe('2025-03-21');
		expect(formatDay(jalaliDay(1399, 12, 30))).toBe('2021-03-20');
		expect(jalaliDay(1402, 12, 30)).toBe(NO_DAY);
		expect(jalaliDay(1402, 7, 31)).toBe(NO_DAY);
	});
});

describe('parseDate', () => {
	it('reads ISO dates, with time and offsets, as written', () => {
		expect(iso('2024-03-31')).toBe('2024-03-31');
		expect(iso('2024-03-31T23:30:00-05:00')).toBe('2024-03-31');
		expect(iso('2022-01-08T23:46:39.287+03:00')).toBe('2022-01-08');
		expect(iso('2022-01-31 00:49:10 -0500')).toBe('2022-01-31');
		expect(iso('2011-12-09 12:50:00')).toBe('2011-12-09');
		expect(iso('2023-03-05Z')).toBe('2023-03-05');
		expect(iso(' 2023/03/05 ')).toBe('2023-03-05');
	});
	it('reads YYYYMMDD, Excel serials and Unix time', () => {
		expect(iso('19970101')).toBe('1997-01-01');
		expect(iso('45123')).toBe('2023-07-16');
		expect(iso('44573.4375')).toBe('2022-01-12');
		expect(iso('1642502972.0')).toBe('2022-01-18');
		expect(iso('1642502972')).toBe('2022-01-18');
		expect(iso('1641124793556.0')).toBe('2022-01-02');
	});
	it('reads Jalali years in Latin and Persian digits', () => {
		expect(iso('1402/07/15')).toBe('2023-10-07');
		expect(iso('۱۴۰۳/۱۲/۳۰ ۱۴:۳۰')).toBe('2025-03-20');
		expect(iso('۱۴۰۱/۱/۶')).toBe('2022-03-26');
		expect(parseDate('1402/12/30', newDateParse()).status).toBe(DATE_INVALID);
		expect(iso('۱۵ مهر ۱۴۰۲')).toBe('2023-10-07');
		expect(iso('30 اسفند 1403')).toBe('2025-03-20');
		expect(iso('1402-07-15')).toBe('2023-10-07');
	});
	it('reads Russian and English month names and two-digit years', () => {
		expect(iso('5 марта 2023')).toBe('2023-03-05');
		expect(iso('5 марта 2023 г.')).toBe('2023-03-05');
		expect(iso('05 мар. 2023')).toBe('2023-03-05');
		expect(iso('22 янв. 2022')).toBe('2022-01-22');
		expect(iso('22-Feb-19')).toBe('2019-02-22');
		expect(iso('01-Jan-29')).toBe('2029-01-01');
		expect(iso('01-Jan-30')).toBe('1930-01-01');
		expect(iso('Mar 5, 2023')).toBe('2023-03-05');
	});
	it('reads dotted dates day first', () => {
		expect(iso('06.03.2022')).toBe('2022-03-06');
		expect(iso('6.3.22')).toBe('2022-03-06');
	});
	it('keeps both readings of slash dates for the column-wide decision', () => {
		const r = parseDate('01/03/2022', newDateParse());
		expect(r.status).toBe(DATE_AMBIGUOUS);
		expect(formatDay(r.dmy)).toBe('2022-03-01');
		expect(formatDay(r.mdy)).toBe('2022-01-03');
		const dmyOnly = parseDate('13/03/2022', newDateParse());
		expect(dmyOnly.status).toBe(DATE_AMBIGUOUS);
		expect(dmyOnly.mdy).toBe(NO_DAY);
		const mdyOnly = parseDate('02/15/2022 8:34 PM', newDateParse());
		expect(mdyOnly.dmy).toBe(NO_DAY);
		expect(formatDay(mdyOnly.mdy)).toBe('2022-02-15');
		expect(iso('03/03/2022')).toBe('2022-03-03');
		expect(parseDate('1/2/2023 10:5 PM', newDateParse()).status).toBe(DATE_AMBIGUOUS);
		expect(formatDay(parseDate('1/20/2023 10:05 PM', newDateParse()).mdy)).toBe('2023-01-20');
		expect(formatDay(parseDate('20-1-23', newDateParse()).dmy)).toBe('2023-01-20');
	});
	it('separates missing from impossible dates', () => {
		for (const raw of ['', '  ', 'NULL', 'null', 'N/A', '-']) expect(parseDate(raw, newDateParse()).status, raw).toBe(DATE_MISSING);
		for (const raw of ['2023-02-30', '2023-02-29', '2023-04-31', '2023-13-01', '0000-00-00', '2023-00-10', 'soon', '123'])
			expect(parseDate(raw, newDateParse()).status, raw).toBe(DATE_INVALID);
		expect(iso('2024-02-29')).toBe('2024-02-29');
	});
});
