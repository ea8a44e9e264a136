/**
 * CPU profile of the import pipeline in Node (same core/import code as the worker), for the bench's
 * "what dominates": `npx tsx --cpu-prof --cpu-prof-dir=bench/out/prof scripts/bench/profile-import.ts FILE`.
 * Prints the stage times; the .cpuprofile opens in Chrome DevTools (or summarise it with
 * `node scripts/bench/top-functions.mjs bench/out/prof/*.cpuprofile`).
 */
import { createReadStream } from 'node:fs';
import { computeAnalysis } from '../../src/lib/core/analysis';
import { createImporter, previewBytes } from '../../src/lib/core/import';
import { defaultSettings } from '../../src/lib/core/types';

const path = process.argv[2];
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
const t0 = performance.now();
const importer = createImporter({ fileName: path, mapping: preview.preview.mapping, options: {} });
for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) importer.push(new Uint8Array(chunk as Buffer));
const t1 = performance.now();
const result = importer.finish();
const t2 = performance.now();
if (!result.data) throw new Error('nothing imported');
computeAnalysis(result.data, defaultSettings('month'));
const t3 = performance.now();
console.log(`push ${(t1 - t0).toFixed(0)} ms, finish ${(t2 - t1).toFixed(0)} ms, computeAnalysis ${(t3 - t2).toFixed(0)} ms, rows ${result.data.length}`);
