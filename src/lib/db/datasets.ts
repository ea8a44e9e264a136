/**
 * Reading and writing whole datasets: columnar chunks, dictionaries and the import report.
 * A save is one transaction, so a failed or cancelled import leaves earlier data as it was.
 */
import type { Table, Transaction } from 'dexie';
import type { DimensionColumn, OrderData, ReportEntry } from '../core/types';
import { UserError } from '../core/user-messages';
import { concatPacked, packStrings, slicePacked, type PackedStrings } from '../core/packed-strings';
import { release } from '../core/memory';
import {
	CHUNK_ROWS,
	REPORT_CHUNK,
	type ChunkRecord,
	type CustomerListRecord,
	type DatasetRecord,
	type DictionaryRecord,
	type MandegarDB,
	type ReportRecord,
	type ResultRecord
} from './schema';

/** How many chunk records of CHUNK_ROWS rows hold the columns (one, possibly empty, at least). */
export function chunkCount(data: OrderData): number {
	return Math.max(1, Math.ceil(data.length / CHUNK_ROWS));
}

/**
 * Chunk record `index` of the columns (copies, so the record owns its buffers). Built one at a time
 * just before it is written, so storing starts (and reports progress) without first copying every column.
 */
export function buildChunk(datasetId: string, data: OrderData, index: number): ChunkRecord {
	const start = index * CHUNK_ROWS;
	const end = Math.min(data.length, start + CHUNK_ROWS);
	return {
		datasetId,
		index,
		length: end - start,
		customer: data.customer.slice(start, end),
		order: data.order.slice(start, end),
		day: data.day.slice(start, end),
		amount: data.amount.slice(start, end),
		flags: data.flags.slice(start, end),
		dims: data.dims.map((d) => d.codes.slice(start, end))
	};
}

/**
 * Frees a chunk record's columns now (release()): once it is written (the database has its own copy) or
 * copied into the dataset's columns. Storing 3M rows builds ~90 MB of them, which otherwise stayed
 * resident until a garbage collection (issue 5, target 5).
 */
function releaseChunk(c: ChunkRecord): void {
	release(c.customer, c.order, c.day, c.amount, c.flags, ...c.dims);
}

/**
 * Values per dictionary record. A dictionary of more is stored as parts: `kind`, then `kind#1`, `kind#2`…
 * Each write is serialised (and compressed) in the worker's thread before it returns: 3M order ids in
 * one record held it ~0.5 s without progress, 760k customer ids ~0.25 s (issue 5: the bar moves at least
 * every 250 ms); a part takes tens of ms.
 */
export const DICTIONARY_PART_VALUES = 200_000;

/** The record kind of part `part` of dictionary `kind`. */
const partKind = (kind: string, part: number) => (part === 0 ? kind : `${kind}#${part}`);

/**
 * The dictionary records of a dataset, each built when called, just before its write (as the chunks
 * are): copying 3M order ids into parts took ~0.13 s, now spread over the writes.
 */
function dictionaryParts(datasetId: string, data: OrderData): (() => DictionaryRecord)[] {
	const out: (() => DictionaryRecord)[] = [];
	const starts = (n: number) => Array.from({ length: Math.max(1, Math.ceil(n / DICTIONARY_PART_VALUES)) }, (_, part) => part * DICTIONARY_PART_VALUES);
	const list = (kind: string, values: string[]) => {
		starts(values.length).forEach((at, part) =>
			out.push(() => ({ datasetId, kind: partKind(kind, part), values: values.length <= DICTIONARY_PART_VALUES ? values : values.slice(at, at + DICTIONARY_PART_VALUES) }))
		);
	};
	list('customer', data.customerIds);
	const orders = data.orderIds;
	starts(orders.length).forEach((at, part) =>
		out.push(() => ({ datasetId, kind: partKind('order', part), values: [], packed: orders.length <= DICTIONARY_PART_VALUES ? orders : slicePacked(orders, at, at + DICTIONARY_PART_VALUES) }))
	);
	data.dims.forEach((d, i) => list(`dim:${i}`, d.values));
	return out;
}

/**
 * The stored dictionaries of a dataset by kind, their parts joined in order (dictionaryParts). Records
 * stored before dictionaries had parts are one part each; order ids stored before they were packed
 * are a list of strings.
 */
