/** Many short strings (order ids) kept as two typed arrays instead of one JS string each. */

/**
 * Distinct strings packed into one character buffer: value k is the characters
 * chars[ends[k - 1] (0 for k = 0), ends[k]). Order ids are kept so (issue 5): a million of them are
 * two typed arrays to store, load and hold instead of a million strings; the analysis needs only their
 * number (`length`), appends and reports read single values with `packedString`.
 */
export interface PackedStrings {
	length: number;
	/** One byte per character while every character is below U+0100, else two. */
	chars: Uint8Array | Uint16Array;
	ends: Int32Array;
}

/** Value k of a packed list. */
export function packedString(p: PackedStrings, k: number): string {
	const s = k === 0 ? 0 : p.ends[k - 1];
	const e = p.ends[k];
	let out = '';
	for (let i = s; i < e; i += 0x2000) out += String.fromCharCode.apply(null, p.chars.subarray(i, Math.min(e, i + 0x2000)) as unknown as number[]);
	return out;
}

/** Every value of a packed list, as strings. */
export function unpackStrings(p: PackedStrings): string[] {
	const out = new Array<string>(p.length);
	for (let k = 0; k < p.length; k++) out[k] = packedString(p, k);
	return out;
}

/** A packed list of the given strings (kept in order; duplicates are not merged). */
export function packStrings(values: readonly string[]): PackedStrings {
	let total = 0;
	let wide = false;
	for (const v of values) {
		total += v.length;
		if (!wide) for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) > 0xff) wide = true;
	}
	const chars = wide ? new Uint16Array(total) : new Uint8Array(total);
	const ends = new Int32Array(values.length);
	let at = 0;
	values.forEach((v, k) => {
		for (let i = 0; i < v.length; i++) chars[at++] = v.charCodeAt(i);
		ends[k] = at;
	});
	return { length: values.length, chars, ends };
}

/** Values [from, to) of a packed list, in buffers of their own. */
export function slicePacked(p: PackedStrings, from: number, to: number): PackedStrings {
	const a = Math.max(0, Math.min(from, p.length));
	const b = Math.max(a, Math.min(to, p.length));
	const s = a === 0 ? 0 : p.ends[a - 1];
	const ends = p.ends.slice(a, b);
	for (let k = 0; k < ends.length; k++) ends[k] -= s;
	return { length: b - a, chars: p.chars.slice(s, b === 0 ? 0 : p.ends[b - 1]), ends };
}

/** The values of several packed lists, one after another, as one packed list. */
export function concatPacked(parts: readonly PackedStrings[]): PackedStrings {
	if (parts.length === 1) return parts[0];
	let length = 0;
	let chars = 0;
	let wide = false;
	for (const p of parts) {
		length += p.length;
		chars += p.length === 0 ? 0 : p.ends[p.length - 1];
		if (p.chars instanceof Uint16Array) wide = true;
	}
	const out: PackedStrings = { length, chars: wide ? new Uint16Array(chars) : new Uint8Array(chars), ends: new Int32Array(length) };
	let k = 0;
	let at = 0;
	for (const p of parts) {
		const n = p.length === 0 ? 0 : p.ends[p.length - 1];
		out.chars.set(p.chars.subarray(0, n), at);
		for (let i = 0; i < p.length; i++) out.ends[k + i] = p.ends[i] + at;
		k += p.length;
		at += n;
	}
	return out;
}

/** A packed list with no value. */
export function emptyPacked(): PackedStrings {
	return { length: 0, chars: new Uint8Array(0), ends: new Int32Array(0) };
}

/** The values `indexes` of a packed list, in that order. */
export function pickStrings(p: PackedStrings, indexes: Int32Array): PackedStrings {
	let total = 0;
	for (const k of indexes) total += p.ends[k] - (k === 0 ? 0 : p.ends[k - 1]);
	const chars = p.chars instanceof Uint16Array ? new Uint16Array(total) : new Uint8Array(total);
	const ends = new Int32Array(indexes.length);
	let at = 0;
	indexes.forEach((k, i) => {
		const s = k === 0 ? 0 : p.ends[k - 1];
		chars.set(p.chars.subarray(s, p.ends[k]), at);
		at += p.ends[k] - s;
		ends[i] = at;
	});
	return { length: indexes.length, chars, ends };
}
