/**
 * Streaming RFC-4180 tokenizer with physical line numbers. We do not use PapaParse for reading: it
 * picks one newline style per file (our files mix CRLF, LF and lone CR), has no whitespace-run
 * delimiter (CDNOW) and gives no physical line numbers for the import report.
 *
 * Records are handed over as ranges (issue 5): field k is `src[k].slice(start[k], end[k])`, where
 * `src[k]` is usually the decoded piece itself, so the importer can hash, compare and parse a field
 * from its characters without cutting a string for it. A field that is not one stretch of the current
 * piece (a doubled quote, text after a closing quote, a field cut by a piece boundary) is joined into
 * a string of its own. `Tokenizer` hands over plain `string[]` records on top of that.
 */

/** Receives each record with the 1-based physical line it starts on. */
export type RecordSink = (fields: string[], line: number) => void;

/** One record as ranges; valid only during the sink call (the tokenizer reuses it). */
export interface FieldRanges {
	/** Number of fields. */
	count: number;
	/** Field k is src[k].slice(start[k], end[k]). */
	src: string[];
	start: Int32Array;
	end: Int32Array;
}

/** Receives each record as ranges with the 1-based physical line it starts on. */
export type RangeSink = (record: FieldRanges, line: number) => void;

const S_FIELD_START = 0;
const S_UNQUOTED = 1;
const S_QUOTED = 2;
const S_QUOTE_IN_QUOTED = 3;

/** The string of field `k` of a record. */
export function fieldText(r: FieldRanges, k: number): string {
	return r.src[k].slice(r.start[k], r.end[k]);
}

/** All fields of a record as strings. */
export function fieldTexts(r: FieldRanges): string[] {
	const out = new Array<string>(r.count);
	for (let k = 0; k < r.count; k++) out[k] = r.src[k].slice(r.start[k], r.end[k]);
	return out;
}

/** Tokenises text pieces into records handed over as ranges; `delimiter` is one character or 'whitespace'. */
export class RangeTokenizer {
	private readonly delim: number;
	private readonly ws: boolean;
	private state = S_FIELD_START;
	private line = 1;
	private recordLine = 1;
	private prevCR = false;
	private recordStarted = false;
	private quotedInRecord = false;
	/** The unquoted field so far is only spaces (a quote may still open it). */
	private lead = false;
	/** The current piece. */
	private text = '';
	/** The current field: a joined part (`acc`, when `joined`) followed by a pending range of `text`. */
	private acc = '';
	private joined = false;
	private pending = false;
	private ps = 0;
	private pe = 0;
	private readonly rec: FieldRanges = { count: 0, src: [], start: new Int32Array(16), end: new Int32Array(16) };

	constructor(
		delimiter: string,
		private readonly sink: RangeSink
	) {
		this.ws = delimiter === 'whitespace';
		this.delim = this.ws ? 32 : delimiter.charCodeAt(0);
	}

	/** The physical line the tokenizer is on. */
	get currentLine(): number {
		return this.line;
	}

	/** Adds text[a, b) to the current field: extends the pending range, or joins when it is not contiguous. */
	private take(a: number, b: number): void {
		if (this.pending) {
			if (this.pe === a) {
				this.pe = b;
				return;
			}
			this.acc = (this.joined ? this.acc : '') + this.text.slice(this.ps, this.pe);
			this.joined = true;
			this.pending = false;
		}
		if (this.joined) this.acc += this.text.slice(a, b);
		else {
			this.pending = true;
			this.ps = a;
			this.pe = b;
		}
	}

	/** Joins the pending range into `acc` (before the piece it points into goes away, or before a literal). */
	private join(): void {
		if (this.pending) {
			this.acc = (this.joined ? this.acc : '') + this.text.slice(this.ps, this.pe);
			this.pending = false;
		} else if (!this.joined) this.acc = '';
		this.joined = true;
	}

	private fieldEmpty(): boolean {
		return this.joined ? this.acc === '' && (!this.pending || this.ps === this.pe) : !this.pending || this.ps === this.pe;
	}

	private reset(): void {
		this.acc = '';
		this.joined = false;
		this.pending = false;
	}

