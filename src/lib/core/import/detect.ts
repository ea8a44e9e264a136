/** File-level detection for the importer: encoding, delimiter, header line, column mapping and file rejects. */
import type { Field, ImportOptions, Mapping, Question } from '../types';
import {
	EVIDENCE_AMBIGUOUS,
	EVIDENCE_COMMA,
	EVIDENCE_DOT,
	NUM_OK,
	newNumberParse,
	parseNumber,
	trimText
} from '../parse/parse-number';
import { DATE_AMBIGUOUS, DATE_OK, ORDER_DMY, ORDER_MDY, ORDER_YMD, newDateParse, parseDate } from '../parse/parse-date';
import { NO_DAY } from '../parse/day-number';
import { Tokenizer } from './tokenizer';

export interface SampleRecord {
	fields: string[];
	line: number;
}

export interface Layout {
	encoding: string;
	delimiter: string;
	headerLine: number | null;
	/** Trimmed header names (or `Column N`). */
	headers: string[];
	/** Records after the header in the sample. */
	rows: SampleRecord[];
	mapping: Mapping;
	/** Lines before the header that are not records of the data (title rows, `sep=`). */
	skipBefore: number;
	questions: Question[];
	warnings: string[];
	decimal: '.' | ',' | null;
	dateOrder: 'dmy' | 'mdy' | 'ymd' | null;
	/** true when the header decision was a guess the user should confirm. */
	headerUncertain: boolean;
}

export type LayoutOutcome = { ok: true; layout: Layout } | { ok: false; reason: string; code: string };

const reject = (code: string, reason: string): LayoutOutcome => ({ ok: false, code, reason });

/** Detects the WHATWG encoding label of a byte sample. */
export function detectEncoding(b: Uint8Array): string {
	if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
	if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
	if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
	const n = Math.min(b.length, 8192) & ~1;
	let even = 0;
	let odd = 0;
	for (let i = 0; i < n; i += 2) {
		if (b[i] === 0) even++;
		if (b[i + 1] === 0) odd++;
	}
	const half = n / 2;
	if (half > 4) {
		if (even > half * 0.2 && odd < half * 0.02) return 'utf-16be';
		if (odd > half * 0.2 && even < half * 0.02) return 'utf-16le';
	}
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, Math.min(b.length, 1 << 20)), { stream: true });
		return 'utf-8';
	} catch {
		// not UTF-8: a Windows code page; Cyrillic lower case sits in E0-FF, Arabic letters mostly in C1-DF
	}
	const arabicHigh = new Set([0xe1, 0xe3, 0xe4, 0xe5, 0xe6, 0xec, 0xed]);
	let cyr = 0;
	let ar = 0;
	for (let i = 0; i < b.length; i++) {
		const x = b[i];
		if (x >= 0xe0 && !arabicHigh.has(x)) cyr++;
		else if ((x >= 0xc1 && x <= 0xdf) || arabicHigh.has(x) || x === 0x81 || x === 0x8d || x === 0x8e || x === 0x90 || x === 0x98 || x === 0x9d) ar++;
	}
	return cyr > ar ? 'windows-1251' : 'windows-1256';
}

/**
 * Whether a non-UTF-8 sample looks like Cyrillic or Arabic-script words (runs of high bytes). Western
 * text has isolated accented letters instead; then the user is asked which code page it is.
 */
export function codePageConfident(b: Uint8Array): boolean {
	let high = 0;
	let inRun = 0;
	const n = Math.min(b.length, 1 << 16);
	for (let i = 0; i < n; i++) {
		if (b[i] < 0x80) continue;
		high++;
		if ((i > 0 && b[i - 1] >= 0x80) || (i + 1 < n && b[i + 1] >= 0x80)) inRun++;
	}
	return high > 0 && inRun >= high * 0.6;
}

/** The gzip magic number (1f 8b) opens these bytes: a file's first two are enough. */
export function isGzipHead(b: Uint8Array): boolean {
	return b[0] === 0x1f && b[1] === 0x8b;
}

