// Dates beside date inputs, in the UI language and calendar, and typed Jalali dates (issue 7).
import { describe, expect, it } from 'vitest';
import { formatDayLong, numberLocale, parseTypedDay } from '../../../src/lib/i18n/format';
import { MESSAGES } from '../../../src/lib/i18n/messages';
import { formatMessage } from '../../../src/lib/i18n/message-format';
import { parseIsoDay } from '../../../src/lib/core/calendar';

const tr = (lang: 'en' | 'fa' | 'ru') => (key: keyof typeof MESSAGES.en, params: Record<string, string | number>) => formatMessage(MESSAGES[lang][key], params, lang, String);
// 2010-12-01 is 1389/09/10 (METRICS.md §2's sample start), so 2010-12-06 is 15 Azar 1389.
const day = parseIsoDay('2010-12-06') as number;

describe('formatDayLong', () => {
	it('Persian calendar in fa: «۱۵ آذر ۱۳۸۹», Latin digits on request', () => {
		expect(formatDayLong(day, 'persian', 'fa', numberLocale('fa'), tr('fa'))).toBe('۱۵ آذر ۱۳۸۹');
		expect(formatDayLong(day, 'persian', 'fa', numberLocale('fa', 'latn'), tr('fa'))).toBe('15 آذر 1389');
	});
	it('Gregorian calendar in each language, month in the right case', () => {
		expect(formatDayLong(day, 'gregorian', 'fa', numberLocale('fa'), tr('fa'))).toBe('۶ دسامبر ۲۰۱۰');
		expect(formatDayLong(day, 'gregorian', 'ru', numberLocale('ru'), tr('ru'))).toBe('6 декабря 2010 г.');
		expect(formatDayLong(day, 'gregorian', 'en', numberLocale('en'), tr('en'))).toBe('December 6, 2010');
	});
	it('Persian calendar in Russian and English: Jalali month names', () => {
		expect(formatDayLong(day, 'persian', 'ru', numberLocale('ru'), tr('ru'))).toBe('15 азар 1389');
		expect(formatDayLong(day, 'persian', 'en', numberLocale('en'), tr('en'))).toBe('15 Azar 1389');
	});
});

describe('parseTypedDay', () => {
	it('Jalali years (before 1700), Persian or Latin digits, / - . separators', () => {
		expect(parseTypedDay('۱۳۸۹/۰۹/۱۵')).toBe(day);
		expect(parseTypedDay('1389/9/15')).toBe(day);
		expect(parseTypedDay(' 1389-09-15 ')).toBe(day);
		expect(parseTypedDay('١٣٨٩.٠٩.١٥')).toBe(day);
	});
	it('Gregorian years', () => {
		expect(parseTypedDay('2010/12/06')).toBe(day);
		expect(parseTypedDay('2010-12-6')).toBe(day);
	});
	it('not a real day, or not a date: null', () => {
		expect(parseTypedDay('1389/12/31')).toBeNull(); // 1389 is not a leap year: Esfand has 29 days
		expect(parseTypedDay('2011/02/29')).toBeNull();
		expect(parseTypedDay('1389/13/01')).toBeNull();
		expect(parseTypedDay('15/09/1389')).toBeNull();
		expect(parseTypedDay('yesterday')).toBeNull();
		expect(parseTypedDay('')).toBeNull();
	});
});
