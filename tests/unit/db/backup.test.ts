// Workspace backup and restore (issue 8): a backup of one database restored into an empty one gives
// the same typed arrays, dictionaries, report, settings and figures; datasets already stored are kept;
// a cut-off or foreign file keeps nothing.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { MandegarDB } from '../../../src/lib/db/schema';
import { exportWorkspace, restoreWorkspace } from '../../../src/lib/db/backup';
import { loadData, loadReport } from '../../../src/lib/db/datasets';
import { createApi } from '../../../src/lib/worker/api';
import { createWorkspaceApi } from '../../../src/lib/worker/workspace';
import { defaultSettings } from '../../../src/lib/core/types';

const SHARED = new URL('../../../../shared/', import.meta.url);
const retail = new Uint8Array(readFileSync(new URL('data/online_retail/online_retail_sample_customers_mod10.csv', SHARED)));

let n = 0;
const dbs: MandegarDB[] = [];
function freshDb() {
	const db = new MandegarDB(`backup-${++n}`);
	dbs.push(db);
	return db;
}
afterEach(async () => {
	for (const db of dbs.splice(0)) await db.delete();
});

async function withDataset() {
	const db = freshDb();
	const api = createApi(db);
	const file = new Blob([retail]);
	const pre = await api.previewFile(file, 'retail.csv', {});
	if (!pre.ok) throw new Error(pre.message);
	const res = await api.importFile({ file, name: 'retail.csv', mapping: pre.preview.mapping, options: {} });
	if (res.kind !== 'imported') throw new Error(res.kind);
	const settings = { ...defaultSettings(), granularity: 'quarter' as const, window: 1 };
	await api.analyse({ datasetId: res.dataset.id, settings });
	return { db, api, id: res.dataset.id, settings };
}

describe('workspace backup', () => {
	it('restores into an empty database with equal data and figures', async () => {
		const src = await withDataset();
		const blob = await exportWorkspace(src.db, { 'mandegar.theme': 'dark' }, 1_700_000_000_000);
		const lines = gunzipSync(new Uint8Array(await blob.arrayBuffer())).toString('utf8').trim().split('\n');
		const header = JSON.parse(lines[0]);
		expect(header).toMatchObject({ format: 'mandegar-backup', version: 1, datasets: [src.id], app: { 'mandegar.theme': 'dark' } });
		expect(JSON.parse(lines.at(-1)!)).toMatchObject({ t: '$end' });
		// Dataset records come last, right before the end marker.
		expect(JSON.parse(lines.at(-2)!).t).toBe('datasets');

		const dst = freshDb();
		const r = await restoreWorkspace(dst, blob);
		expect(r).toMatchObject({ datasets: 1, skipped: 0, app: { 'mandegar.theme': 'dark' } });

		const a = await loadData(src.db, src.id);
		const b = await loadData(dst, src.id);
		expect(b.customer).toBeInstanceOf(Int32Array);
		expect(b.amount).toBeInstanceOf(Float64Array);
		expect(b.flags).toBeInstanceOf(Uint8Array);
		expect(b).toEqual(a);
		expect(await loadReport(dst, src.id)).toEqual(await loadReport(src.db, src.id));

		const dstApi = createApi(dst);
		const [meta] = await dstApi.listDatasets();
		expect(meta.settings).toMatchObject({ granularity: 'quarter', window: 1 });
		const want = await src.api.analyse({ datasetId: src.id, settings: src.settings });
		const got = await dstApi.analyse({ datasetId: src.id, settings: meta.settings });
		expect(got.cohorts).toEqual(want.cohorts);
		expect(got.periods).toEqual(want.periods);
		expect(got.metrics).toEqual(want.metrics);
	});

	it('keeps a dataset that is already stored and skips the backup copy', async () => {
		const src = await withDataset();
		const blob = await exportWorkspace(src.db);
		const r = await restoreWorkspace(src.db, blob);
		expect(r).toMatchObject({ datasets: 0, skipped: 1 });
		expect(await src.db.datasets.count()).toBe(1);
	});

	it('a cut-off backup keeps nothing; a file that is not a backup is refused', async () => {
		const src = await withDataset();
		const full = new Uint8Array(await (await exportWorkspace(src.db)).arrayBuffer());
		const text = gunzipSync(full).toString('utf8');
		// Everything but the last two lines (the dataset record and the end marker).
		const cut = text.split('\n').slice(0, -3).join('\n') + '\n';
		const dst = freshDb();
		await expect(restoreWorkspace(dst, new Blob([cut]))).rejects.toThrow(/incomplete/);
		expect(await dst.datasets.count()).toBe(0);
		expect(await dst.chunks.count()).toBe(0);
		expect(await dst.dictionaries.count()).toBe(0);
		await expect(restoreWorkspace(dst, new Blob([retail]))).rejects.toThrow(/not a Mandegar backup/);
	});

	it('the worker call names the file and reports failures as messages', async () => {
		const src = await withDataset();
		const ws = createWorkspaceApi(src.db);
		const made = await ws.backupWorkspace({});
		if (made.ok !== true) throw new Error('cancelled');
		const { blob, fileName } = made;
		expect(fileName).toMatch(/^mandegar-backup-\d{8}-\d{4}\.mandegar\.gz$/);
		const res = await createWorkspaceApi(freshDb()).restoreWorkspace(new Blob([await blob.arrayBuffer()]));
		expect(res).toMatchObject({ ok: true, datasets: 1 });
		const bad = await createWorkspaceApi(freshDb()).restoreWorkspace(new Blob(['hello']));
		expect(bad).toEqual({ ok: false, message: 'This file is not a Mandegar backup.', code: 'backup_not_mandegar', params: {} });
	});
});
