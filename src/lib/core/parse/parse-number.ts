/** Locale-tolerant signed decimal parsing: currency stripped, separators decided per file, Persian/Arabic-Indic digits. */

/** How a value constrains the file's decimal separator. */
export const EVIDENCE_NONE = 0;
export const EVIDENCE_DOT = 1;
export const EVIDENCE_COMMA = 2;
export const EVIDENCE_AMBIGUOUS = 3;

export const NUM_OK = 0;
export const NUM_MISSING = 1;
export const NUM_INVALID = 2;

/** Result slots, reused between calls to avoid allocation per field. */
export interface NumberParse {
	status: number;
	/** Value when '.' is the decimal separator (NaN when impossible under it). */
	dot: number;
	/** Value when ',' is the decimal separator. */
	comma: number;
	evidence: number;
}

export function newNumberParse(): NumberParse {
	return { status: NUM_OK, dot: NaN, comma: NaN, evidence: EVIDENCE_NONE };
}

/** ASCII value of an ASCII, Persian (U+06F0) or Arabic-Indic (U+0660) digit, else -1. */
export function digitValue(c: number): number {
	if (c >= 48 && c <= 57) return c - 48;
	if (c >= 0x6f0 && c <= 0x6f9) return c - 0x6f0;
	if (c >= 0x660 && c <= 0x669) return c - 0x660;
	return -1;
}

/** Replaces Persian and Arabic-Indic digits by ASCII digits. */
export function asciiDigits(s: string): string {
	let out = '';
	let last = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0x660 && c <= 0x6f9) {
			const v = digitValue(c);
			if (v >= 0) {
				out += s.slice(last, i) + String.fromCharCode(48 + v);
				last = i + 1;
			}
		}
	}
	return last === 0 ? s : out + s.slice(last);
}

export function isSpaceCode(c: number): boolean {
	return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0xfeff;
}

/** Trims space, TAB, CR, LF, NBSP and U+202F from both ends. */
export function trimText(s: string): string {
	let a = 0;
	let b = s.length;
	while (a < b && isSpaceCode(s.charCodeAt(a))) a++;
	while (b > a && isSpaceCode(s.charCodeAt(b - 1))) b--;
	return a === 0 && b === s.length ? s : s.slice(a, b);
}

/**
 * Parses a signed decimal such as `1,234.56`, `1.234,56 €`, `(12.50)`, `12.50-`, `−12.50`, `۱۲٬۳۴۵٫۵`.
 * Writes both readings (decimal '.' and decimal ',') and what the value proves about the separator.
 */
export function parseNumber(raw: string, out: NumberParse): NumberParse {
	out.status = NUM_OK;
	out.evidence = EVIDENCE_NONE;
	out.dot = NaN;
	out.comma = NaN;
	if (fastNumber(raw, out)) return out;
	const s = raw;
	let digits = '';
	let negative = false;
	let paren = 0;
	let nDots = 0;
	let nCommas = 0;
	let lastDotPos = -1;
	let lastCommaPos = -1;
	let arabicDecimalPos = -1;
	let lastSep = 0;
	let seenDigit = false;
	let afterDigits = false; // junk seen after the number
	let bad = false;
	let nonSpace = false;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		const v = digitValue(c);
		if (v >= 0) {
			if (afterDigits) {
				bad = true;
				break;
			}
			digits += String.fromCharCode(48 + v);
			seenDigit = true;
			nonSpace = true;
			continue;
		}
		if (isSpaceCode(c) || c === 0x66c || c === 0x60c || c === 39 || c === 0x2019) {
			// grouping space / Arabic thousands / apostrophe: only meaningful between digits
			continue;
		}
		nonSpace = true;
		if (c === 46 || c === 44) {
			if (!seenDigit || afterDigits) {
				// ".5" is fine; a trailing '.' after words (e.g. "руб.") is junk
				if (!seenDigit && !afterDigits) {
					digits += '0';
					seenDigit = true;
				} else continue;
			}
			if (c === 46) {
				nDots++;
				lastDotPos = digits.length;
			} else {
				nCommas++;
				lastCommaPos = digits.length;
			}
			lastSep = c;
			continue;
		}
		if (c === 0x66b) {
			arabicDecimalPos = digits.length;
			continue;
		}
		if (c === 45 || c === 0x2212 || c === 0x2013) {
			negative = true;
			if (seenDigit) afterDigits = true;
			continue;
		}
		if (c === 40) {
			paren++;
			continue;
		}
		if (c === 41) {
			paren--;
			if (seenDigit) afterDigits = true;
			continue;
		}
		if (c === 43) {
			// a leading plus sign; a plus after digits makes an expression ("1+1"), not a number
			if (seenDigit) afterDigits = true;
			continue;
		}
		if (c === 61 || c === 64) {
			// '=' and '@' start spreadsheet formulas: "=1+1" or "@SUM(A1)" is text, never evaluated or read as 11
			bad = true;
			break;
		}
		// letters and currency symbols: allowed only around the number
		if (seenDigit) afterDigits = true;
	}
	if (!seenDigit || bad || paren !== 0) {
		const t = trimText(raw).toLowerCase();
		// empty is missing; N/A, #VALUE!, TBD and any other text is invalid (never 0)
		out.status = !nonSpace || t === '' ? NUM_MISSING : NUM_INVALID;
		return out;
	}
	if (paren < 0) {
		out.status = NUM_INVALID;
		return out;
	}
	const hasParen = s.indexOf('(') >= 0;
	if (hasParen) negative = true;
	const sign = negative ? -1 : 1;
	const n = digits.length;
	if (arabicDecimalPos >= 0) {
		const v = sign * Number(digits.slice(0, arabicDecimalPos) + '.' + digits.slice(arabicDecimalPos));
		out.dot = v;
		out.comma = nCommas > 0 ? NaN : v;
		// a file that writes ٫ for decimals groups with ',' (or ٬), never decimal ','
		out.evidence = EVIDENCE_DOT;
		return out;
	}
	if (nDots === 0 && nCommas === 0) {
		const v = sign * Number(digits);
		out.dot = v;
		out.comma = v;
		return out;
	}
	const dotDecimal = decimalAt(digits, nDots, lastDotPos, sign);
	const commaDecimal = decimalAt(digits, nCommas, lastCommaPos, sign);
	if (nDots > 0 && nCommas > 0) {
		// the last separator is the decimal one
		if (lastSep === 46 && nDots === 1 && lastDotPos > lastCommaPos) {
			out.dot = dotDecimal;
			out.evidence = EVIDENCE_DOT;
		} else if (lastSep === 44 && nCommas === 1 && lastCommaPos > lastDotPos) {
			out.comma = commaDecimal;
			out.evidence = EVIDENCE_COMMA;
		} else out.status = NUM_INVALID;
		return out;
	}
	const count = nDots > 0 ? nDots : nCommas;
	const pos = nDots > 0 ? lastDotPos : lastCommaPos;
	const isDot = nDots > 0;
	if (count > 1) {
		// repeated separator = grouping
		const v = sign * Number(digits);
		if (isDot) {
			out.comma = v;
			out.evidence = EVIDENCE_COMMA;
		} else {
			out.dot = v;
			out.evidence = EVIDENCE_DOT;
		}
		return out;
	}
	const after = n - pos;
	const intDigits = pos;
	const leadingZero = digits.charCodeAt(0) === 48 && intDigits >= 1;
	if (after !== 3 || intDigits > 3 || leadingZero || intDigits === 0) {
		// must be the decimal separator
		if (isDot) {
			out.dot = dotDecimal;
			out.evidence = EVIDENCE_DOT;
		} else {
			out.comma = commaDecimal;
			out.evidence = EVIDENCE_COMMA;
		}
		return out;
	}
	// d{1,3}<sep>ddd: either reading is possible
	out.evidence = EVIDENCE_AMBIGUOUS;
	if (isDot) {
		out.dot = dotDecimal;
		out.comma = sign * Number(digits);
	} else {
		out.comma = commaDecimal;
		out.dot = sign * Number(digits);
	}
	return out;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * parseNumber of the plain ASCII number `-123.45` / `123` written at s[a, b), read in place (issue 5: no
 * string is cut for the amount of a million rows); false, and `out` unspecified, when it is not that
 * plain (then use parseNumber on the text). The same readings, evidence and values as parseNumber: at most
 * 15 characters, so the digits are an exact integer m and m / 10^k, one correctly rounded division, is
 * the double nearest the decimal, as Number() gives.
 */
