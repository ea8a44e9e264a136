/**
 * Workspace backup and restore: every table of the database (datasets, chunks, dictionaries, import
 * reports, and any table a later schema version adds) in one gzip-compressed file of JSON lines.
 * Typed arrays are written as base64 of their bytes, so they come back bit for bit. Records are read
 * one at a time and written to a compressed stream, so a million-row dataset never sits in memory as
 * text; a restore buffers one table batch at a time.
 *
 * File layout (one JSON value per line, inside gzip):
 *   {"format":"mandegar-backup","version":1,"schema":<db.verno>,"createdAt":…,"tables":[…],"datasets":[ids],"app":{…}}
 *   {"t":"<table>","r":<record>}        … every table but `datasets`, then `datasets` last
 *   {"t":"$end","records":<count>}
 * The dataset records come last: a cut-off file never lists a dataset whose parts are missing.
 */
import type { Table } from 'dexie';
import type { MandegarDB } from './schema';
import { englishText, type UserMessageCode } from '../core/user-messages';
import { isGzipHead } from '../core/import/detect';

export const BACKUP_FORMAT = 'mandegar-backup';
export const BACKUP_VERSION = 1;
/** Records per restore transaction (chunk records are ~1 MB each). */
const RESTORE_BATCH = 16;

export interface BackupHeader {
	format: typeof BACKUP_FORMAT;
	version: number;
	/** Dexie schema version of the database the backup was made from. */
	schema: number;
	createdAt: number;
	tables: string[];
	datasets: string[];
	/** App-level settings kept outside IndexedDB (e.g. localStorage entries), restored as they were. */
	app: Record<string, string>;
}

export interface RestoreResult {
	datasets: number;
	/** Datasets already stored in this browser (same id): kept as they are, the backup's copy skipped. */
	skipped: number;
	records: number;
	app: Record<string, string>;
	/** When the backup was made. */
	createdAt: number;
}

const TYPED = {
	Int8Array,
	Uint8Array,
	Uint8ClampedArray,
	Int16Array,
	Uint16Array,
	Int32Array,
	Uint32Array,
	Float32Array,
	Float64Array,
	BigInt64Array,
	BigUint64Array
} as const;
type TypedName = keyof typeof TYPED;

function toBase64(bytes: Uint8Array): string {
	let s = '';
	const STEP = 0x8000;
	for (let i = 0; i < bytes.length; i += STEP) s += String.fromCharCode.apply(null, bytes.subarray(i, i + STEP) as unknown as number[]);
	return btoa(s);
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
	const s = atob(b64);
	const out = new Uint8Array(s.length);
	for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
	return out;
}

/** JSON replacer: typed arrays become { $ta: name, b64 } (their own bytes only, not the whole buffer). */
function replacer(this: unknown, _key: string, value: unknown): unknown {
	if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
		const name = value.constructor.name as TypedName;
		if (name in TYPED) return { $ta: name, b64: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
	}
	return value;
}

function reviver(_key: string, value: unknown): unknown {
	if (value && typeof value === 'object' && '$ta' in value && 'b64' in value) {
		const { $ta, b64 } = value as { $ta: string; b64: string };
		const Ctor = TYPED[$ta as TypedName];
		if (!Ctor) throw new Error(`Unknown typed array ${$ta} in the backup.`);
		const bytes = fromBase64(b64);
		return new Ctor(bytes.buffer);
	}
	return value;
}

/** The tables in backup order: everything but `datasets` first, `datasets` last. */
function tablesInOrder(db: MandegarDB): Table[] {
	const all = db.tables.slice().sort((a, b) => a.name.localeCompare(b.name));
	return [...all.filter((t) => t.name !== 'datasets'), ...all.filter((t) => t.name === 'datasets')];
}

/**
 * Write the whole workspace to a gzip-compressed Blob. `app` holds settings kept outside the
 * database (restored as they were). Progress is the share of records written (counted first); a
 * cancel rejects with BackupCancelled and no Blob is made.
 */
