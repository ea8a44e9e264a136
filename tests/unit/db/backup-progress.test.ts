// Backup and restore of the workspace report progress and can be cancelled (issue 6 item 8): the
// share done rises and ends at 1; a cancelled backup makes no file; a restore cancelled midway —
// after a whole dataset of the backup was already written — leaves every table exactly as before.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MandegarDB } from '../../../src/lib/db/schema';
import { BackupCancelled, exportWorkspace, restoreWorkspace } from '../../../src/lib/db/backup';
import { createApi } from '../../../src/lib/worker/api';
import { createWorkspaceApi } from '../../../src/lib/worker/workspace';

const SHARED = new URL('../../../../shared/', import.meta.url);
const retail = new Uint8Array(readFileSync(new URL('data/online_retail/online_retail_sample_customers_mod10.csv', SHARED)));

let n = 0;
const dbs: MandegarDB[] = [];
function freshDb() {
	const db = new MandegarDB(`backup-progress-${++n}`);
	dbs.push(db);
	return db;
}
afterEach(async () => {
	for (const db of dbs.splice(0)) await db.delete();
});

/** A database holding the sample `times` times (separate datasets: 8 part records + 1 dataset record each). */
async function withDatasets(times: number) {
	const db = freshDb();
	const api = createApi(db);
	const file = new Blob([retail]);
	const pre = await api.previewFile(file, 'retail.csv', {});
	if (!pre.ok) throw new Error(pre.message);
	const ids: string[] = [];
	for (let i = 0; i < times; i++) {
		const res = await api.importFile({ file, name: `retail-${i}.csv`, mapping: pre.preview.mapping, options: {}, allowSameFile: true });
		if (res.kind !== 'imported') throw new Error(res.kind);
		ids.push(res.dataset.id);
	}
	return { db, ids };
}

/** Every table's records, in key order. */
async function contents(db: MandegarDB) {
	const out: Record<string, unknown[]> = {};
	for (const table of db.tables) out[table.name] = await table.toArray();
	return out;
}

function expectRisingToOne(reports: number[]) {
	expect(reports.length).toBeGreaterThan(2);
	for (let i = 1; i < reports.length; i++) expect(reports[i]).toBeGreaterThan(reports[i - 1]);
	expect(reports[0]).toBeGreaterThanOrEqual(0);
	expect(reports.at(-1)).toBe(1);
	expect(reports.slice(0, -1).every((f) => f < 1)).toBe(true);
}

describe('backup and restore progress', () => {
	it('reports a rising share ending at 1, for the backup and for the restore', async () => {
		const src = await withDatasets(2);
		const backupReports: number[] = [];
		const blob = await exportWorkspace(src.db, {}, 0, { onProgress: (f) => backupReports.push(f) });
		expectRisingToOne(backupReports);
		// 18 records (2 × 8 parts + 2 datasets): one report of 0, one per record (the last held at 0.99), then 1.
		expect(backupReports).toHaveLength(1 + 18 + 1);
		expect(backupReports[1]).toBeCloseTo(1 / 18, 10);

		const restoreReports: number[] = [];
		const dst = freshDb();
		await restoreWorkspace(dst, blob, { onProgress: (f) => restoreReports.push(f) });
		expectRisingToOne(restoreReports);
		expect(await dst.datasets.count()).toBe(2);
	});
});

describe('cancel', () => {
	it('a backup cancelled midway makes no file', async () => {
		const src = await withDatasets(1);
		let reports = 0;
		await expect(
			exportWorkspace(src.db, {}, 0, { onProgress: () => reports++, isCancelled: () => reports >= 3 })
		).rejects.toBeInstanceOf(BackupCancelled);
		expect(reports).toBe(3);

		// The worker call: cancelWorkspace from the first progress report gives a cancelled answer, no blob.
		const ws = createWorkspaceApi(src.db);
		let asked = false;
		const res = await ws.backupWorkspace({}, () => {
			if (!asked) void ws.cancelWorkspace();
			asked = true;
		});
		expect(res).toEqual({ ok: 'cancelled' });
		// The next backup is not cancelled by the earlier request.
		const again = await ws.backupWorkspace({});
		expect(again).toMatchObject({ ok: true, fileName: expect.stringMatching(/\.mandegar\.gz$/) });
	});

	it('a restore cancelled after a whole dataset was written leaves every table as it was', async () => {
		const src = await withDatasets(2);
		const blob = await exportWorkspace(src.db);
		// The destination already holds a dataset of its own (kept as it is).
		const dst = (await withDatasets(1)).db;
		const before = await contents(dst);
		expect(before.datasets).toHaveLength(1);
		expect(before.chunks.length).toBeGreaterThan(0);

		// Cancel as soon as the first of the backup's datasets is stored (its parts went in before it).
		let datasetsWritten = 0;
		dst.datasets.hook('creating', () => void datasetsWritten++);
		await expect(restoreWorkspace(dst, blob, { isCancelled: () => datasetsWritten >= 1 })).rejects.toBeInstanceOf(BackupCancelled);
		expect(datasetsWritten).toBe(1);
		expect(await contents(dst)).toEqual(before);
	});

	it('the worker call: a restore cancelled from its first progress report writes nothing and says cancelled', async () => {
		const src = await withDatasets(2);
		const blob = await exportWorkspace(src.db);
		const dst = (await withDatasets(1)).db;
		const before = await contents(dst);
		const ws = createWorkspaceApi(dst);
		let first = true;
		const res = await ws.restoreWorkspace(blob, () => {
			if (first) void ws.cancelWorkspace();
			first = false;
		});
		expect(res).toEqual({ ok: 'cancelled' });
		expect(await contents(dst)).toEqual(before);
		// Not cancelled again: the same file restores both datasets next time.
		const ok = await ws.restoreWorkspace(blob);
		expect(ok).toMatchObject({ ok: true, datasets: 2, skipped: 0 });
		expect(await dst.datasets.count()).toBe(3);
	});
});
