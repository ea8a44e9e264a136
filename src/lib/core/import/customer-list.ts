/**
 * The second file type (issue 4, item 9): a customer list (id, name, signup date, location, …) that
 * joins the orders by customer id. Customers in the list with no purchase are "potential"
 * (METRICS.md §6); the list's other columns become dimensions of the order rows.
 */
import type { DimensionColumn, ImportOptions, OrderData, ReportEntry } from '../types';
import { FLAG_RETURN } from '../types';
import { NO_DAY } from '../parse/day-number';
import { DATE_AMBIGUOUS, DATE_OK, newDateParse, parseDate } from '../parse/parse-date';
import { trimText } from '../parse/parse-number';
import { Tokenizer } from './tokenizer';
import { previewBytes } from './index';
import type { PreviewOutcome } from './types';
import { ID_RE, NAME_RE, SIGNUP_RE, type CustomerListMapping } from './customer-columns';

export { guessCustomerListMapping, type CustomerListMapping } from './customer-columns';

export interface CustomerList {
	/** Distinct customer ids, in file order. */
	ids: string[];
	names: string[] | null;
	/** Signup day per id (NO_DAY when empty or unreadable), or null without a signup column. */
	signup: Int32Array | null;
	/** Dimension columns: header name and one value per id ('' = empty). */
	columns: { name: string; values: string[] }[];
	report: ReportEntry[];
	/** Records read after the header (imported + skipped). */
	records: number;
}

/**
 * The preview of a customer list: like an orders file, but no date column is needed, and a first line
 * that names an id, name or signup column is the header even when the orders' header rule is unsure.
 */
export function previewCustomerList(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): PreviewOutcome {
	const o: ImportOptions = { ...options, fileKind: 'customers' };
	const first = previewBytes(bytes, fileName, o);
	if (!first.ok || first.preview.headerLine != null || options.headerLine !== undefined) return first;
	const line1 = first.preview.rows[0];
	if (line1 && first.preview.lines[0] === 1 && line1.some((f) => ID_RE.test(f.trim()) || NAME_RE.test(f.trim()) || SIGNUP_RE.test(f.trim()))) {
		const again = previewBytes(bytes, fileName, { ...o, headerLine: 1 });
		if (again.ok) again.preview.questions = again.preview.questions.filter((q) => q.kind !== 'header');
		return again;
	}
	return first;
}

/**
 * Reads a whole customer list (decoded text) whose header is on `headerLine` (null = no header).
 * Records without an id are skipped and reported; a repeated id keeps its first record.
 */
export function parseCustomerList(
	text: string,
	layout: { delimiter: string; headerLine: number | null; headers: string[] },
	mapping: CustomerListMapping,
	dateOrder?: 'dmy' | 'mdy'
): CustomerList {
	const dimCols = layout.headers.map((_, i) => i).filter((i) => i !== mapping.id && i !== mapping.name && i !== mapping.signup);
	const ids: string[] = [];
	const names: string[] = [];
	const signupRaw: string[] = [];
	const values: string[][] = dimCols.map(() => []);
	const seen = new Set<string>();
	const report: ReportEntry[] = [];
	const header = layout.headers.map((h) => trimText(h));
	let records = 0;
	const colName = (c: number) => layout.headers[c] ?? `Column ${c + 1}`;
	const t = new Tokenizer(layout.delimiter, (fields, line) => {
		if (layout.headerLine != null && line <= layout.headerLine) return;
		if (fields.every((f) => trimText(f) === '')) return;
		if (fields.length === header.length && fields.every((f, i) => trimText(f) === header[i])) return;
		records++;
		const id = trimText(fields[mapping.id] ?? '').replace(/\u0000/g, '');
		if (id === '') {
			report.push({ line, column: colName(mapping.id), value: fields[mapping.id] ?? '', reason: 'missing_customer_id', skipped: true });
			return;
		}
		if (seen.has(id)) {
			report.push({ line, column: colName(mapping.id), value: id, reason: 'duplicate_customer_id', skipped: true });
			return;
		}
		seen.add(id);
		ids.push(id);
		if (mapping.name !== undefined) names.push(trimText(fields[mapping.name] ?? ''));
		if (mapping.signup !== undefined) signupRaw.push(fields[mapping.signup] ?? '');
		dimCols.forEach((c, k) => values[k].push(trimText(fields[c] ?? '')));
	});
	t.push(text);
	t.finish();

	let signup: Int32Array | null = null;
	if (mapping.signup !== undefined) {
		signup = new Int32Array(ids.length).fill(NO_DAY);
		const dp = newDateParse();
		// Day/month order from the whole column when no answer was given (any day > 12 proves it).
		let order = dateOrder;
		if (!order) {
			let dmy = 0;
			let mdy = 0;
			for (const raw of signupRaw) {
				parseDate(raw, dp);
				if (dp.status === DATE_AMBIGUOUS) {
					if (dp.mdy === NO_DAY) dmy++;
					else if (dp.dmy === NO_DAY) mdy++;
				}
			}
			order = dmy > 0 && mdy === 0 ? 'dmy' : 'mdy';
		}
		signupRaw.forEach((raw, i) => {
			parseDate(raw, dp);
			if (dp.status === DATE_OK) signup![i] = dp.day;
			else if (dp.status === DATE_AMBIGUOUS) signup![i] = order === 'dmy' ? dp.dmy : dp.mdy;
		});
	}
	return {
		ids,
		names: mapping.name !== undefined ? names : null,
		signup,
		columns: dimCols.map((c, k) => ({ name: layout.headers[c] || `Column ${c + 1}`, values: values[k] })),
		report,
		records
	};
}

