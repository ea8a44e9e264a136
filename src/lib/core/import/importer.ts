/** The streaming importer: bytes → decoded text → records → normalised growable columns (OrderData) plus a report. */
import type { DimensionColumn, Field, ImportFacts, Mapping, OrderData, Question, ReportEntry } from '../types';
import { FLAG_DISCOUNT, FLAG_RETURN } from '../types';
import type { ImportConfig, ImportResult, Importer } from './types';
import { NO_DAY } from '../parse/day-number';
import {
	DATE_AMBIGUOUS,
	DATE_MISSING,
	DATE_OK,
	ORDER_DMY,
	ORDER_MDY,
	ORDER_YMD,
	newDateParse,
	parseDate,
	type DateParse
} from '../parse/parse-date';
import {
	EVIDENCE_AMBIGUOUS,
	EVIDENCE_COMMA,
	EVIDENCE_DOT,
	NUM_MISSING,
	NUM_OK,
	newNumberParse,
	isSpaceCode,
	parseNumber,
	parsePlainNumberIn,
	trimText,
	type NumberParse
} from '../parse/parse-number';
import { RangeTokenizer, fieldText, fieldTexts, type FieldRanges } from './tokenizer';
import { RowHashSet } from './row-hash-set';
import { fieldHash, IdTable, PackedIdTable } from './id-table';
import { dateOrderQuestion, decimalQuestion, detectLayout } from './detect';
import type { Layout } from './detect';
import { CurrencyTally } from './currency';
import { pickStrings, type PackedStrings } from '../packed-strings';
import { growF64, growI32, growU8, release } from '../memory';

const DETECT_BYTES = 1 << 20;
/**
 * Arrays sized from the rows (or orders) per byte read are made this much larger than the whole file's
 * estimate, so that a file whose later rows are a little shorter still fits without another copy.
 */
const SIZE_MARGIN = 1.04;

/** Row bits kept until finish. */
const R_STATUS_RETURN = 1;
const R_QTY_NEGATIVE = 2;
const R_DISCOUNT = 4;
/** Reading the amount with ',' as the decimal separator gives no number (e.g. `20.46`). */
const R_COMMA_NAN = 8;
/** Reading it with '.' gives no number (e.g. `12,50`); the amount column holds the ',' reading. */
const R_DOT_NAN = 16;
/** Both readings are numbers and differ (e.g. `1.234`); the ',' reading is in amtComma. */
const R_COMMA_OWN = 32;

const DIM_FIELDS: Field[] = ['product', 'category', 'location', 'channel'];

const RETURN_WORDS = ['cancel', 'refund', 'return', 'void', 'chargeback', 'storn', 'отмен', 'возврат', 'вернул', 'لغو', 'مرجوع', 'برگشت', 'استرداد', 'ابطال', 'باطل'];
const NO_DISCOUNT = new Set(['0', '0.0', '0.00', '0,0', '0,00', 'false', 'no', 'n', 'none', 'нет', 'خیر', 'خير', 'nein', 'non', '-', '0%', 'f']);
const SUMMARY_WORDS = ['total', 'grand total', 'subtotal', 'sum', 'count', 'итого', 'всего', 'сумма', 'جمع', 'مجموع', 'gesamt', 'summe'];

function isBidi(c: number): boolean {
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x200e || c === 0x200f || c === 0x61c;
}

function hasBidi(s: string, a: number, b: number): boolean {
	for (let i = a; i < b; i++) if (isBidi(s.charCodeAt(i))) return true;
	return false;
}

/**
 * A copy of a value that does not point into the decoded piece it was cut from (engines keep long
 * substrings as views of their parent), so interned ids do not keep the whole file text alive.
 */
function detach(s: string): string {
	return s.length < 13 ? s : (' ' + s).slice(1);
}

const SHAPE_DIGITS = 0;
const SHAPE_C_DIGITS = 1;
const SHAPE_OTHER = 2;

/** Order id k is ASCII digits only, `C` + digits (a cancelled invoice), or anything else. */
function orderIdShape(p: PackedStrings, k: number): number {
	const s = k === 0 ? 0 : p.ends[k - 1];
	const e = p.ends[k];
	if (s === e) return SHAPE_OTHER;
	let i = s;
	let shape = SHAPE_DIGITS;
	if (p.chars[s] === 67) {
		if (e - s < 2) return SHAPE_OTHER;
		shape = SHAPE_C_DIGITS;
		i++;
	}
	for (; i < e; i++) {
		const c = p.chars[i];
		if (c < 48 || c > 57) return SHAPE_OTHER;
	}
	return shape;
}

/** Order id k starts with `C`. */
function startsWithC(p: PackedStrings, k: number): boolean {
	const s = k === 0 ? 0 : p.ends[k - 1];
	return p.ends[k] > s && p.chars[s] === 67;
}

function isReturnStatus(s: string): boolean {
	if (s === '') return false;
	const l = s.toLowerCase();
	for (const w of RETURN_WORDS) if (l.includes(w)) return true;
	return false;
}

const discountNumber = newNumberParse();

function isDiscount(s: string): boolean {
	if (s === '') return false;
	if (NO_DISCOUNT.has(s.toLowerCase())) return false;
	parseNumber(s, discountNumber);
	return !(discountNumber.status === NUM_OK && discountNumber.dot === 0 && discountNumber.comma === 0);
}

