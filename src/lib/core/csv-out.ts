/**
 * The report's table formats (METRICS.md §8): column orders, value formats and CSV writing, shared by
 * the headless report and the browser's downloads so both hold the same text for the same numbers.
 */
import Papa from 'papaparse';
import type { CohortCell, CustomerRow, PeriodRow, ReportEntry, SegmentRow } from './types';

export const PERIOD_COLUMNS = [
	'period', 'start', 'end', 'new', 'lost', 'reactivated', 'customer_base', 'crr', 'churn_naive',
	'churn_adjusted', 'retention_naive', 'orders', 'revenue', 'partial'
] as const satisfies readonly (keyof PeriodRow)[];

export const COHORT_COLUMNS = [
	'cohort', 'size', 'offset', 'period', 'retained', 'retention', 'rolling', 'revenue', 'ltv', 'partial'
] as const satisfies readonly (keyof CohortCell)[];

export const CUSTOMER_COLUMNS = [
	'customer_id', 'orders', 'first_purchase', 'last_purchase', 'revenue', 'frequency', 'recency', 'T',
	'monetary_value', 'r_score', 'f_score', 'm_score', 'rfm_segment', 'type', 'cohort'
] as const satisfies readonly (keyof CustomerRow)[];

/** Added to customers.csv with --predict-weeks (METRICS.md §8). */
export const PREDICTION_COLUMNS = ['p_alive', 'expected_purchases', 'predicted_clv'] as const;

export const SEGMENT_COLUMNS = [
	'kind', 'segment', 'customers', 'revenue', 'revenue_share'
] as const satisfies readonly (keyof SegmentRow)[];

export const REPORT_COLUMNS = ['line', 'column', 'value', 'reason'] as const satisfies readonly (keyof ReportEntry)[];

/** OWASP CSV injection: text cells that a spreadsheet would read as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as METRICS.md §8 writes it: numbers as JavaScript prints them, empty for null. */
export function formatCell(value: unknown, safe: boolean): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	const text = String(value);
	return safe && FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Write rows as CSV (UTF-8 text, LF line ends, RFC 4180 quoting). With `safe`, formula-leading text
 * cells get a leading `'` (numbers are never altered) — the browser's downloads always use it.
 */
export function toCsv<T extends object>(
	columns: readonly (keyof T & string)[],
	rows: readonly T[],
	safe: boolean,
	/** false: only the rows (a later batch of a file written a batch at a time). */
	header = true
): string {
	if (!header && rows.length === 0) return '';
	const data = rows.map((r) => columns.map((c) => formatCell((r as Record<string, unknown>)[c], safe)));
	return Papa.unparse({ fields: [...columns], data }, { newline: '\n', quotes: false, escapeFormulae: false, header }) + '\n';
}
