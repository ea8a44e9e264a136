// The importer's id interning (src/lib/core/import/id-table.ts): dense indexes in order of first
// appearance, equal to what a Map<string, number> gives, also when different strings share a hash;
// order ids packed into typed arrays (src/lib/core/packed-strings.ts) read back as the same strings.
import { describe, expect, it } from 'vitest';
import { fieldHash, IdTable, PackedIdTable } from '../../../src/lib/core/import/id-table';
import { packStrings, packedString, unpackStrings } from '../../../src/lib/core/packed-strings';
import { mulberry32 } from '../core/make-data';

/** Interns `s` as a range inside a longer text, as the importer does with a decoded piece. */
function internIn(t: IdTable | PackedIdTable, s: string, h = fieldHash(s)): number {
	const text = `x,${s},y`;
	return t.internRange(text, 2, 2 + s.length, h);
}

describe('IdTable', () => {
	it('interns like a Map, across rehashes', () => {
		const t = new IdTable();
		const m = new Map<string, number>();
		for (let i = 0; i < 20_000; i++) {
			const s = `c${(i * 7919) % 5003}`;
			if (!m.has(s)) m.set(s, m.size);
			expect(internIn(t, s)).toBe(m.get(s));
		}
		expect(t.values).toEqual([...m.keys()]);
	});

	it('tells apart different strings with the same hash, and strings of different lengths', () => {
		const t = new IdTable();
		expect(internIn(t, 'a', 42)).toBe(0);
		expect(internIn(t, 'b', 42)).toBe(1);
		expect(internIn(t, 'ab', 42)).toBe(2);
		expect(internIn(t, 'a', 42)).toBe(0);
		expect(internIn(t, 'b', 42)).toBe(1);
		expect(t.values).toEqual(['a', 'b', 'ab']);
	});

	it('keeps short values in the slot and long or wide ones in the list, and tells them all apart under one hash', () => {
		const t = new IdTable();
		// ≤ 8 characters below U+0100 live in the slot (bytes ≥ 0x80 included); 9 characters, or a wider one, do not
		const ids = ['', 'x', 'C0000134', 'C0000135', 'ÿé€x', 'ÿéüx', 'C00001345', 'C00001346', 'مشتری۱', 'é'.repeat(8), 'é'.repeat(7)];
		const got = ids.map((s) => internIn(t, s, 7));
		expect(got).toEqual(ids.map((_, i) => i));
		// again, in another order: the same indexes
		for (const i of [10, 3, 7, 0, 8, 5, 1, 9, 2, 6, 4]) expect(internIn(t, ids[i], 7)).toBe(i);
		expect(t.values).toEqual(ids);
	});

	it('hashes a range like the string it stands for', () => {
		expect(fieldHash('xx,abc,yy', 3, 6)).toBe(fieldHash('abc'));
	});
});

describe('PackedIdTable and packed strings', () => {
	it('interns like a Map across rehashes and reads every value back', () => {
		const t = new PackedIdTable();
		const m = new Map<string, number>();
		for (let i = 0; i < 20_000; i++) {
			const s = `O${(i * 7919) % 6007}`;
			if (!m.has(s)) m.set(s, m.size);
			expect(internIn(t, s)).toBe(m.get(s));
		}
		const p = t.packed();
		expect(p.length).toBe(m.size);
		expect(unpackStrings(p)).toEqual([...m.keys()]);
	});

	it('tells apart same-hash values and keeps empty ones', () => {
		const t = new PackedIdTable();
		expect(internIn(t, 'ab', 7)).toBe(0);
		expect(internIn(t, 'ba', 7)).toBe(1);
		expect(internIn(t, 'a', 7)).toBe(2);
		expect(internIn(t, 'ba', 7)).toBe(1);
		expect(unpackStrings(t.packed())).toEqual(['ab', 'ba', 'a']);
	});

	it('switches to two bytes per character when a value needs it, keeping the earlier ones', () => {
		const t = new PackedIdTable();
		const ids = ['A-1', 'é-2', 'سفارش-۳', 'Заказ 4', 'A-1'];
		const got = ids.map((s) => internIn(t, s));
		expect(got).toEqual([0, 1, 2, 3, 0]);
		const p = t.packed();
		expect(p.chars).toBeInstanceOf(Uint16Array);
		expect(unpackStrings(p)).toEqual(['A-1', 'é-2', 'سفارش-۳', 'Заказ 4']);
	});

	it('packs and unpacks plain lists (one byte per character when Latin-1 suffices)', () => {
		const latin = packStrings(['', 'C536379', 'ü']);
		expect(latin.chars).toBeInstanceOf(Uint8Array);
		expect(Array.from(latin.ends)).toEqual([0, 7, 8]);
		expect(packedString(latin, 1)).toBe('C536379');
		expect(unpackStrings(latin)).toEqual(['', 'C536379', 'ü']);
		const wide = packStrings(['۱۲۳', 'x']);
		expect(wide.chars).toBeInstanceOf(Uint16Array);
		expect(unpackStrings(wide)).toEqual(['۱۲۳', 'x']);
		const long = 'z'.repeat(20_000);
		expect(packedString(packStrings([long]), 0)).toBe(long);
	});
});

