/**
 * A picked file's bytes as the worker reads them: gzip detected by its magic number and decompressed on
 * the fly, so an import, its preview and its file hash all see the same decoded bytes.
 */
import { ByteHasher } from '../core/hash';
import { isGzipHead } from '../core/import/detect';

export async function isGzip(file: Blob): Promise<boolean> {
	return isGzipHead(new Uint8Array(await file.slice(0, 2).arrayBuffer()));
}

/**
 * The decompressed size a gzip file declares (ISIZE: its last 4 bytes, modulo 4 GiB), or null when it
 * cannot be this file's (then the import's progress follows the compressed bytes read, which run ahead
 * of the parsing by whole chunks: 1.5 s without a move on the Online Retail file).
 */
export async function gzipPlainSize(file: Blob): Promise<number | null> {
	if (file.size < 18) return null;
	const t = new Uint8Array(await file.slice(file.size - 4).arrayBuffer());
	const n = t[0] + t[1] * 2 ** 8 + t[2] * 2 ** 16 + t[3] * 2 ** 24;
	return n >= file.size ? n : null;
}

/**
 * The file's decoded bytes as a stream (gzip decompressed), counting raw bytes read. `gzip`: what
 * isGzip() already said about this file (each check is a read round trip, ~tens of ms at an import's start).
 */
export async function openBytes(file: Blob, onRaw: (n: number) => void, gzip?: boolean): Promise<ReadableStream<Uint8Array>> {
	let raw = 0;
	const counter = new TransformStream<Uint8Array, Uint8Array>({
		transform(chunk, ctl) {
			raw += chunk.byteLength;
			onRaw(raw);
			ctl.enqueue(chunk);
		}
	});
	const stream = file.stream().pipeThrough(counter);
	if (gzip ?? (await isGzip(file))) return stream.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
	return stream;
}

/** The first `limit` decoded bytes of the file (fewer when it is shorter). */
export async function readHead(file: Blob, limit: number): Promise<Uint8Array> {
	if (!(await isGzip(file))) return new Uint8Array(await file.slice(0, limit).arrayBuffer());
	const reader = (await openBytes(file, () => {})).getReader();
	const parts: Uint8Array[] = [];
	let n = 0;
	while (n < limit) {
		const { done, value } = await reader.read();
		if (done) break;
		parts.push(value);
		n += value.byteLength;
	}
	await reader.cancel().catch(() => {});
	const out = new Uint8Array(Math.min(n, limit));
	let at = 0;
	for (const p of parts) {
		const take = Math.min(p.byteLength, out.length - at);
		out.set(p.subarray(0, take), at);
		at += take;
		if (at >= out.length) break;
	}
	return out;
}

/** The digest of the file's decoded bytes (gzip decompressed), read on its own; null once `stopped()` says so. */
export async function hashFile(file: Blob, stopped: () => boolean = () => false): Promise<string | null> {
	const hasher = new ByteHasher();
	const reader = (await openBytes(file, () => {})).getReader();
	for (;;) {
		if (stopped()) {
			await reader.cancel().catch(() => {});
			return null;
		}
		const { done, value } = await reader.read();
		if (done) return hasher.digest();
		hasher.update(value);
	}
}
