/**
 * Intl formatters in the UI language, pure (the rune module passes the language and settings):
 * number locales with Persian or Latin digits, period labels for display (Gregorian months from
 * Intl, Jalali months from the label itself — METRICS.md §2 labels carry the Jalali year and month,
 * exact by core/calendar.ts), dates, and money in a dataset's currency (never converted).
 */
import { foldDigits } from '../core/customer-query';
import { civilFromDays, dayToJalali, validGregorianDay, validJalaliDay } from '../core/calendar';
import type { CalendarKind, Day } from '../core/types';
import type { Params } from './message-format';

export const LANGS = ['en', 'fa', 'ru'] as const;
export type Lang = (typeof LANGS)[number];
export type Digits = 'native' | 'latn';
/** 'none' = the file's own unknown currency (plain number); IRT = toman, which has no ISO code. */
export const CURRENCIES = ['none', 'USD', 'EUR', 'RUB', 'GBP', 'IRR', 'IRT'] as const;
export type Currency = (typeof CURRENCIES)[number];

export function isLang(v: unknown): v is Lang {
	return typeof v === 'string' && (LANGS as readonly string[]).includes(v);
}

/** The BCP 47 tag numbers and dates are formatted with; fa uses Persian digits unless Latin are asked for. */
export function numberLocale(lang: Lang, digits: Digits = 'native'): string {
	if (lang === 'fa') return digits === 'latn' ? 'fa-IR-u-nu-latn' : 'fa-IR-u-nu-arabext';
	return lang === 'ru' ? 'ru-RU' : 'en-US';
}

/** Jalali month names (Farvardin = 1); Intl's persian calendar writes «۱۴۰۲ مهر» (year first), so names come from here. */
const JALALI_MONTHS: Record<Lang, string[]> = {
	en: ['Farvardin', 'Ordibehesht', 'Khordad', 'Tir', 'Mordad', 'Shahrivar', 'Mehr', 'Aban', 'Azar', 'Dey', 'Bahman', 'Esfand'],
	fa: ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'],
	ru: ['фарвардин', 'ордибехешт', 'хордад', 'тир', 'мордад', 'шахривар', 'мехр', 'абан', 'азар', 'дей', 'бахман', 'эсфанд']
};

const numberFormats = new Map<string, Intl.NumberFormat>();
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
	const key = `${locale}|${JSON.stringify(options)}`;
	let f = numberFormats.get(key);
	if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, options)));
	return f;
}

/** A year or day number without grouping: 1402, not 1,402. */
function plain(n: number, locale: string, width = 0): string {
	return numberFormat(locale, { useGrouping: false, minimumIntegerDigits: Math.max(1, width) }).format(n);
}

const monthNames = new Map<string, string>();

/** Month name (nominative, standalone) of a Gregorian month, from Intl in the UI language (made once per language and month: a period table of 156 weeks asked for it on every label). */
export function gregorianMonthName(month: number, lang: Lang): string {
	const key = `${lang}|${month}`;
	let name = monthNames.get(key);
	if (name === undefined) {
		name = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC', calendar: 'gregory' }).format(Date.UTC(2001, month - 1, 1));
		monthNames.set(key, name);
	}
	return name;
}

export function monthName(calendar: CalendarKind, month: number, lang: Lang): string {
	return calendar === 'persian' ? JALALI_MONTHS[lang][month - 1] : gregorianMonthName(month, lang);
}

type Translate = (key: 'period.month' | 'period.quarter' | 'period.week' | 'period.weekOf' | 'date.day', params: Params) => string;

/**
 * A METRICS.md §2 period label (`2010-12`, `2010-Q4`, `2010`, `2010-W48`; Persian `1389-09`,
 * `1389-Q3`, `1389`, week `1389-09-13`) for display: «декабрь 2010», «آذر ۱۳۸۹». English keeps the
 * label as written (it is also the CSV's), so tests and downloads read the same.
 */
export function formatPeriodLabel(label: string, calendar: CalendarKind, lang: Lang, locale: string, t: Translate): string {
	if (lang === 'en') return label;
	let m: RegExpExecArray | null;
	if ((m = /^(\d{4})-(\d{2})$/.exec(label)))
		return t('period.month', { month: monthName(calendar, Number(m[2]), lang), year: plain(Number(m[1]), locale) });
	if ((m = /^(\d{4})-Q(\d)$/.exec(label))) return t('period.quarter', { quarter: plain(Number(m[2]), locale), year: plain(Number(m[1]), locale) });
	if ((m = /^(\d{4})$/.exec(label))) return plain(Number(m[1]), locale);
	if ((m = /^(\d{4})-W(\d{2})$/.exec(label))) return t('period.week', { week: plain(Number(m[2]), locale), year: plain(Number(m[1]), locale) });
	if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label)))
		return t('period.weekOf', {
			date: t('date.day', { day: plain(Number(m[3]), locale), month: monthName(calendar, Number(m[2]), lang), year: plain(Number(m[1]), locale) })
		});
	return label;
}