// Ids of the table's first value's shape (text, a run of 1–9 digits, text) are found by their number in
// an array; everything else, and everything once the numbers spread too thinly, goes through the slots.
// Whatever path a value takes, the indexes must be the ones a Map gives, and the values read back intact.
describe.each([
	['IdTable', () => new IdTable(), (t: IdTable | PackedIdTable) => (t as IdTable).values],
	['PackedIdTable', () => new PackedIdTable(), (t: IdTable | PackedIdTable) => unpackStrings((t as PackedIdTable).packed())]
] as const)('%s with numeric ids', (_name, make, valuesOf) => {
	/** Interns every id, checking each index against a Map's, then the values kept. */
	function sameAsMap(ids: string[]): IdTable | PackedIdTable {
		const t = make();
		const m = new Map<string, number>();
		ids.forEach((s, i) => {
			if (!m.has(s)) m.set(s, m.size);
			const got = internIn(t, s);
			if (got !== m.get(s)) throw new Error(`id ${i} (${s}): index ${got}, a Map gives ${m.get(s)}`);
		});
		expect(valuesOf(t)).toEqual([...m.keys()]);
		return t;
	}
	const pad = (n: number, w: number) => String(n).padStart(w, '0');

	it('invoice numbers in order, each repeated over its lines', () => {
		const ids: string[] = [];
		for (let n = 536365; n < 536365 + 30_000; n++) for (let r = 0; r < 1 + (n % 4); r++) ids.push(String(n));
		sameAsMap(ids);
	});

	it('customer numbers in random order from a compact range, with a prefix, leading zeros and a suffix', () => {
		const rnd = mulberry32(7);
		sameAsMap(Array.from({ length: 60_000 }, () => `C${pad(Math.floor(rnd() * 20_000), 7)}`));
		sameAsMap(Array.from({ length: 60_000 }, () => `${12346 + Math.floor(rnd() * 5000)}.0`));
	});

	it('numbers that come in falling order (the array grows downwards)', () => {
		const ids: string[] = [];
		for (let n = 200_000; n > 100_000; n -= 3) ids.push(`O${pad(n, 8)}`, `O${pad(n + 1, 8)}`);
		sameAsMap(ids);
	});

	it('tells apart ids of another shape that read as the same number', () => {
		// the shape is O + 3 digits; O01, O0001, X001, O001x, o001 and 001 are other ids, not number 1
		const t = sameAsMap(['O001', 'O01', 'O0001', 'X001', 'O001x', 'o001', '001', 'O002', 'O001', 'O01', 'O999', 'O000', '']);
		expect(valuesOf(t)).toEqual(['O001', 'O01', 'O0001', 'X001', 'O001x', 'o001', '001', 'O002', 'O999', 'O000', '']);
		// the same length, the same digits, another text after them (the shape is digits + '.0')
		const u = sameAsMap(['17850.0', '17850.5', '17851.0', '17850.0', '17850.5', '17850,0']);
		expect(valuesOf(u)).toEqual(['17850.0', '17850.5', '17851.0', '17850,0']);
	});

	it('keeps every index when the numbers spread too thinly and the values move into the slots', () => {
		const rnd = mulberry32(11);
		const ids: string[] = [];
		for (let n = 1; n <= 5000; n++) ids.push(`O${pad(n, 9)}`);
		ids.push('O999999999', 'O500000000'); // far apart: the array is given up
		for (let i = 0; i < 20_000; i++) ids.push(`O${pad(1 + Math.floor(rnd() * 5000), 9)}`, `O${pad(Math.floor(rnd() * 1e9), 9)}`);
		sameAsMap(ids);
	});

	it('a first value without a usable run of digits leaves every id to the slots', () => {
		const rnd = mulberry32(3);
		for (const first of ['abc', '1234567890', '']) {
			sameAsMap([first, ...Array.from({ length: 5000 }, () => String(Math.floor(rnd() * 3000)))]);
		}
	});
});
