/**
 * Time `computeAnalysis` in Node (issue 5, target 2) and prove its output unchanged:
 *   node --import tsx scripts/bench/profile-analysis.ts FILE [--runs N] [--compare DIR] [--only compare|current]
 *     [--cache FILE] [--granularity G] [--calendar persian] [--as-of YYYY-MM-DD]
 * Imports FILE once with the core importer (or reads OrderData from `--cache`, written on first use,
 * so a run does not depend on the importer), then runs computeAnalysis N times (monthly, W 3, as the
 * bench's analyse_ms) and prints CPU time (process.cpuUsage: user + system, less sensitive to the
 * shared machine's load than wall time), wall time, the load average and a sha256 of
 * JSON.stringify(analysis). With `--compare DIR` (a copy of an older src/lib/core, e.g.
 * `git archive HEAD~3 src/lib/core | tar -x -C /tmp/base`, then DIR = /tmp/base/src/lib/core) the old
 * and the current computeAnalysis run interleaved on the same data and both digests are printed;
 * `--only compare|current` runs one of them (interleaving lets each pollute the other's caches and
 * JIT feedback, so separate processes, alternated, give the cleaner figure).
 * Add `--cpu-prof --cpu-prof-dir=bench/out/prof` to node and summarise with top-functions.mjs.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { computeAnalysis } from '../../src/lib/core/analysis';
import { createImporter, previewBytes } from '../../src/lib/core/import';
import { parseIsoDay } from '../../src/lib/core/calendar';
import { defaultSettings, type CalendarKind, type Granularity, type OrderData } from '../../src/lib/core/types';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const path = args[0];
if (!path || path.startsWith('--')) throw new Error('usage: profile-analysis.ts FILE [--runs N] [--compare DIR] [--cache FILE] [--granularity G]');
const runs = Number(opt('--runs') ?? 5);
const compareDir = opt('--compare');
const cachePath = opt('--cache');
const granularity = (opt('--granularity') ?? 'month') as Granularity;
const only = opt('--only');
const calendar = (opt('--calendar') ?? 'gregorian') as CalendarKind;
const asOfText = opt('--as-of');

async function importFile(file: string): Promise<OrderData> {
	const head = await new Promise<Uint8Array>((res, rej) => {
		const s = createReadStream(file, { start: 0, end: (1 << 20) - 1 });
		const parts: Buffer[] = [];
		s.on('data', (b) => parts.push(b as Buffer));
		s.on('end', () => res(new Uint8Array(Buffer.concat(parts))));
		s.on('error', rej);
	});
	const preview = previewBytes(head, file, {});
	if (!preview.ok) throw new Error(preview.reason);
	const importer = createImporter({ fileName: file, mapping: preview.preview.mapping, options: {} });
	for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) importer.push(new Uint8Array(chunk as Buffer));
	const result = importer.finish();
	if (!result.data) throw new Error('nothing imported');
	return result.data;
}

/** OrderData as one JSON header line + the typed arrays' bytes (8-byte aligned), for --cache. */
function writeCache(file: string, d: OrderData): void {
	const cols = { customer: d.customer, order: d.order, day: d.day, amount: d.amount, flags: d.flags };
	const dims = d.dims.map((x) => ({ name: x.name, values: x.values }));
	const parts: Uint8Array[] = [];
	const layout: Record<string, [number, number]> = {};
	let at = 0;
	const add = (name: string, a: ArrayBufferView) => {
		const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
		layout[name] = [at, bytes.length];
		parts.push(bytes);
		at += bytes.length;
		const pad = (8 - (at % 8)) % 8;
		parts.push(new Uint8Array(pad));
		at += pad;
	};
	for (const [k, v] of Object.entries(cols)) add(k, v);
	d.dims.forEach((x, i) => add(`dim${i}`, x.codes));
	const header = JSON.stringify({
		length: d.length,
		customerIds: d.customerIds,
		orderIds: d.orderIds,
		hasOrderId: d.hasOrderId,
		hasAmount: d.hasAmount,
		dims,
		layout
	});
	const h = Buffer.from(header, 'utf8');
	const len = Buffer.alloc(8);
	len.writeUInt32LE(h.length, 0);
	const pad = Buffer.alloc((8 - ((8 + h.length) % 8)) % 8);
	writeFileSync(file, Buffer.concat([len, h, pad, ...parts]));
}