/** Placeholder customer ids that mean "no customer" (never a fake customer "NULL" or "undefined"). */
const GUEST_IDS = new Set(['null', 'none', 'undefined', 'n/a', 'nan', '#n/a', '-', '--', '—']);


/** Creates a streaming importer for one file (ImportConfig from the preview). */
export function createImporter(config: ImportConfig): Importer {
	return new StreamingImporter(config);
}

class StreamingImporter implements Importer {
	private readonly options;
	private pending: Uint8Array[] = [];
	private pendingBytes = 0;
	/**
	 * The bytes read before the layout was known (the first MB), not yet parsed: pump() parses them a
	 * piece at a time, so the caller can report progress and yield between pieces; the next push() or
	 * finish() parses what is left of them first.
	 */
	private backlog: Uint8Array | null = null;
	private backlogAt = 0;
	private layout: Layout | null = null;
	private rejected: { code: string; reason: string } | null = null;
	private decoder: TextDecoder | null = null;
	private tokenizer: RangeTokenizer | null = null;
	private mapping: Mapping = {};
	private header: string[] | null = null;
	private ncols = 0;
	private required: number[] = [];
	private seenRecords = 0;
	/** Bytes handed to the decoder so far. */
	private fed = 0;

	// columns
	private cap = 1024;
	private n = 0;
	private line = new Int32Array(this.cap);
	private cust = new Int32Array(this.cap);
	private ord = new Int32Array(this.cap);
	private dayA = new Int32Array(this.cap);
	/** The day read month-first, for rows whose date reads differently day-first: made on the first such row. */
	private dayB: Int32Array | null = null;
	private amtDot = new Float64Array(this.cap);
	/** The ',' reading of amounts whose two readings differ (R_COMMA_OWN): made on the first such row. */
	private amtComma: Float64Array | null = null;
	private bits = new Uint8Array(this.cap);
	private dimCodes: Int32Array[] = [];
	private dims: { name: string; col: number; values: string[]; index: IdTable }[] = [];

	private customerIndex = new IdTable(detach);
	private customerIds: string[] = this.customerIndex.values;
	private orderIndex = new PackedIdTable();
	/** FNV-1a hash of each raw field of the current record (from the duplicate-detection loop). */
	private fieldHashes = new Int32Array(64);
	private seen = new RowHashSet();
	private duplicates = 0;
	private report: ReportEntry[] = [];
	private rowWarnings = new Set<string>();
	private skipped = 0;
	// evidence
	private evDot = 0;
	private evComma = 0;
	private evAmbNumber = 0;
	private ambNumberExamples: string[] = [];
	private evDmy = 0;
	private evMdy = 0;
	private ambDates = 0;
	private ambDateExamples: string[] = [];
	/** Rows per ORDER_* whose component order the format fixes (dotted = day first, ISO = year first). */
	private writtenOrder = [0, 0, 0, 0];

	private readonly dp = newDateParse();
	private readonly np = newNumberParse();
	private readonly np2 = newNumberParse();
	/** The money column's currency markers (issue 7: currency detected from the file). */
	private currency: CurrencyTally | null = null;

	constructor(private readonly config: ImportConfig) {
		this.options = config.options ?? {};
	}

	get records(): number {
		return this.seenRecords;
	}

	push(bytes: Uint8Array): void {
		if (this.rejected) return;
		if (!this.layout) {
			this.pending.push(bytes);
			this.pendingBytes += bytes.length;
			if (this.pendingBytes < DETECT_BYTES) return;
			this.start(false);
			return;
		}
		this.drain();
		this.feed(bytes, false);
	}

	pump(maxBytes: number): boolean {
		const b = this.backlog;
		if (!b || this.rejected) return false;
		const end = Math.min(b.length, this.backlogAt + Math.max(1, maxBytes));
		this.feed(b.subarray(this.backlogAt, end), false);
		this.backlogAt = end;
		if (end >= b.length) {
			this.backlog = null;
			this.backlogAt = 0;
			this.reserve();
		}
		return true;
	}

	get unparsedBytes(): number {
		if (this.rejected) return 0;
		if (!this.layout) return this.pendingBytes;
		return this.backlog ? this.backlog.length - this.backlogAt : 0;
	}

	/** Parses whatever is left of the backlog. */
	private drain(): void {
		if (this.backlog) this.pump(Infinity);
	}

	private start(complete: boolean): void {
		const all = new Uint8Array(this.pendingBytes);
		let o = 0;
		for (const p of this.pending) {
			all.set(p, o);
			o += p.length;
		}
		this.pending = [];
		const outcome = detectLayout(all.subarray(0, Math.min(all.length, 1 << 20)), this.options, complete || all.length <= 1 << 20);
		if (!outcome.ok) {
			this.rejected = { code: outcome.code, reason: outcome.reason };
			return;
		}
		const layout = outcome.layout;
		this.layout = layout;
		this.mapping = Object.keys(this.config.mapping ?? {}).length > 0 ? { ...this.config.mapping } : { ...layout.mapping };
		this.ncols = layout.headers.length;
		const req: number[] = [];
		const m = this.mapping;
		if (m.date !== undefined) req.push(m.date);
		if (m.order_id !== undefined) req.push(m.order_id);
		if (m.amount !== undefined) req.push(m.amount);
		else if (m.quantity !== undefined && m.unit_price !== undefined) req.push(m.quantity, m.unit_price);
		this.required = req;
		const moneyCol = m.amount ?? m.unit_price;
		if (moneyCol !== undefined) this.currency = new CurrencyTally(layout.headers[moneyCol] ?? '');
		for (const f of DIM_FIELDS) {
			const col = m[f];
			if (col === undefined) continue;
			const index = new IdTable(detach);
			this.dims.push({ name: f, col, values: index.values, index });
			this.dimCodes.push(new Int32Array(this.cap));
		}
		// Any other column the user wants to break down by, named by its header (METRICS.md §6 "any mapped column").
		for (const col of this.config.extraDimensions ?? []) {
			if (this.dims.some((d) => d.col === col) || col < 0 || col >= this.ncols) continue;
			const index = new IdTable(detach);
			this.dims.push({ name: layout.headers[col] || `Column ${col + 1}`, col, values: index.values, index });
			this.dimCodes.push(new Int32Array(this.cap));
		}
		this.decoder = new TextDecoder(layout.encoding);
		this.tokenizer = new RangeTokenizer(layout.delimiter, (rec, line) => this.onRecord(rec, line));
		this.backlog = all;
		this.backlogAt = 0;
	}

