import { packedString, type PackedStrings } from '../packed-strings';
import { growI32, release } from '../memory';

/**
 * Interning of id values (customer ids, order ids, dimension values) into dense indexes, keyed by a
 * 32-bit hash the importer already computed while hashing the record for duplicate detection: open
 * addressing over one typed array of (index + 1, hash) pairs, so a probe reads one cache line, and the
 * value compared only when the hashes are equal. Replaces a Map<string, number> whose every look-up of
 * a freshly cut string hashes it once more. Subclasses keep the values (as strings, or packed).
 */
abstract class SlotTable {
	/** Values of the table's numeric shape, indexed by their number (see `DenseIds`); null once given up or when the first value has none. */
	private dense: DenseIds | null = null;
	/** The first value has been seen (the numeric shape is decided then, once). */
	private shaped = false;
	/** Values in the slots (the rest are in `dense`). */
	private inSlots = 0;
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
		if (!this.shaped) {
			this.shaped = true;
			this.dense = DenseIds.of(src, a, b);
		}
		const dense = this.dense;
		if (dense !== null) {
			const v = dense.numberOf(src, a, b);
			if (v >= 0) {
				const k = dense.get(v);
				if (k >= 0) return k;
				if (dense.room(v, this.count + 1)) {
					const n = this.newValue(src, a, b);
					dense.set(v, n);
					return n;
				}
				this.leaveDense();
			}
		}
		return this.internHashed(src, a, b, h);
	}

	/** Numbers value k and keeps it. */
	private newValue(src: string, a: number, b: number): number {
		const k = this.count++;
		if (k + 1 > INDEX_MASK) throw new Error('Too many distinct values in one column.');
		this.store(k, src, a, b);
		return k;
	}

	/** internRange through the slots. */
	private internHashed(src: string, a: number, b: number, h: number): number {
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
		const k = this.newValue(src, a, b);
		this.place(i, k, src, a, b, h);
		return k;
	}

	/** Puts value k (src[a, b), hash h) into the free slot i. */
	private place(i: number, k: number, src: string, a: number, b: number, h: number): void {
		const slots = this.slots;
		const stride = this.stride;
		const at = i * stride;
		slots[at] = (k + 1) | (stride === 4 ? inline(slots, at, src, a, b) << 27 : 0);
		slots[at + 1] = h;
		if (++this.inSlots * 2 * stride > slots.length) this.rehash();
	}

	/** The numbers spread too thinly for an array: every value kept there moves into the slots. */
	private leaveDense(): void {
		const dense = this.dense as DenseIds;
		this.dense = null;
		dense.forEach((k) => {
			const text = this.text(k);
			const h = fieldHash(text);
			const slots = this.slots;
			const stride = this.stride;
			const mask = slots.length / stride - 1;
			let i = (h ^ (h >>> 15)) & mask;
			while (slots[i * stride] !== 0) i = (i + 1) & mask;
			this.place(i, k, text, 0, text.length, h);
		});
	}

	/** Value k as a string (only when values leave the dense array). */
	protected abstract text(k: number): string;

	/**
	 * Reads the slot a value with hash `h` would start probing at (and, when taken, what it points to), so
	 * the memory it needs is on its way while the caller does other work; returns something of it so the
	 * read is not optimised away. Interning right after finds it in the cache: on a million-row file the
	 * record's table look-ups then wait for memory together, not in turn.
	 */
	touch(h: number): number {
		// a table of numeric ids finds most of them in its array, whose reads are mostly near each other
		if (this.dense !== null) return 0;
		const slots = this.slots;
		const v = slots[((h ^ (h >>> 15)) & (slots.length / this.stride - 1)) * this.stride];
		return v === 0 || v >>> 27 !== 0 ? v : this.peek((v & INDEX_MASK) - 1);
	}

	/** Reads something of value k (see `touch`). */
	protected abstract peek(k: number): number;

	/**
	 * Room for about `values` values in all: the slots sized for them now, while few are kept (rehashing a
	 * table of millions of slots late in an import is a pause without progress). Values found by number
	 * (`dense`) need no slots.
	 */
	protected reserveSlots(values: number): void {
		if (this.dense !== null) return;
		let n = this.slots.length / this.stride;
		while (n < values * 2 && n < 1 << 26) n *= 2;
		if (n * this.stride > this.slots.length) this.rehash(n * this.stride);
	}

	/**
	 * Frees the slots and the number array now (release()): the table finds nothing afterwards, and is
	 * dropped. Subclasses free what else they hold that is not handed out.
	 */
	release(): void {
		release(this.slots);
		this.slots = new Int32Array(this.stride * 2);
		this.dense?.release();
		this.dense = null;
		this.shaped = true;
	}

	private rehash(size = this.slots.length * 2): void {
		const old = this.slots;
		const stride = this.stride;
		const slots = new Int32Array(size);
		const mask = slots.length / stride - 1;
		for (let j = 0; j < old.length; j += stride) {
			if (old[j] === 0) continue;
			const h = old[j + 1];
			let i = (h ^ (h >>> 15)) & mask;
			while (slots[i * stride] !== 0) i = (i + 1) & mask;
			for (let w = 0; w < stride; w++) slots[i * stride + w] = old[j + w];
		}
		this.slots = slots;
		release(old);
	}
}

/** The index + 1 bits of a slot's first word (the inline code is above them). */
const INDEX_MASK = (1 << 27) - 1;