export interface JoinResult {
	/** The order data with the list's columns as dimensions (earlier list dimensions replaced). */
	data: OrderData;
	/** Names the list's columns got as dimensions of the orders. */
	dimNames: string[];
	/** Ids in the list without any purchase: the "potential" customers (METRICS.md §6). */
	potential: number;
	/** Ids in the list that bought at least once. */
	matched: number;
	/** Customer ids of the orders that the list does not hold. */
	notInList: number;
}

/**
 * Joins a customer list to orders by customer id. `previousDims` are the dimension names an earlier
 * join of a list added (they are replaced, so joining again after an append is safe).
 */
export function joinCustomerList(data: OrderData, list: CustomerList, previousDims: string[] = []): JoinResult {
	const listIndex = new Map<string, number>();
	list.ids.forEach((id, i) => listIndex.set(id, i));
	// order customer index → list row (-1 when not in the list)
	const toList = new Int32Array(data.customerIds.length);
	let notInList = 0;
	data.customerIds.forEach((id, c) => {
		const r = listIndex.get(id);
		toList[c] = r ?? -1;
		if (r === undefined) notInList++;
	});
	const bought = new Uint8Array(list.ids.length);
	for (let i = 0; i < data.length; i++) {
		const c = data.customer[i];
		if (c < 0 || data.flags[i] & FLAG_RETURN) continue;
		const r = toList[c];
		if (r >= 0) bought[r] = 1;
	}
	let matched = 0;
	for (const b of bought) matched += b;

	const kept = data.dims.filter((d) => !previousDims.includes(d.name));
	const taken = new Set(kept.map((d) => d.name));
	const added: DimensionColumn[] = list.columns.map((col) => {
		let name = col.name;
		if (taken.has(name)) name = `${col.name} (customer list)`;
		taken.add(name);
		const valueIndex = new Map<string, number>();
		const dictionary: string[] = [];
		const rowCode = new Int32Array(col.values.length);
		col.values.forEach((v, r) => {
			if (v === '') {
				rowCode[r] = -1;
				return;
			}
			let code = valueIndex.get(v);
			if (code === undefined) {
				code = dictionary.length;
				dictionary.push(v);
				valueIndex.set(v, code);
			}
			rowCode[r] = code;
		});
		const codes = new Int32Array(data.length);
		for (let i = 0; i < data.length; i++) {
			const c = data.customer[i];
			const r = c < 0 ? -1 : toList[c];
			codes[i] = r < 0 ? -1 : rowCode[r];
		}
		return { name, values: dictionary, codes };
	});
	return {
		data: { ...data, dims: [...kept, ...added] },
		dimNames: added.map((d) => d.name),
		potential: list.ids.length - matched,
		matched,
		notInList
	};
}
