/** Self time per function of a V8 .cpuprofile (node --cpu-prof or DevTools), top 25: `node top-functions.mjs FILE`. */
import { readFileSync } from 'node:fs';

const prof = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const self = new Map();
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const dt = prof.timeDeltas;
let total = 0;
for (let i = 0; i < prof.samples.length; i++) {
	const n = byId.get(prof.samples[i]);
	const f = n.callFrame;
	const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
	const d = (dt[i] ?? 0) / 1000;
	self.set(key, (self.get(key) ?? 0) + d);
	total += d;
}
const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 25));
for (const [k, v] of top) console.log(`${v.toFixed(0).padStart(6)} ms ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
console.log(`${total.toFixed(0).padStart(6)} ms total`);