	private feed(bytes: Uint8Array, last: boolean): void {
		this.fed += bytes.length;
		const text = (this.decoder as TextDecoder).decode(bytes, { stream: !last });
		(this.tokenizer as RangeTokenizer).push(text);
	}

	private skip(line: number, column: string, value: string, reason: string): void {
		this.skipped++;
		this.report.push({ line, column, value, reason, skipped: true });
	}

	private flag(line: number, column: string, value: string, reason: string): void {
		this.rowWarnings.add(reason);
		this.report.push({ line, column, value, reason, skipped: false });
	}

	private colName(col: number): string {
		const l = this.layout as Layout;
		return l.headers[col] ?? `Column ${col + 1}`;
	}

	/**
	 * One record, as ranges of the decoded text (issue 5: no string is cut for a field the row does not
	 * keep). Fields are hashed, compared, trimmed and parsed from their characters; strings are made only
	 * for ids seen for the first time, the amount, and the values of rows that are reported.
	 */
	private onRecord(rec: FieldRanges, line: number): void {
		const layout = this.layout as Layout;
		const hl = layout.headerLine;
		if (hl !== null) {
			if (line < hl) return;
			if (line === hl) {
				this.header = fieldTexts(rec).map((f) => trimText(f.replace(/^\ufeff/, '')));
				this.ncols = rec.count;
				return;
			}
		} else if (line <= layout.skipBefore) return;
		this.seenRecords++;
		const count = rec.count;
		if (this.fieldHashes.length < count) {
			this.fieldHashes = new Int32Array(count * 2);
			this.fieldHashes2 = new Int32Array(count * 2);
		}
		// duplicate detection: two 32-bit hashes of each raw field (chained into two row hashes below);
		// the first (FNV-1a) also keys the id tables, so no id is hashed twice. The same pass finds NULs.
		const fh = this.fieldHashes;
		const fh2 = this.fieldHashes2;
		let hadNul = false;
		for (let f = 0; f < count; f++) {
			const s = rec.src[f];
			let a = 0x811c9dc5;
			let b = 0x9747b28c;
			for (let i = rec.start[f], e = rec.end[f]; i < e; i++) {
				const c = s.charCodeAt(i);
				if (c === 0) hadNul = true;
				a = Math.imul(a ^ c, 0x01000193);
				b = Math.imul(b ^ c, 0x5bd1e995);
				b ^= b >>> 13;
			}
			fh[f] = a;
			fh2[f] = b;
		}
		if (hadNul) this.removeNuls(rec);
		this.rec = rec;
		this.curLen = count;
		const ncols = this.ncols;
		let len = count;
		while (len > ncols && this.blank(len - 1)) len--;
		// extra empty trailing fields are ignored, but when the row then fails, its columns were shifted
		const shifted = count > ncols;
		this.curLen = len;
		const header = this.header;
		if (header !== null && len === ncols && this.trimmedIs(0, header[0])) {
			let same = true;
			for (let k = 1; k < len && same; k++) if (!this.trimmedIs(k, header[k])) same = false;
			if (same) {
				this.skip(line, '', fieldTexts(rec).join(','), 'repeated_header');
				return;
			}
		}
		if (len > ncols) {
			this.skip(line, '', fieldTexts(rec).slice(ncols, len).join(','), 'too_many_fields');
			return;
		}
		let padded = false;
		if (len < ncols) {
			for (const c of this.required) {
				if (c >= len || this.blank(c)) {
					this.skip(line, this.colName(c), '', 'too_few_fields');
					return;
				}
			}
			padded = true;
		}
		let h1 = 0x811c9dc5;
		let h2 = 0x9747b28c;
		for (let f = 0; f < len; f++) {
			h1 = Math.imul(h1 ^ fh[f], 0xcc9e2d51);
			h1 = (h1 << 15) | (h1 >>> 17);
			h2 = Math.imul(h2 ^ fh2[f], 0x1b873593);
			h2 ^= h2 >>> 15;
		}
		const m = this.mapping;
		// start the customer table's memory read now, to overlap the order-id look-up and the date's parse
		if (m.customer_id !== undefined && m.customer_id < len) this.touched ^= this.customerIndex.touch(fh[m.customer_id]);
		// A duplicate row repeats every field, its order id too: a row whose order id is new repeats no
		// earlier row. So the order id is interned here, each order keeps its first row's hash, and only
		// an order's later rows go through the duplicate set (a file of one row per order never does).
		let early = -1;
		let dup: boolean;
		if (m.order_id !== undefined && this.trim(m.order_id)) {
			const before = this.orderIndex.length;
			early = this.orderIndex.internRange(rec.src[m.order_id], this.ta, this.tb, this.trimmedHash(m.order_id));
			if (early === before) {
				this.firstRowOf(early, h1 | 0, h2 | 0);
				dup = false;
			} else dup = (this.firstRow1[early] === (h1 | 0) && this.firstRow2[early] === (h2 | 0)) || !this.seen.add(h1 | 0, h2 | 0);
		} else dup = !this.seen.add(h1 | 0, h2 | 0);
		let dupKept = false;
		if (dup) {
			const skipDup = (this.options.duplicates ?? (this.mapping.order_id !== undefined ? 'skip' : 'keep')) === 'skip';
			this.duplicates++;
			if (skipDup) {
				this.skip(line, '', '', 'duplicate_row');
				return;
			}
			dupKept = true;
		}
		const get = this.get;
		// date (consecutive rows often carry the same date text: parsed once)
		const dp = this.parseDateField(m.date);
		let dA = NO_DAY;
		let dB = NO_DAY;
		if (dp.status === DATE_OK) {
			dA = dB = dp.day;
		} else if (dp.status === DATE_AMBIGUOUS) {
			dA = dp.dmy;
			dB = dp.mdy;
		} else {
			if (this.isSummary(fieldTexts(rec), len)) this.skip(line, '', fieldTexts(rec).slice(0, len).join(','), 'summary_row');
			else {
				const reason = shifted ? 'too_many_fields' : dp.status === DATE_MISSING ? 'missing_date' : 'invalid_date';
				this.skip(line, this.colName(m.date ?? 0), get(m.date), reason);
			}
			return;
		}
		// order id (interned at the duplicate check; numbered in the order orders first pass the date check)
		let order = -1;
		if (m.order_id !== undefined) {
			if (early < 0) {
				this.skip(line, this.colName(m.order_id), '', 'too_few_fields');
				return;
			}
			order = early;
			if (this.orderNumber[order] < 0) this.orderNumber[order] = this.ordersNumbered++;
		}
		// amount
		let aDot = NaN;
		let aComma = NaN;
		let rowBits = 0;
		const np = this.np;
		if (m.amount !== undefined) {
			const raw = this.readNumber(m.amount, np, true);
			if (np.status !== NUM_OK) {
				if (this.isSummary(fieldTexts(rec), len)) this.skip(line, '', fieldTexts(rec).slice(0, len).join(','), 'summary_row');
				else {
					const reason = shifted ? 'too_many_fields' : np.status === NUM_MISSING ? 'missing_amount' : 'invalid_amount';
					this.skip(line, this.colName(m.amount), raw || get(m.amount), reason);
				}
				return;
			}
			aDot = np.dot;
			aComma = np.comma;
			this.evidence(np.evidence, m.amount);
			if (m.quantity !== undefined) {
				this.readNumber(m.quantity, this.np2, false);
				if (this.np2.status === NUM_OK && (this.np2.dot < 0 || this.np2.comma < 0)) rowBits |= R_QTY_NEGATIVE;
			}
		} else if (m.quantity !== undefined && m.unit_price !== undefined) {
			this.readNumber(m.quantity, np, false);
			this.readNumber(m.unit_price, this.np2, true);
			if (np.status !== NUM_OK || this.np2.status !== NUM_OK) {
				const bad = np.status !== NUM_OK ? np : this.np2;
				const col = np.status !== NUM_OK ? m.quantity : m.unit_price;
				this.skip(line, this.colName(col), get(col), bad.status === NUM_MISSING ? 'missing_amount' : 'invalid_amount');
				return;
			}
			aDot = np.dot * this.np2.dot;
			aComma = np.comma * this.np2.comma;
			this.evidence(np.evidence, m.quantity);
			this.evidence(this.np2.evidence, m.unit_price);
			if (np.dot < 0 || np.comma < 0) rowBits |= R_QTY_NEGATIVE;
		}
		if (dp.status === DATE_AMBIGUOUS) {
			if (dA !== NO_DAY && dB === NO_DAY) this.evDmy++;
			else if (dB !== NO_DAY && dA === NO_DAY) this.evMdy++;
			else {
				this.ambDates++;
				if (this.ambDateExamples.length < 5) this.ambDateExamples.push(get(m.date));
			}
		} else this.writtenOrder[dp.order]++;
		// customer
		let cust = -1;
		if (m.customer_id !== undefined) {
			const c = m.customer_id;
			if (!this.trim(c) || this.isGuest(rec.src[c], this.ta, this.tb)) this.flag(line, this.colName(c), get(c), 'missing_customer_id');
			else {
				const src = rec.src[c];
				const a = this.ta;
				const b = this.tb;
				const known = this.customerIds.length;
				cust = this.customerIndex.internRange(src, a, b, this.trimmedHash(c));
				// an id is scanned for bidi controls once, when it is new; its every row is flagged
				if (cust === known && hasBidi(src, a, b)) this.bidiCustomers.add(cust);
				if (this.bidiCustomers.size > 0 && this.bidiCustomers.has(cust)) this.flag(line, this.colName(c), src.slice(a, b), 'bidi_control_in_id');
			}
		}
		if (m.status !== undefined && isReturnStatus(trimText(get(m.status)))) rowBits |= R_STATUS_RETURN;
		if (m.discount !== undefined && isDiscount(trimText(get(m.discount)))) rowBits |= R_DISCOUNT;
		if (padded) this.flag(line, '', '', 'short_row_padded');
		if (hadNul) this.flag(line, '', '', 'control_chars_removed');
		if (dupKept) this.flag(line, '', '', 'duplicate_row');
		// store
		if (this.n === this.cap) this.grow();
		const i = this.n++;
		this.line[i] = line;
		this.cust[i] = cust;
		this.ord[i] = order;
		this.dayA[i] = dA;
		if (dB !== dA && this.dayB === null) this.dayB = this.dayA.slice();
		if (this.dayB !== null) this.dayB[i] = dB;
		// one amount column: the second reading is kept only where it says something else
		if (Number.isNaN(aComma) && !Number.isNaN(aDot)) rowBits |= R_COMMA_NAN;
		else if (Number.isNaN(aDot) && !Number.isNaN(aComma)) {
			rowBits |= R_DOT_NAN;
			aDot = aComma;
		} else if (aComma !== aDot && !Number.isNaN(aDot)) {
			rowBits |= R_COMMA_OWN;
			if (this.amtComma === null) this.amtComma = new Float64Array(this.cap);
			this.amtComma[i] = aComma;
		}
		this.amtDot[i] = aDot;
		this.bits[i] = rowBits;
		for (let d = 0; d < this.dims.length; d++) {
			const dim = this.dims[d];
			const c = dim.col;
			this.dimCodes[d][i] = this.trim(c) ? dim.index.internRange(rec.src[c], this.ta, this.tb, this.trimmedHash(c)) : -1;
		}
	}

