// Node 20 has no ArrayBuffer.prototype.transfer; Chromium (114+) has. src/lib/core/memory.ts frees arrays
// with it by detaching their buffers. Here the same detaching (structuredClone with a transfer list
// detaches the original), so that a use of an array after its release fails the unit tests as it would
// fail in the browser, instead of passing because release() did nothing.
const proto = ArrayBuffer.prototype as ArrayBuffer & { transfer?: (length?: number) => ArrayBuffer };
if (typeof proto.transfer !== 'function') {
	Object.defineProperty(ArrayBuffer.prototype, 'transfer', {
		configurable: true,
		writable: true,
		value(this: ArrayBuffer, length: number = this.byteLength): ArrayBuffer {
			const moved = structuredClone(this, { transfer: [this] });
			if (length === moved.byteLength) return moved;
			const out = new ArrayBuffer(length);
			new Uint8Array(out).set(new Uint8Array(moved, 0, Math.min(length, moved.byteLength)));
			return out;
		}
	});
}
