// The worker API on fake IndexedDB: the same file twice is noticed, monthly files append to one
// dataset with repeated orders reported, and a failed append leaves the stored version as it was.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MandegarDB } from '../../../src/lib/db/schema';
import { loadData, replaceDatasetData } from '../../../src/lib/db/datasets';
import { createApi } from '../../../src/lib/worker/api';
import { defaultSettings } from '../../../src/lib/core/types';
import type { AnalyticsApi, ImportResponse } from '../../../src/lib/worker/api-types';

let db: MandegarDB;
let api: AnalyticsApi;
let n = 0;

beforeEach(async () => {
	db = new MandegarDB(`append-${++n}`);
	await db.open();
	api = createApi(db);
});
afterEach(async () => {
	await db.delete();
});

const H = 'customer_id,order_id,order_date,amount,product\n';
const JAN = `${H}C1,1,2024-01-05,10,Tea\nC2,2,2024-01-20,20,Mug\nC1,3,2024-01-31,5,Tea\n`;
// February's export overlaps January's last order (the same line) and has two new orders.
const FEB = `${H}C1,3,2024-01-31,5,Tea\nC3,4,2024-02-03,7,Cup\nC2,5,2024-02-10,8,Tea\n`;

async function importText(text: string, name: string, extra: { appendTo?: string; allowSameFile?: boolean } = {}): Promise<ImportResponse> {
	const file = new Blob([new TextEncoder().encode(text)]);
	const pre = await api.previewFile(file, name, {});
	if (!pre.ok) throw new Error(pre.message);
	return api.importFile({ file, name, mapping: pre.preview.mapping, options: {}, ...extra });
}

describe('same file twice', () => {
	it('is noticed before anything is stored, and may be imported anyway', async () => {
		const first = await importText(JAN, 'jan.csv');
		if (first.kind !== 'imported') throw new Error(first.kind);
		const again = await importText(JAN, 'jan-copy.csv');
		expect(again.kind).toBe('same-file');
		if (again.kind === 'same-file') expect(again.existing.id).toBe(first.dataset.id);
		expect(await api.listDatasets()).toHaveLength(1);
		const forced = await importText(JAN, 'jan-copy.csv', { allowSameFile: true });
		expect(forced.kind).toBe('imported');
		expect(await api.listDatasets()).toHaveLength(2);
	});
});

describe('appending files to one dataset', () => {
	it('adds the new orders, skips and reports the repeated ones, keeps one dataset', async () => {
		const jan = await importText(JAN, 'jan.csv');
		if (jan.kind !== 'imported') throw new Error(jan.kind);
		const feb = await importText(FEB, 'feb.csv', { appendTo: jan.dataset.id });
		expect(feb.kind).toBe('imported');
		if (feb.kind !== 'imported') return;
		expect(feb.duplicateOrders).toBe(1);
		expect(feb.dataset.id).toBe(jan.dataset.id);
		expect(feb.dataset.rows).toBe(5);
		expect(feb.dataset.facts.rows_imported).toBe(5);
		expect(feb.dataset.facts.rows_rejected).toBe(1);
		expect(feb.dataset.facts.warnings).toContain('duplicate_orders_across_files');
		expect(feb.dataset.files.map((f) => [f.fileName, f.rowsImported, f.duplicateOrders])).toEqual([
			['jan.csv', 3, 0],
			['feb.csv', 2, 1]
		]);
		expect(await api.listDatasets()).toHaveLength(1);

		// After a reload: the merged rows and the report with the file of each line.
		const fresh = createApi(db);
		const dash = await fresh.analyse({ datasetId: jan.dataset.id, settings: defaultSettings('month') });
		expect(dash.data.customer_ids).toBe(3);
		expect(dash.data.orders).toBe(5);
		expect(dash.data.revenue).toBe(50);
		expect(dash.data.date_max).toBe('2024-02-10');
		const report = await fresh.importReport(jan.dataset.id);
		expect(report).toEqual([{ line: 2, column: 'order id', value: '3', reason: 'duplicate_order', skipped: true, file: 'feb.csv' }]);
		const csv = await fresh.exportTable({ datasetId: jan.dataset.id, settings: defaultSettings('month'), table: 'import-report' });
		expect(csv.csv.split('\n')[0]).toBe('line,column,value,reason,file');
		expect(csv.csv.split('\n')[1]).toBe('2,order id,3,duplicate_order,feb.csv');

		// The same February file again is noticed, inside the appended dataset too.
		const twice = await importText(FEB, 'feb.csv', { appendTo: jan.dataset.id });
		expect(twice.kind).toBe('same-file');
	});

	it('refuses a file whose columns do not fit the dataset, and changes nothing', async () => {
		const jan = await importText(JAN, 'jan.csv');
		if (jan.kind !== 'imported') throw new Error(jan.kind);
		const res = await importText('customer_id,order_date,amount\nC9,2024-03-01,1\n', 'mar.csv', { appendTo: jan.dataset.id });
		expect(res.kind).toBe('rejected');
		if (res.kind === 'rejected') expect(res.message).toMatch(/^mar\.csv: .*order id/);
		expect((await loadData(db, jan.dataset.id)).length).toBe(3);
	});

	it('an append that fails while storing leaves the previous version intact', async () => {
		const jan = await importText(JAN, 'jan.csv');
		if (jan.kind !== 'imported') throw new Error(jan.kind);
		const before = await loadData(db, jan.dataset.id);
		const record = (await db.datasets.get(jan.dataset.id))!;
		const bigger = { ...before, length: 1, customer: before.customer.slice(0, 1), order: before.order.slice(0, 1), day: before.day.slice(0, 1), amount: before.amount.slice(0, 1), flags: before.flags.slice(0, 1), dims: before.dims.map((d) => ({ ...d, codes: d.codes.slice(0, 1) })) };
		await expect(replaceDatasetData(db, { ...record, rows: 1 }, bigger, [], undefined, () => true)).rejects.toThrow();
		const after = await loadData(db, jan.dataset.id);
		expect(after.length).toBe(3);
		expect([...after.amount]).toEqual([...before.amount]);
		expect((await db.datasets.get(jan.dataset.id))?.rows).toBe(3);
	});
});

