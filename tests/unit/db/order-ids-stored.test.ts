// Issue 5: order ids are stored as two typed arrays (a packed list) instead of one string each; a
// dataset stored before that change (its order dictionary a plain list of strings) still loads the same.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MandegarDB } from '../../../src/lib/db/schema';
import { DICTIONARY_PART_VALUES, loadData, saveDataset } from '../../../src/lib/db/datasets';
import type { OrderData } from '../../../src/lib/core/types';
import { packStrings, unpackStrings } from '../../../src/lib/core/packed-strings';
import { datasetRecord } from './fixtures';

let db: MandegarDB;
afterEach(async () => {
	await db?.delete();
});

const ORDER_IDS = ['536365', 'C536379', 'سفارش-۷'];

function data(): OrderData {
	return {
		length: 3,
		customer: Int32Array.from([0, 0, 1]),
		order: Int32Array.from([0, 1, 2]),
		day: Int32Array.from([14000, 14001, 14002]),
		amount: Float64Array.from([10, -10, 5]),
		flags: new Uint8Array(3),
		customerIds: ['17850', '13047'],
		orderIds: packStrings(ORDER_IDS),
		hasOrderId: true,
		hasAmount: true,
		dims: []
	};
}

const record = (id: string) => datasetRecord(id, { rows: 3 });

describe('stored order ids', () => {
	it('are written as typed arrays, not strings, and read back equal', async () => {
		db = new MandegarDB('order-ids-packed');
		await saveDataset(db, record('d'), data(), []);
		const dict = await db.dictionaries.get(['d', 'order']);
		expect(dict?.values).toEqual([]);
		expect(dict?.packed?.chars).toBeInstanceOf(Uint16Array);
		expect(dict?.packed?.ends).toBeInstanceOf(Int32Array);
		const back = await loadData(db, 'd');
		expect(unpackStrings(back.orderIds)).toEqual(ORDER_IDS);
		expect(back.customerIds).toEqual(['17850', '13047']);
	});

	it('load from a dataset stored before (order ids as a list of strings)', async () => {
		db = new MandegarDB('order-ids-legacy');
		await saveDataset(db, record('old'), data(), []);
		// rewrite the order dictionary the way earlier versions stored it
		await db.dictionaries.put({ datasetId: 'old', kind: 'order', values: ORDER_IDS });
		const back = await loadData(db, 'old');
		expect(back.orderIds.length).toBe(3);
		expect(unpackStrings(back.orderIds)).toEqual(ORDER_IDS);
	});
});

describe('large dictionaries (issue 5: no single write holds the worker for long)', () => {
	it(`are stored in parts of at most ${DICTIONARY_PART_VALUES} values and read back equal, in order`, async () => {
		db = new MandegarDB('dictionary-parts');
		const n = 2 * DICTIONARY_PART_VALUES + 7;
		const customerIds = Array.from({ length: n }, (_, i) => `c${i}`);
		// order ids wide (U+0600 …) in one part only: the joined list must keep every character
		const orderIds = Array.from({ length: n }, (_, i) => (i === DICTIONARY_PART_VALUES + 3 ? 'سفارش-۷' : `o-${i}`));
		const rows = 3;
		const d: OrderData = { ...data(), length: rows, customer: Int32Array.from([0, n - 1, 1]), order: Int32Array.from([0, n - 1, 2]), customerIds, orderIds: packStrings(orderIds) };
		await saveDataset(db, record('big'), d, []);
		const stored = await db.dictionaries.where('datasetId').equals('big').toArray();
		expect(stored.map((r) => r.kind).sort()).toEqual(['customer', 'customer#1', 'customer#2', 'order', 'order#1', 'order#2']);
		for (const r of stored) expect(Math.max(r.values.length, r.packed?.length ?? 0)).toBeLessThanOrEqual(DICTIONARY_PART_VALUES);
		const back = await loadData(db, 'big');
		expect(back.customerIds).toEqual(customerIds);
		expect(unpackStrings(back.orderIds)).toEqual(orderIds);
	});

	it('a dataset with a part missing is reported as not stored, not loaded short', async () => {
		db = new MandegarDB('dictionary-part-missing');
		const n = DICTIONARY_PART_VALUES + 1;
		const customerIds = Array.from({ length: n }, (_, i) => `c${i}`);
		await saveDataset(db, record('cut'), { ...data(), customerIds }, []);
		await db.dictionaries.delete(['cut', 'customer']);
		await expect(loadData(db, 'cut')).rejects.toThrow();
	});
});