	/** Replaces the fields holding NULs with copies without them (and their hashes with the copies'). */
	private removeNuls(rec: FieldRanges): void {
		for (let f = 0; f < rec.count; f++) {
			const v = fieldText(rec, f);
			if (v.indexOf('\u0000') < 0) continue;
			const clean = v.replace(/\u0000/g, '');
			rec.src[f] = clean;
			rec.start[f] = 0;
			rec.end[f] = clean.length;
			let a = 0x811c9dc5;
			let b = 0x9747b28c;
			for (let i = 0; i < clean.length; i++) {
				const c = clean.charCodeAt(i);
				a = Math.imul(a ^ c, 0x01000193);
				b = Math.imul(b ^ c, 0x5bd1e995);
				b ^= b >>> 13;
			}
			this.fieldHashes[f] = a;
			this.fieldHashes2[f] = b;
		}
	}

	/** The current record (ranges) and its field count after trailing empty fields. */
	private rec: FieldRanges = { count: 0, src: [], start: new Int32Array(0), end: new Int32Array(0) };
	private curLen = 0;
	/** The hash of each order's first row (its duplicates are found without the duplicate set). */
	private firstRow1 = new Int32Array(1024);
	private firstRow2 = new Int32Array(1024);
	/**
	 * Each interned order id's number among the orders whose rows passed the date check, in the order they
	 * first did (-1: none yet). An order id whose first rows all fail the date check is not in the result,
	 * as before the ids were interned at the duplicate check.
	 */
	private orderNumber = new Int32Array(1024).fill(-1);
	private ordersNumbered = 0;