function joinDictionaries(records: DictionaryRecord[]): Map<string, { values: string[]; packed: PackedStrings | null }> {
	const byKind = new Map<string, DictionaryRecord[]>();
	for (const r of records) {
		const hash = r.kind.lastIndexOf('#');
		const kind = hash < 0 ? r.kind : r.kind.slice(0, hash);
		const part = hash < 0 ? 0 : Number(r.kind.slice(hash + 1));
		const parts = byKind.get(kind) ?? [];
		parts[part] = r;
		byKind.set(kind, parts);
	}
	const out = new Map<string, { values: string[]; packed: PackedStrings | null }>();
	for (const [kind, parts] of byKind) {
		// (a sparse array: some() would skip the hole of a missing part)
		for (let i = 0; i < parts.length; i++) if (parts[i] === undefined) throw new UserError('dataset_not_stored', { id: records[0]?.datasetId ?? '' });
		const values = parts.length === 1 ? parts[0].values : parts.flatMap((p) => p.values);
		const packed = parts.some((p) => p.packed) ? concatPacked(parts.map((p) => p.packed ?? packStrings(p.values))) : null;
		out.set(kind, { values, packed });
	}
	return out;
}

function buildReports(datasetId: string, report: ReportEntry[]): ReportRecord[] {
	const out: ReportRecord[] = [];
	for (let i = 0; i < report.length; i += REPORT_CHUNK) {
		out.push({ datasetId, index: out.length, entries: report.slice(i, i + REPORT_CHUNK) });
	}
	return out;
}

/** Progress of storing a dataset: `done` of `total` steps (`done` may be fractional while committing). */
export type StoreProgress = (done: number, total: number) => void;

/** How often the progress creeps on while the transaction commits (the worker posts at most every 100 ms). */
const COMMIT_TICK_MS = 60;

/**
 * Progress through one storing transaction (issue 5: the bar moves at least every 250 ms). Every write
 * is one step; the commit, which the browser does after the last write without telling how far it is,
 * gets as many steps as there are chunks and creeps towards its end on a timer: an estimate that
 * assumes the tail (dictionaries, report, dataset record and commit) takes about as long as the chunk
 * writes took, approaching but never reaching the end until the transaction has committed.
 */
export function storeSteps(writes: number, commitSteps: number, onProgress?: StoreProgress) {
	const total = writes + commitSteps;
	const started = performance.now();
	let done = 0;
	/** The last value reported: the bar never moves back when a write lands behind the timer's estimate. */
	let shown = 0;
	let timer: ReturnType<typeof setInterval> | null = null;
	const report = (value: number) => {
		if (value <= shown) return;
		shown = value;
		onProgress?.(value, total);
	};
	return {
		/** One write has landed in the transaction. */
		step() {
			done++;
			report(done);
		},
		/** The chunks are written: from here on the timer keeps the bar moving until `end`. */
		tail() {
			const chunksMs = Math.max(1, performance.now() - started);
			const from = performance.now();
			const base = done;
			timer = setInterval(() => {
				const share = 1 - Math.exp(-(performance.now() - from) / chunksMs);
				report(Math.max(done, base + (total - base) * share * 0.95));
			}, COMMIT_TICK_MS);
		},
		/** Committed (or failed): stop the timer; `ok` reports the last step. */
		end(ok: boolean) {
			if (timer !== null) clearInterval(timer);
			timer = null;
			if (ok) report(total);
		}
	};
}

/** Chunk writes sent to the database before the first of them has answered. */
const CHUNK_WRITES_IN_FLIGHT = 3;

/**
 * The rows' parts of a dataset inside the caller's transaction: chunks (built one at a time, just before
 * their write), then the dictionaries one by one (not one bulkAdd, so progress and a cancel come between
 * them) and the report's parts likewise; progress after every write, `shouldAbort` checked between them (it aborts the
 * whole transaction: nothing of it is stored).
 */
