// File-level detection: encodings from bytes built here, delimiters, header lines, mapping and rejects.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectEncoding, mapHeaders } from '../../../src/lib/core/import/detect.ts';
import { previewBytes } from '../../../src/lib/core/import/index.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Encodes text in a single-byte Windows code page by inverting TextDecoder's table. */
function codePage(label: string, s: string): Uint8Array {
	const dec = new TextDecoder(label);
	const table = new Map<string, number>();
	for (let b = 0; b < 256; b++) table.set(dec.decode(new Uint8Array([b])), b);
	return new Uint8Array([...s].map((ch) => {
		const b = table.get(ch);
		if (b === undefined) throw new Error(`${ch} not in ${label}`);
		return b;
	}));
}

function utf16(s: string, le: boolean, bom: boolean): Uint8Array {
	const out: number[] = bom ? (le ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (le) out.push(c & 0xff, c >> 8);
		else out.push(c >> 8, c & 0xff);
	}
	return new Uint8Array(out);
}

const CSV = 'customer_id,order_id,order_date,amount\nC1,1,2024-01-05,10.50\nC2,2,2024-01-06,20.00\n';

describe('encoding', () => {
	it('detects BOMs and UTF-16 without BOM', () => {
		expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(CSV)]))).toBe('utf-8');
		expect(detectEncoding(utf16(CSV, true, true))).toBe('utf-16le');
		expect(detectEncoding(utf16(CSV, false, true))).toBe('utf-16be');
		expect(detectEncoding(utf16(CSV, true, false))).toBe('utf-16le');
		expect(detectEncoding(utf16(CSV, false, false))).toBe('utf-16be');
		expect(detectEncoding(utf8('Café,Ünïcode,مشتری\n'))).toBe('utf-8');
	});
	it('tells windows-1251 from windows-1256 by byte statistics', () => {
		const ru = 'Клиент;Номер заказа;Дата;Сумма\nИванов Пётр;1;05.03.2023;1 234,50\nСмирнова Ольга;2;06.03.2023;99,00\n';
		const fa = 'مشتري,شماره فاکتور,تاريخ,مبلغ\nعلي رضايي,1,2023-03-05,120000\nزهرا محمدي,2,2023-03-06,98000\n';
		expect(detectEncoding(codePage('windows-1251', ru))).toBe('windows-1251');
		expect(detectEncoding(codePage('windows-1256', fa))).toBe('windows-1256');
	});
	it('asks for the code page of Western non-UTF-8 text', () => {
		const p = previewBytes(codePage('windows-1252', 'customer;order;date;amount\nMüller;1;05.03.2023;1,50\nJosé;2;06.03.2023;2,50\n'), 'x.csv');
		expect(p.ok && p.preview.questions.map((q) => q.kind)).toContain('encoding');
		const answered = previewBytes(codePage('windows-1252', 'customer;order;date;amount\nMüller;1;05.03.2023;1,50\n'), 'x.csv', { encoding: 'windows-1252' });
		expect(answered.ok && answered.preview.rows[0][0]).toBe('Müller');
	});
	it('previews UTF-16 and code-page files with clean headers', () => {
		const p = previewBytes(utf16(CSV.replace(/,/g, '\t'), true, true), 'x.csv');
		expect(p.ok && p.preview.headers).toEqual(['customer_id', 'order_id', 'order_date', 'amount']);
		expect(p.ok && p.preview.delimiter).toBe('\t');
		const bom = previewBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(CSV)]), 'x.csv');
		expect(bom.ok && bom.preview.headers[0]).toBe('customer_id');
	});
});

describe('delimiter', () => {
	it('finds comma, semicolon, tab, pipe and whitespace runs', () => {
		expect(detectDelimiter(CSV)).toBe(',');
		expect(detectDelimiter('a;b;c\n1;2,5;x, y\n3;4,5;z\n')).toBe(';');
		expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
		expect(detectDelimiter(' a | b | c \n 1 | 2 | 3 \n')).toBe('|');
		expect(detectDelimiter(' id  date amount\n 00001 19970101  1.5\n 00002 19970102 2.5\n')).toBe('whitespace');
	});
	it('honours an Excel sep= line', () => {
		const p = previewBytes(utf8('sep=;\nKunde;Beleg;Datum;Umsatz\nC1;1;05.03.2022;1,50\n'), 'x.csv');
		expect(p.ok && [p.preview.delimiter, p.preview.headerLine]).toEqual([';', 2]);
	});
});