	/** Ends the current field and adds it to the record. */
	private endField(): void {
		const r = this.rec;
		const k = r.count++;
		if (k === r.start.length) {
			const s = new Int32Array(k * 2);
			s.set(r.start);
			r.start = s;
			const e = new Int32Array(k * 2);
			e.set(r.end);
			r.end = e;
		}
		if (this.joined) {
			if (this.pending) this.acc += this.text.slice(this.ps, this.pe);
			r.src[k] = this.acc;
			r.start[k] = 0;
			r.end[k] = this.acc.length;
		} else if (this.pending) {
			r.src[k] = this.text;
			r.start[k] = this.ps;
			r.end[k] = this.pe;
		} else {
			r.src[k] = '';
			r.start[k] = 0;
			r.end[k] = 0;
		}
		this.reset();
	}

	push(text: string): void {
		this.text = text;
		const delim = this.delim;
		const ws = this.ws;
		let state = this.state;
		let seg = 0;
		let lead = this.lead;
		const n = text.length;
		for (let i = 0; i < n; i++) {
			const c = text.charCodeAt(i);
			if (state === S_QUOTED) {
				if (c === 34) {
					this.take(seg, i);
					state = S_QUOTE_IN_QUOTED;
				} else if (c === 13) {
					this.line++;
					this.prevCR = true;
				} else if (c === 10) {
					if (!this.prevCR) this.line++;
					this.prevCR = false;
				} else this.prevCR = false;
				continue;
			}
			if (c === 13 || c === 10) {
				if (c === 10 && this.prevCR) {
					this.prevCR = false;
					continue;
				}
				if (state === S_UNQUOTED) this.take(seg, i);
				this.endRecord();
				state = S_FIELD_START;
				this.line++;
				this.prevCR = c === 13;
				this.recordStarted = false;
				continue;
			}
			this.prevCR = false;
			if (!this.recordStarted) {
				this.recordStarted = true;
				this.recordLine = this.line;
			}
			if (state === S_QUOTE_IN_QUOTED) {
				if (c === 34) {
					this.join();
					this.acc += '"';
					state = S_QUOTED;
					seg = i + 1;
				} else if (c === delim || (ws && c === 9)) {
					this.endField();
					state = S_FIELD_START;
				} else {
					// text after a closing quote: keep it (lenient)
					state = S_UNQUOTED;
					seg = i;
				}
				continue;
			}
			if (state === S_FIELD_START) {
				if (c === 34) {
					state = S_QUOTED;
					this.quotedInRecord = true;
					seg = i + 1;
					continue;
				}
				if (c === delim || (ws && c === 9)) {
					if (!ws) this.endField();
					continue;
				}
				state = S_UNQUOTED;
				seg = i;
				lead = c === 32;
				continue;
			}
			// unquoted
			if (c === delim || (ws && c === 9)) {
				this.take(seg, i);
				this.endField();
				state = S_FIELD_START;
			} else if (lead && c !== 32) {
				lead = false;
				if (c === 34) {
					// padded quoted field (` "a|b" `): the spaces before the quote are padding
					this.reset();
					state = S_QUOTED;
					this.quotedInRecord = true;
					seg = i + 1;
				}
			}
		}
		this.lead = lead;
		if (state === S_UNQUOTED || state === S_QUOTED) this.take(seg, n);
		// the piece goes away: what the field has so far becomes a string of its own
		if (this.pending) this.join();
		this.state = state;
	}

	/** Flushes the last record (a file without a final newline). */
	finish(): void {
		if (this.recordStarted || !this.fieldEmpty() || this.rec.count > 0) this.endRecord();
		this.reset();
		this.state = S_FIELD_START;
		this.recordStarted = false;
	}

	private endRecord(): void {
		const r = this.rec;
		if (!(this.ws && this.fieldEmpty())) this.endField();
		else this.reset();
		const quoted = this.quotedInRecord;
		this.quotedInRecord = false;
		if (r.count === 0) return;
		if (!quoted) {
			let blank = true;
			for (let k = 0; k < r.count && blank; k++) if (!isBlank(r.src[k], r.start[k], r.end[k])) blank = false;
			if (blank) {
				r.count = 0;
				return;
			}
		}
		this.sink(r, this.recordLine);
		r.count = 0;
	}
}

/** Tokenises text pieces into records of strings; `delimiter` is one character or 'whitespace'. */
export class Tokenizer extends RangeTokenizer {
	constructor(delimiter: string, sink: RecordSink) {
		super(delimiter, (r, line) => sink(fieldTexts(r), line));
	}
}

function isBlank(s: string, a: number, b: number): boolean {
	for (let i = a; i < b; i++) {
		const c = s.charCodeAt(i);
		if (!(c === 32 || c === 9 || c === 0 || c === 0x1a || c === 0xa0 || c === 0x202f || c === 0xfeff)) return false;
	}
	return true;
}
