// release() frees typed arrays at once (issue 5, target 5: the import's replaced arrays and look-up tables
// no longer stay resident until the next garbage collection).
import { expect, it } from 'vitest';
import { release } from '../../../src/lib/core/memory.ts';

it('detaches each array’s buffer, so its memory goes now and no view of it reads stale values', () => {
	const a = new Int32Array(1 << 16).fill(7);
	const view = a.subarray(10, 20);
	const b = new Float64Array(1000);
	release(a, b, null, undefined);
	expect(a.buffer.byteLength).toBe(0);
	expect(a.length).toBe(0);
	expect(view.length).toBe(0);
	expect(b.length).toBe(0);
});

it('releasing an array twice, or an empty one, is harmless', () => {
	const a = new Uint8Array(16);
	release(a);
	expect(() => release(a, new Uint8Array(0))).not.toThrow();
	expect(a.length).toBe(0);
});
