// A quota error while storing an import rolls the whole import back: the earlier dataset is intact
// and the message says how to free space (issue 8). The error is forced by a Dexie middleware on the
// chunks table, as the browser raises it: a QuotaExceededError, or an AbortError whose cause is one.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { MandegarDB } from '../../../src/lib/db/schema';
import { loadData } from '../../../src/lib/db/datasets';
import { createApi } from '../../../src/lib/worker/api';
import type { AnalyticsApi } from '../../../src/lib/worker/api-types';
import { defaultSettings } from '../../../src/lib/core/types';

const SHARED = new URL('../../../../shared/', import.meta.url);
const retail = new Uint8Array(readFileSync(new URL('data/online_retail/online_retail_sample_customers_mod10.csv', SHARED)));

let n = 0;
let db: MandegarDB;
afterEach(async () => {
	await db?.delete();
});

/** A database whose chunks table fails writes with `makeError()` while `full.on` is true. */
function quotaDb(makeError: () => Error) {
	const full = { on: false };
	db = new MandegarDB(`quota-${++n}`);
	db.use({
		stack: 'dbcore',
		name: 'full-disk',
		create: (down) => ({
			...down,
			table: (name) => {
				const t = down.table(name);
				if (name !== 'chunks') return t;
				return { ...t, mutate: (req) => (full.on && req.type !== 'delete' ? Promise.reject(makeError()) : t.mutate(req)) };
			}
		})
	});
	return { full, api: createApi(db) };
}

async function importBlob(api: AnalyticsApi, bytes: Uint8Array<ArrayBuffer>, name: string, allowSameFile = false) {
	const file = new Blob([bytes]);
	const pre = await api.previewFile(file, name, {});
	if (!pre.ok) throw new Error(pre.message);
	return api.importFile({ file, name, mapping: pre.preview.mapping, options: {}, allowSameFile });
}

const errors: [string, () => Error][] = [
	['QuotaExceededError', () => new DOMException('The quota has been exceeded.', 'QuotaExceededError')],
	[
		'AbortError caused by a quota error',
		() => new Dexie.AbortError('Transaction aborted', new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
	]
];

describe('quota exhausted during an import', () => {
	for (const [label, makeError] of errors) {
		it(`${label}: nothing of the new file is kept, the earlier dataset is intact, the message says how to free space`, async () => {
			const { full, api } = quotaDb(makeError);
			const first = await importBlob(api, retail, 'retail.csv');
			expect(first.kind).toBe('imported');
			if (first.kind !== 'imported') return;
			const before = await loadData(db, first.dataset.id);
			const dashBefore = await api.analyse({ datasetId: first.dataset.id, settings: defaultSettings() });

			full.on = true;
			const second = await importBlob(api, retail, 'retail-again.csv', true);
			expect(second.kind).toBe('failed');
			if (second.kind !== 'failed') return;
			expect(second.message).toMatch(/no storage space left/i);
			// How to free space: delete datasets (after a backup) or other sites' data.
			expect(second.message).toMatch(/delet/i);
			full.on = false;

			const listed = await api.listDatasets();
			expect(listed.map((d) => d.id)).toEqual([first.dataset.id]);
			expect(await db.chunks.count()).toBe(first.dataset.rows > 0 ? Math.ceil(first.dataset.rows / 50_000) : 1);
			const after = await loadData(db, first.dataset.id);
			expect(after.customer).toEqual(before.customer);
			expect(after.amount).toEqual(before.amount);
			expect(after.customerIds).toEqual(before.customerIds);
			const dashAfter = await api.analyse({ datasetId: first.dataset.id, settings: defaultSettings() });
			expect(dashAfter.periods).toEqual(dashBefore.periods);
		});
	}
});

describe('quota exhausted during a restore', () => {
	it('keeps nothing of the backup and says how to free space', async () => {
		const { exportWorkspace } = await import('../../../src/lib/db/backup');
		const { createWorkspaceApi } = await import('../../../src/lib/worker/workspace');
		const { full, api } = quotaDb(() => new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
		const first = await importBlob(api, retail, 'retail.csv');
		expect(first.kind).toBe('imported');
		const backup = await exportWorkspace(db);
		await api.deleteDataset((first as { dataset: { id: string } }).dataset.id);
		full.on = true;
		const res = await createWorkspaceApi(db).restoreWorkspace(backup);
		full.on = false;
		expect(res.ok).toBe(false);
		if (res.ok) return;
		expect(res.message).toMatch(/no storage space left/);
		expect(res.message).toMatch(/deleting datasets/);
		expect(await db.datasets.count()).toBe(0);
		expect(await db.dictionaries.count()).toBe(0);
		expect(await db.chunks.count()).toBe(0);
	});
});
