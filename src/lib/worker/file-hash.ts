/**
 * The file hash that notices a file imported twice (ByteHasher over the decoded bytes), computed beside
 * the import rather than inside its reading loop: in a helper worker of its own where the platform has
 * workers (a browser; ~70 ms per 39 MB off the import's critical path, on the other core), else in the
 * same thread, reading the file a second time. Both give the digest that hashing inline gave, so
 * datasets stored by earlier versions are still recognised.
 */
import { hashFile } from './file-bytes';

export interface FileHashing {
	/** Settles with the digest, or with the reading's error; null when stopped first. */
	readonly digest: Promise<string | null>;
	/** Stops the hashing (a cancelled or finished import). */
	stop(): void;
}

/** What the helper worker posts back. */
export type HashReply = { ok: true; digest: string | null } | { ok: false; error: string };

/** Starts hashing `file` now, beside whatever the caller does next. */
export function startFileHash(file: Blob): FileHashing {
	let stopped = false;
	let worker: Worker | null = null;
	const inThisThread = () => hashFile(file, () => stopped);
	const stop = () => {
		stopped = true;
		worker?.terminate();
		worker = null;
	};
	const digest = new Promise<string | null>((resolve, reject) => {
		if (typeof Worker !== 'function') {
			resolve(inThisThread());
			return;
		}
		try {
			worker = new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module', name: 'mandegar-file-hash' });
		} catch {
			resolve(inThisThread());
			return;
		}
		worker.onmessage = (e: MessageEvent<HashReply>) => {
			worker?.terminate();
			worker = null;
			if (e.data.ok) resolve(e.data.digest);
			else reject(new Error(e.data.error));
		};
		// the helper could not start (its module failed to load): hash in this thread instead
		worker.onerror = (e) => {
			e.preventDefault();
			worker?.terminate();
			worker = null;
			resolve(inThisThread());
		};
		worker.postMessage(file);
	});
	// an import that ends early (rejected, cancelled) never awaits the digest: its failure is not an error then
	digest.catch(() => {});
	return { digest, stop };
}
