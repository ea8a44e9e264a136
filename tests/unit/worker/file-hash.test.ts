// The file hash that notices a file imported twice, now computed beside the import (file-hash.ts) rather
// than inside its reading loop: it must give the digest that hashing every decoded chunk inline gave
// (datasets stored by earlier versions carry that one), see a .gz file as its plain bytes, and stop.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ByteHasher } from '../../../src/lib/core/hash';
import { hashFile } from '../../../src/lib/worker/file-bytes';
import { startFileHash } from '../../../src/lib/worker/file-hash';

// ~2.4 MB: several stream chunks, so the digest is carried across reads
const text = Array.from({ length: 60_000 }, (_, i) => `C${i % 977},${i},2024-0${(i % 9) + 1}-1${i % 10},${(i % 300) / 7}\n`).join('');
const plain = new TextEncoder().encode(text);

function inlineDigest(bytes: Uint8Array): string {
	// the old import's way: update per piece as it arrived; the split must not matter
	const h = new ByteHasher();
	for (let o = 0; o < bytes.length; o += 65_536) h.update(bytes.subarray(o, o + 65_536));
	return h.digest();
}

describe('hashFile', () => {
	it('gives the digest of the whole decoded bytes, byte count included', async () => {
		const expected = inlineDigest(plain);
		expect(expected.endsWith(`-${plain.length}`)).toBe(true);
		expect(await hashFile(new Blob([plain]))).toBe(expected);
	});

	it('hashes a gzip file as its decompressed bytes, so the .gz and the .csv are the same file', async () => {
		const gz = new Blob([new Uint8Array(gzipSync(plain))]);
		expect(gz.size).toBeLessThan(plain.length);
		expect(await hashFile(gz)).toBe(inlineDigest(plain));
	});

	it('tells files apart that differ in one byte', async () => {
		const other = plain.slice();
		other[plain.length >> 1] ^= 1;
		expect(await hashFile(new Blob([other]))).not.toBe(await hashFile(new Blob([plain])));
	});

	it('returns null once told to stop', async () => {
		let reads = 0;
		expect(await hashFile(new Blob([plain]), () => ++reads > 1)).toBeNull();
	});
});

describe('startFileHash (no Worker in Node: hashes in this thread)', () => {
	it('settles with the same digest', async () => {
		expect(typeof Worker).toBe('undefined');
		const h = startFileHash(new Blob([plain]));
		expect(await h.digest).toBe(inlineDigest(plain));
	});

	it('settles with null when stopped before it ends', async () => {
		const h = startFileHash(new Blob([plain]));
		h.stop();
		expect(await h.digest).toBeNull();
	});
});
