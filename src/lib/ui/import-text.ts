/** Plain-language text for import report reasons and file warnings, in the UI language (the codes stay in the CSV download). */
import { i18n, t } from '../i18n/locale.svelte';
import { MESSAGES, type MessageKey } from '../i18n/messages';
import { isolate } from '../i18n/format';
import { detectCurrency, type CurrencyDetection } from '../core/import/currency';
import { userErrorOf } from '../core/user-messages';

/** A message for a code, or the code in words when it is new (`some_code` → “some code”). */
function known(prefix: 'reason' | 'warning', code: string): string {
	const key = `${prefix}.${code}`;
	return key in MESSAGES.en ? t(key as MessageKey) : code.replaceAll('_', ' ');
}

/** A report entry's reason in plain language (skipped rows say so). */
export function reasonText(code: string, skipped: boolean): string {
	const text = known('reason', code);
	if (skipped && (code === 'duplicate_row' || code === 'duplicate_order' || code === 'summary_row' || code === 'repeated_header')) return t('reason.skipped', { reason: text });
	return text;
}

export function warningText(code: string): string {
	return known('warning', code);
}

/** Warnings joined for one line («…; …», «…؛ …»). */
export function warningList(codes: string[]): string {
	return codes.map(warningText).join(t('list.separator'));
}

/** Where a detected currency was read: the amount values, the column's name, or both. */
function currencySource(d: CurrencyDetection): 'values' | 'header' | 'both' {
	const inValues = d.currency !== null && (d.valueCounts[d.currency] ?? 0) > 0;
	return d.fromHeader && inValues ? 'both' : inValues ? 'values' : 'header';
}

/** The currencies a mixed detection found, by name («US dollar, Euro»; an unsupported one as its marker). */
function foundCurrencies(d: CurrencyDetection): string {
	const codes = new Set<string>(Object.keys(d.valueCounts));
	if (d.fromHeader) codes.add(d.fromHeader);
	return [...codes].map((c) => (c === 'other' ? t('currency.other') : t(`currency.${c}` as MessageKey))).join(t('list.comma'));
}

/** The preview's note on the amount column's currency (null when nothing was written). */
export function currencyPreviewText(d: CurrencyDetection): string | null {
	if (d.reason === 'detected' && d.currency) return t('currency.detected', { name: t(`currency.${d.currency}`), source: currencySource(d) });
	if (d.reason === 'mixed') return t('currency.mixed', { found: foundCurrencies(d) });
	return null;
}

/** The import summary's line on the currency: what was detected, from what, and examples as written. */
export function currencyReportText(d: CurrencyDetection): string {
	const examples = d.examples.map(isolate).join(t('list.comma'));
	if (d.reason === 'detected' && d.currency) {
		const n = d.valueCounts[d.currency] ?? 0;
		return t('sum.currency.detected', { name: t(`currency.${d.currency}`), source: currencySource(d), n, examples });
	}
	if (d.reason === 'mixed') return t('sum.currency.mixed', { found: foundCurrencies(d), examples: examples || t('common.empty') });
	return t('sum.currency.none');
}

/** Currency detection on the preview's sample rows, for the mapped amount (or unit price) column. */
export function previewCurrency(headers: string[], rows: string[][], column: number | undefined): CurrencyDetection | null {
	if (column === undefined) return null;
	return detectCurrency(headers[column] ?? '', rows.map((r) => r[column] ?? ''));
}

/**
 * A sentence from the worker in the UI language: by its code (`worker.<code>`, else a preview's
 * `reject.<code>`) with its parameters; English, and a message without a known code, as sent.
 */
export function workerText(m: { message: string; code?: string; params?: Record<string, string | number> }): string {
	if (i18n.lang === 'en' || !m.code) return m.message;
	const params = { ...m.params };
	if (typeof params.name === 'string') params.name = isolate(params.name);
	for (const key of [`worker.${m.code}`, `reject.${m.code}`])
		if (key in MESSAGES.en) return t(key as MessageKey, params);
	return m.message;
}

/** An error's text in the UI language: a UserError (core/user-messages.ts) by its code, anything else as it is. */
export function errorText(e: unknown): string {
	const coded = userErrorOf(e);
	if (coded) return workerText(coded);
	return e instanceof Error ? e.message : String(e);
}
