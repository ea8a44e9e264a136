// Keeps the architecture visible (docs/ARCHITECTURE.md): src/lib/core is pure, only db/ names tables,
// and no user text can reach an HTML sink.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).pathname;

function files(dir: string, ext: RegExp): string[] {
	return readdirSync(dir).flatMap((name) => {
		const p = join(dir, name);
		return statSync(p).isDirectory() ? files(p, ext) : ext.test(name) ? [p] : [];
	});
}

/** Source without comments, so a comment that mentions `window` is not a violation. */
function code(path: string): string {
	return readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('src/lib/core is pure', () => {
	const core = files(join(SRC, 'lib/core'), /\.ts$/);
	it('has modules', () => expect(core.length).toBeGreaterThan(5));
	for (const f of core) {
		it(f.slice(SRC.length), () => {
			const text = code(f);
			expect(text).not.toMatch(/from ['"](svelte|dexie|comlink|d3)[^'"]*['"]/);
			expect(text).not.toMatch(/from ['"][^'"]*\/(db|worker|state|views|charts|ui)\//);
			expect(text).not.toMatch(/\b(document|window|indexedDB|localStorage|navigator|postMessage|self)\s*[.(]/);
			expect(text).not.toMatch(/\bDate\.now\(|new Date\(\)/);
		});
	}
});

describe('storage and HTML sinks', () => {
	it('only src/lib/db names Dexie tables', () => {
		const outside = files(SRC, /\.(ts|svelte)$/).filter((f) => !f.includes('/lib/db/'));
		for (const f of outside) expect(code(f), f).not.toMatch(/\.(datasets|chunks|dictionaries|reports)\.(add|put|get|where|bulk)/);
	});
	it('no {@html}, innerHTML, outerHTML, insertAdjacentHTML, eval or new Function anywhere in src', () => {
		for (const f of files(SRC, /\.(ts|svelte)$/)) {
			expect(code(f), f).not.toMatch(/\{@html|innerHTML|outerHTML|insertAdjacentHTML|\beval\(|new Function\(|\.html\(/);
		}
	});
});
