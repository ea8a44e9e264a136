/**
 * Interning of id strings (customer ids, order ids, dimension values) into dense indexes, keyed by a
 * 32-bit hash the importer already computed while hashing the record for duplicate detection: open
 * addressing over typed arrays, strings compared only when the hashes are equal. Replaces a
 * Map<string, number> whose every look-up of a freshly cut string hashes it once more.
 */
export class IdTable {
	/** Index + 1 of the value in each slot (0 = empty). */
	private slots = new Int32Array(1 << 10);
	/** Hash of each value, by index (for probing and rehashing). */
	private hashes = new Int32Array(1 << 10);
	/** The distinct values, in order of first appearance. */
	readonly values: string[] = [];

	/** The index of `s` (whose hash is `h`), adding it (as stored by `own(s)`) when new. */
	intern(s: string, h: number, own: (s: string) => string): number {
		const slots = this.slots;
		const hashes = this.hashes;
		const mask = slots.length - 1;
		let i = (h ^ (h >>> 15)) & mask;
		for (;;) {
			const v = slots[i];
			if (v === 0) break;
			const k = v - 1;
			if (hashes[k] === h && this.values[k] === s) return k;
			i = (i + 1) & mask;
		}
		const k = this.values.length;
		this.values.push(own(s));
		if (k === hashes.length) this.hashes = growI32(hashes, k * 2);
		this.hashes[k] = h;
		slots[i] = k + 1;
		if ((k + 1) * 2 > slots.length) this.rehash();
		return k;
	}

	private rehash(): void {
		const cap = this.slots.length * 2;
		const slots = new Int32Array(cap);
		const mask = cap - 1;
		const hashes = this.hashes;
		for (let k = 0; k < this.values.length; k++) {
			const h = hashes[k];
			let i = (h ^ (h >>> 15)) & mask;
			while (slots[i] !== 0) i = (i + 1) & mask;
			slots[i] = k + 1;
		}
		this.slots = slots;
	}
}

function growI32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
	const b = new Int32Array(n);
	b.set(a);
	return b;
}

/** The per-field hash the importer computes in its duplicate-detection loop (FNV-1a, 32 bits). */
export function fieldHash(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	return h | 0;
}
