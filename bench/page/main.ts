/**
 * The bench page: Node (scripts/bench.mjs) drives it through window.bench with page.evaluate. The
 * app's code runs in a module worker (bench.worker.ts); DuckDB-WASM runs in its own worker.
 */
import { wrap } from 'comlink';
import type { BenchWorker } from './bench.worker';
import { duckAnalyse, duckLoad, duckStart } from './duck';

const worker = wrap<BenchWorker>(new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' }));
const files = new Map<string, File>();

async function file(url: string): Promise<File> {
	let f = files.get(url);
	if (!f) {
		const blob = await (await fetch(url)).blob();
		f = new File([blob], url.split('/').pop() ?? 'orders.csv', { type: 'text/csv' });
		files.set(url, f);
	}
	return f;
}

const bench = {
	parse: async (url: string) => worker.parse(await file(url)),
	importFile: async (url: string) => {
		const f = await file(url);
		return worker.importFile(f, f.name);
	},
	importStages: async (url: string) => {
		const f = await file(url);
		return worker.importStages(f, f.name);
	},
	analyse: (id: string, runs: number) => worker.analyse(id, runs),
	storedBytes: () => worker.storedBytes(),
	clear: () => worker.clear(),
	duckStart,
	duckLoad: async (url: string) => duckLoad(await (await fetch(url)).arrayBuffer()),
	duckAnalyse,
	forget: (url: string) => void files.delete(url)
};

declare global {
	interface Window {
		bench: typeof bench;
	}
}

window.bench = bench;
document.getElementById('status')!.textContent = 'ready';