async function writeParts(
	db: MandegarDB,
	tx: Transaction,
	id: string,
	data: OrderData,
	parts: { chunks: number; dictionaries: (() => DictionaryRecord)[]; reports: ReportRecord[] },
	progress: { step(): void; tail(): void },
	shouldAbort?: () => boolean
): Promise<void> {
	// up to CHUNK_WRITES_IN_FLIGHT chunk writes at once: the next chunk is copied and sent while the database
	// stores the previous one, instead of waiting for each write's answer in turn
	let failure: { error: unknown } | null = null;
	const inFlight: Promise<void>[] = [];
	for (let i = 0; i < parts.chunks; i++) {
		if (shouldAbort?.()) tx.abort();
		const chunk = buildChunk(id, data, i);
		inFlight.push(
			db.chunks.add(chunk).then(
				() => {
					releaseChunk(chunk);
					progress.step();
				},
				(error: unknown) => {
					failure ??= { error };
				}
			)
		);
		if (inFlight.length >= CHUNK_WRITES_IN_FLIGHT) await inFlight.shift();
		if (failure) throw (failure as { error: unknown }).error;
	}
	await Promise.all(inFlight);
	if (failure) throw (failure as { error: unknown }).error;
	progress.tail();
	for (const part of parts.dictionaries) {
		if (shouldAbort?.()) tx.abort();
		await db.dictionaries.add(part());
		progress.step();
	}
	// one part at a time too: a part is 5,000 entries, and cloning Online Retail's 29 in one bulkAdd held the
	// worker for ~290 ms with the bar standing still (issue 5: it moves at least every 250 ms)
	for (const part of parts.reports) {
		if (shouldAbort?.()) tx.abort();
		await db.reports.add(part);
		progress.step();
	}
	if (shouldAbort?.()) tx.abort();
}

/**
 * The frame both ways of storing a dataset share: one read-write transaction over `tables` that runs
 * `before` (e.g. deleting the old version), writes the parts (`writeParts`) and then the dataset record
 * (`writeRecord`, last: a dataset is listed only once all its parts exist), with progress through it
 * (`storeSteps`) stopped however the transaction ends. Anything thrown, or `shouldAbort`, rolls it all back.
 */
async function storeInTransaction(
	db: MandegarDB,
	tables: Table[],
	record: Omit<DatasetRecord, 'chunks'>,
	data: OrderData,
	report: ReportEntry[],
	step: { before?: () => Promise<void>; writeRecord: (full: DatasetRecord) => Promise<unknown> },
	onProgress?: StoreProgress,
	shouldAbort?: () => boolean
): Promise<DatasetRecord> {
	const chunks = chunkCount(data);
	const dictionaries = dictionaryParts(record.id, data);
	const reports = buildReports(record.id, report);
	const full: DatasetRecord = { ...record, chunks };
	const progress = storeSteps(chunks + dictionaries.length + reports.length + 1, chunks, onProgress);
	let ok = false;
	try {
		await db.transaction('rw', tables, async (tx) => {
			await step.before?.();
			await writeParts(db, tx, record.id, data, { chunks, dictionaries, reports }, progress, shouldAbort);
			await step.writeRecord(full);
			progress.step();
		});
		ok = true;
	} finally {
		progress.end(ok);
	}
	return full;
}

/**
 * Store a dataset in one read-write transaction: either everything lands or nothing does.
 * `shouldAbort` is checked between writes so a cancel during storing rolls back. `onProgress` is
 * called after every write (chunk, dictionary, report part, dataset record) and while committing.
 */
export async function saveDataset(
	db: MandegarDB,
	record: Omit<DatasetRecord, 'chunks'>,
	data: OrderData,
	report: ReportEntry[],
	onProgress?: StoreProgress,
	shouldAbort?: () => boolean
): Promise<DatasetRecord> {
	return storeInTransaction(db, [db.datasets, db.chunks, db.dictionaries, db.reports], record, data, report, { writeRecord: (full) => db.datasets.add(full) }, onProgress, shouldAbort);
}

/** Reassemble a stored dataset's columns. */
export async function loadData(db: MandegarDB, id: string): Promise<OrderData> {
	const meta = await db.datasets.get(id);
	if (!meta) throw new UserError('dataset_not_stored', { id });
	const chunks = await db.chunks.where('[datasetId+index]').between([id, 0], [id, Infinity]).toArray();
	chunks.sort((a, b) => a.index - b.index);
	const dict = joinDictionaries(await db.dictionaries.where('datasetId').equals(id).toArray());
	const orders = dict.get('order');
	const n = chunks.reduce((s, c) => s + c.length, 0);
	const customer = new Int32Array(n);
	const order = new Int32Array(n);
	const day = new Int32Array(n);
	const amount = new Float64Array(n);
	const flags = new Uint8Array(n);
	const dimCodes = meta.dimNames.map(() => new Int32Array(n));
	let at = 0;
	for (const c of chunks) {
		customer.set(c.customer, at);
		order.set(c.order, at);
		day.set(c.day, at);
		amount.set(c.amount, at);
		flags.set(c.flags, at);
		c.dims.forEach((codes, i) => dimCodes[i]?.set(codes, at));
		at += c.length;
		releaseChunk(c);
	}
	const dims: DimensionColumn[] = meta.dimNames.map((name, i) => ({
		name,
		codes: dimCodes[i],
		values: dict.get(`dim:${i}`)?.values ?? []
	}));
	return {
		length: n,
		customer,
		order,
		day,
		amount,
		flags,
		customerIds: dict.get('customer')?.values ?? [],
		orderIds: orders?.packed ?? packStrings(orders?.values ?? []),
		hasOrderId: meta.hasOrderId,
		hasAmount: meta.hasAmount,
		dims
	};
}

