/**
 * Self time per function of V8 .cpuprofile files (node --cpu-prof or DevTools), summed over the files
 * given, top 25: `node top-functions.mjs FILE... [--top N]` (node --cpu-prof writes one file per
 * thread, so a glob may name several; the idle ones add only "(idle)").
 */
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
const files = args.filter((a, i) => a !== '--top' && i !== topAt + 1);
const self = new Map();
let total = 0;
for (const file of files) {
	const prof = JSON.parse(readFileSync(file, 'utf8'));
	const byId = new Map(prof.nodes.map((n) => [n.id, n]));
	const dt = prof.timeDeltas;
	for (let i = 0; i < prof.samples.length; i++) {
		const f = byId.get(prof.samples[i]).callFrame;
		const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
		const d = (dt[i] ?? 0) / 1000;
		self.set(key, (self.get(key) ?? 0) + d);
		total += d;
	}
}
for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${v.toFixed(0).padStart(6)} ms ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
console.log(`${total.toFixed(0).padStart(6)} ms total`);
