/** Display names of RFM segments, customer types and base shapes in the UI language; the codes stay English in data and CSV. */
import { t } from '../i18n/locale.svelte';
import type { MessageKey } from '../i18n/messages';
import { MESSAGES } from '../i18n/messages';

function named(prefix: 'segment' | 'type', code: string): string {
	const key = `${prefix}.${code}`;
	return key in MESSAGES.en ? t(key as MessageKey) : code;
}

/** `champions` → «قهرمانان»; an unknown code is shown as it is. */
export const segmentName = (code: string): string => named('segment', code);
/** `deal-seeker` → «охотники за скидками». */
export const typeName = (code: string): string => named('type', code);
