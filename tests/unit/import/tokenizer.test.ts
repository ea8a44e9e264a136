// The streaming tokenizer: RFC-4180 quoting, physical line numbers over CRLF/LF/CR, pieces cut anywhere.
import { describe, expect, it } from 'vitest';
import { RangeTokenizer, Tokenizer, fieldTexts } from '../../../src/lib/core/import/tokenizer.ts';

function tokens(text: string, delimiter = ',', piece = 0): [number, string[]][] {
	const out: [number, string[]][] = [];
	const t = new Tokenizer(delimiter, (fields, line) => out.push([line, fields]));
	if (piece === 0) t.push(text);
	else for (let i = 0; i < text.length; i += piece) t.push(text.slice(i, i + piece));
	t.finish();
	return out;
}

describe('Tokenizer', () => {
	it('counts CRLF, LF and lone CR as one line break each', () => {
		const text = 'h1,h2\r\na,1\nb,2\rc,3\r\n\r\nd,4';
		const expected: [number, string[]][] = [
			[1, ['h1', 'h2']],
			[2, ['a', '1']],
			[3, ['b', '2']],
			[4, ['c', '3']],
			[6, ['d', '4']]
		];
		expect(tokens(text)).toEqual(expected);
		for (const piece of [1, 2, 3, 5]) expect(tokens(text, ',', piece), `piece ${piece}`).toEqual(expected);
	});
	it('counts breaks inside quoted fields and reports the line a record starts on', () => {
		const text = 'a,"x\r\ny\nz\rw",b\r\nc,"q""uote",d\n"",e,f\n';
		const expected: [number, string[]][] = [
			[1, ['a', 'x\r\ny\nz\rw', 'b']],
			[5, ['c', 'q"uote', 'd']],
			[6, ['', 'e', 'f']]
		];
		expect(tokens(text)).toEqual(expected);
		for (const piece of [1, 2, 7]) expect(tokens(text, ',', piece)).toEqual(expected);
	});
	it('keeps the delimiter inside quotes and a bare inch mark inside unquoted fields', () => {
		expect(tokens('"a;b;;c";12" Pizza;"t\tab"', ';')).toEqual([[1, ['a;b;;c', '12" Pizza', 't\tab']]]);
	});
	it('opens a quoted field after padding spaces', () => {
		expect(tokens(' a | "b | c" |  "d""e"  | 12" x', '|')).toEqual([[1, [' a ', 'b | c ', 'd"e  ', ' 12" x']]]);
	});
	it('drops blank, whitespace-only and delimiter-only lines', () => {
		expect(tokens('\n   \n,,,,\n\t\na,b\n , \n', ',')).toEqual([[5, ['a', 'b']]]);
	});
	it('splits runs of spaces with leading spaces ignored (CDNOW)', () => {
		const text = ' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101 1  11.77\r\n 00002 19970112 1   12.00\r\n';
		expect(tokens(text, 'whitespace')).toEqual([
			[1, ['customer_id', 'date', 'number_of_cds', 'dollar_value']],
			[2, ['00001', '19970101', '1', '11.77']],
			[3, ['00002', '19970112', '1', '12.00']]
		]);
	});
	it('handles a file without a final newline and a CR at a piece boundary', () => {
		const out: [number, string[]][] = [];
		const t = new Tokenizer(',', (f, l) => out.push([l, f]));
		t.push('a,b\r');
		t.push('\nc,d\r');
		t.push('e,f');
		t.finish();
		expect(out).toEqual([
			[1, ['a', 'b']],
			[2, ['c', 'd']],
			[3, ['e', 'f']]
		]);
	});
	it('hands plain and simply quoted fields over as ranges of the piece, joins only what is not one stretch', () => {
		const piece = 'a,"b c",d""e,"f""g"\n';
		const seen: { texts: string[]; inPiece: boolean[] }[] = [];
		const t = new RangeTokenizer(',', (r) => seen.push({ texts: fieldTexts(r), inPiece: r.src.slice(0, r.count).map((s) => s === piece) }));
		t.push(piece);
		t.finish();
		expect(seen).toEqual([{ texts: ['a', 'b c', 'd""e', 'f"g'], inPiece: [true, true, true, false] }]);
	});
	it('gives the same records as ranges and as strings when a field is cut by a piece boundary', () => {
		const text = 'id,"long quoted, value",x\r\n2,plain,"q""q"\n';
		const whole: string[][] = [];
		const cut: string[][] = [];
		const a = new RangeTokenizer(',', (r) => whole.push(fieldTexts(r)));
		a.push(text);
		a.finish();
		const b = new RangeTokenizer(',', (r) => cut.push(fieldTexts(r)));
		for (let i = 0; i < text.length; i += 4) b.push(text.slice(i, i + 4));
		b.finish();
		expect(cut).toEqual(whole);
		expect(whole).toEqual([
			['id', 'long quoted, value', 'x'],
			['2', 'plain', 'q"q']
		]);
	});
});