/** Names well-known binary formats from their magic bytes. */
function binaryMagic(b: Uint8Array): string | null {
	const at = (...xs: number[]) => xs.every((x, i) => b[i] === x);
	if (at(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
	if (isGzipHead(b)) return 'a gzip archive';
	if (at(0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
	if (at(0xff, 0xd8, 0xff)) return 'a JPEG image';
	if (at(0x47, 0x49, 0x46, 0x38)) return 'a GIF image';
	if (at(0x37, 0x7a, 0xbc, 0xaf)) return 'a 7-Zip archive';
	if (at(0x52, 0x61, 0x72, 0x21)) return 'a RAR archive';
	if (at(0x53, 0x51, 0x4c, 0x69, 0x74, 0x65)) return 'an SQLite database';
	return null;
}

/** Decodes a head sample; `complete` = these are all the file's bytes. */
function decodeHead(b: Uint8Array, encoding: string): string {
	return new TextDecoder(encoding).decode(b, { stream: true });
}

/** The first `limit` records of a sample: fed in pieces, stopping once they are there (issue 5: a 1 MB head
 * sample was tokenised whole six times, ~0.1–0.2 s before the import's progress could move). */
function tokenize(text: string, delimiter: string, limit: number): SampleRecord[] {
	const out: SampleRecord[] = [];
	const t = new Tokenizer(delimiter, (fields, line) => {
		if (out.length < limit) out.push({ fields, line });
	});
	const PIECE = 16384;
	for (let at = 0; at < text.length; at += PIECE) {
		t.push(text.slice(at, at + PIECE));
		if (out.length >= limit) return out;
	}
	t.finish();
	return out;
}

function nonEmpty(fields: string[]): number {
	let k = 0;
	for (const f of fields) if (trimText(f.replace(/\u0000/g, '')) !== '') k++;
	return k;
}

/** Field count ignoring trailing empty fields. */
function width(fields: string[]): number {
	let n = fields.length;
	while (n > 0 && trimText(fields[n - 1]) === '') n--;
	return n;
}

function modeOf(xs: number[]): { mode: number; freq: number } {
	const counts = new Map<number, number>();
	for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
	let mode = 0;
	let freq = 0;
	for (const [k, v] of counts) if (v > freq || (v === freq && k > mode)) [mode, freq] = [k, v];
	return { mode, freq };
}

/** Picks the delimiter from a text sample. */
export function detectDelimiter(text: string): string {
	let best = '';
	let bestFrac = 0;
	let bestMode = 0;
	for (const d of [',', ';', '\t', '|']) {
		const recs = tokenize(text, d, 300);
		if (recs.length === 0) continue;
		const { mode, freq } = modeOf(recs.map((r) => r.fields.length));
		if (mode < 2) continue;
		const frac = freq / recs.length;
		if (frac > bestFrac + 0.1 || (Math.abs(frac - bestFrac) <= 0.1 && mode > bestMode)) {
			best = d;
			bestFrac = frac;
			bestMode = mode;
		}
	}
	if (best !== '' && bestFrac >= 0.5) return best;
	const ws = tokenize(text, 'whitespace', 300);
	if (ws.length > 0) {
		const { mode, freq } = modeOf(ws.map((r) => r.fields.length));
		if (mode >= 2 && freq / ws.length >= 0.8) return 'whitespace';
	}
	return best !== '' ? best : '';
}

/* ------------------------------------------------------------------ header → field */

/** Stems per field in priority order (a header goes to the first field whose stem it contains). */
const STEMS: [Field, string[]][] = [
	['status', ['status', 'статус', 'وضعیت', 'state']],
	['date', ['date', 'datum', 'дата', 'تاریخ', 'created', 'timestamp', 'time', 'day', 'fecha']],
	['discount', ['discount', 'rabatt', 'скидка', 'تخفیف', 'coupon', 'promo']],
	['unit_price', ['unitprice', 'unit price', 'price', 'preis', 'цена', 'قیمت', 'rate']],
	[
		'quantity',
		[
			'quantity', 'qty', 'units', 'menge', 'кол', 'количество', 'تعداد', 'anzahl',
			'numberofcds', 'number_of_cds'
		]
	],
	[
		'amount',
		[
			'amount', 'total', 'revenue', 'sales', 'dollar', 'value', 'sum', 'umsatz', 'betrag',
			'сумма', 'مبلغ', 'paid', 'net', 'gross'
		]
	],
	[
		'customer_id',
		[
			'customer', 'client', 'user', 'email', 'mail', 'kunde', 'клиент', 'покупатель',
			'контрагент', 'مشتری', 'buyer', 'member', 'phone'
		]
	],
	['category', ['category', 'kategorie', 'категория', 'دسته', 'group']],
	[
		'location',
		[
			'country', 'city', 'location', 'region', 'land', 'город', 'страна', 'регион', 'شهر',
			'کشور', 'استان', 'state/province'
		]
	],
	['channel', ['channel', 'register', 'source', 'kanal', 'канал', 'کانال', 'store']],
	[
		'product',
		[
			'product', 'description', 'item', 'sku', 'stockcode', 'artikel', 'товар', 'کالا',
			'محصول', 'goods', 'title'
		]
	],
	['order_id', ['order', 'invoice', 'receipt', 'transaction', 'beleg', 'bestell', 'заказ', 'счет', 'счёт', 'чек', 'فاکتور', 'سفارش', 'شماره', 'номер', 'document']]
];

/** Lower-cased words of a header (camelCase split, Arabic YEH/KAF unified, parentheses dropped). */
function headerWords(h: string): string[] {
	const s = h
		.replace(/\([^)]*\)/g, ' ')
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.replace(/ي/g, 'ی')
		.replace(/ك/g, 'ک')
		.replace(/\u200c/g, '');
	return s.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

function fieldOfHeader(h: string): { field: Field; rank: number } | null {
	const words = headerWords(h);
	if (words.length === 0) return null;
	const compact = words.join('');
	for (const [field, stems] of STEMS) {
		for (let r = 0; r < stems.length; r++) {
			const stem = stems[r].replace(/[ _]/g, '');
			const hit = stem.length >= 5 ? compact.includes(stem) : words.includes(stem) || compact === stem || words.some((w) => w.startsWith(stem) && stem.length >= 3 && /[^\x00-\x7f]/.test(stem));
			if (hit) return { field, rank: r };
		}
	}
	return null;
}

/** Maps header names to fields; returns the mapping and how many headers matched. */
export function mapHeaders(headers: string[]): { mapping: Mapping; matched: number } {
	const best = new Map<Field, { col: number; rank: number }>();
	let matched = 0;
	const counts = new Map<string, number>();
	for (const h of headers) counts.set(h.toLowerCase(), (counts.get(h.toLowerCase()) ?? 0) + 1);
	headers.forEach((h, col) => {
		const f = fieldOfHeader(h);
		if (!f) return;
		matched++;
		const cur = best.get(f.field);
		const duplicateName = (counts.get(h.toLowerCase()) ?? 0) > 1;
		// a repeated amount header: the later one is the final total
		if (!cur || f.rank < cur.rank || (f.field === 'amount' && duplicateName && f.rank === cur.rank && headers[cur.col].toLowerCase() === h.toLowerCase())) {
			best.set(f.field, { col, rank: f.rank });
		}
	});
	const mapping: Mapping = {};
	for (const [field, v] of best) mapping[field] = v.col;
	// a bare `id` column is the customer when nothing else names one (lifetimes' `date,id`)
	if (mapping.customer_id === undefined) {
		const col = headers.findIndex((h, i) => /^(id|uid|cid)$/i.test(h.trim()) && !Object.values(mapping).includes(i));
		if (col >= 0) {
			mapping.customer_id = col;
			matched++;
		}
	}
	return { mapping, matched };
}

/* ------------------------------------------------------------------ content */

interface ColumnStats {
	dates: number;
	numbers: number;
	decimals: number;
	integers: number;
	nonEmpty: number;
	distinct: number;
	texty: number;
}

function columnStats(rows: SampleRecord[], col: number): ColumnStats {
	const dp = newDateParse();
	const np = newNumberParse();
	const seen = new Set<string>();
	const st: ColumnStats = { dates: 0, numbers: 0, decimals: 0, integers: 0, nonEmpty: 0, distinct: 0, texty: 0 };
	for (const r of rows) {
		const v = trimText(r.fields[col] ?? '');
		if (v === '') continue;
		st.nonEmpty++;
		seen.add(v);
		const looksNumeric = /^[-+(]?[\d\u06f0-\u06f9\u0660-\u0669]/.test(v) || /^[$€£₽]/.test(v);
		if (!/^\d+(\.\d+)?$/.test(v) || v.length >= 8) {
			parseDate(v, dp);
			if (dp.status === DATE_OK || dp.status === DATE_AMBIGUOUS) st.dates++;
		}
		parseNumber(v, np);
		if (np.status === NUM_OK && looksNumeric && !/[a-zA-Z]{2,}.*\d|\d.*[a-zA-Z]{4,}/.test(v.replace(/usd|eur|руб|rub/gi, ''))) {
			st.numbers++;
			if (/[.,٫]\d{1,2}\D*$/.test(v)) st.decimals++;
			if (/^\d+$/.test(v)) st.integers++;
		}
		if (/\p{L}/u.test(v)) st.texty++;
	}
	st.distinct = seen.size;
	return st;
}

/** Fills date, amount, order and customer from column contents when the headers did not. */
function mapByContent(rows: SampleRecord[], ncols: number, mapping: Mapping): void {
	const used = new Set<number>(Object.values(mapping));
	const stats: ColumnStats[] = [];
	for (let c = 0; c < ncols; c++) stats.push(columnStats(rows, c));
	const free = (c: number) => !used.has(c) && stats[c].nonEmpty > 0;
	const take = (f: Field, pred: (s: ColumnStats) => boolean) => {
		if (mapping[f] !== undefined) return;
		for (let c = 0; c < ncols; c++) {
			if (free(c) && pred(stats[c])) {
				mapping[f] = c;
				used.add(c);
				return;
			}
		}
	};
	take('date', (s) => s.dates >= s.nonEmpty * 0.8 && s.integers < s.nonEmpty * 0.5);
	take('date', (s) => s.dates >= s.nonEmpty * 0.8);
	take('amount', (s) => s.numbers >= s.nonEmpty * 0.8 && s.decimals > 0);
	take('order_id', (s) => s.integers >= s.nonEmpty * 0.9 && s.distinct >= s.nonEmpty * 0.5);
	take('customer_id', (s) => s.numbers < s.nonEmpty * 0.5 && s.dates === 0 && s.distinct < s.nonEmpty);
	take('customer_id', (s) => s.dates === 0 && s.numbers < s.nonEmpty * 0.5);
	// numeric ids that repeat (CDNOW_sample's zero-padded ids)
	take('customer_id', (s) => s.dates === 0 && s.integers >= s.nonEmpty * 0.9 && s.distinct < s.nonEmpty);
	take('product', (s) => s.texty > 0);
}

/** Decides decimal separator and date order from sample values of mapped columns. */
function sampleConventions(rows: SampleRecord[], mapping: Mapping, options: ImportOptions) {
	let dot = 0;
	let comma = 0;
	let amb = 0;
	const np = newNumberParse();
	for (const f of ['amount', 'quantity', 'unit_price'] as const) {
		const c = mapping[f];
		if (c === undefined) continue;
		for (const r of rows) {
			parseNumber(r.fields[c] ?? '', np);
			if (np.status !== NUM_OK) continue;
			if (np.evidence === EVIDENCE_DOT) dot++;
			else if (np.evidence === EVIDENCE_COMMA) comma++;
			else if (np.evidence === EVIDENCE_AMBIGUOUS) amb++;
		}
	}
	const decimal: '.' | ',' | null = options.decimal ?? (dot > comma ? '.' : comma > dot ? ',' : amb > 0 ? null : '.');
	let dmy = 0;
	let mdy = 0;
	let ambDates = 0;
	// Unambiguous values by the order they were written in (dotted D.M.Y is day-first), as the importer reports it.
	const written = [0, 0, 0, 0];
	const dp = newDateParse();
	const dc = mapping.date;
	if (dc !== undefined) {
		for (const r of rows) {
			parseDate(r.fields[dc] ?? '', dp);
			if (dp.status === DATE_AMBIGUOUS) {
				if (dp.mdy === NO_DAY) dmy++;
				else if (dp.dmy === NO_DAY) mdy++;
				else ambDates++;
			} else if (dp.status === DATE_OK) written[dp.order]++;
		}
	}
	const best = Math.max(written[ORDER_YMD], written[ORDER_DMY], written[ORDER_MDY]);
	const fixed: 'dmy' | 'mdy' | 'ymd' | null =
		best === 0 ? null : best === written[ORDER_DMY] ? 'dmy' : best === written[ORDER_MDY] ? 'mdy' : 'ymd';
	const dateOrder: 'dmy' | 'mdy' | 'ymd' | null =
		options.dateOrder ?? (dmy > mdy ? 'dmy' : mdy > dmy ? 'mdy' : ambDates > 0 ? null : fixed);
	return { decimal, dateOrder, decimalAmbiguous: dot === 0 && comma === 0 && amb > 0, dateAmbiguous: dmy === 0 && mdy === 0 && ambDates > 0 };
}

export function decimalQuestion(examples: string[]): Question {
	return {
		kind: 'decimal',
		message: 'Is "1.250" one thousand two hundred fifty, or one and a quarter? Choose the decimal separator of this file.',
		options: ['.', ','],
		examples
	};
}

export function dateOrderQuestion(examples: string[]): Question {
	return {
		kind: 'date_order',
		message: 'Every date in this file fits both day/month and month/day. Which order does it use?',
		options: ['dmy', 'mdy'],
		examples
	};
}

/** Detects everything a preview needs from the head of the file. */
export function detectLayout(bytesIn: Uint8Array, options: ImportOptions = {}, complete = false): LayoutOutcome {
	let end = bytesIn.length;
	while (end > 0 && (bytesIn[end - 1] === 0 || bytesIn[end - 1] === 0x1a)) end--;
	const bytes = bytesIn.subarray(0, end);
	let onlySpace = true;
	for (let i = 0; i < bytes.length && onlySpace; i++) {
		const x = bytes[i];
		if (!(x === 32 || x === 9 || x === 10 || x === 13)) onlySpace = false;
	}
	if (bytes.length === 0 || onlySpace || (bytes.length <= 3 && bytes[0] === 0xef)) return reject('empty_file', 'The file is empty.');
	if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
		return reject('xlsx_file', 'This is an Excel workbook (.xlsx), not CSV. In Excel choose File › Save As › CSV and import that file.');
	if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
		return reject('xls_file', 'This is an old Excel workbook (.xls), not CSV. In Excel choose File › Save As › CSV and import that file.');
	const magic = binaryMagic(bytes);
	if (magic) return reject('binary_file', `This file is not text (it is ${magic}); choose a CSV export.`);
	let encoding = options.encoding ?? detectEncoding(bytes);
	const questions: Question[] = [];
	if (options.encoding === undefined && encoding.startsWith('windows-') && !codePageConfident(bytes)) {
		encoding = 'windows-1252';
		questions.push({
			kind: 'encoding',
			message: 'This file is not UTF-8 and its code page cannot be told from the text. Which encoding was it saved in?',
			options: ['windows-1252', 'windows-1251', 'windows-1256'],
			examples: []
		});
	}
	if (!encoding.startsWith('utf-16')) {
		let ctrl = 0;
		const n = Math.min(bytes.length, 65536);
		for (let i = 0; i < n; i++) {
			const x = bytes[i];
			if (x < 32 && x !== 9 && x !== 10 && x !== 13 && x !== 12) ctrl++;
		}
		if (ctrl > n * 0.02) return reject('binary_file', 'This file is not text (binary content); choose a CSV export.');
	}
	let text: string;
	try {
		text = decodeHead(bytes, encoding);
	} catch {
		return reject('encoding', `The file could not be read as ${encoding}.`);
	}
	if (/^[\s\ufeff\u0000\u001a]*$/.test(text)) return reject('empty_file', 'The file is empty.');
	const lead = text.replace(/^[\s\ufeff]+/, '');
	if ((lead.startsWith('{') || lead.startsWith('[')) && /^[[{]\s*["{[\]]/.test(lead)) {
		return reject('json_not_csv', 'This file contains JSON, not CSV. Export the orders as CSV.');
	}
	// an incomplete last record of a head sample is ignored
	if (!complete && bytesIn.length >= 65536) {
		const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
		if (cut > 0) text = text.slice(0, cut + 1);
	}
	const warnings: string[] = [];
	let skipBefore = 0;
	let delimiter = options.delimiter ?? '';
	const sep = /^\ufeff?"?sep=(.)"?[ \t]*(\r\n|\n|\r|$)/i.exec(text);
	if (sep) {
		if (!delimiter) delimiter = sep[1];
		skipBefore = 1;
	}
	const body = sep ? text.slice(sep[0].length) : text;
	if (!delimiter) delimiter = detectDelimiter(body);
	if (!delimiter) {
		const recs = tokenize(body, ',', 5);
		if (recs.length <= 1 && recs.every((r) => r.fields.length <= 1))
			return reject('single_column', 'Only one column was found. Export the orders with one column per field (customer, date, amount).');
		return reject(
			'single_column',
			'Each line is one quoted field, so only one column was found. The file was probably saved with every row wrapped in quotes; re-export it as plain CSV.'
		);
	}
	let records = tokenize(body, delimiter, 400);
	if (sep) records = records.map((r) => ({ fields: r.fields, line: r.line + 1 }));
	if (records.length === 0) return reject('empty_file', 'The file is empty.');
	const { mode } = modeOf(records.map((r) => width(r.fields)));
	// header candidate: the first record wide enough (title rows above it have one or two fields)
	let hi = 0;
	if (options.headerLine !== undefined && options.headerLine !== null) {
		hi = records.findIndex((r) => r.line >= (options.headerLine as number));
		if (hi < 0) hi = 0;
	} else {
		const need = Math.max(2, Math.ceil(mode * 0.5));
		while (hi < records.length - 1 && nonEmpty(records[hi].fields) < need) hi++;
		// a title row wide enough to look like a header: prefer the first record that names columns
		for (let k = 0; k < Math.min(records.length, hi + 15); k++) {
			const fields = records[k].fields.map((f) => trimText(f));
			if (nonEmpty(fields) >= 2 && mapHeaders(fields).matched >= 2) {
				hi = k;
				break;
			}
		}
	}
	const cand = records[hi];
	const candHeaders = cand.fields.map((f) => trimText(f.replace(/^\ufeff/, '')));
	const { mapping: hmap, matched } = mapHeaders(candHeaders);
	let hasHeader: boolean;
	let headerUncertain = false;
	if (options.headerLine === null) hasHeader = false;
	else if (options.headerLine !== undefined) hasHeader = true;
	else if (matched >= 2 && (hmap.date !== undefined || hmap.amount !== undefined || hmap.customer_id !== undefined)) hasHeader = true;
	else {
		// data-like first record: a date or a number where the rows below have them too
		const after = records.slice(hi + 1, hi + 50);
		let dataLike = 0;
		let textOverData = 0;
		for (let c = 0; c < candHeaders.length; c++) {
			const st = columnStats(after, c);
			const one = columnStats([cand], c);
			if (st.nonEmpty === 0) continue;
			if ((one.dates > 0 && st.dates > st.nonEmpty * 0.8) || (one.numbers > 0 && st.numbers > st.nonEmpty * 0.8)) dataLike++;
			else if (one.texty > 0 && (st.dates > st.nonEmpty * 0.8 || st.numbers > st.nonEmpty * 0.8)) textOverData++;
		}
		hasHeader = textOverData > 0 && dataLike === 0;
		if (!hasHeader || matched === 0) {
			headerUncertain = true;
			questions.push({
				kind: 'header',
				message: hasHeader ? 'Is the first line of the file a header with column names?' : 'The first line looks like an order, not column names. Does the file have a header line?',
				options: ['header', 'no-header'],
				examples: [candHeaders.join(delimiter === 'whitespace' ? ' ' : delimiter)]
			});
		}
	}
	if (hi > 0 && hasHeader) warnings.push('preamble_skipped');
	let headers: string[];
	let rows: SampleRecord[];
	let headerLine: number | null;
	let mapping: Mapping;
	if (hasHeader) {
		headers = candHeaders;
		rows = records.slice(hi + 1);
		headerLine = cand.line;
		mapping = { ...hmap };
		const lower = headers.filter((h) => h !== '').map((h) => h.toLowerCase());
		if (new Set(lower).size < lower.length) warnings.push('duplicate_header');
	} else {
		rows = records.slice(hi);
		if (hi > 0 && options.headerLine === undefined) warnings.push('preamble_skipped');
		headerLine = null;
		const n = Math.max(...rows.slice(0, 50).map((r) => width(r.fields)));
		headers = Array.from({ length: n }, (_, i) => `Column ${i + 1}`);
		mapping = {};
	}
	const ncols = Math.max(headers.length, mode);
	mapByContent(rows.slice(0, 200), ncols, mapping);
	if (rows.length === 0) return reject('no_data_rows', 'The file has column headers but no data rows.');
	if (mapping.date === undefined && options.fileKind !== 'customers') {
		return reject('no_date_column', 'No order-date column was found. The file needs a column with the date of each order.');
	}
	const conv = sampleConventions(rows, mapping, options);
	if (conv.decimalAmbiguous && options.decimal === undefined) {
		const c = mapping.amount ?? mapping.unit_price ?? 0;
		questions.push(decimalQuestion(rows.slice(0, 5).map((r) => r.fields[c] ?? '')));
	}
	if (conv.dateAmbiguous && options.dateOrder === undefined) {
		questions.push(dateOrderQuestion(rows.slice(0, 5).map((r) => r.fields[mapping.date as number] ?? '')));
	}
	return {
		ok: true,
		layout: {
			encoding,
			delimiter,
			headerLine,
			headers,
			rows,
			mapping,
			skipBefore,
			questions,
			warnings,
			decimal: conv.decimal,
			dateOrder: conv.dateOrder,
			headerUncertain
		}
	};
}