export function parsePlainNumberIn(s: string, a: number, b: number, out: NumberParse): boolean {
	const n = b - a;
	if (n === 0 || n > 15) return false;
	let i = a;
	const negative = s.charCodeAt(a) === 45;
	if (negative) i++;
	const intStart = i;
	let dot = -1;
	let m = 0;
	for (; i < b; i++) {
		const c = s.charCodeAt(i);
		if (c === 46) {
			if (dot >= 0) return false;
			dot = i;
		} else if (c < 48 || c > 57) return false;
		else m = m * 10 + (c - 48);
	}
	const intDigits = (dot < 0 ? b : dot) - intStart;
	if (intDigits === 0 || (dot >= 0 && dot === b - 1)) return false;
	const after = dot < 0 ? 0 : b - dot - 1;
	const magnitude = after === 0 ? m : m / POW10[after];
	const v = negative ? -magnitude : magnitude;
	out.status = NUM_OK;
	out.evidence = EVIDENCE_NONE;
	out.dot = v;
	out.comma = NaN;
	if (dot < 0) {
		out.comma = v;
		return true;
	}
	if (after === 3 && intDigits <= 3 && s.charCodeAt(intStart) !== 48) {
		out.evidence = EVIDENCE_AMBIGUOUS;
		out.comma = negative ? -m : m;
		return true;
	}
	out.evidence = EVIDENCE_DOT;
	return true;
}

/** Plain ASCII `-123.45` / `123`: parsed natively without building strings. Returns false when not plain. */
function fastNumber(s: string, out: NumberParse): boolean {
	const n = s.length;
	if (n === 0 || n > 15) return false;
	let i = 0;
	if (s.charCodeAt(0) === 45) i = 1;
	const intStart = i;
	let dot = -1;
	for (; i < n; i++) {
		const c = s.charCodeAt(i);
		if (c === 46) {
			if (dot >= 0) return false;
			dot = i;
		} else if (c < 48 || c > 57) return false;
	}
	const intDigits = (dot < 0 ? n : dot) - intStart;
	if (intDigits === 0 || (dot >= 0 && dot === n - 1)) return false;
	const v = Number(s);
	if (dot < 0) {
		out.dot = v;
		out.comma = v;
		return true;
	}
	const after = n - dot - 1;
	if (after === 3 && intDigits <= 3 && s.charCodeAt(intStart) !== 48) {
		out.evidence = EVIDENCE_AMBIGUOUS;
		out.dot = v;
		out.comma = Number(s.slice(0, dot) + s.slice(dot + 1));
		return true;
	}
	out.evidence = EVIDENCE_DOT;
	out.dot = v;
	return true;
}

/** The value of `digits` read with `count` decimal marks at `pos` (NaN when the mark repeats). */
function decimalAt(digits: string, count: number, pos: number, sign: number): number {
	if (count > 1) return NaN;
	if (count === 1) return sign * Number(digits.slice(0, pos) + '.' + digits.slice(pos));
	return sign * Number(digits);
}
