// The worker API against fake IndexedDB: import → store → reload from storage → analyse → export,
// and the promises that a cancelled or rejected import stores nothing.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MandegarDB } from '../../../src/lib/db/schema';
import { createApi } from '../../../src/lib/worker/api';
import { defaultSettings } from '../../../src/lib/core/types';
import type { AnalyticsApi } from '../../../src/lib/worker/api-types';

const SHARED = new URL('../../../../shared/', import.meta.url);
const retail = new Uint8Array(readFileSync(new URL('data/online_retail/online_retail_sample_customers_mod10.csv', SHARED)));

let db: MandegarDB;
let api: AnalyticsApi;
let n = 0;

beforeEach(async () => {
	db = new MandegarDB(`test-${++n}`);
	await db.open();
	api = createApi(db);
});
afterEach(async () => {
	await db.delete();
});

async function importBlob(bytes: Uint8Array<ArrayBuffer>, name: string) {
	const file = new Blob([bytes]);
	const pre = await api.previewFile(file, name, {});
	if (!pre.ok) throw new Error(pre.message);
	return api.importFile({ file, name, mapping: pre.preview.mapping, options: {} });
}

describe('worker api', () => {
	it('imports a gzip file, stores it in chunks and analyses it after a fresh load', async () => {
		const res = await importBlob(gzipSync(retail), 'online_retail_sample.csv.gz');
		expect(res.kind).toBe('imported');
		if (res.kind !== 'imported') return;
		const listed = await api.listDatasets();
		expect(listed.map((d) => d.id)).toEqual([res.dataset.id]);
		// A second API instance on the same database sees only what was stored (as after a reload).
		const fresh = createApi(db);
		const dash = await fresh.analyse({ datasetId: res.dataset.id, settings: defaultSettings('month') });
		expect(dash.metrics.customers).toBe(442);
		expect(dash.metrics.purchases).toBe(1711);
		expect(dash.data.guest_rows).toBe(11425);
		expect(dash.periods[0].period).toBe('2010-12');
		expect(dash.periods[0].end).toBe(93);
		expect(dash.periods.at(-1)?.partial).toBe(true);
		const csv = await fresh.exportTable({ datasetId: res.dataset.id, settings: defaultSettings('month'), table: 'periods' });
		expect(csv.csv.split('\n')[0]).toBe(
			'period,start,end,new,lost,reactivated,customer_base,crr,churn_naive,churn_adjusted,retention_naive,orders,revenue,partial'
		);
		expect(csv.csv.split('\n')[4]).toMatch(/^2011-03,171,164,39,46,0,210,73\.09941520467837,/);
	});

	it('deletes a dataset with all its records', async () => {
		const res = await importBlob(retail, 'retail.csv');
		if (res.kind !== 'imported') throw new Error(res.kind);
		await api.deleteDataset(res.dataset.id);
		expect(await api.listDatasets()).toEqual([]);
		expect(await db.chunks.count()).toBe(0);
		expect(await db.dictionaries.count()).toBe(0);
	});

	it('a cancelled import stores nothing and leaves earlier datasets intact', async () => {
		const first = await importBlob(retail, 'first.csv');
		if (first.kind !== 'imported') throw new Error(first.kind);
		const chunksBefore = await db.chunks.count();
		const file = new Blob([retail]);
		const pre = await api.previewFile(file, 'second.csv', {});
		if (!pre.ok) throw new Error(pre.message);
		const pending = api.importFile({ file, name: 'second.csv', mapping: pre.preview.mapping, options: {} }, () => {
			void api.cancelImport();
		});
		await api.cancelImport();
		const res = await pending;
		expect(res.kind).toBe('cancelled');
		expect((await api.listDatasets()).map((d) => d.id)).toEqual([first.dataset.id]);
		expect(await db.chunks.count()).toBe(chunksBefore);
	});

	it('a rejected file names the file and stores nothing', async () => {
		const pre = await api.previewFile(new Blob([new Uint8Array(0)]), 'empty.csv', {});
		expect(pre.ok).toBe(false);
		if (!pre.ok) expect(pre.message).toContain('empty.csv');
		expect(await db.datasets.count()).toBe(0);
	});
});
