// A file that ends inside a multibyte character (a cut-off download) keeps what it has: the decoder's
// final flush gives U+FFFD for the cut character, on the small-file path (the whole file under the 1 MB
// the layout is detected from) as on the streaming one.
import { describe, expect, it } from 'vitest';
import { createImporter } from '../../../src/lib/core/import/importer.ts';

const HEAD = 'customer_id,order_id,date,amount,channel\n';
const cut = (rows: number) => {
	const lines: string[] = [];
	for (let i = 0; i < rows; i++) lines.push(`c${i % 50},o${i},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${(i % 9) + 1},веб`);
	const bytes = new TextEncoder().encode(HEAD + lines.join('\n'));
	// drop the last byte: the file ends inside the last «б» (two bytes in UTF-8)
	return bytes.subarray(0, bytes.length - 1);
};
const config = { fileName: 'cut.csv', mapping: { customer_id: 0, order_id: 1, date: 2, amount: 3, channel: 4 }, options: {} };

function lastChannel(bytes: Uint8Array, piece: number): string {
	const imp = createImporter(config);
	for (let o = 0; o < bytes.length; o += piece) {
		imp.push(bytes.subarray(o, o + piece));
		while (imp.pump(1 << 16));
	}
	const r = imp.finish();
	const d = r.data!;
	const dim = d.dims.find((x) => x.name === 'channel')!;
	return dim.values[dim.codes[d.length - 1]];
}

describe('a file cut inside its last character', () => {
	it('small file (layout detected at finish): the last value ends in U+FFFD, every row kept', () => {
		const bytes = cut(20);
		expect(bytes.length).toBeLessThan(1 << 20);
		expect(lastChannel(bytes, 7)).toBe('ве\uFFFD');
	});
	it('large file (streamed): the same', () => {
		const bytes = cut(40_000);
		expect(bytes.length).toBeGreaterThan(1 << 20);
		expect(lastChannel(bytes, 1 << 18)).toBe('ве\uFFFD');
	});
});
