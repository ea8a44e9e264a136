/**
 * The bench's module worker: the app's own minimal parse (TextDecoder + core/import Tokenizer into
 * string columns), the real import path (createApi → importFile on a real Dexie DB) and
 * computeAnalysis on the stored data after loadData.
 */
import { expose } from 'comlink';
import { computeAnalysis } from '../../src/lib/core/analysis';
import { startFileHash } from '../../src/lib/worker/file-hash';
import { createImporter } from '../../src/lib/core/import';
import { Tokenizer } from '../../src/lib/core/import/tokenizer';
import { defaultSettings } from '../../src/lib/core/types';
import { loadData, saveDataset } from '../../src/lib/db/datasets';
import { LAYOUT_VERSION, MandegarDB } from '../../src/lib/db/schema';
import { createApi } from '../../src/lib/worker/api';
import { checkOfAnalysis, type Check } from './check';

const db = new MandegarDB();
const api = createApi(db);

/**
 * A full garbage collection before a timed step, when the browser exposes one (the bench launches the
 * bench page's Chromium with --js-flags=--expose-gc): the parse leaves millions of strings behind, and the
 * import that followed it paid for collecting them (3M rows: 12.7-21 s against 5.5 s for the same steps
 * run apart). Each timed step now starts from a collected heap.
 */
function collect(): void {
	(globalThis as { gc?: () => void }).gc?.();
}

const bench = {
	/** Decode + split into columns, nothing stored: the floor the import is compared with. */
	async parse(file: Blob): Promise<{ ms: number; rows: number }> {
		collect();
		const t0 = performance.now();
		const columns: string[][] = [];
		const tok = new Tokenizer(',', (fields) => {
			for (let j = 0; j < fields.length; j++) (columns[j] ??= []).push(fields[j]);
		});
		const decoder = new TextDecoder('utf-8');
		const reader = file.stream().getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			tok.push(decoder.decode(value, { stream: true }));
		}
		tok.push(decoder.decode());
		tok.finish();
		const ms = performance.now() - t0;
		return { ms, rows: (columns[0]?.length ?? 1) - 1 };
	},

	/** Deletes stored datasets, previews (untimed), then times importFile of the whole file. */
	async importFile(file: Blob, name: string): Promise<{ ms: number; id: string; rows: number }> {
		for (const d of await api.listDatasets()) await api.deleteDataset(d.id);
		const preview = await api.previewFile(file, name, {});
		if (!preview.ok) throw new Error(preview.message);
		let progress = 0;
		collect();
		const t0 = performance.now();
		const res = await api.importFile({ file, name, mapping: preview.preview.mapping, options: {} }, () => progress++);
		const ms = performance.now() - t0;
		if (res.kind !== 'imported') throw new Error(`import ${res.kind}: ${'message' in res ? res.message : ''}`);
		return { ms, id: res.dataset.id, rows: res.dataset.rows };
	},

	/** loadData once, then computeAnalysis (monthly, W 3) `runs` times on the loaded columns. */
	async analyse(id: string, runs: number): Promise<{ load_ms: number; ms: number[]; check: Check }> {
		const t0 = performance.now();
		const data = await loadData(db, id);
		const load_ms = performance.now() - t0;
		const ms: number[] = [];
		let check: Check | null = null;
		for (let i = 0; i < runs; i++) {
			collect();
			const t = performance.now();
			const a = computeAnalysis(data, defaultSettings('month'));
			ms.push(performance.now() - t);
			check ??= checkOfAnalysis(a);
		}
		return { load_ms, ms, check: check as Check };
	},

	/**
	 * Where the import's time goes: the same steps as api.importFile, timed one by one (read,
	 * importer.push, importer.finish, the wait for the file hash computed beside them, saveDataset, which builds each chunk just before writing it). Profiling only; not a figure of results.json.
	 */
	async importStages(file: Blob, name: string): Promise<Record<string, number>> {
		for (const d of await api.listDatasets()) await api.deleteDataset(d.id);
		const preview = await api.previewFile(file, name, {});
		if (!preview.ok) throw new Error(preview.message);
		const t: Record<string, number> = { read_ms: 0, push_ms: 0 };
		collect();
		const t0 = performance.now();
		const importer = createImporter({ fileName: name, mapping: preview.preview.mapping, options: {} });
		const hashing = startFileHash(file);
		const reader = file.stream().getReader();
		for (;;) {
			let a = performance.now();
			const { done, value } = await reader.read();
			t.read_ms += performance.now() - a;
			if (done) break;
			a = performance.now();
			importer.push(value);
			t.push_ms += performance.now() - a;
		}
		let a = performance.now();
		const result = importer.finish();
		t.finish_ms = performance.now() - a;
		const data = result.data;
		if (!data) throw new Error('nothing imported');
		a = performance.now();
		const fileHash = await hashing.digest;
		t.hash_wait_ms = performance.now() - a;
		if (fileHash === null) throw new Error('hash stopped');
		a = performance.now();
		await saveDataset(
			db,
			{
				id: `stages-${Date.now()}`,
				name,
				fileName: name,
				fileSize: file.size,
				fileHash,
				createdAt: Date.now(),
				rows: data.length,
				hasOrderId: data.hasOrderId,
				hasAmount: data.hasAmount,
				dimNames: data.dims.map((d) => d.name),
				mapping: preview.preview.mapping,
				options: {},
				facts: result.facts,
				settings: defaultSettings(),
				layout: LAYOUT_VERSION
			},
			data,
			result.report
		);
		t.save_ms = performance.now() - a;
		t.total_ms = performance.now() - t0;
		await bench.clear();
		return t;
	},

	async storedBytes(): Promise<number> {
		return (await navigator.storage.estimate()).usage ?? 0;
	},

	async clear(): Promise<void> {
		for (const d of await api.listDatasets()) await api.deleteDataset(d.id);
	}
};

export type BenchWorker = typeof bench;

expose(bench);