	/** Notes a new order id k and its first row's hash. */
	private firstRowOf(k: number, h1: number, h2: number): void {
		if (k === this.firstRow1.length) this.growOrders(this.capacityFor(k));
		this.firstRow1[k] = h1;
		this.firstRow2[k] = h2;
	}

	/** The per-order arrays, for `n` orders. */
	private growOrders(n: number): void {
		this.firstRow1 = growI32(this.firstRow1, n);
		this.firstRow2 = growI32(this.firstRow2, n);
		const num = new Int32Array(n).fill(-1);
		num.set(this.orderNumber);
		release(this.orderNumber);
		this.orderNumber = num;
	}

	/** Customers (indexes) whose id holds bidi control characters. */
	private bidiCustomers = new Set<number>();

	/** What the early table reads returned (kept so they are not optimised away). */
	private touched = 0;
	/** Second-lane hash of each raw field of the current record. */
	private fieldHashes2 = new Int32Array(64);
	/** The trimmed range of the field last passed to `trim`. */
	private ta = 0;
	private tb = 0;
	private trimmedCol = -1;

	/** Trims column `c` of the current record into [ta, tb); false when absent or empty. */
	private trim(c: number): boolean {
		this.trimmedCol = c;
		if (c >= this.curLen) {
			this.ta = this.tb = 0;
			return false;
		}
		const rec = this.rec;
		const s = rec.src[c];
		let a = rec.start[c];
		let b = rec.end[c];
		while (a < b && isSpaceCode(s.charCodeAt(a))) a++;
		while (b > a && isSpaceCode(s.charCodeAt(b - 1))) b--;
		this.ta = a;
		this.tb = b;
		return a < b;
	}

	/** The id-table hash of the field last trimmed: the raw field's when trimming removed nothing. */
	private trimmedHash(c: number): number {
		const rec = this.rec;
		if (this.ta === rec.start[c] && this.tb === rec.end[c]) return this.fieldHashes[c];
		return fieldHash(rec.src[c], this.ta, this.tb);
	}

