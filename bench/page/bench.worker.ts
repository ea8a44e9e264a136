/**
 * The bench's module worker: the app's own minimal parse (TextDecoder + core/import Tokenizer into
 * string columns), the real import path (createApi → importFile on a real Dexie DB) and
 * computeAnalysis on the stored data after loadData.
 */
import { expose } from 'comlink';
import { computeAnalysis } from '../../src/lib/core/analysis';
import { Tokenizer } from '../../src/lib/core/import/tokenizer';
import { defaultSettings } from '../../src/lib/core/types';
import { loadData } from '../../src/lib/db/datasets';
import { MandegarDB } from '../../src/lib/db/schema';
import { createApi } from '../../src/lib/worker/api';
import { checkOfAnalysis, type Check } from './check';

const db = new MandegarDB();
const api = createApi(db);

const bench = {
	/** Decode + split into columns, nothing stored: the floor the import is compared with. */
	async parse(file: Blob): Promise<{ ms: number; rows: number }> {
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
			const t = performance.now();
			const a = computeAnalysis(data, defaultSettings('month'));
			ms.push(performance.now() - t);
			check ??= checkOfAnalysis(a);
		}
		return { load_ms, ms, check: check as Check };
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
