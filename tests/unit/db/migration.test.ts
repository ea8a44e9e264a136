// Schema versions migrate stored datasets forward (issue 8): a database written with the first
// schema version's shape (raw Dexie, version(1) stores, records as version 1 wrote them) is opened
// with the current MandegarDB, and every dataset, chunk, dictionary and report is found and analysed.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { MandegarDB } from '../../../src/lib/db/schema';
import { listDatasets, loadData, loadReport } from '../../../src/lib/db/datasets';
import { createApi } from '../../../src/lib/worker/api';
import { defaultSettings } from '../../../src/lib/core/types';

const NAME = 'migration-v1';

afterEach(async () => {
	await Dexie.delete(NAME);
});

/** Exactly the stores of schema version 1 (src/lib/db/schema.ts). */
const V1_STORES = {
	datasets: 'id, createdAt, fileHash',
	chunks: '[datasetId+index], datasetId',
	dictionaries: '[datasetId+kind], datasetId',
	reports: '[datasetId+index], datasetId'
};

// day numbers: 2024-01-10 = 19732; three customers over three months.
const DAY0 = 19732;
const rows = {
	customer: [0, 1, 0, 2, 1, 0],
	order: [0, 1, 2, 3, 4, 5],
	day: [DAY0, DAY0 + 1, DAY0 + 31, DAY0 + 33, DAY0 + 62, DAY0 + 63],
	amount: [10, 20, 12.5, 7, 30, 1.25]
};

/** A dataset record as version 1 wrote it (no `files`, no `revision`, no customer list). */
function v1Dataset() {
	return {
		id: 'ds-v1',
		name: 'shop-2024',
		fileName: 'shop-2024.csv',
		fileSize: 1234,
		fileHash: 'abc123',
		createdAt: 1_700_000_000_000,
		rows: 6,
		chunks: 1,
		hasOrderId: true,
		hasAmount: true,
		dimNames: ['category'],
		mapping: { customer_id: 0, order_id: 1, date: 2, amount: 3, category: 4 },
		options: {},
		facts: {
			outcome: 'import',
			warnings: [],
			question: null,
			rows_imported: 6,
			rows_rejected: 1,
			duplicate_rows: 0,
			encoding: 'utf-8',
			delimiter: ',',
			decimal: '.',
			date_order: 'ymd',
			header_line: 1
		},
		settings: { ...defaultSettings(), granularity: 'month' },
		layout: 1
	};
}

async function writeV1() {
	const old = new Dexie(NAME);
	old.version(1).stores(V1_STORES);
	await old.open();
	await old.table('chunks').add({
		datasetId: 'ds-v1',
		index: 0,
		length: 6,
		customer: Int32Array.from(rows.customer),
		order: Int32Array.from(rows.order),
		day: Int32Array.from(rows.day),
		amount: Float64Array.from(rows.amount),
		flags: new Uint8Array(6),
		dims: [Int32Array.from([0, 1, 0, 1, 0, 0])]
	});
	await old.table('dictionaries').bulkAdd([
		{ datasetId: 'ds-v1', kind: 'customer', values: ['C1', 'C2', 'C3'] },
		{ datasetId: 'ds-v1', kind: 'order', values: ['O1', 'O2', 'O3', 'O4', 'O5', 'O6'] },
		{ datasetId: 'ds-v1', kind: 'dim:0', values: ['shoes', 'hats'] }
	]);
	await old.table('reports').add({
		datasetId: 'ds-v1',
		index: 0,
		entries: [{ line: 4, column: 'date', value: '2024-13-01', reason: 'bad_date', skipped: true }]
	});
	await old.table('datasets').add(v1Dataset());
	expect(old.verno).toBe(1);
	old.close();
}

describe('schema migration', () => {
	it('opens a version-1 database with the current schema and finds every dataset and its parts', async () => {
		await writeV1();
		const db = new MandegarDB(NAME);
		await db.open();
		// The current schema (whatever its number) upgraded the file: the version is the newest declared.
		expect(db.verno).toBeGreaterThanOrEqual(1);
		expect(db.tables.map((t) => t.name)).toEqual(expect.arrayContaining(Object.keys(V1_STORES)));

		const listed = await listDatasets(db);
		expect(listed.map((d) => d.id)).toEqual(['ds-v1']);
		expect(listed[0].name).toBe('shop-2024');
		const data = await loadData(db, 'ds-v1');
		expect(data.length).toBe(6);
		expect(Array.from(data.customer)).toEqual(rows.customer);
		expect(Array.from(data.day)).toEqual(rows.day);
		expect(Array.from(data.amount)).toEqual(rows.amount);
		expect(data.customerIds).toEqual(['C1', 'C2', 'C3']);
		expect(data.dims[0].name).toBe('category');
		expect(data.dims[0].values).toEqual(['shoes', 'hats']);
		expect(await loadReport(db, 'ds-v1')).toHaveLength(1);
		// Tables a later version added exist and start empty.
		for (const t of db.tables.filter((t) => !(t.name in V1_STORES))) expect(await t.count(), t.name).toBe(0);

		// The worker API lists and analyses the old dataset as it is.
		const api = createApi(db);
		const metas = await api.listDatasets();
		expect(metas).toHaveLength(1);
		const dash = await api.analyse({ datasetId: 'ds-v1', settings: { ...defaultSettings(), granularity: 'month' } });
		expect(dash.periods.map((p) => p.period)).toEqual(['2024-01', '2024-02', '2024-03']);
		expect(dash.periods[0].new).toBe(2);
		expect(dash.periods[1].new).toBe(1);
		db.close();
	});
});
