// The preview says which calendar the dates are written in (issue 4: "the preview should say so").
import { describe, expect, it } from 'vitest';
import { writtenCalendar } from '../../../src/lib/core/parse/parse-date';
import { sampleCalendar } from '../../../src/lib/core/import';

describe('writtenCalendar', () => {
	it('Solar Hijri years in Latin or Persian digits, and Jalali month names', () => {
		expect(writtenCalendar('1402/07/15')).toBe('persian');
		expect(writtenCalendar('۱۴۰۲/۷/۵ ۱۴:۳۰')).toBe('persian');
		expect(writtenCalendar('۵ مهر ۱۴۰۲')).toBe('persian');
		expect(writtenCalendar('15.07.1402')).toBe('persian');
	});
	it('Gregorian years, and values without a four-digit year', () => {
		expect(writtenCalendar('2023-10-07 12:00')).toBe('gregorian');
		expect(writtenCalendar('5 марта 2023 г.')).toBe('gregorian');
		expect(writtenCalendar('45123')).toBe(null);
		expect(writtenCalendar('1678012345678.0')).toBe(null);
		expect(writtenCalendar('')).toBe(null);
	});
	it('sampleCalendar takes the majority', () => {
		expect(sampleCalendar(['1402/01/01', '1402/02/01', ''])).toBe('persian');
		expect(sampleCalendar(['2023-01-01', '1402/02/01', '2023-01-02'])).toBe('gregorian');
		expect(sampleCalendar(['', 'NULL'])).toBe(null);
	});
});
