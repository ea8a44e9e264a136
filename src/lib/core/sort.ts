/** Sorting helpers for the engine's hot paths (issue 5: analysis time). */

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * An ascending sorted copy of `values`, exactly as `Float64Array.from(values).sort()` orders it
 * (−0 before +0): an LSD radix sort on the IEEE-754 bit patterns (16-bit digits, passes where every
 * value has the same digit skipped), several times faster than the comparison sort at 250k values.
 * Values with a NaN among them go to the built-in sort (NaN's sign bit would misplace it here).
 */
export function sortedFloat64(values: ArrayLike<number>): Float64Array {
	const n = values.length;
	const out = Float64Array.from(values);
	if (n < 256 || !LITTLE_ENDIAN) return out.sort();
	for (let i = 0; i < n; i++) if (out[i] !== out[i]) return out.sort();
	// Order-preserving unsigned keys: negatives with every bit flipped, others with the sign bit set.
	const bits = new Uint32Array(out.buffer); // little-endian: [low, high] per value
	let lo = new Uint32Array(n);
	let hi = new Uint32Array(n);
	for (let i = 0; i < n; i++) {
		const h = bits[2 * i + 1];
		const l = bits[2 * i];
		if (h & 0x80000000) {
			hi[i] = ~h >>> 0;
			lo[i] = ~l >>> 0;
		} else {
			hi[i] = (h | 0x80000000) >>> 0;
			lo[i] = l;
		}
	}
	// The four digits' histograms in one walk (count[d·65537 + digit + 1]).
	const count = new Int32Array(4 * 65537);
	for (let i = 0; i < n; i++) {
		const l = lo[i];
		const h = hi[i];
		count[(l & 0xffff) + 1]++;
		count[65537 + (l >>> 16) + 1]++;
		count[2 * 65537 + (h & 0xffff) + 1]++;
		count[3 * 65537 + (h >>> 16) + 1]++;
	}
	let lo2 = new Uint32Array(n);
	let hi2 = new Uint32Array(n);
	for (let pass = 0; pass < 4; pass++) {
		const base = pass * 65537;
		const shift = pass % 2 === 0 ? 0 : 16;
		const word = pass < 2 ? lo : hi;
		if (count[base + ((word[0] >>> shift) & 0xffff) + 1] === n) continue; // one digit for all
		for (let d = 0; d < 65536; d++) count[base + d + 1] += count[base + d];
		for (let i = 0; i < n; i++) {
			const w = pass < 2 ? lo[i] : hi[i];
			const at = count[base + ((w >>> shift) & 0xffff)]++;
			lo2[at] = lo[i];
			hi2[at] = hi[i];
		}
		[lo, lo2] = [lo2, lo];
		[hi, hi2] = [hi2, hi];
	}
	for (let i = 0; i < n; i++) {
		const h = hi[i];
		if (h & 0x80000000) {
			bits[2 * i + 1] = (h & 0x7fffffff) >>> 0;
			bits[2 * i] = lo[i];
		} else {
			bits[2 * i + 1] = ~h >>> 0;
			bits[2 * i] = ~lo[i] >>> 0;
		}
	}
	return out;
}
