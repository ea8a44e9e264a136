/** An incremental, non-cryptographic 64-bit (two 32-bit lanes) hash of a byte stream: notices a file imported twice. */
export class ByteHasher {
	private h1 = 0x811c9dc5;
	private h2 = 0x01000193 ^ 0x5bd1e995;
	private n = 0;

	update(bytes: Uint8Array): void {
		let h1 = this.h1;
		let h2 = this.h2;
		for (let i = 0; i < bytes.length; i++) {
			const b = bytes[i];
			h1 = Math.imul(h1 ^ b, 0x01000193);
			h2 = Math.imul(h2 ^ b, 0x5bd1e995);
			h2 ^= h2 >>> 15;
		}
		this.h1 = h1;
		this.h2 = h2;
		this.n += bytes.length;
	}

	/** Hex digest including the byte count. */
	digest(): string {
		const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
		return `${hex(this.h1)}${hex(this.h2)}-${this.n}`;
	}
}
