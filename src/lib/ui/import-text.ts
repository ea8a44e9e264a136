/** Plain-language text for import report reasons and file warnings, in the UI language (the codes stay in the CSV download). */
import { t } from '../i18n/locale.svelte';
import { MESSAGES, type MessageKey } from '../i18n/messages';

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
