// Issue 6 item 8: the worker's prediction fit reports progress, stops on cancelPredictions, stores nothing, and runs again.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MandegarDB } from '../../../src/lib/db/schema';
import { createApi } from '../../../src/lib/worker/api';
import { defaultSettings } from '../../../src/lib/core/types';
import { parseIsoDay } from '../../../src/lib/core/calendar';
import type { AnalyticsApi, DashboardRequest } from '../../../src/lib/worker/api-types';

const SHARED = new URL('../../../../shared/', import.meta.url);
const retail = new Uint8Array(readFileSync(new URL('data/online_retail/online_retail_sample_customers_mod10.csv', SHARED)));

let db: MandegarDB;
let api: AnalyticsApi;
let req: DashboardRequest;

beforeAll(async () => {
	db = new MandegarDB('predictions-cancel-test');
	await db.open();
	api = createApi(db);
	const file = new Blob([retail]);
	const pre = await api.previewFile(file, 'retail.csv', {});
	if (!pre.ok) throw new Error(pre.message);
	const res = await api.importFile({ file, name: 'retail.csv', mapping: pre.preview.mapping, options: {} });
	if (res.kind !== 'imported') throw new Error(res.kind);
	req = { datasetId: res.dataset.id, settings: defaultSettings('month') };
	await api.analyse(req);
});
afterAll(async () => {
	await db.delete();
});

describe('predictions: cancel', () => {
	it('a cancel stops the fit under way: every call waiting on it rejects with a CancelledError', async () => {
		const progress: number[] = [];
		const running = api.predictions({ ...req, horizonWeeks: 30 }, (f) => progress.push(f));
		// The table call needs the same fit and shares it.
		const page = api.customers({ ...req, offset: 0, limit: 10, horizonWeeks: 30 });
		await new Promise((r) => setTimeout(r, 40));
		const t0 = performance.now();
		await api.cancelPredictions();
		await expect(running).rejects.toMatchObject({ name: 'CancelledError' });
		await expect(page).rejects.toMatchObject({ name: 'CancelledError' });
		expect(performance.now() - t0).toBeLessThan(250);
		for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
	});

	it('after a cancel the same horizon fits again from the start and completes (nothing half-done was kept)', async () => {
		const progress: number[] = [];
		const res = await api.predictions({ ...req, horizonWeeks: 30 }, (f) => progress.push(f));
		expect(res.horizonWeeks).toBe(30);
		expect(res.bgnbd).not.toBeNull();
		expect(res.top.length).toBeGreaterThan(0);
		// The same fit as a run that was never cancelled (another horizon shares the parameters).
		const other = await api.predictions({ ...req, horizonWeeks: 52 });
		expect(other.bgnbd).toEqual(res.bgnbd);
		expect(progress.every((f) => f >= 0 && f < 1)).toBe(true);
	});

	it('the holdout check is a fit too: it reports progress, a cancel stops it, a new run completes', async () => {
		const calibrationEnd = parseIsoDay('2011-06-30')!;
		const progress: number[] = [];
		const running = api.holdout({ ...req, calibrationEnd }, (f) => progress.push(f));
		await new Promise((r) => setTimeout(r, 40));
		await api.cancelPredictions();
		await expect(running).rejects.toMatchObject({ name: 'CancelledError' });
		const again = await api.holdout({ ...req, calibrationEnd });
		expect(again.ok).toBe(true);
		if (again.ok) expect(again.result.calibrationEnd).toBe('2011-06-30');
	});
});
