/**
 * Every sentence the worker and core send to the user (import failures, append and customer-list
 * rejections, the holdout check's refusals) as a code with parameters. The English text here is
 * what the worker sends as `message` (the headless report and English UI show it as it is); the UI
 * translates by code from `worker.<code>` in the message catalogues (tests/unit/i18n checks that
 * every code has a message in every language, with the same placeholders).
 * Preview rejections keep their own codes (`reject.<code>`, core/import/detect.ts).
 */

export const USER_MESSAGES = {
	// import (worker/api.ts importFile)
	no_rows_imported: '{name}: No row could be imported: every record was skipped (see the import report).',
	import_unreadable: '{name}: The file could not be read.',
	nothing_imported: '{name}: nothing could be imported.',
	append_target_gone: '{name}: the dataset to add it to is no longer stored. Nothing was stored.',
	storage_full: '{name}: the browser has no storage space left for this dataset. Delete a stored dataset and try again.',
	import_failed: '{name}: the import failed ({error}). Nothing was stored.',
	// appending a file to a dataset (core/import/append.ts)
	append_needs_order_id: '{name}: The dataset has an order id column but this file has none mapped. Map the order id, or import the file as a new dataset.',
	append_extra_order_id: '{name}: This file has an order id column but the dataset has none. Leave the order id unmapped, or import the file as a new dataset.',
	append_needs_amount: '{name}: The dataset has amounts but this file has no amount mapped. Map the amount, or import the file as a new dataset.',
	append_extra_amount: '{name}: This file has amounts but the dataset has none. Leave the amount unmapped, or import the file as a new dataset.',
	// customer lists (worker/customer-list.ts)
	list_too_large: '{name}: The list is larger than {mb} MB; split it or keep only the columns you need.',
	list_choose_id: '{name}: Choose the column with the customer ids.',
	list_unreadable: '{name}: The file could not be read as {encoding}.',
	list_no_ids: '{name}: No customer ids were found in the column “{column}”.',
	list_target_gone: '{name}: The dataset to join it to is no longer stored.',
	list_no_match: '{name}: None of its {n} customer ids appear in the orders of “{dataset}”. Check the customer id column.',
	list_failed: '{name}: the customer list could not be joined ({error}). The dataset was not changed.',
	// holdout check (worker/api.ts holdout)
	holdout_no_purchases: 'There are no purchases to check.',
	holdout_bad_calibration: 'The calibration end must be after {first} and before the observation end {end}.',
	holdout_nothing_to_fit: 'No customer bought before the calibration end: nothing to fit.',
	// errors the worker's API throws (UserError)
	dataset_gone: 'This dataset is no longer stored.',
	dataset_not_stored: 'Dataset {id} is not stored in this browser.',
	drill_needs_target: 'A drill-down needs a cohort cell or a period.',
	horizon_positive: 'The horizon must be a positive number of weeks.',
	sort_needs_horizon: 'Sorting by {key} needs a prediction horizon.',
	no_such_dimension: 'This dataset has no such dimension column.',
	holdout_needs_calibration: 'The holdout check needs a calibration end.',
	unknown_table: 'Unknown table {table}.',
	// restoring a backup (db/backup.ts, worker/workspace.ts)
	backup_not_mandegar: 'This file is not a Mandegar backup.',
	backup_newer: 'This backup was made by a newer version of Mandegar: reload the app to update it, then restore again.',
	backup_incomplete: 'The backup file is incomplete (cut off before its end); nothing of it was kept.',
	backup_storage_full:
		'The browser has no storage space left for this backup; nothing of it was kept. Free space by deleting datasets you no longer need (after a backup), or by clearing other sites’ data in the browser settings, then try again.',
	backup_failed: 'The backup could not be restored ({error}); nothing of it was kept.'
} as const;

export type UserMessageCode = keyof typeof USER_MESSAGES;
export type UserParams = Record<string, string | number>;

/** A sentence for the user: English text plus what the UI needs to translate it. */
export interface UserMessage {
	message: string;
	code: string;
	params: UserParams;
}

/** The English text of a code (numbers grouped the English way). */
export function englishText(code: UserMessageCode, params: UserParams = {}): string {
	return USER_MESSAGES[code].replace(/\{(\w+)\}/g, (_, k: string) => {
		const v = params[k];
		return v === undefined ? `{${k}}` : typeof v === 'number' ? v.toLocaleString('en-US') : v;
	});
}

export function userMessage(code: UserMessageCode, params: UserParams = {}): UserMessage {
	return { message: englishText(code, params), code, params };
}

/** The start of a UserError's name: `UserError:<code>:<params as JSON>`. */
export const USER_ERROR_PREFIX = 'UserError:';

/**
 * An error thrown to the user: English message, and its code and parameters in its name, because
 * Comlink carries an Error's message and name across the worker boundary, not other fields.
 */
export class UserError extends Error {
	constructor(code: UserMessageCode, params: UserParams = {}) {
		super(englishText(code, params));
		this.name = `${USER_ERROR_PREFIX}${code}:${JSON.stringify(params)}`;
	}
}

/** The code and parameters of an error thrown as a UserError (also after Comlink copied it), else null. */
export function userErrorOf(e: unknown): UserMessage | null {
	if (!(e instanceof Error) || !e.name.startsWith(USER_ERROR_PREFIX)) return null;
	const rest = e.name.slice(USER_ERROR_PREFIX.length);
	const colon = rest.indexOf(':');
	if (colon < 0) return null;
	let params: UserParams = {};
	try {
		params = JSON.parse(rest.slice(colon + 1)) as UserParams;
	} catch {
		// a name cut short: the English message is still right
	}
	return { message: e.message, code: rest.slice(0, colon), params };
}
