import type { PackedStrings } from '../packed-strings';

/**
 * Interning of id values (customer ids, order ids, dimension values) into dense indexes, keyed by a
 * 32-bit hash the importer already computed while hashing the record for duplicate detection: open
 * addressing over one typed array of (index + 1, hash) pairs, so a probe reads one cache line, and the
 * value compared only when the hashes are equal. Replaces a Map<string, number> whose every look-up of
 * a freshly cut string hashes it once more. Subclasses keep the values (as strings, or packed).
 */
abstract class SlotTable {
	/**
	 * Per slot `stride` words: (index + 1 of the value | inline code << 27, its hash[, 8 characters]). With
	 * stride 4 a value of at most 8 characters below U+0100 is kept in the slot itself (code = length + 1),
	 * so finding it reads one cache line instead of three (the slot, the value list, the string).
	 */
	private slots: Int32Array;
	protected count = 0;

	/** `expected`: about how many values will come (sizes the table once instead of growing it step by step). */
	constructor(
		private readonly stride: 2 | 4,
		expected = 0
	) {
		let n = 1 << 10;
		while (n < expected * 2 && n < 1 << 26) n *= 2;
		this.slots = new Int32Array(stride * n);
	}

	/** Value k equals src[a, b). */
	protected abstract equals(k: number, src: string, a: number, b: number): boolean;
	/** Keeps src[a, b) as value k (the next one). */
	protected abstract store(k: number, src: string, a: number, b: number): void;

	/**
	 * The index of the value src[a, b) (whose hash is `h`), adding it when new; the value is compared
	 * character by character, so nothing is cut from `src` unless it is new.
	 */
	internRange(src: string, a: number, b: number, h: number): number {
		const slots = this.slots;
		const stride = this.stride;
		const mask = slots.length / stride - 1;
		let i = (h ^ (h >>> 15)) & mask;
		for (;;) {
			const at = i * stride;
			const v = slots[at];
			if (v === 0) break;
			if (slots[at + 1] === h) {
				const code = v >>> 27;
				const k = (v & INDEX_MASK) - 1;
				if (code !== 0 ? inlineEquals(slots, at, code - 1, src, a, b) : this.equals(k, src, a, b)) return k;
			}
			i = (i + 1) & mask;
		}
		const k = this.count++;
		if (k + 1 > INDEX_MASK) throw new Error('Too many distinct values in one column.');
		this.store(k, src, a, b);
		const at = i * stride;
		slots[at] = (k + 1) | (stride === 4 ? inline(slots, at, src, a, b) << 27 : 0);
		slots[at + 1] = h;
		if (this.count * 2 * stride > slots.length) this.rehash();
		return k;
	}

	/**
	 * Reads the slot a value with hash `h` would start probing at (and, when taken, what it points to), so
	 * the memory it needs is on its way while the caller does other work; returns something of it so the
	 * read is not optimised away. Interning right after finds it in the cache: on a million-row file the
	 * record's table look-ups then wait for memory together, not in turn.
	 */
	touch(h: number): number {
		const slots = this.slots;
		const v = slots[((h ^ (h >>> 15)) & (slots.length / this.stride - 1)) * this.stride];
		return v === 0 || v >>> 27 !== 0 ? v : this.peek((v & INDEX_MASK) - 1);
	}

	/** Reads something of value k (see `touch`). */
	protected abstract peek(k: number): number;

	private rehash(): void {
		const old = this.slots;
		const stride = this.stride;
		const slots = new Int32Array(old.length * 2);
		const mask = slots.length / stride - 1;
		for (let j = 0; j < old.length; j += stride) {
			if (old[j] === 0) continue;
			const h = old[j + 1];
			let i = (h ^ (h >>> 15)) & mask;
			while (slots[i * stride] !== 0) i = (i + 1) & mask;
			for (let w = 0; w < stride; w++) slots[i * stride + w] = old[j + w];
		}
		this.slots = slots;
	}
}

/** The index + 1 bits of a slot's first word (the inline code is above them). */
const INDEX_MASK = (1 << 27) - 1;

