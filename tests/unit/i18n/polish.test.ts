// Persian/Russian polish from a new user's review (issue 7): numbers typed in any digits, formulas split
// into isolated terms, byte sizes in the UI language's units, the "(other)" group's label, and catalogue
// texts that were left in English. Expected values are written by hand.
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/lib/i18n/messages';
import { parseLocaleInteger } from '../../../src/lib/i18n/format';
import { i18n } from '../../../src/lib/i18n/locale.svelte';
import { formatBytes, formulaSegments, groupLabel } from '../../../src/lib/ui/format';

/** Intl puts a no-break space between number and unit; compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('parseLocaleInteger', () => {
	it('reads Latin, Persian and Arabic-Indic digits, with spaces around', () => {
		expect(parseLocaleInteger('3')).toBe(3);
		expect(parseLocaleInteger('۱۲')).toBe(12);
		expect(parseLocaleInteger('٤٥')).toBe(45);
		expect(parseLocaleInteger(' ۵2٠ ')).toBe(520);
		expect(parseLocaleInteger('0')).toBe(0);
	});
	it('refuses what is not a whole number written in digits', () => {
		for (const text of ['', ' ', '-3', '+3', '2.5', '۲٫۵', '1,000', '۱٬۰۰۰', '3a', 'سه', '1e3', '99999999999999999999'])
			expect(parseLocaleInteger(text), text).toBeNull();
	});
});

describe('formulaSegments', () => {
	it('splits a Persian formula into terms and operators, in the written order', () => {
		expect(formulaSegments('ریزش = از دست‌رفته ÷ S × 100')).toEqual([
			{ text: 'ریزش', operator: false },
			{ text: ' = ', operator: true },
			{ text: 'از دست‌رفته', operator: false },
			{ text: ' ÷ ', operator: true },
			{ text: 'S', operator: false },
			{ text: ' × ', operator: true },
			{ text: '100', operator: false }
		]);
	});
	it('keeps a term with its parentheses and loses no character', () => {
		const text = 'ریزش (تعدیل‌شده) = از دست‌رفته ÷ (S + N ÷ 2) × 100';
		const parts = formulaSegments(text);
		expect(parts.map((p) => p.text).join('')).toBe(text);
		expect(parts.filter((p) => !p.operator).map((p) => p.text)).toEqual(['ریزش (تعدیل‌شده)', 'از دست‌رفته', '(S', 'N', '2)', '100']);
	});
});

describe('formulaSegments: worked parts and rules in words', () => {
	it('splits at a colon before the worked part, so a count and its word stay one term; "·" binds inside a term', () => {
		expect(formulaSegments('سهم ۲۰٪ برتر = درآمد ⌈0.2 · n⌉ مشتری پردرآمدتر ÷ کل درآمد مشتریان × ۱۰۰').filter((p) => !p.operator).map((p) => p.text)).toEqual([
			'سهم ۲۰٪ برتر',
			'درآمد ⌈0.2 · n⌉ مشتری پردرآمدتر',
			'کل درآمد مشتریان',
			'۱۰۰'
		]);
		const parts = formulaSegments('⌈0.2 · ۴۴۲⌉ = ۸۹ مشتری: ۱۲۳ ÷ ۴۵۶ × ۱۰۰ = ۲۷٪');
		expect(parts.filter((p) => !p.operator).map((p) => p.text)).toEqual(['⌈0.2 · ۴۴۲⌉', '۸۹ مشتری', '۱۲۳', '۴۵۶', '۱۰۰', '۲۷٪']);
		expect(parts.filter((p) => p.operator).map((p) => p.text.trim())).toEqual(['=', ':', '÷', '×', '=']);
	});
	it('keeps a rule without an equation whole: it is a sentence in its own direction', () => {
		const rule = 'بلند وقتی سهم ۲۰٪ برتر ≥ ۸۰٪، پهن وقتی ≤ ۵۰٪، وگرنه متوازن';
		expect(formulaSegments(rule)).toEqual([{ text: rule, operator: false }]);
	});
});

describe('formatBytes', () => {
	it('names the unit in the UI language (Persian spelled out: its short names are Latin)', () => {
		expect(plain(formatBytes(6.5 * 1024 * 1024, 'fa-IR-u-nu-arabext'))).toBe('۶٫۵ مگابایت');
		expect(plain(formatBytes(10 * 1024 ** 3, 'fa-IR-u-nu-arabext'))).toBe('۱۰ گیگابایت');
		expect(plain(formatBytes(2048, 'fa-IR-u-nu-latn'))).toBe('2 کیلوبایت');
		expect(plain(formatBytes(6.5 * 1024 * 1024, 'ru-RU'))).toBe('6,5 МБ');
		expect(plain(formatBytes(10 * 1024 ** 3, 'ru-RU'))).toBe('10 ГБ');
		expect(plain(formatBytes(1536, 'en-US'))).toBe('1.5 kB');
		expect(plain(formatBytes(4.25 * 1024 * 1024, 'en-US'))).toBe('4.3 MB');
	});
});

describe('groupLabel', () => {
	const lang = i18n.lang;
	afterEach(() => {
		i18n.lang = lang;
	});
	it('names the group of the other values in the UI language; real values pass through', () => {
		i18n.lang = 'fa';
		expect(groupLabel('(other)')).toBe('(سایر)');
		expect(groupLabel('United Kingdom')).toBe('United Kingdom');
		i18n.lang = 'ru';
		expect(groupLabel('(other)')).toBe('(прочие)');
		i18n.lang = 'en';
		expect(groupLabel('(other)')).toBe('(other)');
	});
});

describe('catalogue texts the review found in English', () => {
	it('the symbols line names "lost" with the word the formulas use', () => {
		expect(MESSAGES.fa['ret.symbols']).not.toMatch(/lost/);
		expect(MESSAGES.ru['ret.symbols']).not.toMatch(/lost/);
		expect(MESSAGES.fa['ret.symbols']).toContain('از دست‌رفته =');
		expect(MESSAGES.fa['formula.churnNaive']).toContain('از دست‌رفته');
		expect(MESSAGES.ru['ret.symbols']).toContain('потерянные —');
		expect(MESSAGES.ru['formula.churnNaive']).toContain('потерянные');
	});
	it('the "(other)" group is named in each language, also where the breakdown is explained', () => {
		expect(MESSAGES.fa['bd.explain']).toContain('«(سایر)»');
		expect(MESSAGES.ru['bd.explain']).toContain('«(прочие)»');
		expect(MESSAGES.fa['bd.explain']).not.toContain('(other)');
		expect(MESSAGES.ru['bd.explain']).not.toContain('(other)');
	});
	it('the encodings name their script in the UI language', () => {
		for (const key of ['map.enc.1256', 'map.enc.1251', 'map.enc.1252'] as const) {
			expect(MESSAGES.fa[key]).not.toMatch(/Persian|Russian|Western/);
			expect(MESSAGES.ru[key]).not.toMatch(/Persian|Russian|Western/);
		}
		expect(MESSAGES.fa['map.enc.1256']).toBe('Windows-1256 (فارسی)');
		expect(MESSAGES.ru['map.enc.1251']).toBe('Windows-1251 (русская)');
	});
	it('one app name per language: «ماندگار» in every Persian text, Mandegar in English and Russian', () => {
		expect(MESSAGES.fa['app.name']).toBe('ماندگار');
		expect(MESSAGES.en['app.name']).toBe('Mandegar');
		expect(MESSAGES.ru['app.name']).toBe('Mandegar');
		for (const [key, text] of Object.entries(MESSAGES.fa)) expect(text, key).not.toMatch(/Mandegar/i);
		for (const lang of ['en', 'ru'] as const) for (const [key, text] of Object.entries(MESSAGES[lang])) expect(text, `${lang} ${key}`).not.toMatch(/ماندگار/);
	});
	it('the Persian-calendar note exists in each language', () => {
		expect(MESSAGES.en['settings.persianNote']).toBe(
			'Periods follow the Persian (Solar Hijri) calendar; figures per period differ from Gregorian months. Change in Settings.'
		);
		expect(MESSAGES.fa['settings.persianNote']).toContain('هجری خورشیدی');
		expect(MESSAGES.ru['settings.persianNote']).toContain('персидскому календарю');
	});
});
