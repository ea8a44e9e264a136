import { release } from '../memory';

/** A set of 64-bit record hashes (two 32-bit lanes) in typed arrays: bounded memory for duplicate detection. */
export class RowHashSet {
	private a = new Int32Array(1 << 12);
	private b = new Int32Array(1 << 12);
	private used = new Uint8Array(1 << 12);
	private size = 0;

	/** Adds (h1, h2); returns false when it was already present. */
	add(h1: number, h2: number): boolean {
		if (this.size * 2 >= this.used.length) this.rehash();
		const mask = this.used.length - 1;
		let i = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask;
		while (this.used[i] === 1) {
			if (this.a[i] === h1 && this.b[i] === h2) return false;
			i = (i + 1) & mask;
		}
		this.used[i] = 1;
		this.a[i] = h1;
		this.b[i] = h2;
		this.size++;
		return true;
	}

	private rehash(): void {
		const { a, b, used } = this;
		const cap = used.length * 2;
		this.a = new Int32Array(cap);
		this.b = new Int32Array(cap);
		this.used = new Uint8Array(cap);
		this.size = 0;
		for (let i = 0; i < used.length; i++) if (used[i] === 1) this.add(a[i], b[i]);
		release(a, b, used);
	}

	/** Frees the set's memory now (release()); it is empty afterwards. */
	release(): void {
		release(this.a, this.b, this.used);
		this.a = new Int32Array(1 << 12);
		this.b = new Int32Array(1 << 12);
		this.used = new Uint8Array(1 << 12);
		this.size = 0;
	}
}