export async function exportWorkspace(
	db: MandegarDB,
	app: Record<string, string> = {},
	now = Date.now(),
	control: BackupControl = {}
): Promise<Blob> {
	const report = reporter(control.onProgress);
	const check = () => {
		if (control.isCancelled?.()) throw new BackupCancelled();
	};
	const gzip = new CompressionStream('gzip');
	const blob = new Response(gzip.readable).blob();
	// A failed or cancelled backup aborts the stream, which rejects this too: handled by the throw below.
	blob.catch(() => {});
	const writer = gzip.writable.getWriter();
	const enc = new TextEncoder();
	const line = (v: unknown) => writer.write(enc.encode(JSON.stringify(v, replacer) + '\n'));
	try {
		await db.open();
		const tables = tablesInOrder(db);
		const header: BackupHeader = {
			format: BACKUP_FORMAT,
			version: BACKUP_VERSION,
			schema: db.verno,
			createdAt: now,
			tables: tables.map((t) => t.name),
			datasets: (await db.datasets.toCollection().primaryKeys()) as string[],
			app
		};
		let total = 0;
		for (const table of tables) total += await table.count();
		report(0);
		await line(header);
		let records = 0;
		for (const table of tables) {
			check();
			// Keys first, then one record at a time: a chunk record is ~1 MB, a dataset may have hundreds.
			const keys = await table.toCollection().primaryKeys();
			for (const key of keys) {
				check();
				const r = await table.get(key);
				if (r === undefined) continue;
				await line({ t: table.name, r });
				records++;
				// Short of 1 until the file is complete (records added meanwhile may outgrow the count).
				report(Math.min(0.99, records / Math.max(1, total)));
			}
		}
		check();
		await line({ t: '$end', records });
		await writer.close();
	} catch (e) {
		await writer.abort(e).catch(() => {});
		throw e;
	}
	const out = new Blob([await blob], { type: 'application/gzip' });
	check();
	report(1);
	return out;
}

/** Split a text stream into lines (a long line is gathered in pieces and joined once). */
async function* lines(stream: ReadableStream<string>): AsyncGenerator<string> {
	const reader = stream.getReader();
	let pieces: string[] = [];
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		let from = 0;
		let nl: number;
		while ((nl = value.indexOf('\n', from)) >= 0) {
			pieces.push(value.slice(from, nl));
			const l = pieces.length === 1 ? pieces[0] : pieces.join('');
			pieces = [];
			if (l) yield l;
			from = nl + 1;
		}
		if (from < value.length) pieces.push(value.slice(from));
	}
	const last = pieces.join('');
	if (last.trim()) yield last;
}

/** Thrown when `isCancelled` says stop: a backup makes no file, a restore leaves the database as it was. */
export class BackupCancelled extends Error {
	override name = 'BackupCancelled';
	constructor() {
		super('Cancelled.');
	}
}

/**
 * Progress and cancel hooks of a backup or a restore. `onProgress` gets the share done (0…1), never
 * less than the last report, and 1 once finished; `isCancelled` is asked between records.
 */
export interface BackupControl {
	onProgress?: (fraction: number) => void;
	isCancelled?: () => boolean;
}

/** Reports only rising values (a repeat or a step back is dropped); 1 is left for the end. */
function reporter(onProgress?: (fraction: number) => void) {
	let last = -1;
	return (f: number) => {
		const v = Math.max(0, Math.min(1, f));
		if (!onProgress || v <= last) return;
		last = v;
		onProgress(v);
	};
}

export class BackupError extends Error {
	override name = 'BackupError';
	/** Its code in core/user-messages.ts (the UI translates it). */
	readonly code: UserMessageCode;
	constructor(code: UserMessageCode) {
		super(englishText(code));
		this.code = code;
	}
}

/**
 * Restore a backup into this database. Datasets already stored (same id) are kept and the backup's
 * copy skipped. Parts are written in batches; the dataset records come last in the file, so a
 * dataset shows up only once all its parts are stored. If anything fails (a cut-off file, no storage
 * left) or it is cancelled, everything it wrote is removed again (the parts of datasets that were
 * not here before, and workspace-wide records it added), so the database is as it was. Progress is
 * the share of the file's bytes read.
 */