function readCache(file: string): OrderData {
	const buf = readFileSync(file);
	const hl = buf.readUInt32LE(0);
	const head = JSON.parse(buf.subarray(8, 8 + hl).toString('utf8'));
	const start = 8 + hl + ((8 - ((8 + hl) % 8)) % 8);
	const body = new Uint8Array(buf.length - start);
	body.set(buf.subarray(start));
	const view = <T>(name: string, C: new (b: ArrayBuffer, o: number, l: number) => T, size: number): T => {
		const [o, l] = head.layout[name];
		return new C(body.buffer as ArrayBuffer, o, l / size);
	};
	return {
		length: head.length,
		customer: view('customer', Int32Array, 4),
		order: view('order', Int32Array, 4),
		day: view('day', Int32Array, 4),
		amount: view('amount', Float64Array, 8),
		flags: view('flags', Uint8Array, 1),
		customerIds: head.customerIds,
		orderIds: head.orderIds,
		hasOrderId: head.hasOrderId,
		hasAmount: head.hasAmount,
		dims: head.dims.map((x: { name: string; values: string[] }, i: number) => ({ ...x, codes: view(`dim${i}`, Int32Array, 4) }))
	};
}

let data: OrderData;
if (cachePath && existsSync(cachePath)) data = readCache(cachePath);
else {
	data = await importFile(path);
	if (cachePath) writeCache(cachePath, data);
}

type Compute = typeof computeAnalysis;
const variants: [string, Compute][] = [['current', computeAnalysis]];
if (compareDir) {
	const mod = (await import(pathToFileURL(resolve(compareDir, 'analysis.ts')).href)) as { computeAnalysis: Compute };
	variants.unshift(['compare', mod.computeAnalysis]);
	if (only) variants.splice(0, variants.length, ...variants.filter(([name]) => name === only));
}

const settings = { ...defaultSettings(granularity), calendar, asOf: asOfText ? parseIsoDay(asOfText) : null };
const digest = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 16);
const cpu: Record<string, number[]> = {};
const wall: Record<string, number[]> = {};
const digests: Record<string, string> = {};
const load0 = loadavg()[0];
console.log(`rows ${data.length}, ${granularity}, ${calendar}, W ${settings.window}, as of ${asOfText ?? '—'}, ${runs} runs per variant, load ${load0.toFixed(2)}`);
for (let r = 0; r < runs; r++) {
	for (const [name, compute] of variants) {
		(globalThis as { gc?: () => void }).gc?.();
		const c0 = process.cpuUsage();
		const t0 = performance.now();
		const out = compute(data, settings);
		const t1 = performance.now();
		const c = process.cpuUsage(c0);
		(cpu[name] ??= []).push((c.user + c.system) / 1000);
		(wall[name] ??= []).push(t1 - t0);
		if (r === 0) digests[name] = digest(out);
	}
}
const median = (xs: number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
for (const [name] of variants) {
	console.log(
		`${name.padEnd(8)} cpu median ${median(cpu[name]).toFixed(0)} ms, min ${Math.min(...cpu[name]).toFixed(0)} [${cpu[name].map((x) => x.toFixed(0)).join(', ')}], ` +
			`wall median ${median(wall[name]).toFixed(0)} ms, digest ${digests[name]}`
	);
}
console.log(`load ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}`);
if (variants.length === 2) console.log(digests.compare === digests.current ? 'digests equal' : 'DIGESTS DIFFER');
