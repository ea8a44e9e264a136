/** Pure display formatters: Intl number formats, day numbers ↔ ISO dates, an em dash for empty values. */
import type { Day } from '../core/types';

/** Shown wherever a value is undefined (METRICS.md §3: a ratio with a 0 denominator is empty). */
export const EMPTY = '—';
/** One locale for now, so figures read the same in tests and screenshots; i18n will pass its own. */
export const DEFAULT_LOCALE = 'en-US';
const MS_PER_DAY = 86_400_000;

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = `${locale}|${JSON.stringify(options)}`;
	let f = cache.get(key);
	if (!f) {
		f = new Intl.NumberFormat(locale, options);
		cache.set(key, f);
	}
	return f;
}

function usable(v: number | null | undefined): v is number {
	return typeof v === 'number' && Number.isFinite(v);
}

/** A count: 12,345. */
export function formatCount(v: number | null | undefined, locale = DEFAULT_LOCALE): string {
	return usable(v) ? numberFormat(locale, { maximumFractionDigits: 0 }).format(v) : EMPTY;
}

/** A value already in percent units (crr, churn_*), e.g. 75.6. */
export function formatPercent(v: number | null | undefined, digits = 1, locale = DEFAULT_LOCALE): string {
	return usable(v)
		? numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)
		: EMPTY;
}

/** A ratio 0…1 (cohort retention) as percent, e.g. 0.1474 → 14.7. */
export function formatRatioPercent(v: number | null | undefined, digits = 1, locale = DEFAULT_LOCALE): string {
	return usable(v) ? formatPercent(v * 100, digits, locale) : EMPTY;
}

/** Money in the file's own (unknown) currency: two decimals, grouped. */
export function formatMoney(v: number | null | undefined, locale = DEFAULT_LOCALE): string {
	return usable(v)
		? numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v)
		: EMPTY;
}

/** Compact axis labels: 1.2K, 35K. */
export function formatCompact(v: number, locale = DEFAULT_LOCALE): string {
	return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(v);
}

/** Bytes as KB/MB for file sizes. */
export function formatBytes(bytes: number, locale = DEFAULT_LOCALE): string {
	if (!usable(bytes)) return EMPTY;
	const units = ['B', 'KB', 'MB', 'GB'];
	let v = bytes;
	let u = 0;
	while (v >= 1024 && u < units.length - 1) {
		v /= 1024;
		u++;
	}
	return `${numberFormat(locale, { maximumFractionDigits: u === 0 ? 0 : 1 }).format(v)} ${units[u]}`;
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

/** A timestamp (ms) as a short local date-time for lists. */
export function formatTimestamp(ms: number, locale = DEFAULT_LOCALE): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** The delimiter as words, for the preview facts. */
export function describeDelimiter(d: string): string {
	const names: Record<string, string> = {
		',': 'comma',
		';': 'semicolon',
		'\t': 'tab',
		'|': 'pipe',
		whitespace: 'runs of spaces'
	};
	return names[d] ?? `“${d}”`;
}