/** Writes src[a, b) into words 2 and 3 of the slot at `at` when it fits (≤ 8 characters below U+0100); its code (length + 1, or 0). */
function inline(slots: Int32Array, at: number, src: string, a: number, b: number): number {
	const n = b - a;
	if (n > 8) return 0;
	let x = 0;
	let y = 0;
	for (let j = 0; j < n; j++) {
		const c = src.charCodeAt(a + j);
		if (c > 0xff) return 0;
		if (j < 4) x |= c << (8 * j);
		else y |= c << (8 * (j - 4));
	}
	slots[at + 2] = x;
	slots[at + 3] = y;
	return n + 1;
}

/** The value kept in the slot at `at` (n characters) equals src[a, b). */
function inlineEquals(slots: Int32Array, at: number, n: number, src: string, a: number, b: number): boolean {
	if (b - a !== n) return false;
	const x = slots[at + 2];
	const y = slots[at + 3];
	for (let j = 0; j < n; j++) {
		const c = j < 4 ? (x >>> (8 * j)) & 0xff : (y >>> (8 * (j - 4))) & 0xff;
		if (c !== src.charCodeAt(a + j)) return false;
	}
	return true;
}

/** Interned values kept as strings (customer ids and dimension values: the analysis shows them). */
export class IdTable extends SlotTable {
	/** The distinct values, in order of first appearance. */
	readonly values: string[] = [];

	/** `own` makes the string kept of a new value (e.g. a copy that does not pin the piece it was cut from). */
	constructor(
		private readonly own: (s: string) => string = (s) => s,
		expected = 0
	) {
		super(4, expected);
	}

	protected equals(k: number, src: string, a: number, b: number): boolean {
		const s = this.values[k];
		const n = b - a;
		if (s.length !== n) return false;
		for (let j = 0; j < n; j++) if (s.charCodeAt(j) !== src.charCodeAt(a + j)) return false;
		return true;
	}

	protected store(_k: number, src: string, a: number, b: number): void {
		this.values.push(this.own(src.slice(a, b)));
	}

	protected peek(k: number): number {
		return this.values[k].length;
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
 * Interned values kept packed (PackedStrings: order ids): compared with the packed characters, a new
 * value's characters copied in, no string made.
 */
export class PackedIdTable extends SlotTable {
	private ends: Int32Array;
	private chars: Uint8Array | Uint16Array;
	private used = 0;

	/** `expected`: about how many values, and how many characters in all, will come. */
	constructor(expected = 0, expectedChars = 0) {
		super(2, expected);
		this.ends = new Int32Array(Math.max(1 << 10, expected));
		this.chars = new Uint8Array(Math.max(1 << 14, expectedChars));
	}

	get length(): number {
		return this.count;
	}

	protected equals(k: number, src: string, a: number, b: number): boolean {
		const e = this.ends[k];
		const s = k === 0 ? 0 : this.ends[k - 1];
		const n = b - a;
		if (e - s !== n) return false;
		const chars = this.chars;
		for (let j = 0; j < n; j++) if (chars[s + j] !== src.charCodeAt(a + j)) return false;
		return true;
	}

	protected store(k: number, src: string, a: number, b: number): void {
		const n = b - a;
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
		if (k === this.ends.length) this.ends = growI32(this.ends, k * 2);
		this.ends[k] = this.used;
	}

	protected peek(k: number): number {
		const e = this.ends[k];
		return e > 0 ? this.chars[e - 1] : 0;
	}

	private growChars(need: number): void {
		let cap = this.chars.length * 2;
		while (cap < need) cap *= 2;
		const next = this.chars instanceof Uint8Array ? new Uint8Array(cap) : new Uint16Array(cap);
		next.set(this.chars.subarray(0, this.used));
		this.chars = next;
	}

	/** The values so far, in buffers of their own exact size. */
	packed(): PackedStrings {
		return { length: this.count, chars: this.chars.slice(0, this.used), ends: this.ends.slice(0, this.count) };
	}
}
