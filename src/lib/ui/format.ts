/** Display formatters: Intl number formats in the UI language (i18n), day numbers ↔ ISO dates, an em dash for empty values. */
import type { Day } from '../core/types';
import { OTHER_VALUE } from '../core/analysis';
import { i18n } from '../i18n/locale.svelte';
import { numberFormat } from '../i18n/format';

/** Shown wherever a value is undefined (METRICS.md §3: a ratio with a 0 denominator is empty). */
export const EMPTY = '—';
/** English figures, as the CSV downloads and the English UI write them. */
export const DEFAULT_LOCALE = 'en-US';
const MS_PER_DAY = 86_400_000;
/** The UI language's number locale, read when formatting so a template re-renders when it changes. */
const uiLocale = (): string => i18n.locale;

function usable(v: number | null | undefined): v is number {
	return typeof v === 'number' && Number.isFinite(v);
}

/** A count: 12,345. */
export function formatCount(v: number | null | undefined, locale = uiLocale()): string {
	return usable(v) ? numberFormat(locale, { maximumFractionDigits: 0 }).format(v) : EMPTY;
}

/** A value already in percent units (crr, churn_*), e.g. 75.6. */
export function formatPercent(v: number | null | undefined, digits = 1, locale = uiLocale()): string {
	return usable(v)
		? numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)
		: EMPTY;
}

/** A ratio 0…1 (cohort retention) as percent, e.g. 0.1474 → 14.7. */
export function formatRatioPercent(v: number | null | undefined, digits = 1, locale = uiLocale()): string {
	return usable(v) ? formatPercent(v * 100, digits, locale) : EMPTY;
}

/** Money in the open dataset's currency (two decimals, grouped, when it is not known); never converted. */
export function formatMoney(v: number | null | undefined): string {
	return usable(v) ? i18n.money(v) : EMPTY;
}

/** Compact axis labels: 1.2K, 35K. */
export function formatCompact(v: number, locale = uiLocale()): string {
	return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(v);
}

/** The unit names of `formatBytes`, as Intl's `style: 'unit'` spells them. */
const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/**
 * Bytes (binary steps of 1024) with the unit in the UI language, from Intl's unit style: 2.4 MB,
 * 2,4 МБ, ۲٫۴ مگابایت. Persian's short unit names are Latin (MB), so Persian writes them out.
 */
export function formatBytes(bytes: number, locale = uiLocale()): string {
	if (!usable(bytes)) return EMPTY;
	let v = bytes;
	let u = 0;
	while (v >= 1024 && u < BYTE_UNITS.length - 1) {
		v /= 1024;
		u++;
	}
	const unitDisplay = locale.startsWith('fa') ? 'long' : 'short';
	return numberFormat(locale, { style: 'unit', unit: BYTE_UNITS[u], unitDisplay, maximumFractionDigits: u === 0 ? 0 : 1 }).format(v);
}

/** Day number (days since 1970-01-01 of the date as written, METRICS.md §1) → `YYYY-MM-DD`. */
export function dayToIso(day: Day): string {
	return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` → day number; null when the text is not a valid calendar date. */
export function isoToDay(text: string): Day | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const ms = Date.UTC(y, mo - 1, d);
	const back = new Date(ms);
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
	return Math.round(ms / MS_PER_DAY);
}

/** A whole number without grouping (a line number, a year): 12345, ۱۲۳۴۵. */
export function formatPlain(v: number): string {
	return usable(v) ? numberFormat(uiLocale(), { useGrouping: false, maximumFractionDigits: 0 }).format(v) : EMPTY;
}

/** A value in percent units with the UI language's percent sign: 75.6 %, ۷۵٫۶٪. */
export function formatPercentSign(v: number | null | undefined, digits = 1): string {
	return usable(v) ? i18n.t('unit.percentValue', { value: formatPercent(v, digits) }) : EMPTY;
}

/** A timestamp (ms) as a short local date-time for lists. */
export function formatTimestamp(ms: number, locale = uiLocale()): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** The delimiter as words in the UI language, for the preview facts. */
export function describeDelimiter(d: string): string {
	const names = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe', whitespace: 'whitespace' } as const;
	const name = (names as Record<string, (typeof names)[keyof typeof names]>)[d];
	return name ? i18n.t(`delimiter.${name}`) : i18n.t('delimiter.other', { d });
}

/**
 * The operators a formula is written with (and a colon before a worked part); the terms between them are
 * words or symbols. Not "·": it binds inside a term («درآمد ⌈0.2 · n⌉ مشتری پردرآمدتر», "2 · Σ i·xᵢ").
 */
const FORMULA_OPERATOR = /(\s*[=÷×+−→<>≤≥]\s*|:\s+)/u;

/**
 * A formula split into terms and operators ("ریزش = از دست‌رفته ÷ S × 100" → "ریزش", " = ",
 * "از دست‌رفته", " ÷ ", "S", " × ", "100"). `FormulaText.svelte` isolates each term, so in a
 * right-to-left page the formula still reads left to right as a whole: without it the bidi algorithm
 * joins two Persian terms around a neutral "=" into one right-to-left run and swaps their order.
 */
export function formulaSegments(text: string): { text: string; operator: boolean }[] {
	// A rule in words without an equation («بلند وقتی سهم ۲۰٪ برتر ≥ ۸۰٪، …») is a sentence: one piece, in its own direction.
	if (!/(^|\s)=\s/.test(text)) return [{ text, operator: false }];
	return text
		.split(FORMULA_OPERATOR)
		.filter((s) => s !== '')
		.map((s) => ({ text: s, operator: FORMULA_OPERATOR.test(s) && s.trim().length === 1 }));
}

/** A breakdown group's value for the screen: the group of the other values in the UI language (CSV keeps `(other)`). */
export function groupLabel(value: string): string {
	return value === OTHER_VALUE ? i18n.t('bd.other') : value;
}
