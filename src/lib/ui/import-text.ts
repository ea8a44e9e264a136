/** Plain-language text for import report reasons and file warnings (the codes stay in the CSV download). */

const REASONS: Record<string, string> = {
	missing_amount: 'No amount: the row was skipped, not counted as 0',
	invalid_amount: 'The amount is not a number',
	missing_date: 'No order date',
	invalid_date: 'The date does not exist or cannot be read',
	too_few_fields: 'The row stops before a required column',
	too_many_fields: 'The row has extra values, so its columns are shifted and cannot be trusted',
	summary_row: 'A total or summary line, not an order',
	duplicate_row: 'Identical to an earlier row',
	repeated_header: 'The column names appear again (two exports pasted together)',
	short_row_padded: 'Shorter than the header: the missing optional values were left empty',
	control_chars_removed: 'Invisible NUL characters were removed',
	bidi_control_in_id: 'The customer id contains invisible text-direction characters',
	missing_customer_id: 'No customer id: kept as a guest order (totals only)',
	return_positive_amount: 'A return with a positive amount, kept as written',
	duplicate_order: 'This order line (same order id, customer, date and amount) is already in the dataset'
};

const WARNINGS: Record<string, string> = {
	rows_skipped: 'some rows were skipped',
	title_rows_skipped: 'title lines above the header were skipped',
	duplicate_header_names: 'some column names repeat',
	duplicate_rows_kept: 'identical rows were kept',
	missing_customer_id: 'some rows have no customer id (guest orders)',
	short_row_padded: 'some rows were shorter than the header',
	control_chars_removed: 'invisible NUL characters were removed',
	bidi_control_in_id: 'some customer ids contain text-direction characters',
	return_positive_amount: 'some returns have positive amounts',
	duplicate_orders_across_files: 'some order lines were already in the dataset and were skipped'
};

function fallback(code: string): string {
	return code.replaceAll('_', ' ');
}

/** A report entry's reason in plain language (skipped rows say so). */
export function reasonText(code: string, skipped: boolean): string {
	const text = REASONS[code] ?? fallback(code);
	if (skipped && (code === 'duplicate_row' || code === 'duplicate_order' || code === 'summary_row' || code === 'repeated_header')) return `${text} (skipped)`;
	return text;
}

export function warningText(code: string): string {
	return WARNINGS[code] ?? fallback(code);
}