	/** Column `c` of the current record is empty after trimming (or absent). */
	private blank(c: number): boolean {
		return !this.trim(c);
	}

	/** Column `c`, trimmed, equals `v`. */
	private trimmedIs(c: number, v: string): boolean {
		this.trim(c);
		const n = this.tb - this.ta;
		if (n !== v.length) return false;
		const s = this.rec.src[c];
		for (let i = 0; i < n; i++) if (s.charCodeAt(this.ta + i) !== v.charCodeAt(i)) return false;
		return true;
	}

	/** A placeholder id meaning "no customer" (NULL, n/a, -, …), compared without cutting a string unless it might be one. */
	private isGuest(s: string, a: number, b: number): boolean {
		if (b - a > 9) return false;
		const c = s.charCodeAt(a) | 0x20;
		// every placeholder starts with n, u, #, - or —
		if (c !== 0x6e && c !== 0x75 && c !== 0x23 && c !== 0x2d && s.charCodeAt(a) !== 0x2014) return false;
		return GUEST_IDS.has(s.slice(a, b).toLowerCase());
	}

	/** Raw text of the last date parsed and the parse (kept in `dp`). */
	private lastDate = '';
	private lastDateValid = false;

	/** parseDate of column `c` of the current record, reusing the last parse when the text is the same. */
	private parseDateField(c: number | undefined): DateParse {
		const rec = this.rec;
		if (c === undefined || c >= this.curLen) {
			this.lastDateValid = false;
			return parseDate('', this.dp);
		}
		const s = rec.src[c];
		const a = rec.start[c];
		const n = rec.end[c] - a;
		const last = this.lastDate;
		if (this.lastDateValid && n === last.length) {
			let same = true;
			for (let i = 0; i < n && same; i++) if (s.charCodeAt(a + i) !== last.charCodeAt(i)) same = false;
			if (same) return this.dp;
		}
		this.lastDate = s.slice(a, a + n);
		this.lastDateValid = true;
		return parseDate(this.lastDate, this.dp);
	}

	/** The raw value of a column of the current record ('' when absent). */
	private readonly get = (c: number | undefined): string =>
		c === undefined || c >= this.curLen ? '' : this.rec.src[c].slice(this.rec.start[c], this.rec.end[c]);

	/** The component order most rows were written in when no D/M question arose. */
	private fixedOrder(): 'dmy' | 'mdy' | 'ymd' | null {
		const w = this.writtenOrder;
		const best = Math.max(w[ORDER_YMD], w[ORDER_DMY], w[ORDER_MDY]);
		if (best === 0) return null;
		return best === w[ORDER_DMY] ? 'dmy' : best === w[ORDER_MDY] ? 'mdy' : 'ymd';
	}

	/** Counts what the number in column `col` of the current record says about the decimal separator. */
	private evidence(ev: number, col: number): void {
		if (ev === EVIDENCE_DOT) this.evDot++;
		else if (ev === EVIDENCE_COMMA) this.evComma++;
		else if (ev === EVIDENCE_AMBIGUOUS) {
			this.evAmbNumber++;
			if (this.ambNumberExamples.length < 5) this.ambNumberExamples.push(this.get(col));
		}
	}

	/**
	 * Parses the number in column `col` of the current record into `out`, a plain one in place; with
	 * `money`, the currency tally sees it. Returns the raw text (cut only when it was not plain).
	 */
	private readNumber(col: number, out: NumberParse, money: boolean): string {
		if (col < this.curLen) {
			const r = this.rec;
			if (parsePlainNumberIn(r.src[col], r.start[col], r.end[col], out)) {
				if (money) this.currency?.addPlain();
				return '';
			}
		}
		const raw = this.get(col);
		if (money) this.currency?.add(raw);
		parseNumber(raw, out);
		return raw;
	}

	private isSummary(fields: string[], len: number): boolean {
		for (let f = 0; f < len; f++) {
			const v = trimText(fields[f]).toLowerCase();
			if (v === '') continue;
			for (const w of SUMMARY_WORDS) if (v === w || v.startsWith(w + ' ') || v.startsWith(w + ':')) return true;
		}
		return false;
	}

	/**
	 * How far to grow an array of rows or of orders that is full at `count` entries. Once the first MB is
	 * read and the file's size is known (config.expectedBytes): to the whole file's count estimated from the
	 * entries per byte so far, plus a margin, so a large import grows its arrays about once (at 3M rows,
	 * doubling left a quarter of ~120 MB of columns empty, copied them all at 2M rows, ~0.4 s without
	 * progress, and once more at the end); else, or near the end, at least by an eighth.
	 */
	private capacityFor(count: number): number {
		const total = this.config.expectedBytes ?? 0;
		if (!(total > 0) || this.fed < DETECT_BYTES) return count * 2;
		const estimate = Math.ceil(((count * Math.max(total, this.fed)) / this.fed) * SIZE_MARGIN) + 1024;
		return Math.max(estimate, Math.ceil(count * 1.125));
	}

	/** Once the first MB is parsed: the row and order arrays sized for the whole file (capacityFor). */
	private reserve(): void {
		if (!((this.config.expectedBytes ?? 0) > 0) || this.fed < DETECT_BYTES) return;
		const rows = this.capacityFor(this.n);
		if (rows > this.cap) this.growTo(rows);
		const orders = this.orderIndex.length;
		if (orders > 0) {
			const cap = this.capacityFor(orders);
			if (cap > this.firstRow1.length) this.growOrders(cap);
			this.orderIndex.reserve(cap);
		}
	}

