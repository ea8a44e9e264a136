/** The import's helper worker: hashes the file it is sent (see file-hash.ts) and posts the digest back. */
import { hashFile } from './file-bytes';
import type { HashReply } from './file-hash';

self.onmessage = async (e: MessageEvent<Blob>) => {
	let reply: HashReply;
	try {
		reply = { ok: true, digest: await hashFile(e.data) };
	} catch (err) {
		reply = { ok: false, error: (err as Error).message };
	}
	self.postMessage(reply);
};