export async function loadReport(db: MandegarDB, id: string): Promise<ReportEntry[]> {
	const recs = await db.reports.where('datasetId').equals(id).sortBy('index');
	return recs.flatMap((r) => r.entries);
}

export async function listDatasets(db: MandegarDB): Promise<DatasetRecord[]> {
	return db.datasets.orderBy('createdAt').reverse().toArray();
}

/** Delete a dataset and all its parts in one transaction. */
export async function deleteDataset(db: MandegarDB, id: string): Promise<void> {
	await db.transaction('rw', [db.datasets, db.chunks, db.dictionaries, db.reports, db.customerLists, db.results], async () => {
		await db.datasets.delete(id);
		await db.customerLists.delete(id);
		await db.results.delete(id);
		await db.chunks.where('datasetId').equals(id).delete();
		await db.dictionaries.where('datasetId').equals(id).delete();
		await db.reports.where('datasetId').equals(id).delete();
	});
}

export async function updateSettings(
	db: MandegarDB,
	id: string,
	settings: DatasetRecord['settings']
): Promise<void> {
	await db.datasets.update(id, { settings });
}

export async function getDataset(db: MandegarDB, id: string): Promise<DatasetRecord | undefined> {
	return db.datasets.get(id);
}

/** The stored dataset that holds a file with these bytes, if any (the same file imported or appended twice). */
export async function findByFileHash(db: MandegarDB, fileHash: string): Promise<DatasetRecord | undefined> {
	if (!fileHash) return undefined;
	const direct = await db.datasets.where('fileHash').equals(fileHash).first();
	if (direct) return direct;
	return db.datasets.filter((d) => d.files?.some((f) => f.fileHash === fileHash) ?? false).first();
}

/**
 * Rewrite a stored dataset's rows, dictionaries and report (an append) in one read-write transaction:
 * if anything fails or `shouldAbort` turns true, the transaction rolls back and the previous version
 * stays exactly as it was.
 */
export async function replaceDatasetData(
	db: MandegarDB,
	record: Omit<DatasetRecord, 'chunks'>,
	data: OrderData,
	report: ReportEntry[],
	onProgress?: StoreProgress,
	shouldAbort?: () => boolean,
	/** A customer list stored with this version (attached or re-joined), in the same transaction. */
	list?: CustomerListRecord
): Promise<DatasetRecord> {
	const before = async () => {
		if (!(await db.datasets.get(record.id))) throw new UserError('dataset_gone');
		if (list) await db.customerLists.put(list);
		// The stored dashboard result was computed from the old rows (its key also holds the revision).
		await db.results.delete(record.id);
		await db.chunks.where('datasetId').equals(record.id).delete();
		await db.dictionaries.where('datasetId').equals(record.id).delete();
		await db.reports.where('datasetId').equals(record.id).delete();
	};
	const tables = [db.datasets, db.chunks, db.dictionaries, db.reports, db.customerLists, db.results];
	return storeInTransaction(db, tables, record, data, report, { before, writeRecord: (full) => db.datasets.put(full) }, onProgress, shouldAbort);
}

export async function getCustomerList(db: MandegarDB, datasetId: string): Promise<CustomerListRecord | undefined> {
	return db.customerLists.get(datasetId);
}

/** The stored last dashboard result of a dataset, if any (schema version 3). */
export async function getResult(db: MandegarDB, datasetId: string): Promise<ResultRecord | undefined> {
	return db.results.get(datasetId);
}

/** Store a dataset's last dashboard result, only while the dataset itself is stored. */
export async function putResult(db: MandegarDB, record: ResultRecord): Promise<void> {
	await db.transaction('rw', [db.datasets, db.results], async () => {
		if (await db.datasets.get(record.datasetId)) await db.results.put(record);
	});
}
