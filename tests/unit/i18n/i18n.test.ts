// Messages in three languages and the Intl formatters: key parity, placeholders, Russian plurals,
// Persian digits, Jalali and Russian period labels, money without conversion.
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/lib/i18n/messages';
import { formatMessage, placeholders } from '../../../src/lib/i18n/message-format';
import { formatDay, formatMoneyIn, formatPeriodLabel, isolate, numberLocale, splitIsolates, type Lang } from '../../../src/lib/i18n/format';
import { I18n, initialLang } from '../../../src/lib/i18n/locale.svelte';
import { periodScheme, parseIsoDay } from '../../../src/lib/core/calendar';

const LANGS: Lang[] = ['en', 'fa', 'ru'];
const keys = Object.keys(MESSAGES.en) as (keyof typeof MESSAGES.en)[];

function ui(lang: Lang, digits: 'native' | 'latn' = 'native'): I18n {
	const i = new I18n();
	i.lang = lang;
	i.digits = digits;
	return i;
}

describe('messages', () => {
	for (const lang of LANGS) {
		it(`${lang}: every key exists, is non-empty, parses and has the English placeholders`, () => {
			expect(Object.keys(MESSAGES[lang]).sort()).toEqual([...keys].sort());
			for (const k of keys) {
				expect(MESSAGES[lang][k].trim(), `${lang} ${k}`).not.toBe('');
				expect([...placeholders(MESSAGES[lang][k])].sort(), `${lang} ${k}`).toEqual([...placeholders(MESSAGES.en[k])].sort());
			}
		});
	}
});

describe('plurals and placeholders', () => {
	const ru = ui('ru');
	const fmt = (n: number) => String(n);
	it('Russian one / few / many', () => {
		const msg = '{n, plural, one {# клиент} few {# клиента} many {# клиентов} other {# клиента}}';
		expect([1, 2, 5, 21, 11, 22, 111].map((n) => formatMessage(msg, { n }, 'ru', fmt))).toEqual([
			'1 клиент',
			'2 клиента',
			'5 клиентов',
			'21 клиент',
			'11 клиентов',
			'22 клиента',
			'111 клиентов'
		]);
	});
	it('a real message: the dataset summary in Russian', () => {
		expect(ru.t('settings.summary', { customers: 21, purchases: 5, from: 'a', to: 'b' })).toBe('21 клиент · 5 покупок · a → b');
		expect(ru.t('kpi.installed.note', { window: 3, unit: 'month' })).toBe('покупали за последние 3 месяца');
		expect(ru.t('kpi.installed.note', { window: 1, unit: 'week' })).toBe('покупали за последнюю 1 неделю');
	});
	it('English keeps its wording', () => {
		const en = ui('en');
		expect(en.t('kpi.installed.note', { window: 3, unit: 'month' })).toBe('active in the last 3 months');
		expect(en.t('kpi.installed.note', { window: 1, unit: 'quarter' })).toBe('active in the last 1 quarter');
		expect(en.t('overview.latest', { unit: 'month', period: '2011-11' })).toBe('Latest complete month: 2011-11');
	});
});

describe('numbers', () => {
	it('Persian digits by default, Latin on request', () => {
		const fa = ui('fa');
		expect(fa.t('settings.summary', { customers: 4338, purchases: 12, from: 'x', to: 'y' })).toContain('۴٬۳۳۸ مشتری');
		expect(new Intl.NumberFormat(numberLocale('fa')).format(75.6)).toBe('۷۵٫۶');
		expect(fa.t('unit.percentValue', { value: new Intl.NumberFormat(numberLocale('fa')).format(75.6) })).toBe('۷۵٫۶٪');
		expect(new Intl.NumberFormat(numberLocale('fa', 'latn')).format(1234.5)).toBe('1,234.5');
	});
	it('Russian groups with spaces and uses a decimal comma', () => {
		expect(new Intl.NumberFormat(numberLocale('ru'), { minimumFractionDigits: 1 }).format(12345.6)).toMatch(/^12\s345,6$/);
	});
	it('money in the dataset currency, toman as a word, never converted', () => {
		expect(formatMoneyIn(1234.5, 'none', 'en-US', (a) => a)).toBe('1,234.50');
		expect(formatMoneyIn(1234.5, 'USD', 'en-US', (a) => a)).toBe('$1,234.50');
		expect(formatMoneyIn(1234.5, 'RUB', 'ru-RU', (a) => a)).toMatch(/^1\s234,50\s₽$/);
		expect(formatMoneyIn(1500000, 'IRT', numberLocale('fa'), (a) => `${a} تومان`)).toBe('۱٬۵۰۰٬۰۰۰ تومان');
		expect(formatMoneyIn(1500000, 'IRR', numberLocale('fa'), (a) => a)).toContain('۱٬۵۰۰٬۰۰۰');
	});
});

