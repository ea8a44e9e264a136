import type { PackedStrings } from '../packed-strings';

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

	/**
	 * The index of `src.slice(a, b)` (whose hash is `h`), compared character by character, so no string
	 * is cut unless the value is new (then `own` of the slice is stored).
	 */
	internRange(src: string, a: number, b: number, h: number, own: (s: string) => string): number {
		const slots = this.slots;
		const hashes = this.hashes;
		const values = this.values;
		const mask = slots.length - 1;
		const n = b - a;
		let i = (h ^ (h >>> 15)) & mask;
		probe: for (;;) {
			const v = slots[i];
			if (v === 0) break;
			const k = v - 1;
			if (hashes[k] === h) {
				const s = values[k];
				if (s.length === n) {
					for (let j = 0; j < n; j++) if (s.charCodeAt(j) !== src.charCodeAt(a + j)) {
						i = (i + 1) & mask;
						continue probe;
					}
					return k;
				}
			}
			i = (i + 1) & mask;
		}
		const k = values.length;
		values.push(own(src.slice(a, b)));
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

/** The per-field hash the importer computes in its duplicate-detection loop (FNV-1a, 32 bits), of s[a, b). */
export function fieldHash(s: string, a = 0, b = s.length): number {
	let h = 0x811c9dc5;
	for (let i = a; i < b; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	return h | 0;
}

/**
 * IdTable for values kept packed (PackedStrings): the same open addressing over the fields' hashes,
 * values compared with the packed characters, a new value's characters copied in (no string made).
 */
export class PackedIdTable {
	private slots = new Int32Array(1 << 10);
	private hashes = new Int32Array(1 << 10);
	private ends = new Int32Array(1 << 10);
	private chars: Uint8Array | Uint16Array = new Uint8Array(1 << 14);
	private used = 0;
	private count = 0;

	get length(): number {
		return this.count;
	}

	/** The index of `src.slice(a, b)` (whose hash is `h`), adding its characters when new. */
	internRange(src: string, a: number, b: number, h: number): number {
		const slots = this.slots;
		const hashes = this.hashes;
		const ends = this.ends;
		const chars = this.chars;
		const mask = slots.length - 1;
		const n = b - a;
		let i = (h ^ (h >>> 15)) & mask;
		probe: for (;;) {
			const v = slots[i];
			if (v === 0) break;
			const k = v - 1;
			if (hashes[k] === h) {
				const e = ends[k];
				const s = k === 0 ? 0 : ends[k - 1];
				if (e - s === n) {
					for (let j = 0; j < n; j++)
						if (chars[s + j] !== src.charCodeAt(a + j)) {
							i = (i + 1) & mask;
							continue probe;
						}
					return k;
				}
			}
			i = (i + 1) & mask;
		}
		const k = this.count++;
		if (this.used + n > this.chars.length) this.growChars(this.used + n);
		let out = this.chars;
		for (let j = 0; j < n; j++) {
			const c = src.charCodeAt(a + j);
			if (c > 0xff && out instanceof Uint8Array) {
				const wide = new Uint16Array(out.length);
				wide.set(out);
				this.chars = out = wide;
			}
			out[this.used + j] = c;
		}
		this.used += n;
		if (k === this.hashes.length) {
			this.hashes = growI32(this.hashes, k * 2);
			this.ends = growI32(this.ends, k * 2);
		}
		this.hashes[k] = h;
		this.ends[k] = this.used;
		slots[i] = k + 1;
		if ((k + 1) * 2 > slots.length) this.rehash();
		return k;
	}

	private growChars(need: number): void {
		let cap = this.chars.length * 2;
		while (cap < need) cap *= 2;
		const next = this.chars instanceof Uint8Array ? new Uint8Array(cap) : new Uint16Array(cap);
		next.set(this.chars.subarray(0, this.used));
		this.chars = next;
	}

	private rehash(): void {
		const cap = this.slots.length * 2;
		const slots = new Int32Array(cap);
		const mask = cap - 1;
		const hashes = this.hashes;
		for (let k = 0; k < this.count; k++) {
			const h = hashes[k];
			let i = (h ^ (h >>> 15)) & mask;
			while (slots[i] !== 0) i = (i + 1) & mask;
			slots[i] = k + 1;
		}
		this.slots = slots;
	}

	/** The values so far, in buffers of their own exact size. */
	packed(): PackedStrings {
		return { length: this.count, chars: this.chars.slice(0, this.used), ends: this.ends.slice(0, this.count) };
	}
}
