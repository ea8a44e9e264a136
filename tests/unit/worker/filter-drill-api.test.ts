// Issue 6 in the worker: the row filter reaches every analysis (and its cache key), the drill-down lists
// a cohort cell's customers (count = retained) and a period's installed base (count = end), exportable.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MandegarDB } from '../../../src/lib/db/schema';
import { createApi } from '../../../src/lib/worker/api';
import { defaultSettings } from '../../../src/lib/core/types';
import { unpackCohorts } from '../../../src/lib/core/cohort-pack';
import type { AnalyticsApi, DashboardRequest } from '../../../src/lib/worker/api-types';

const SHARED = new URL('../../../../shared/', import.meta.url);
const text = readFileSync(new URL('data/online_retail/online_retail_sample_customers_mod10.csv', SHARED), 'utf8');
const REF = new URL('data/reference/online_retail_sample_month_w3/', SHARED);
const refIds = new Set(readFileSync(new URL('customers.csv', REF), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]));

/** Customers with a non-return UK line, from the raw file (no quoted commas in the columns used). */
function ukCustomers(): Set<string> {
	const out = new Set<string>();
	for (const line of text.trim().split('\n').slice(1)) {
		const f = line.split(',');
		const country = f[f.length - 1].trim();
		const id = f[f.length - 2].trim().replace(/\.0$/, '');
		const qty = Number(f[3]);
		if (country === 'United Kingdom' && id && !f[0].startsWith('C') && !(qty < 0) && refIds.has(id)) out.add(id);
	}
	return out;
}

let db: MandegarDB;
let api: AnalyticsApi;
let req: DashboardRequest;

beforeAll(async () => {
	db = new MandegarDB('filter-drill-api-test');
	await db.open();
	api = createApi(db);
	const file = new Blob([text]);
	const pre = await api.previewFile(file, 'retail.csv', {});
	if (!pre.ok) throw new Error(pre.message);
	const res = await api.importFile({ file, name: 'retail.csv', mapping: pre.preview.mapping, options: {} });
	if (res.kind !== 'imported') throw new Error(res.kind);
	req = { datasetId: res.dataset.id, settings: defaultSettings('month') };
});
afterAll(async () => {
	await db.delete();
});

describe('row filter', () => {
	it('Country = United Kingdom: the customers are those with a UK purchase', async () => {
		const dims = await api.dimensionValues(req.datasetId);
		const country = dims.find((d) => d.name === 'location')!;
		expect(country.values[0].value).toBe('United Kingdom');
		const all = await api.analyse(req);
		const uk = await api.analyse({ ...req, rowFilter: { from: null, to: null, dims: [{ dimension: country.name, values: ['United Kingdom'] }] } });
		expect(uk.metrics.customers).toBe(ukCustomers().size);
		expect(uk.metrics.customers).toBeLessThan(all.metrics.customers);
		// The cache key holds the filter: the unfiltered analysis is unchanged afterwards.
		expect((await api.analyse(req)).metrics.customers).toBe(all.metrics.customers);
		const page = await api.customers({ ...req, rowFilter: { from: null, to: null, dims: [{ dimension: country.name, values: ["United Kingdom"] }] }, offset: 0, limit: 1000 });
		expect(new Set(page.rows.map((r) => r.customer_id))).toEqual(ukCustomers());
	});
	it('a date range drops the rows outside it', async () => {
		const from = Math.round(Date.UTC(2011, 5, 1) / 864e5);
		const r = await api.analyse({ ...req, rowFilter: { from, to: null, dims: [] } });
		expect(r.data.date_min! >= '2011-06-01').toBe(true);
		expect(r.periods[0].period).toBe('2011-06');
	});
	it('a table exported under a filter says so in its file name; its columns stay those of the report', async () => {
		const from = Math.round(Date.UTC(2011, 5, 1) / 864e5);
		const plain = await api.exportTable({ ...req, table: 'periods' });
		const filtered = await api.exportTable({ ...req, rowFilter: { from, to: null, dims: [] }, table: 'periods' });
		expect(plain.fileName).toBe('retail-periods.csv');
		expect(filtered.fileName).toBe('retail-periods-filtered.csv');
		expect(filtered.csv.split('\n')[0]).toBe(plain.csv.split('\n')[0]);
		expect(filtered.csv.split('\n')[1].startsWith('2011-06,')).toBe(true);
	});
	it("the import summary's counts stay the file's under a filter or an as-of date (the reference summary's)", async () => {
		const ref = JSON.parse(readFileSync(new URL('summary.json', REF), 'utf8'));
		const file = { guest_rows: ref.guest_rows, return_rows: ref.return_rows, customer_ids: ref.customer_ids, orders: ref.orders, date_min: ref.date_min, date_max: ref.date_max };
		const from = Math.round(Date.UTC(2011, 5, 1) / 864e5);
		const filtered = await api.analyse({ ...req, rowFilter: { from, to: null, dims: [] } });
		expect(filtered.data.guest_rows).toBeLessThan(ref.guest_rows);
		expect(filtered.importData).toMatchObject(file);
		const asOf = await api.analyse({ ...req, settings: { ...req.settings, asOf: Math.round(Date.UTC(2011, 2, 31) / 864e5) } });
		expect(asOf.data.date_max).toBe('2011-03-31');
		expect(asOf.importData).toMatchObject(file);
		expect((await api.analyse(req)).importData).toMatchObject(file);
	});
});

describe('drill-down', () => {
	it('every cohort cell lists as many customers as it retained; the CSV has them all', async () => {
		const cohorts = unpackCohorts((await api.analyse(req)).cohorts);
		for (const cell of cohorts.filter((c) => c.cohort === '2011-01' || c.offset === 2)) {
			const page = await api.drill({ ...req, target: { kind: 'cell', cohort: cell.cohort, offset: cell.offset }, offset: 0, limit: 1000 });
			expect(page.total).toBe(cell.retained);
			expect(page.rows.every((r) => r.cohort === cell.cohort)).toBe(true);
		}
		const cell = cohorts.find((c) => c.cohort === '2010-12' && c.offset === 1)!;
		const { fileName, csv } = await api.exportTable({ ...req, table: 'drill', target: { kind: 'cell', cohort: '2010-12', offset: 1 } });
		expect(fileName).toMatch(/cohort-2010-12-k1\.csv$/);
		expect(csv.trim().split(/\r?\n/).length - 1).toBe(cell.retained);
	});
	it('a period point lists the installed base at its end', async () => {
		const a = await api.analyse(req);
		const p = a.periods[5];
		const page = await api.drill({ ...req, target: { kind: 'active', period: p.period }, offset: 0, limit: 10 });
		expect(page.total).toBe(p.end);
		expect(page.rows).toHaveLength(10);
		expect(page.rows[0].revenue! >= page.rows[9].revenue!).toBe(true);
	});
});
