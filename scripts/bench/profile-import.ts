/**
 * CPU profile of the import pipeline in Node (same core/import code as the worker), for the bench's
 * "what dominates": `node --import tsx --expose-gc --cpu-prof --cpu-prof-dir=bench/out/prof scripts/bench/profile-import.ts FILE`.
 * Prints the stage times and the live heap after each (with node --expose-gc); the .cpuprofile opens in Chrome DevTools (or summarise it with
 * `node scripts/bench/top-functions.mjs bench/out/prof/*.cpuprofile`).
 */
import { createReadStream } from 'node:fs';
import { computeAnalysis } from '../../src/lib/core/analysis';
import { createImporter, previewBytes } from '../../src/lib/core/import';
import { defaultSettings } from '../../src/lib/core/types';

const path = process.argv[2];
/** Live JS heap + ArrayBuffers after a full GC (run node with --expose-gc), in MB. */
function live(): string {
	(globalThis as { gc?: () => void }).gc?.();
	const m = process.memoryUsage();
	return `heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MB + buffers ${(m.arrayBuffers / 2 ** 20).toFixed(0)} MB`;
}
if (!path) throw new Error('usage: profile-import.ts FILE');

const head = await new Promise<Uint8Array>((resolve, reject) => {
	const s = createReadStream(path, { start: 0, end: (1 << 20) - 1 });
	const parts: Buffer[] = [];
	s.on('data', (b) => parts.push(b as Buffer));
	s.on('end', () => resolve(new Uint8Array(Buffer.concat(parts))));
	s.on('error', reject);
});
const preview = previewBytes(head, path, {});
if (!preview.ok) throw new Error(preview.reason);
console.log(`before: ${live()}`);
const t0 = performance.now();
const importer = createImporter({ fileName: path, mapping: preview.preview.mapping, options: {} });
for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) importer.push(new Uint8Array(chunk as Buffer));
const t1 = performance.now();
console.log(`after push: ${live()}`);
const result = importer.finish();
const t2 = performance.now();
if (!result.data) throw new Error('nothing imported');
console.log(`after finish (importer state still referenced): ${live()}`);
const analysis = computeAnalysis(result.data, defaultSettings('month'));
const t3 = performance.now();
console.log(`after computeAnalysis (${analysis.customers.length} customer rows held): ${live()}`);
console.log(`push ${(t1 - t0).toFixed(0)} ms, finish ${(t2 - t1).toFixed(0)} ms, computeAnalysis ${(t3 - t2).toFixed(0)} ms, rows ${result.data.length}`);
