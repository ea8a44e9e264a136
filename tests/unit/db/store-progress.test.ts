// Issue 5: the progress bar moves at least every 250 ms, also while a dataset is stored. Storing
// reports a step after every write (chunks, then each dictionary, the report, the dataset record) and,
// after the chunks, keeps creeping on a timer until the transaction has committed; it stays one
// transaction, so a cancel in the tail still stores nothing.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CHUNK_ROWS, MandegarDB, REPORT_CHUNK } from '../../../src/lib/db/schema';
import { listDatasets, saveDataset, storeSteps } from '../../../src/lib/db/datasets';
import type { OrderData, ReportEntry } from '../../../src/lib/core/types';
import { packStrings } from '../../../src/lib/core/packed-strings';
import { datasetRecord } from './fixtures';

let db: MandegarDB;
let n = 0;
afterEach(async () => {
	await db?.delete();
});

/** `rows` rows over 3 customers and 2 orders, one dimension: 3 dictionaries. */
function orders(rows: number): OrderData {
	const customer = new Int32Array(rows).map((_, i) => i % 3);
	const order = new Int32Array(rows).map((_, i) => i % 2);
	return {
		length: rows,
		customer,
		order,
		day: new Int32Array(rows),
		amount: new Float64Array(rows).fill(1),
		flags: new Uint8Array(rows),
		customerIds: ['a', 'b', 'c'],
		orderIds: packStrings(['o1', 'o2']),
		hasOrderId: true,
		hasAmount: true,
		dims: [{ name: 'channel', codes: new Int32Array(rows), values: ['web'] }]
	};
}

const record = (id: string) => datasetRecord(id, { dimNames: ['channel'] });

const report: ReportEntry[] = [];

describe('progress while storing a dataset', () => {
	it('reports every write: 3 chunks, 3 dictionaries, the dataset record, then the commit reaches the end', async () => {
		db = new MandegarDB(`store-progress-${++n}`);
		const calls: [number, number][] = [];
		// 2 × CHUNK_ROWS + 1 rows: 3 chunks. Writes: 3 chunks + 3 dictionaries + 0 report parts + 1 record = 7;
		// the commit counts as many steps as chunks (3): total 10.
		await saveDataset(db, record('d1'), orders(2 * CHUNK_ROWS + 1), report, (done, total) => calls.push([done, total]));
		expect(calls.every(([, total]) => total === 10)).toBe(true);
		const values = calls.map(([done]) => done);
		// never backwards, and the end only once the transaction has committed
		for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
		expect(values.slice(0, 3)).toEqual([1, 2, 3]);
		expect(values.at(-1)).toBe(10);
		// the tail reports between the chunks and the end: every write when the commit timer (60 ms) had no
		// turn in this fast fake database, else at least the timer's estimates
		if (values.every((v) => Number.isInteger(v))) expect(values).toEqual([1, 2, 3, 4, 5, 6, 7, 10]);
		else expect(values.filter((v) => v > 3 && v < 10).length).toBeGreaterThanOrEqual(1);
		expect((await listDatasets(db)).map((d) => d.id)).toEqual(['d1']);
	});

	it('reports every part of the import report as a write of its own, and a cancel between them stores nothing', async () => {
		// Online Retail's report is 29 parts of 5,000 entries; one bulkAdd of them held the worker ~290 ms
		db = new MandegarDB(`store-progress-${++n}`);
		const entries: ReportEntry[] = Array.from({ length: 2 * REPORT_CHUNK + 1 }, (_, i) => ({ line: i + 2, column: 'customer', value: '', reason: 'missing customer id', skipped: true }));
		const calls: [number, number][] = [];
		// 2 chunks + 3 dictionaries + 3 report parts + 1 record = 9 writes, + 2 commit steps: 11
		await saveDataset(db, record('r1'), orders(CHUNK_ROWS + 1), entries, (done, total) => calls.push([done, total]));
		expect(calls.every(([, total]) => total === 11)).toBe(true);
		const values = calls.map(([done]) => done);
		if (values.every((v) => Number.isInteger(v))) expect(values).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 11]);
		expect(await db.reports.count()).toBe(3);
		// a cancel after the first report part: the whole transaction goes, the dataset before it stays
		let abort = false;
		const save = saveDataset(db, record('r2'), orders(CHUNK_ROWS + 1), entries, (done) => done >= 6 && (abort = true), () => abort);
		await expect(save).rejects.toThrow();
		expect((await listDatasets(db)).map((d) => d.id)).toEqual(['r1']);
		expect(await db.reports.count()).toBe(3);
	});

	it('a cancel after the chunks (in the tail) rolls everything back and stops the progress', async () => {
		db = new MandegarDB(`store-progress-${++n}`);
		const calls: number[] = [];
		let abort = false;
		const save = saveDataset(
			db,
			record('d2'),
			orders(CHUNK_ROWS + 1),
			report,
			(done) => {
				calls.push(done);
				// after the 2 chunks and the first dictionary
				if (done === 3) abort = true;
			},
			() => abort
		);
		await expect(save).rejects.toThrow();
		const after = calls.length;
		await new Promise((r) => setTimeout(r, 200));
		expect(calls.length).toBe(after);
		// 2 chunks + 3 dictionaries + 1 record + 2 commit steps: the end (8) is never reported
		expect(calls).not.toContain(8);
		expect(await listDatasets(db)).toEqual([]);
		expect(await db.chunks.count()).toBe(0);
		expect(await db.dictionaries.count()).toBe(0);
	});

	it('while the commit runs the bar creeps on at least every 250 ms, stays below the end and reaches it only when committed', async () => {
		const calls: { at: number; done: number }[] = [];
		const steps = storeSteps(4, 2, (done, total) => {
			expect(total).toBe(6);
			calls.push({ at: performance.now(), done });
		});
		steps.step();
		steps.step();
		await new Promise((r) => setTimeout(r, 100));
		steps.tail();
		steps.step();
		steps.step();
		const from = performance.now();
		const written = calls.length;
		// a commit of 600 ms with no write in it
		await new Promise((r) => setTimeout(r, 600));
		const during = calls.slice(written);
		expect(during.length).toBeGreaterThanOrEqual(3);
		const times = [from, ...during.map((c) => c.at)];
		for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeLessThan(250);
		for (let i = 1; i < during.length; i++) expect(during[i].done).toBeGreaterThan(during[i - 1].done);
		expect(during.every((c) => c.done > 4 && c.done < 6)).toBe(true);
		steps.end(true);
		expect(calls.at(-1)?.done).toBe(6);
		const ended = calls.length;
		await new Promise((r) => setTimeout(r, 150));
		expect(calls.length).toBe(ended);
	});
});
