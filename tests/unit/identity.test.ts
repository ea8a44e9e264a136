// METRICS.md §3 identity E = S − lost + N + reactivated, on every period of every dated dataset in
// shared/data, for every granularity (and two windows), through the real importer and engine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { computeAnalysis } from '../../src/lib/core/analysis';
import { createImporter, previewBytes } from '../../src/lib/core/import';
import { DEFAULT_WINDOW, type Granularity, type ImportOptions, type Mapping, type OrderData } from '../../src/lib/core/types';

const DATA = new URL('../../../shared/data/', import.meta.url).pathname;

function load(path: string, options: ImportOptions = {}, mapping?: Mapping): OrderData {
	let bytes: Uint8Array = readFileSync(join(DATA, path));
	if (path.endsWith('.gz')) bytes = gunzipSync(bytes);
	const pre = previewBytes(bytes.subarray(0, 1 << 20), path, options);
	if (!pre.ok) throw new Error(pre.reason);
	const importer = createImporter({
		fileName: path,
		mapping: mapping ?? pre.preview.mapping,
		options: { encoding: pre.preview.encoding, delimiter: pre.preview.delimiter, headerLine: pre.preview.headerLine, ...options }
	});
	for (let i = 0; i < bytes.length; i += 1 << 20) importer.push(bytes.subarray(i, i + (1 << 20)));
	const result = importer.finish();
	if (!result.data) throw new Error(`${path}: ${result.facts.outcome} ${result.facts.reject_reason ?? result.facts.question?.message}`);
	return result.data;
}

const DATASETS: { name: string; get: () => OrderData }[] = [
	{ name: 'lifetimes/CDNOW_master.txt', get: () => load('lifetimes/CDNOW_master.txt') },
	{ name: 'lifetimes/CDNOW_sample.txt', get: () => load('lifetimes/CDNOW_sample.txt', { headerLine: null }, { customer_id: 0, date: 2, amount: 4 }) },
	{ name: 'lifetimes/example_transactions.csv', get: () => load('lifetimes/example_transactions.csv') },
	{ name: 'online_retail/online_retail_sample_customers_mod10.csv', get: () => load('online_retail/online_retail_sample_customers_mod10.csv') },
	{ name: 'online_retail/derived_orders_valid_invoices.csv', get: () => load('online_retail/derived_orders_valid_invoices.csv') },
	{ name: 'online_retail/online_retail.csv.gz', get: () => load('online_retail/online_retail.csv.gz') }
];

const GRANULARITIES: Granularity[] = ['week', 'month', 'quarter', 'year'];

describe('E = S − lost + N + reactivated on every period', () => {
	for (const ds of DATASETS) {
		it(ds.name, () => {
			const data = ds.get();
			expect(data.length).toBeGreaterThan(0);
			let checked = 0;
			for (const granularity of GRANULARITIES) {
				for (const window of new Set([1, DEFAULT_WINDOW[granularity]])) {
					const a = computeAnalysis(data, { granularity, window, calendar: 'gregorian', asOf: null });
					expect(a.periods.length).toBeGreaterThan(0);
					for (const p of a.periods) {
						expect(p.end, `${ds.name} ${granularity} W${window} ${p.period}`).toBe(p.start - p.lost + p.new + p.reactivated);
						checked++;
					}
				}
			}
			expect(checked).toBeGreaterThan(0);
		});
	}
});