/** Numbers may spread over up to this many times as many places as there are values, plus this many. */
const DENSE_SPREAD = 2;
const DENSE_SLACK = 1 << 16;

/**
 * Ids of one shape, the shape of the table's first value: the same text before and after a run of
 * exactly `width` ASCII digits (1–9), e.g. `O00012345`, `17850.0`, `536365`. Within a shape the number
 * and the text determine each other, so such ids are found by their number in a plain array (index + 1,
 * 0 = none yet): no hash probe, no comparison of characters, and ids that come in order (invoice numbers)
 * or from a compact range (customer numbers) read memory that is near each other instead of one cache
 * miss per row in a table of millions of slots. Ids of another shape go through the slots as before.
 */
class DenseIds {
	private at: Int32Array = new Int32Array(1024);
	/** The number at index 0 of `at`. */
	private base = -1;

	private constructor(
		private readonly prefix: string,
		private readonly width: number,
		private readonly suffix: string
	) {}

	/** The shape of src[a, b), or null when it has no run of 1–9 digits. */
	static of(src: string, a: number, b: number): DenseIds | null {
		let p = a;
		while (p < b && !isDigit(src.charCodeAt(p))) p++;
		let q = p;
		while (q < b && isDigit(src.charCodeAt(q))) q++;
		const width = q - p;
		if (width < 1 || width > 9) return null;
		return new DenseIds(src.slice(a, p), width, src.slice(q, b));
	}

	/** The number of src[a, b) when it has the shape, else -1. */
	numberOf(src: string, a: number, b: number): number {
		const pre = this.prefix;
		const suf = this.suffix;
		const width = this.width;
		if (b - a !== pre.length + width + suf.length) return -1;
		for (let j = 0; j < pre.length; j++) if (src.charCodeAt(a + j) !== pre.charCodeAt(j)) return -1;
		const d = a + pre.length;
		let v = 0;
		for (let j = 0; j < width; j++) {
			const c = src.charCodeAt(d + j) - 48;
			if (c < 0 || c > 9) return -1;
			v = v * 10 + c;
		}
		const e = d + width;
		for (let j = 0; j < suf.length; j++) if (src.charCodeAt(e + j) !== suf.charCodeAt(j)) return -1;
		return v;
	}

	/** The index of number v, or -1. */
	get(v: number): number {
		const i = v - this.base;
		return this.base >= 0 && i >= 0 && i < this.at.length ? this.at[i] - 1 : -1;
	}

	/**
	 * Makes room for number v among `count` values; false when the numbers would then spread over more
	 * than DENSE_SPREAD × count + DENSE_SLACK places (the values then leave for the slots).
	 */
	room(v: number, count: number): boolean {
		const at = this.at;
		if (this.base < 0) {
			this.base = v;
			return true;
		}
		const i = v - this.base;
		if (i >= 0 && i < at.length) return true;
		const lo = Math.min(this.base, v);
		const hi = Math.max(this.base + at.length - 1, v);
		const limit = DENSE_SPREAD * count + DENSE_SLACK;
		if (hi - lo + 1 > limit) return false;
		// grow by doubling (within the limit), the new room on the side v is on
		const size = Math.min(limit, Math.max(hi - lo + 1, at.length * 2));
		const next = new Int32Array(size);
		const base = v < this.base ? Math.max(0, hi - size + 1) : this.base;
		next.set(at, this.base - base);
		release(at);
		this.at = next;
		this.base = base;
		return true;
	}

	release(): void {
		release(this.at);
		this.at = new Int32Array(0);
	}

	/** Number v is value k (after `room`). */
	set(v: number, k: number): void {
		this.at[v - this.base] = k + 1;
	}

	/** Calls `f` with every value kept here. */
	forEach(f: (k: number) => void): void {
		for (const x of this.at) if (x !== 0) f(x - 1);
	}
}

function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

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

	protected text(k: number): string {
		return this.values[k];
	}
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
				release(out);
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

	protected text(k: number): string {
		return packedString({ length: this.count, chars: this.chars, ends: this.ends }, k);
	}

	private growChars(need: number): void {
		let cap = this.chars.length * 2;
		while (cap < need) cap *= 2;
		const next = this.chars instanceof Uint8Array ? new Uint8Array(cap) : new Uint16Array(cap);
		next.set(this.chars.subarray(0, this.used));
		release(this.chars);
		this.chars = next;
	}

	/** Room for about `values` values in all, their characters as long on average as those kept so far. */
	reserve(values: number): void {
		if (values <= this.count) return;
		this.reserveSlots(values);
		if (values > this.ends.length) this.ends = growI32(this.ends, values);
		const chars = this.count > 0 ? Math.ceil((this.used / this.count) * values) : 0;
		if (chars > this.chars.length) {
			const next = this.chars instanceof Uint8Array ? new Uint8Array(chars) : new Uint16Array(chars);
			next.set(this.chars.subarray(0, this.used));
			release(this.chars);
			this.chars = next;
		}
	}

	/** The values so far, in buffers of their own exact size. */
	packed(): PackedStrings {
		return { length: this.count, chars: this.chars.slice(0, this.used), ends: this.ends.slice(0, this.count) };
	}

	/** Frees the characters and ends too (what packed() returned are copies of them). */
	override release(): void {
		super.release();
		release(this.ends, this.chars);
		this.ends = new Int32Array(1);
		this.chars = new Uint8Array(1);
		this.used = 0;
		this.count = 0;
	}
}