export async function restoreWorkspace(db: MandegarDB, file: Blob, control: BackupControl = {}): Promise<RestoreResult> {
	const report = reporter(control.onProgress);
	const check = () => {
		if (control.isCancelled?.()) throw new BackupCancelled();
	};
	let read = 0;
	const size = Math.max(1, file.size);
	let bytes: ReadableStream<Uint8Array> = (file.stream() as ReadableStream<Uint8Array>).pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, ctl) {
				read += chunk.byteLength;
				ctl.enqueue(chunk);
			}
		})
	);
	check();
	report(0);
	if (isGzipHead(new Uint8Array(await file.slice(0, 2).arrayBuffer()))) bytes = bytes.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
	const text = bytes.pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>);
	const it = lines(text);

	const first = await it.next();
	let header: BackupHeader;
	try {
		header = JSON.parse(first.done ? '' : first.value) as BackupHeader;
	} catch {
		throw new BackupError('backup_not_mandegar');
	}
	if (header?.format !== BACKUP_FORMAT) throw new BackupError('backup_not_mandegar');
	await db.open();
	if (header.version > BACKUP_VERSION || header.schema > db.verno)
		throw new BackupError('backup_newer');

	const existing = new Set((await db.datasets.toCollection().primaryKeys()) as string[]);
	const incoming = header.datasets.filter((id) => !existing.has(id));
	const wanted = new Set(incoming);
	const tables = new Map(db.tables.map((t) => [t.name, t]));
	let batch: { table: Table; r: unknown }[] = [];
	let records = 0;
	let ended = false;
	/** Workspace-wide records this restore added (not tied to a dataset): removed again on failure. */
	const added: { table: Table; key: unknown }[] = [];

	const flush = async () => {
		if (!batch.length) return;
		const byTable = new Map<Table, unknown[]>();
		for (const { table, r } of batch) {
			const list = byTable.get(table) ?? [];
			list.push(r);
			byTable.set(table, list);
		}
		await db.transaction('rw', [...byTable.keys()], async () => {
			for (const [table, rs] of byTable) await table.bulkPut(rs);
		});
		records += batch.length;
		batch = [];
		// The reading runs a little ahead of the writing: short of 1 until everything is stored.
		report(Math.min(0.99, read / size));
	};

	try {
		for await (const l of it) {
			check();
			const rec = JSON.parse(l, reviver) as { t: string; r: Record<string, unknown>; records?: number };
			if (rec.t === '$end') {
				ended = true;
				break;
			}
			const table = tables.get(rec.t);
			if (!table) continue; // a table this version does not have: nothing to put it in
			const owner = rec.t === 'datasets' ? (rec.r.id as string) : (rec.r.datasetId as string | undefined);
			if (owner !== undefined && !wanted.has(owner)) continue;
			if (owner === undefined && rec.t !== 'datasets') {
				// A workspace-wide record (not tied to a dataset): keep what this browser has.
				const key = table.schema.primKey.keyPath;
				if (typeof key === 'string') {
					if ((await table.get(rec.r[key] as string)) !== undefined) continue;
					added.push({ table, key: rec.r[key] });
				}
			}
			batch.push({ table, r: rec.r });
			if (batch.length >= RESTORE_BATCH || rec.t === 'datasets') {
				check();
				await flush();
			}
		}
		check();
		await flush();
		if (!ended) throw new BackupError('backup_incomplete');
		check();
	} catch (e) {
		await removeDatasets(db, incoming).catch(() => {});
		if (added.length)
			await db
				.transaction('rw', [...new Set(added.map((a) => a.table))], async () => {
					for (const { table, key } of added) await table.delete(key as string);
				})
				.catch(() => {});
		throw e;
	}
	report(1);
	return {
		datasets: incoming.length,
		skipped: header.datasets.length - incoming.length,
		records,
		app: header.app ?? {},
		createdAt: header.createdAt
	};
}

/** Remove every record tied to these datasets, in every table (used to undo a failed restore). */
export async function removeDatasets(db: MandegarDB, ids: string[]): Promise<void> {
	if (!ids.length) return;
	await db.transaction('rw', db.tables, async () => {
		for (const table of db.tables) {
			if (table.name === 'datasets' || table.schema.primKey.keyPath === 'datasetId') await table.bulkDelete(ids);
			else if (table.schema.indexes.some((i) => i.name === 'datasetId')) await table.where('datasetId').anyOf(ids).delete();
		}
	});
}

/** Translate an IndexedDB quota failure (which may surface as an AbortError) into advice. */
export function isQuotaError(e: unknown): boolean {
	const err = e as { name?: string; message?: string; inner?: unknown } | null;
	if (!err) return false;
	if (err.name === 'QuotaExceededError' || /quota/i.test(err.message ?? '')) return true;
	return err.inner !== undefined && err.inner !== e && isQuotaError(err.inner);
}
