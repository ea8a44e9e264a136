/**
 * Imports a file with the core importer (as the worker does, without storage) and prints the CPU time
 * of push + finish and a SHA-256 digest of everything the import produces (columns, dictionaries,
 * report, facts): a change to the importer must leave the digest as it was.
 * `node --import tsx scripts/bench/import-digest.ts FILE [RUNS]`
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createImporter, previewBytes } from '../../src/lib/core/import';

const path = process.argv[2];
const runs = Number(process.argv[3] ?? 1);
if (!path) throw new Error('usage: import-digest.ts FILE [RUNS]');
let bytes = new Uint8Array(readFileSync(path));
if (path.endsWith('.gz')) bytes = new Uint8Array(gunzipSync(bytes));
const preview = previewBytes(bytes.subarray(0, 1 << 20), path, {});
if (!preview.ok) throw new Error(preview.reason);
const PIECE = 1 << 18;
const cpu: number[] = [];
let digest = '';
let rows = 0;
for (let r = 0; r < runs; r++) {
	const c0 = process.cpuUsage();
	const importer = createImporter({ fileName: path, mapping: preview.preview.mapping, options: {} });
	for (let i = 0; i < bytes.length; i += PIECE) importer.push(bytes.subarray(i, Math.min(bytes.length, i + PIECE)));
	const result = importer.finish();
	const c1 = process.cpuUsage(c0);
	cpu.push((c1.user + c1.system) / 1000);
	if (r > 0) continue;
	const h = createHash('sha256');
	const d = result.data;
	rows = d?.length ?? 0;
	if (d) {
		for (const a of [d.customer, d.order, d.day, d.amount, d.flags, d.line ?? new Int32Array(0), ...d.dims.map((x) => x.codes)]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
		h.update(JSON.stringify([d.length, d.customerIds, orderStrings(d.orderIds), d.hasOrderId, d.hasAmount, d.dims.map((x) => [x.name, x.values])]));
	}
	h.update(JSON.stringify([result.facts, result.report]));
	digest = h.digest('hex');
}
console.log(JSON.stringify({ file: path, rows, cpu_ms: cpu.map((x) => Math.round(x)), digest }));

/** The order ids as strings, from a packed list (since issue 5) or a plain array (before), so digests compare across versions. */
function orderStrings(ids: unknown): string[] {
	if (Array.isArray(ids)) return ids as string[];
	const p = ids as { length: number; chars: ArrayLike<number>; ends: ArrayLike<number> };
	const out: string[] = [];
	for (let k = 0, s = 0; k < p.length; s = p.ends[k], k++) out.push(String.fromCharCode(...Array.from({ length: p.ends[k] - s }, (_, j) => p.chars[s + j])));
	return out;
}
