// The duplicate-row set of the importer: membership of 64-bit (two-lane) hashes, through rehashes,
// including the pair (0, 0) that marks an empty slot inside the table.
import { expect, it } from 'vitest';
import { RowHashSet } from '../../../src/lib/core/import/row-hash-set';

it('answers like a set of pairs: new once, then already present', () => {
	const s = new RowHashSet();
	expect(s.add(0, 0)).toBe(true);
	expect(s.add(0, 0)).toBe(false);
	expect(s.add(0, 1)).toBe(true);
	expect(s.add(1, 0)).toBe(true);
	expect(s.add(0, 1)).toBe(false);
	expect(s.add(1, 0)).toBe(false);
	expect(s.add(-1, -1)).toBe(true);
	expect(s.add(-1, -1)).toBe(false);
	// the same first lane with another second lane is another row
	expect(s.add(-1, 7)).toBe(true);
});

it('keeps every pair across many rehashes (checked against a Set of strings)', () => {
	const s = new RowHashSet();
	const oracle = new Set<string>();
	// small value ranges force equal first lanes, equal slots and long probe runs
	let x = 12345;
	const next = () => (x = (Math.imul(x, 1103515245) + 12345) | 0);
	for (let i = 0; i < 60_000; i++) {
		const a = i % 3 === 0 ? next() : next() % 50;
		const b = i % 5 === 0 ? 0 : next() % 700;
		const key = `${a}|${b}`;
		expect(s.add(a, b)).toBe(!oracle.has(key));
		oracle.add(key);
	}
	expect(oracle.size).toBeGreaterThan(20_000);
	expect(oracle.size).toBeLessThan(60_000);
});
