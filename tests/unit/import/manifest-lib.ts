// Runs one badcsv manifest entry through the importer and lists every way it differs from the expectation.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Field, ImportOptions, Mapping } from '../../../src/lib/core/types.ts';
import { formatDay } from '../../../src/lib/core/parse/day-number.ts';
import { runBytes, summarise } from './harness.ts';
import { packedString } from '../../../src/lib/core/packed-strings';

export const BADCSV = '/work/shared/badcsv';

export interface ManifestEntry {
	file: string;
	mapping: Record<string, { column: number; header: string | null }> | null;
	expect: {
		outcome: string;
		rows_imported: number;
		rows_rejected: number;
		customers: number;
		orders: number;
		total_revenue: number;
		date_min: string | null;
		date_max: string | null;
		skipped: { line: number; reason: string }[];
		row_warnings: { line: number; reason: string }[];
		checks: Record<string, unknown>[];
		user_choice_required?: Record<string, unknown>;
	};
}

export function loadManifest(): ManifestEntry[] {
	return JSON.parse(readFileSync(`${BADCSV}/manifest.json`, 'utf8')) as ManifestEntry[];
}

const FIELD_OF: Record<string, Field> = { order_date: 'date', country: 'location' };

function answers(choice: Record<string, unknown> | undefined): ImportOptions {
	const o: ImportOptions = {};
	if (!choice) return o;
	if (typeof choice.date_order === 'string') o.dateOrder = choice.date_order.toLowerCase() as 'dmy' | 'mdy';
	if (choice.decimal_separator === '.' || choice.decimal_separator === ',') o.decimal = choice.decimal_separator;
	if (choice.has_header === false) o.headerLine = null;
	return o;
}

function textMatches(actual: string | undefined, expected: unknown): boolean {
	if (expected !== null && typeof expected === 'object') {
		const e = expected as { length: number; sha256: string };
		if (actual === undefined) return false;
		return actual.length === e.length && createHash('sha256').update(actual, 'utf8').digest('hex') === e.sha256;
	}
	return actual === String(expected);
}

/** Every difference from the manifest expectation; empty = the file passes. */
export function manifestProblems(entry: ManifestEntry, autoMapping = false): string[] {
	const problems: string[] = [];
	const bytes = new Uint8Array(readFileSync(`${BADCSV}/${entry.file}`));
	const mapping: Mapping | null = autoMapping ? null : entry.mapping
		? Object.fromEntries(Object.entries(entry.mapping).map(([k, v]) => [FIELD_OF[k] ?? k, v.column]))
		: null;
	const e = entry.expect;
	const options = answers(e.user_choice_required);
	if (e.user_choice_required) {
		// the question must be raised before the answer is given
		const unanswered = runBytes(bytes, entry.file, mapping, {});
		if (unanswered.result.facts.outcome !== 'needs-answer' && unanswered.previewQuestions.length === 0)
			problems.push('no question raised for a user choice');
	}
	const run = runBytes(bytes, entry.file, mapping, options);
	const r = run.result;
	const s = summarise(r);
	const expectOutcome = e.outcome;
	if (s.outcome !== expectOutcome) problems.push(`outcome ${s.outcome} ≠ ${expectOutcome} (${r.facts.warnings.join(',')}${r.facts.reject_reason ?? ''}${r.facts.question ? ' Q:' + r.facts.question.kind : ''})`);
	if (s.rows_imported !== e.rows_imported) problems.push(`rows_imported ${s.rows_imported} ≠ ${e.rows_imported}`);
	if (s.rows_rejected !== e.rows_rejected) problems.push(`rows_rejected ${s.rows_rejected} ≠ ${e.rows_rejected}`);
	if (expectOutcome === 'reject') return problems;
	if (s.customers !== e.customers) problems.push(`customers ${s.customers} ≠ ${e.customers}`);
	if (s.orders !== e.orders) problems.push(`orders ${s.orders} ≠ ${e.orders}`);
	if (Math.abs(s.revenue - e.total_revenue) > 0.005) problems.push(`revenue ${s.revenue} ≠ ${e.total_revenue}`);
	if (s.date_min !== e.date_min) problems.push(`date_min ${s.date_min} ≠ ${e.date_min}`);
	if (s.date_max !== e.date_max) problems.push(`date_max ${s.date_max} ≠ ${e.date_max}`);
	const skipped = r.report.filter((x) => x.skipped).map((x) => x.line).sort((a, b) => a - b);
	const wantSkipped = e.skipped.map((x) => x.line).sort((a, b) => a - b);
	if (skipped.join() !== wantSkipped.join()) problems.push(`skipped lines [${skipped}] ≠ [${wantSkipped}]`);
	const flagged = [...new Set(r.report.filter((x) => !x.skipped).map((x) => x.line))].sort((a, b) => a - b);
	const wantFlagged = [...new Set(e.row_warnings.map((x) => x.line))].sort((a, b) => a - b);
	if (flagged.join() !== wantFlagged.join()) problems.push(`flagged lines [${flagged.slice(0, 20)}] ≠ [${wantFlagged.slice(0, 20)}]`);
	// reason codes are advisory in the manifest, but ours agree and should keep agreeing
	for (const want of [...e.skipped.map((x) => ({ ...x, skipped: true })), ...e.row_warnings.map((x) => ({ ...x, skipped: false }))]) {
		const got = r.report.filter((x) => x.line === want.line && x.skipped === want.skipped).map((x) => x.reason);
		if (!got.includes(want.reason)) problems.push(`line ${want.line}: reason [${got}] ≠ ${want.reason}`);
	}
	const d = r.data;
	if (!d || !d.line) return [...problems, 'no data'];
	const rowOf = new Map<number, number>();
	for (let i = 0; i < d.length; i++) rowOf.set(d.line[i], i);
	const dim = (name: string, i: number): string => {
		const c = d.dims.find((x) => x.name === name);
		if (!c) return '';
		return c.codes[i] < 0 ? '' : c.values[c.codes[i]];
	};
	for (const check of e.checks) {
		const line = check.line as number;
		const i = rowOf.get(line);
		if (i === undefined) {
			problems.push(`check line ${line}: not imported`);
			continue;
		}
		for (const [k, v] of Object.entries(check)) {
			let actual: string | undefined;
			if (k === 'line' || k === 'quantity' || k === 'status' || k === 'discount') continue;
			if (k === 'customer_id') actual = d.customer[i] < 0 ? '' : d.customerIds[d.customer[i]];
			else if (k === 'order_id') actual = d.hasOrderId ? packedString(d.orderIds, d.order[i]) : undefined;
			else if (k === 'order_date') actual = formatDay(d.day[i]);
			else if (k === 'amount') {
				if (Math.abs(d.amount[i] - (v as number)) > 0.005) problems.push(`check line ${line}: amount ${d.amount[i]} ≠ ${v}`);
				continue;
			} else actual = dim(FIELD_OF[k] ?? k, i);
			if (v === null && actual === '') continue;
			if (!textMatches(actual, v)) problems.push(`check line ${line}: ${k} ${JSON.stringify(actual)?.slice(0, 60)} ≠ ${JSON.stringify(v).slice(0, 60)}`);
		}
	}
	return problems;
}
