// Reopen without loading the rows (issue 5, target 3): analyse stores its last dashboard result in
// IndexedDB (schema version 3, table `results`), keyed by the request and the dataset's revision. A
// fresh worker (a page reload) answers the same request from it without reading a single chunk; any
// other setting, or a dataset changed since, is computed from the rows as before.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MandegarDB } from '../../../src/lib/db/schema';
import { createApi } from '../../../src/lib/worker/api';
import { defaultSettings } from '../../../src/lib/core/types';
import { DEFAULT_THRESHOLDS } from '../../../src/lib/core/analysis';
import type { AnalyticsApi, DashboardResult } from '../../../src/lib/worker/api-types';

const SHARED = new URL('../../../../shared/', import.meta.url);
const retail = new Uint8Array(readFileSync(new URL('data/online_retail/online_retail_sample_customers_mod10.csv', SHARED)));

let name: string;
let db: MandegarDB;
let n = 0;

beforeEach(async () => {
	name = `stored-result-${++n}`;
	db = new MandegarDB(name);
	await db.open();
});
afterEach(async () => {
	await db.delete();
});

async function importInto(api: AnalyticsApi): Promise<string> {
	const file = new Blob([retail]);
	const pre = await api.previewFile(file, 'retail.csv', {});
	if (!pre.ok) throw new Error(pre.message);
	const res = await api.importFile({ file, name: 'retail.csv', mapping: pre.preview.mapping, options: {} });
	if (res.kind !== 'imported') throw new Error(res.kind);
	return res.dataset.id;
}

/** A second worker on the same database (a reload), counting the chunk reads that loading rows does. */
async function reopened() {
	const db2 = new MandegarDB(name);
	await db2.open();
	const where = vi.spyOn(db2.chunks, 'where');
	return { db2, api: createApi(db2), chunkReads: () => where.mock.calls.length };
}

const withoutTime = ({ computeMs: _ms, ...rest }: DashboardResult) => rest;

describe('stored dashboard result', () => {
	it('answers analyse in a fresh worker from the stored result, without loading chunks', async () => {
		const api1 = createApi(db);
		const id = await importInto(api1);
		const first = await api1.analyse({ datasetId: id, settings: defaultSettings() });
		expect(await db.results.count()).toBe(1);

		const { db2, api, chunkReads } = await reopened();
		const again = await api.analyse({ datasetId: id, settings: defaultSettings() });
		expect(chunkReads()).toBe(0);
		expect(withoutTime(again)).toEqual(withoutTime(first));

		// Another setting needs the rows: computed, and equal to what a worker that never stored computes.
		const weekly = defaultSettings('week');
		const w = await api.analyse({ datasetId: id, settings: weekly });
		expect(chunkReads()).toBeGreaterThan(0);
		expect(withoutTime(w)).toEqual(withoutTime(await api1.analyse({ datasetId: id, settings: weekly })));
		db2.close();
	});

	it('recomputes after a different setting, other thresholds, or when the rows changed', async () => {
		const api1 = createApi(db);
		const id = await importInto(api1);
		await api1.analyse({ datasetId: id, settings: defaultSettings() });

		// Different settings: no match, rows loaded.
		let r = await reopened();
		await r.api.analyse({ datasetId: id, settings: { ...defaultSettings(), window: 6 } });
		expect(r.chunkReads()).toBeGreaterThan(0);
		r.db2.close();

		// The last analysed (window 6) is what is stored now: it reopens without rows, the old one does not.
		r = await reopened();
		await r.api.analyse({ datasetId: id, settings: { ...defaultSettings(), window: 6 } });
		expect(r.chunkReads()).toBe(0);
		await r.api.analyse({ datasetId: id, settings: { ...defaultSettings(), window: 6 }, thresholds: { ...DEFAULT_THRESHOLDS, types: { ...DEFAULT_THRESHOLDS.types, loyalMinDays: 180 } } });
		expect(r.chunkReads()).toBeGreaterThan(0);
		r.db2.close();

		// A new revision of the dataset (an append rewrites the rows) invalidates the stored result.
		await db.datasets.update(id, { revision: 7 });
		r = await reopened();
		const settings = (await db.datasets.get(id))!.settings;
		await r.api.analyse({ datasetId: id, settings });
		expect(r.chunkReads()).toBeGreaterThan(0);
		r.db2.close();
	});

	it('fresh: a stored result that could not be drawn is bypassed, computed from the rows and replaced', async () => {
		const api1 = createApi(db);
		const id = await importInto(api1);
		const first = await api1.analyse({ datasetId: id, settings: defaultSettings() });
		// Corrupt what is stored (as a damaged or foreign record would be).
		const rec = (await db.results.get(id))!;
		await db.results.put({ ...rec, result: { ...(rec.result as DashboardResult), periods: null } });

		const r = await reopened();
		// A reload first draws what is stored (the page then fails to show it) …
		expect((await r.api.analyse({ datasetId: id, settings: defaultSettings() })).periods).toBeNull();
		expect(r.chunkReads()).toBe(0);
		// … and "Try again" asks for a fresh result.
		const fresh = await r.api.analyse({ datasetId: id, settings: defaultSettings(), fresh: true });
		expect(r.chunkReads()).toBeGreaterThan(0);
		expect(withoutTime(fresh)).toEqual(withoutTime(first));
		// The good result replaced the damaged one, under the same key: the next reopen draws it.
		expect(((await db.results.get(id))!.result as DashboardResult).periods).toEqual(first.periods);
		r.db2.close();
		const r2 = await reopened();
		expect(withoutTime(await r2.api.analyse({ datasetId: id, settings: defaultSettings() }))).toEqual(withoutTime(first));
		expect(r2.chunkReads()).toBe(0);
		r2.db2.close();
	});

	it('is deleted with the dataset', async () => {
		const api1 = createApi(db);
		const id = await importInto(api1);
		await api1.analyse({ datasetId: id, settings: defaultSettings() });
		expect(await db.results.get(id)).toBeDefined();
		await api1.deleteDataset(id);
		expect(await db.results.count()).toBe(0);
	});
});
