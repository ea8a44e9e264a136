// The importer's id interning (src/lib/core/import/id-table.ts): dense indexes in order of first
// appearance, equal to what a Map<string, number> gives, also when different strings share a hash.
import { describe, expect, it } from 'vitest';
import { fieldHash, IdTable } from '../../../src/lib/core/import/id-table';

const own = (s: string) => s;

describe('IdTable', () => {
	it('interns like a Map, across rehashes', () => {
		const t = new IdTable();
		const m = new Map<string, number>();
		for (let i = 0; i < 20_000; i++) {
			const s = `c${(i * 7919) % 5003}`;
			if (!m.has(s)) m.set(s, m.size);
			expect(t.intern(s, fieldHash(s), own)).toBe(m.get(s));
		}
		expect(t.values).toEqual([...m.keys()]);
	});

	it('tells apart different strings with the same hash', () => {
		const t = new IdTable();
		expect(t.intern('a', 42, own)).toBe(0);
		expect(t.intern('b', 42, own)).toBe(1);
		expect(t.intern('a', 42, own)).toBe(0);
		expect(t.intern('b', 42, own)).toBe(1);
		expect(t.values).toEqual(['a', 'b']);
	});
});