describe('period labels', () => {
	it('a Jalali month: the period starting 2023-09-23 is «مهر ۱۴۰۲»', () => {
		const scheme = periodScheme('month', 'persian');
		const day = parseIsoDay('2023-09-23') as number;
		const i = scheme.index(day);
		expect(scheme.firstDay(i)).toBe(day);
		const fa = ui('fa');
		expect(fa.period(scheme.label(i), 'persian')).toBe('مهر ۱۴۰۲');
		// The sample's first month (2010-12-01 = 1389/09/10).
		expect(fa.period(scheme.label(scheme.index(parseIsoDay('2010-12-01') as number)), 'persian')).toBe('آذر ۱۳۸۹');
	});
	it('Russian Gregorian months: «март 2023», «декабрь 2010»', () => {
		const ru = ui('ru');
		expect(ru.period('2023-03', 'gregorian')).toBe('март 2023');
		expect(ru.period('2010-12', 'gregorian')).toBe('декабрь 2010');
		expect(ru.period('2011-Q2', 'gregorian')).toBe('2 кв. 2011');
	});
	it('other shapes: quarters, years, Jalali weeks; English keeps the label', () => {
		const fa = ui('fa');
		expect(fa.period('1402-Q3', 'persian')).toBe('فصل ۳ ۱۴۰۲');
		expect(fa.period('1402', 'persian')).toBe('۱۴۰۲');
		expect(fa.period('1402-07-15', 'persian')).toBe('هفتهٔ ۱۵ مهر ۱۴۰۲');
		expect(ui('fa', 'latn').period('1402-07', 'persian')).toBe('مهر 1402');
		expect(ui('en').period('2010-12', 'gregorian')).toBe('2010-12');
		expect(formatPeriodLabel('odd', 'gregorian', 'ru', 'ru-RU', () => '')).toBe('odd');
	});
	it('dates: Jalali in Persian digits, dd.mm.yyyy in Russian, ISO in English', () => {
		const day = parseIsoDay('2010-12-01') as number;
		expect(formatDay(day, 'persian', 'fa', numberLocale('fa'))).toBe('۱۳۸۹/۰۹/۱۰');
		expect(formatDay(day, 'gregorian', 'ru', 'ru-RU')).toBe('01.12.2010');
		expect(formatDay(day, 'gregorian', 'en', 'en-US')).toBe('2010-12-01');
	});
});

describe('initial language', () => {
	it('URL first, then the remembered choice, then the browser languages, then English', () => {
		expect(initialLang('?lang=fa', 'ru', ['en-US'])).toBe('fa');
		expect(initialLang('?lang=xx', 'ru', ['en-US'])).toBe('ru');
		expect(initialLang('', null, ['de-DE', 'ru-RU'])).toBe('ru');
		expect(initialLang('', null, ['de-DE'])).toBe('en');
	});
	it('Persian defaults to the Persian calendar and right-to-left', () => {
		const fa = ui('fa');
		expect(fa.calendar).toBe('persian');
		expect(fa.dir).toBe('rtl');
		expect(ui('ru').calendar).toBe('gregorian');
	});
});

describe('isolates', () => {
	it('a name from the file stays one isolated part of the sentence', () => {
		const text = ui('fa').t('sum.title', { name: isolate('سفارش‌ها\u202e.csv') });
		expect(splitIsolates(text)).toEqual([
			{ text: 'ورود ', isolated: false },
			{ text: 'سفارش‌ها\u202e.csv', isolated: true }
		]);
		expect(splitIsolates('no names')).toEqual([{ text: 'no names', isolated: false }]);
	});
});
