/**
 * Frees typed arrays' memory now rather than at the next garbage collection. A large import replaces
 * arrays of tens of MB as they grow and drops its look-up tables at its end; left to the collector they
 * stayed resident for seconds beside their replacements, and the renderer's peak was theirs (issue 5,
 * target 5). Each array's buffer is detached (`ArrayBuffer.prototype.transfer(0)`, Chromium 114+, Node 21+),
 * which releases its memory at once; where the platform lacks it this does nothing and the collector frees
 * it as before. The caller must hold no other view of these buffers: every view of a detached buffer reads
 * as empty.
 */
export function release(...arrays: (ArrayBufferView | null | undefined)[]): void {
	for (const a of arrays) {
		const buffer = a?.buffer as (ArrayBuffer & { transfer?: (length: number) => ArrayBuffer; detached?: boolean }) | undefined;
		if (!buffer || typeof buffer.transfer !== 'function' || buffer.detached) continue;
		// a SharedArrayBuffer has no transfer; zero-length buffers have nothing to free
		if (buffer.byteLength > 0) buffer.transfer(0);
	}
}

/** A copy of `a` with room for `n`; `a`'s memory is released (the caller holds no other view of it). */
export function growI32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
	const b = new Int32Array(n);
	b.set(a);
	release(a);
	return b;
}
export function growF64(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
	const b = new Float64Array(n);
	b.set(a);
	release(a);
	return b;
}
export function growU8(a: Uint8Array, n: number): Uint8Array<ArrayBuffer> {
	const b = new Uint8Array(n);
	b.set(a);
	release(a);
	return b;
}