describe('header and mapping', () => {
	it('maps English, German, Persian and Russian synonyms', () => {
		expect(mapHeaders(['Order Number', 'Order Status', 'Order Date', 'Billing Email Address', 'Order Total Amount', 'Item Name', 'Quantity', 'Billing Country']).mapping).toEqual({
			order_id: 0, status: 1, date: 2, customer_id: 3, amount: 4, product: 5, quantity: 6, location: 7
		});
		expect(mapHeaders(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']).mapping).toEqual({
			order_id: 0, product: 2, quantity: 3, date: 4, unit_price: 5, customer_id: 6, location: 7
		});
		expect(mapHeaders(['شماره فاکتور', 'کد مشتری', 'تاريخ', 'مبلغ (ريال)', 'کالا']).mapping).toEqual({ order_id: 0, customer_id: 1, date: 2, amount: 3, product: 4 });
		expect(mapHeaders(['Клиент', 'Номер заказа', 'Дата', 'Сумма', 'Кол-во', 'Скидка', 'Статус']).mapping).toEqual({
			customer_id: 0, order_id: 1, date: 2, amount: 3, quantity: 4, discount: 5, status: 6
		});
		expect(mapHeaders(['Kundennr', 'Beleg', 'Datum', 'Umsatz', 'Artikel', 'Rabatt']).mapping).toEqual({
			customer_id: 0, order_id: 1, date: 2, amount: 3, product: 4, discount: 5
		});
	});
	it('skips title rows above the header', () => {
		const p = previewBytes(utf8('Sales report\nPeriod: 01.01.2022 – 31.12.2022\ncustomer_id;order_id;order_date;amount\nC1;1;05.03.2022;1,50\nC2;2;06.03.2022;2,50\n'), 'x.csv');
		expect(p.ok && [p.preview.headerLine, p.preview.warnings]).toEqual([3, ['preamble_skipped']]);
	});
	it('asks when line 1 looks like data', () => {
		const p = previewBytes(utf8('C1;1;15.01.2022;33,19;Gift\nC2;2;18.02.2022;137,70;Tea\nC3;3;17.03.2022;79,61;Mug\n'), 'x.csv');
		expect(p.ok && p.preview.questions.map((q) => q.kind)).toContain('header');
		const answered = previewBytes(utf8('C1;1;15.01.2022;33,19;Gift\nC2;2;18.02.2022;137,70;Tea\n'), 'x.csv', { headerLine: null });
		expect(answered.ok && [answered.preview.questions.length, answered.preview.mapping]).toEqual([0, { customer_id: 0, order_id: 1, date: 2, amount: 3, product: 4 }]);
	});
	it('maps quantity × unit price when no amount column exists', () => {
		const p = previewBytes(utf8('order,date,customer,qty,price\n1,2024-01-01,a,2,3.50\n'), 'x.csv');
		expect(p.ok && p.preview.mapping).toEqual({ order_id: 0, date: 1, customer_id: 2, quantity: 3, unit_price: 4 });
	});
});

describe('rejects', () => {
	const code = (bytes: Uint8Array) => {
		const p = previewBytes(bytes, 'x.csv');
		return p.ok ? 'ok' : p.code;
	};
	it('names the reason', () => {
		expect(code(new Uint8Array(0))).toBe('empty_file');
		expect(code(utf8('\r\n \n'))).toBe('empty_file');
		expect(code(utf8('customer,order,date,total\n,,,\n,,,\n'))).toBe('no_data_rows');
		expect(code(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBe('xlsx_file');
		expect(code(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('xls_file');
		expect(code(utf8('[{"customer": "a", "total": 1},\n{"customer": "b", "total": 2}]'))).toBe('json_not_csv');
		expect(code(utf8('"a,b,c"\n"1,2,3"\n"4,5,6"\n'))).toBe('single_column');
		expect(code(utf8('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'))).toBe('binary_file');
		expect(code(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0]))).toBe('binary_file');
		expect(code(new Uint8Array([0xff, 0xfe]))).toBe('empty_file');
		const junk = new Uint8Array(4096);
		let x = 12345;
		for (let i = 0; i < junk.length; i++) junk[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
		expect(code(junk)).toBe('binary_file');
	});
});

describe('preview date order (shown before import) matches what the importer reports', () => {
	const SHARED = new URL('../../../../shared/badcsv/', import.meta.url).pathname;
	it.each([
		['delimiters/semicolon_excel_eu.csv', 'dmy'],
		['dates/eu_dmy_dots.csv', 'dmy'],
		['encodings/windows1251_russian.csv', 'dmy'],
		['dates/iso.csv', 'ymd'],
		['dates/us_mdy.csv', 'mdy']
	])('%s → %s', (file, order) => {
		const out = previewBytes(new Uint8Array(readFileSync(SHARED + file)), file);
		expect(out.ok && out.preview.dateOrder).toBe(order);
	});
});