	private grow(): void {
		this.growTo(this.capacityFor(this.cap));
	}

	private growTo(cap: number): void {
		this.line = growI32(this.line, cap);
		this.cust = growI32(this.cust, cap);
		this.ord = growI32(this.ord, cap);
		this.dayA = growI32(this.dayA, cap);
		if (this.dayB !== null) this.dayB = growI32(this.dayB, cap);
		this.amtDot = growF64(this.amtDot, cap);
		if (this.amtComma !== null) this.amtComma = growF64(this.amtComma, cap);
		this.bits = growU8(this.bits, cap);
		this.dimCodes = this.dimCodes.map((a) => growI32(a, cap));
		this.cap = cap;
	}

	finish(tick?: (fraction: number) => void): ImportResult {
		// the layout is known at the end only for a file under the detection size; either way the decoder
		// is flushed last, so a file cut inside its last character keeps U+FFFD for it
		if (!this.layout && !this.rejected) this.start(true);
		if (this.layout) {
			this.drain();
			this.feed(new Uint8Array(0), true);
		}
		if (this.layout && this.tokenizer) this.tokenizer.finish();
		const layout = this.layout;
		const baseFacts = (): ImportFacts => ({
			outcome: 'reject',
			warnings: [],
			question: null,
			rows_imported: 0,
			rows_rejected: 0,
			duplicate_rows: 0,
			encoding: layout?.encoding ?? 'utf-8',
			delimiter: layout?.delimiter ?? ',',
			decimal: '.',
			date_order: null,
			header_line: layout?.headerLine ?? null
		});
		if (this.rejected || !layout) {
			const f = baseFacts();
			f.reject_reason = this.rejected?.reason ?? 'The file could not be read.';
			f.reject_code = this.rejected?.code ?? 'import_unreadable';
			return { facts: f, data: null, report: [] };
		}
		const opts = this.options;
		// file-wide decisions
		let question: Question | null = null;
		let decimal: '.' | ',' = '.';
		if (opts.decimal) decimal = opts.decimal;
		else if (this.evDot > 0 || this.evComma > 0) decimal = this.evComma > this.evDot ? ',' : '.';
		else if (this.evAmbNumber > 0) question = decimalQuestion(this.ambNumberExamples);
		let dateOrder: 'dmy' | 'mdy' | 'ymd' | null = null;
		if (opts.dateOrder) dateOrder = opts.dateOrder;
		else if (this.evDmy > 0 || this.evMdy > 0) dateOrder = this.evDmy >= this.evMdy ? 'dmy' : 'mdy';
		else if (this.ambDates > 0) question = question ?? dateOrderQuestion(this.ambDateExamples);
		if (opts.encoding === undefined) question = layout.questions.find((q) => q.kind === 'encoding') ?? question;
		if (!question && opts.headerLine === undefined && layout.headerUncertain) {
			question = layout.questions.find((q) => q.kind === 'header') ?? null;
		}
		if (this.n === 0 && this.skipped === 0) {
			const f = baseFacts();
			f.reject_reason = 'The file has column headers but no data rows.';
			f.reject_code = 'no_data_rows';
			return { facts: f, data: null, report: [] };
		}
		if (question) {
			const f = baseFacts();
			f.outcome = 'needs-answer';
			f.question = question;
			return { facts: f, data: null, report: [] };
		}
		// C-prefix convention
		// the order ids whose rows passed the date check, numbered in the order they first did (as the
		// importer numbered them when it interned ids after the date check); ord[] is renumbered below
		let orderIds = this.orderIndex.packed();
		let renumber: Int32Array | null = null;
		for (let k = 0; k < orderIds.length; k++) if (this.orderNumber[k] !== k) renumber = this.orderNumber;
		if (renumber !== null) {
			const byNumber = new Int32Array(this.ordersNumbered);
			for (let k = 0; k < orderIds.length; k++) if (renumber[k] >= 0) byNumber[renumber[k]] = k;
			orderIds = pickStrings(orderIds, byNumber);
		}
		release(this.firstRow1, this.firstRow2);
		this.firstRow1 = this.firstRow2 = new Int32Array(0);
		// the id tables' slots are not needed any more (the values are kept): free them before compacting
		// (the order ids are copies, packed() or pickStrings(); the customer ids' strings stay)
		this.orderIndex.release();
		this.customerIndex.release();
		this.orderIndex = new PackedIdTable();
		this.customerIndex = new IdTable();
		let cPrefix = opts.cPrefixReturns;
		if (cPrefix === undefined) {
			let c = 0;
			let digits = 0;
			let other = 0;
			// once more than 1/20 of all ids are neither form, digits ≥ 95 % can no longer hold: stop
			// reading (1M order ids such as `O00000001`)
			const stopAt = orderIds.length / 20;
			for (let k = 0; k < orderIds.length; k++) {
				const shape = orderIdShape(orderIds, k);
				if (shape === SHAPE_C_DIGITS) c++;
				else if (shape === SHAPE_DIGITS) digits++;
				else if (++other > stopAt) break;
			}
			cPrefix = c > 0 && digits >= 0.95 * (digits + other);
		}
		const cOrder = new Uint8Array(orderIds.length);
		if (cPrefix) for (let k = 0; k < orderIds.length; k++) if (startsWithC(orderIds, k)) cOrder[k] = 1;
		const m = this.mapping;
		const hasAmount = m.amount !== undefined || (m.quantity !== undefined && m.unit_price !== undefined);
		const dateCol = this.colName(m.date ?? 0);
		// compact, in place (row j ≤ row i): no second copy of the columns at the end of a large import
		this.seen.release();
		this.seen = new RowHashSet();
		const n = this.n;
		const dayIn = dateOrder === 'mdy' ? (this.dayB ?? this.dayA) : this.dayA;
		const amtDot = this.amtDot;
		const amtComma = this.amtComma;
		const commaDecimal = decimal === ',';
		const bits = this.bits;
		const amountOf = (i: number): number => {
			if (!hasAmount) return NaN;
			const b = bits[i];
			if (commaDecimal) return b & R_COMMA_NAN ? NaN : b & R_COMMA_OWN ? (amtComma as Float64Array)[i] : amtDot[i];
			return b & R_DOT_NAN ? NaN : amtDot[i];
		};
		const lateSkips = new Set<number>();
		const { cust, ord, line, dayA } = this;
		const dimCodes = this.dimCodes;
		let j = 0;
		for (let i = 0; i < n; i++) {
			if ((i & 0xffff) === 0xffff) tick?.(i / n);
			const day = dayIn[i];
			if (day === NO_DAY) {
				this.skip(line[i], dateCol, '', 'invalid_date');
				lateSkips.add(line[i]);
				continue;
			}
			const amt = amountOf(i);
			if (hasAmount && Number.isNaN(amt)) {
				this.skip(line[i], this.colName(m.amount ?? m.unit_price ?? 0), '', 'invalid_amount');
				lateSkips.add(line[i]);
				continue;
			}
			const o = renumber !== null && ord[i] >= 0 ? renumber[ord[i]] : ord[i];
			const b = bits[i];
			let fl = 0;
			const isReturn = (b & (R_STATUS_RETURN | R_QTY_NEGATIVE)) !== 0 || amt < 0 || (o >= 0 && cOrder[o] === 1);
			if (isReturn) {
				fl |= FLAG_RETURN;
				if (amt > 0) this.flag(line[i], this.colName(m.amount ?? 0), String(amt), 'return_positive_amount');
			}
			if (b & R_DISCOUNT) fl |= FLAG_DISCOUNT;
			cust[j] = cust[i];
			line[j] = line[i];
			ord[j] = o;
			dayA[j] = day;
			amtDot[j] = amt;
			bits[j] = fl;
			for (let d = 0; d < dimCodes.length; d++) dimCodes[d][j] = dimCodes[d][i];
			j++;
		}
		const out = j;
		// dayA holds the days read either way now; renumber is this.orderNumber
		release(this.dayB, this.amtComma, cOrder, this.orderNumber);
		this.orderNumber = new Int32Array(0);
		this.dayB = null;
		this.amtComma = null;
		// the columns as they are when they are mostly full, else copies of their own size (the column's
		// memory released at once: the importer is done with it)
		const ownSize = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
			if (out >= a.length * 0.75) return a.subarray(0, out) as T;
			const copy = a.slice(0, out) as T;
			release(a);
			return copy;
		};
		const customer = ownSize(cust);
		const order = ownSize(ord);
		const dayCol = ownSize(dayA);
		const amount = ownSize(amtDot);
		const flags = ownSize(bits);
		const lines = ownSize(line);
		const codes = dimCodes.map((c) => ownSize(c));
		// spreadsheet float ids: strip `.0` only when every non-empty id is digits + `.0`
		let customerIds = this.customerIds;
		if (customerIds.length > 0 && customerIds.every((id) => /^\d+\.0$/.test(id))) customerIds = customerIds.map((id) => id.slice(0, -2));
		const report = lateSkips.size > 0 ? this.report.filter((r) => r.skipped || !lateSkips.has(r.line)) : this.report;
		report.sort((a, b) => a.line - b.line);
		const warnings: string[] = [...layout.warnings];
		if (this.skipped > 0) warnings.push('rows_skipped');
		for (const w of this.rowWarnings) {
			if (report.some((r) => !r.skipped && r.reason === w)) warnings.push(w === 'duplicate_row' ? 'duplicate_rows_kept' : w);
		}
		const dims: DimensionColumn[] = this.dims.map((d, k) => ({ name: d.name, codes: codes[k], values: d.values }));
		const data: OrderData = {
			length: out,
			customer,
			order,
			day: dayCol,
			amount,
			flags,
			customerIds,
			orderIds,
			hasOrderId: m.order_id !== undefined,
			hasAmount,
			dims,
			line: lines
		};
		const facts: ImportFacts = {
			outcome: warnings.length > 0 ? 'import-with-warnings' : 'import',
			warnings,
			question: null,
			rows_imported: out,
			rows_rejected: this.skipped,
			duplicate_rows: this.duplicates,
			encoding: layout.encoding,
			delimiter: layout.delimiter,
			decimal,
			date_order: dateOrder ?? this.fixedOrder(),
			header_line: layout.headerLine
		};
		if (this.currency) facts.currency = this.currency.result();
		if (out === 0) {
			facts.outcome = 'reject';
			facts.reject_reason = 'No row could be imported: every record was skipped (see the import report).';
			facts.reject_code = 'no_rows_imported';
			return { facts, data: null, report };
		}
		return { facts, data, report };
	}
}