describe('customer list', () => {
	const LIST = 'customer_id,name,signup_date,city\nC1,Ana,2023-05-01,Tehran\nC2,Bo,2023-06-01,Shiraz\nC5,Eve,2023-07-01,Tabriz\n,No id,2023-01-01,Karaj\n';

	async function attach(datasetId: string, text = LIST) {
		const file = new Blob([new TextEncoder().encode(text)]);
		return api.importCustomerList({ file, name: 'customers.csv', datasetId, mapping: { id: 0, name: 1, signup: 2 }, options: { fileKind: 'customers' } });
	}

	it('joins by id: potential customers counted, list columns become dimensions, kept after a reload and an append', async () => {
		const jan = await importText(JAN, 'jan.csv');
		if (jan.kind !== 'imported') throw new Error(jan.kind);
		const res = await attach(jan.dataset.id);
		if (res.kind !== 'attached') throw new Error(JSON.stringify(res));
		expect(res.dataset.customerList).toMatchObject({ fileName: 'customers.csv', customers: 3, matched: 2, potential: 1, notInList: 0, rowsRejected: 1, dimNames: ['city'] });
		expect(res.dataset.dimNames).toContain('city');
		const stored = await loadData(db, jan.dataset.id);
		const city = stored.dims.find((d) => d.name === 'city')!;
		expect([...city.codes].map((c) => city.values[c])).toEqual(['Tehran', 'Shiraz', 'Tehran']);

		// February brings C3 (not in the list) and C2 again: the list is joined to the new rows too.
		const feb = await importText(FEB, 'feb.csv', { appendTo: jan.dataset.id });
		if (feb.kind !== 'imported') throw new Error(feb.kind);
		expect(feb.dataset.customerList).toMatchObject({ matched: 2, potential: 1, notInList: 1, dimNames: ['city'] });
		const after = await loadData(db, jan.dataset.id);
		const city2 = after.dims.find((d) => d.name === 'city')!;
		expect(after.dims.filter((d) => d.name.startsWith('city'))).toHaveLength(1);
		expect([...city2.codes].map((c) => (c < 0 ? '' : city2.values[c]))).toEqual(['Tehran', 'Shiraz', 'Tehran', '', 'Shiraz']);

		const report = await api.importReport(jan.dataset.id);
		expect(report.filter((r) => r.file === 'customers.csv (customer list)').map((r) => [r.line, r.reason])).toEqual([[5, 'missing_customer_id']]);

		await api.deleteDataset(jan.dataset.id);
		expect(await db.customerLists.count()).toBe(0);
	});

	it('a list whose ids match no order is refused and changes nothing', async () => {
		const jan = await importText(JAN, 'jan.csv');
		if (jan.kind !== 'imported') throw new Error(jan.kind);
		const res = await attach(jan.dataset.id, 'customer_id,name\nX1,A\nX2,B\n');
		expect(res.kind).toBe('rejected');
		if (res.kind === 'rejected') expect(res.message).toMatch(/^customers\.csv: None of its 2 customer ids/);
		expect((await api.listDatasets())[0].customerList).toBe(null);
	});
});