/** A day for display: ISO in English, «۱۰ آذر ۱۳۸۹» (Jalali) or «1 декабрь 2010»-free numeric forms elsewhere. */
export function formatDay(day: Day, calendar: CalendarKind, lang: Lang, locale: string): string {
	const [y, mo, d] = calendar === 'persian' ? dayToJalali(day) : civilFromDays(day);
	if (lang === 'en' && calendar === 'gregorian') return `${plain(y, locale, 4)}-${plain(mo, locale, 2)}-${plain(d, locale, 2)}`;
	// Year/month/day with slashes reads naturally in Persian for either calendar; Russian writes dd.mm.yyyy.
	if (lang === 'ru') return `${plain(d, locale, 2)}.${plain(mo, locale, 2)}.${plain(y, locale, 4)}`;
	return `${plain(y, locale, 4)}/${plain(mo, locale, 2)}/${plain(d, locale, 2)}`;
}

const longDayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A day written out, beside a date input (which shows the browser's own format and the Gregorian
 * calendar): «۱۵ آذر ۱۳۸۹» in the Persian calendar, «15 декабря 2010 г.» / «December 15, 2010» /
 * «۱۵ دسامبر ۲۰۱۰» in the Gregorian one, from Intl in the UI language.
 */
export function formatDayLong(day: Day, calendar: CalendarKind, lang: Lang, locale: string, t: Translate): string {
	if (calendar === 'persian') {
		const [y, m, d] = dayToJalali(day);
		return t('date.day', { day: plain(d, locale), month: monthName('persian', m, lang), year: plain(y, locale) });
	}
	const [y, m, d] = civilFromDays(day);
	let f = longDayFormats.get(locale);
	if (!f) {
		f = new Intl.DateTimeFormat(`${locale}${locale.includes('-u-') ? '-' : '-u-'}ca-gregory`, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
		longDayFormats.set(locale, f);
	}
	return f.format(Date.UTC(y, m - 1, d));
}

/**
 * A typed date: year/month/day with `/`, `-` or `.`, Persian or Latin digits. A year before 1700 is a
 * Solar Hijri (Jalali) year («۱۳۸۹/۹/۱۵»), a later one Gregorian; null when it is not a real day.
 */
export function parseTypedDay(text: string): Day | null {
	const ascii = text.trim().replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x6f0)).replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x660));
	const m = /^(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})$/.exec(ascii);
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	return y < 1700 ? validJalaliDay(y, mo, d) : validGregorianDay(y, mo, d);
}

/**
 * Money in a dataset's currency, in the UI language's number format. Rial and toman have no
 * fractions in practice; toman has no ISO code, so it is a number followed by the word.
 */
export function formatMoneyIn(v: number, currency: Currency, locale: string, tomanWord: (amount: string) => string): string {
	if (currency === 'none') return numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
	if (currency === 'IRT') return tomanWord(numberFormat(locale, { maximumFractionDigits: 0 }).format(v));
	const digits = currency === 'IRR' ? 0 : 2;
	return numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
}

/** Text from the file (a dimension value, a name) inside a message: first-strong isolates, the plain-text <bdi>. */
export function isolate(text: string): string {
	return `\u2068${text}\u2069`;
}

/** A formatted message cut at its isolates, so a view can render each isolated part as a <bdi>. */
export function splitIsolates(text: string): { text: string; isolated: boolean }[] {
	const out: { text: string; isolated: boolean }[] = [];
	const re = /\u2068([^\u2068\u2069]*)\u2069/g;
	let last = 0;
	for (let m = re.exec(text); m; m = re.exec(text)) {
		if (m.index > last) out.push({ text: text.slice(last, m.index), isolated: false });
		out.push({ text: m[1], isolated: true });
		last = m.index + m[0].length;
	}
	if (last < text.length) out.push({ text: text.slice(last), isolated: false });
	return out;
}

/**
 * A whole number typed in any of the digits a user may have on their keyboard: Latin (0-9), Persian
 * (۰-۹) or Arabic-Indic (٠-٩), with surrounding spaces; null for anything else (a sign, a decimal, a
 * grouping mark, mixed letters). The number inputs that show the UI's digits read their text with it.
 */
export function parseLocaleInteger(text: string): number | null {
	const latin = foldDigits(text.trim());
	if (!/^[0-9]+$/.test(latin)) return null;
	const n = Number(latin);
	return Number.isSafeInteger(n) ? n : null;
}
