// Shared helpers for the importer tests: run a file through previewBytes + createImporter and summarise the result.
import { readFileSync } from 'node:fs';
import { createImporter, previewBytes } from '../../../src/lib/core/import/index.ts';
import type { ImportResult } from '../../../src/lib/core/import/types.ts';
import type { ImportOptions, Mapping } from '../../../src/lib/core/types.ts';
import { formatDay } from '../../../src/lib/core/parse/day-number.ts';

export interface Run {
	result: ImportResult;
	previewQuestions: string[];
	previewReject: string | null;
	mapping: Mapping;
}

/** Feeds bytes in odd-sized pieces so records and multibyte characters cross piece boundaries. */
export function runBytes(bytes: Uint8Array, fileName: string, mapping: Mapping | null, options: ImportOptions = {}, piece = 65_537): Run {
	const head = bytes.subarray(0, 1 << 20);
	const preview = previewBytes(head, fileName, options);
	if (!preview.ok) {
		const importer = createImporter({ fileName, mapping: mapping ?? {}, options });
		importer.push(bytes);
		return { result: importer.finish(), previewQuestions: [], previewReject: preview.code, mapping: {} };
	}
	const p = preview.preview;
	const m = mapping ?? p.mapping;
	const importer = createImporter({ fileName, mapping: m, options });
	for (let o = 0; o < bytes.length; o += piece) importer.push(bytes.subarray(o, Math.min(bytes.length, o + piece)));
	return { result: importer.finish(), previewQuestions: p.questions.map((q) => q.kind), previewReject: null, mapping: m };
}

export function runFile(path: string, mapping: Mapping | null, options: ImportOptions = {}): Run {
	const bytes = new Uint8Array(readFileSync(path));
	return runBytes(bytes, path.split('/').pop() as string, mapping, options);
}

export interface Summary {
	outcome: string;
	rows_imported: number;
	rows_rejected: number;
	customers: number;
	orders: number;
	revenue: number;
	date_min: string | null;
	date_max: string | null;
	guest_rows: number;
	return_rows: number;
	duplicate_rows: number;
}

export function summarise(r: ImportResult): Summary {
	const d = r.data;
	const base = {
		outcome: r.facts.outcome,
		rows_imported: r.facts.rows_imported,
		rows_rejected: r.facts.rows_rejected,
		duplicate_rows: r.facts.duplicate_rows
	};
	if (!d) return { ...base, customers: 0, orders: 0, revenue: 0, date_min: null, date_max: null, guest_rows: 0, return_rows: 0 };
	const cust = new Set<string>();
	const orders = new Set<number>();
	let revenue = 0;
	let min = Infinity;
	let max = -Infinity;
	let guests = 0;
	let returns = 0;
	for (let i = 0; i < d.length; i++) {
		if (d.customer[i] >= 0) cust.add(d.customerIds[d.customer[i]]);
		else guests++;
		orders.add(d.hasOrderId ? d.order[i] : -1 - i);
		if (d.hasAmount) revenue += d.amount[i];
		min = Math.min(min, d.day[i]);
		max = Math.max(max, d.day[i]);
		if (d.flags[i] & 1) returns++;
	}
	return {
		...base,
		customers: cust.size,
		orders: orders.size,
		revenue: Math.round(revenue * 100) / 100,
		date_min: d.length ? formatDay(min) : null,
		date_max: d.length ? formatDay(max) : null,
		guest_rows: guests,
		return_rows: returns
	};
}
