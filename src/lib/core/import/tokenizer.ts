/**
 * Streaming RFC-4180 tokenizer with physical line numbers. We do not use PapaParse for reading: it
 * picks one newline style per file (our files mix CRLF, LF and lone CR), has no whitespace-run
 * delimiter (CDNOW) and gives no physical line numbers for the import report.
 */

/** Receives each record with the 1-based physical line it starts on. */
export type RecordSink = (fields: string[], line: number) => void;

const S_FIELD_START = 0;
const S_UNQUOTED = 1;
const S_QUOTED = 2;
const S_QUOTE_IN_QUOTED = 3;

/** Tokenises text pieces into records; `delimiter` is one character or 'whitespace'. */
export class Tokenizer {
	private readonly delim: number;
	private readonly ws: boolean;
	private state = S_FIELD_START;
	private field = '';
	private fields: string[] = [];
	private line = 1;
	private recordLine = 1;
	private prevCR = false;
	private recordStarted = false;
	private quotedInRecord = false;
	/** The unquoted field so far is only spaces (a quote may still open it). */
	private lead = false;

	constructor(
		delimiter: string,
		private readonly sink: RecordSink
	) {
		this.ws = delimiter === 'whitespace';
		this.delim = this.ws ? 32 : delimiter.charCodeAt(0);
	}

	/** The physical line the tokenizer is on. */
	get currentLine(): number {
		return this.line;
	}

	push(text: string): void {
		const delim = this.delim;
		const ws = this.ws;
		let state = this.state;
		let field = this.field;
		let seg = 0;
		let lead = this.lead;
		const n = text.length;
		for (let i = 0; i < n; i++) {
			const c = text.charCodeAt(i);
			if (state === S_QUOTED) {
				if (c === 34) {
					field += text.slice(seg, i);
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
				if (state === S_UNQUOTED) field += text.slice(seg, i);
				this.endRecord(field);
				field = '';
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
					field += '"';
					state = S_QUOTED;
					seg = i + 1;
				} else if (c === delim || (ws && c === 9)) {
					this.fields.push(field);
					field = '';
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
					if (!ws) this.fields.push('');
					continue;
				}
				state = S_UNQUOTED;
				seg = i;
				lead = c === 32;
				continue;
			}
			// unquoted
			if (c === delim || (ws && c === 9)) {
				field += text.slice(seg, i);
				this.fields.push(field);
				field = '';
				state = S_FIELD_START;
			} else if (lead && c !== 32) {
				lead = false;
				if (c === 34) {
					// padded quoted field (` "a|b" `): the spaces before the quote are padding
					field = '';
					state = S_QUOTED;
					this.quotedInRecord = true;
					seg = i + 1;
				}
			}
		}
		this.lead = lead;
		if (state === S_UNQUOTED) {
			field += text.slice(seg, n);
		} else if (state === S_QUOTED) field += text.slice(seg, n);
		this.state = state;
		this.field = field;
	}

	/** Flushes the last record (a file without a final newline). */
	finish(): void {
		if (this.recordStarted || this.field !== '' || this.fields.length > 0) this.endRecord(this.field);
		this.field = '';
		this.state = S_FIELD_START;
		this.recordStarted = false;
	}

	private endRecord(last: string): void {
		const fields = this.fields;
		if (!(this.ws && last === '')) fields.push(last);
		this.fields = [];
		const quoted = this.quotedInRecord;
		this.quotedInRecord = false;
		if (fields.length === 0) return;
		if (!quoted) {
			let blank = true;
			for (let i = 0; i < fields.length && blank; i++) if (!isBlank(fields[i])) blank = false;
			if (blank) return;
		}
		this.sink(fields, this.recordLine);
	}
}

function isBlank(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (!(c === 32 || c === 9 || c === 0 || c === 0x1a || c === 0xa0 || c === 0x202f || c === 0xfeff)) return false;
	}
	return true;
}
