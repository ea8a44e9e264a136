/** Order-date parsing to day numbers: ISO, YYYYMMDD, D/M vs M/D, dotted, Excel serials, Unix time, Jalali, month names. */
import { NO_DAY, gregorianDay, jalaliDay } from './day-number';
import { asciiDigits, trimText } from './parse-number';

export const DATE_OK = 0;
export const DATE_MISSING = 1;
export const DATE_INVALID = 2;
/** Both D/M and M/D readings are possible: `dmy` and `mdy` hold them (NO_DAY when impossible). */
export const DATE_AMBIGUOUS = 3;

/** Component order a value was written in (for the report's `date_order`): none, year-first, day-first, month-first. */
export const ORDER_NONE = 0;
export const ORDER_YMD = 1;
export const ORDER_DMY = 2;
export const ORDER_MDY = 3;

export interface DateParse {
	status: number;
	/** ORDER_*: how the components were written when that is fixed by the format. */
	order: number;
	day: number;
	dmy: number;
	mdy: number;
}

export function newDateParse(): DateParse {
	return { status: DATE_OK, order: ORDER_NONE, day: NO_DAY, dmy: NO_DAY, mdy: NO_DAY };
}

const MISSING = new Set(['', 'null', 'n/a', 'na', '-', '--', 'none', 'nan', 'nat', '#n/a', '0000-00-00 00:00:00']);

const MONTHS: [string, number][] = [
	['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4], ['may', 5], ['jun', 6], ['jul', 7], ['aug', 8],
	['sep', 9], ['oct', 10], ['nov', 11], ['dec', 12],
	['янв', 1], ['фев', 2], ['мар', 3], ['апр', 4], ['мая', 5], ['май', 5], ['июн', 6], ['июл', 7],
	['авг', 8], ['сен', 9], ['окт', 10], ['ноя', 11], ['дек', 12],
	['mär', 3], ['mrz', 3], ['okt', 10], ['dez', 12], ['mai', 5],
];

/** Solar Hijri month names (Persian, Arabic YEH/KAF unified), for dates like `۵ مهر ۱۴۰۲`. */
const JALALI_MONTHS = [
	'فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن',
	'اسفند'
];

function jalaliMonthFromWord(w: string): number {
	const k = w.replace(/ي/g, 'ی').replace(/ك/g, 'ک');
	return JALALI_MONTHS.indexOf(k) + 1;
}

function monthFromWord(w: string): number {
	const l = w.toLowerCase();
	if (l.length < 3) return 0;
	for (const [p, m] of MONTHS) if (l.startsWith(p)) return m;
	return 0;
}

function fullYear(y: number, digits: number): number {
	if (digits <= 2) return y <= 29 ? 2000 + y : 1900 + y;
	return y;
}

/** Year-first date: Jalali for 13xx/14xx (and 12xx-15xx), else Gregorian. */
function ymdDay(y: number, m: number, d: number): number {
	if (y >= 1200 && y <= 1500) return jalaliDay(y, m, d);
	return gregorianDay(y, m, d);
}

/** Parses the calendar date as written; `out.status` tells ok/missing/invalid/ambiguous. */
export function parseDate(raw: string, out: DateParse): DateParse {
	out.status = DATE_OK;
	out.order = ORDER_NONE;
	out.day = NO_DAY;
	out.dmy = NO_DAY;
	out.mdy = NO_DAY;
	let s = trimText(raw);
	// fast path: YYYY-MM-DD[...]
	if (s.length >= 10) {
		const c4 = s.charCodeAt(4);
		const sameSeps = (c4 === 45 || c4 === 47) && s.charCodeAt(7) === c4;
		const digits = isD(s, 0, 4) && isD(s, 5, 7) && isD(s, 8, 10);
		if (sameSeps && digits && (s.length === 10 || !isDigit(s.charCodeAt(10)))) {
			const day = ymdDay(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10));
			out.order = ORDER_YMD;
			return setDay(out, day);
		}
	}
	if (fastDayMonth(s, out)) return out;
	if (MISSING.has(s.toLowerCase())) {
		out.status = DATE_MISSING;
		return out;
	}
	s = asciiDigits(s);
	// numbers: YYYYMMDD, Unix seconds / milliseconds, Excel serials
	if (/^\d+(\.\d+)?$/.test(s)) {
		const dot = s.indexOf('.');
		const int = dot < 0 ? s : s.slice(0, dot);
		if (int.length === 8 && dot < 0) {
			out.order = ORDER_YMD;
			return setDay(out, gregorianDay(num(int, 0, 4), num(int, 4, 6), num(int, 6, 8)));
		}
		const v = Number(s);
		if (int.length === 10) return setDay(out, Math.floor(v / 86400));
		if (int.length === 13) return setDay(out, Math.floor(v / 86400000));
		if (v >= 10000 && v < 80000) return setDay(out, Math.floor(v) - 25569);
		out.status = DATE_INVALID;
		return out;
	}
	// drop a time of day (and anything after it)
	const tm = /[ T]\d{1,2}:\d{2}/.exec(s);
	if (tm) s = s.slice(0, tm.index);
	const nums: string[] = [];
	const seps: string[] = [];
	let month = 0;
	let jalali = false;
	const re = /(\d+)|([^\d\s.,\/\-]+)|([.\/\-])/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(s)) !== null) {
		if (m[1] !== undefined) nums.push(m[1]);
		else if (m[2] !== undefined) {
			const mm = monthFromWord(m[2]);
			// other words (weekday, 'г.') are ignored
			const jm = jalaliMonthFromWord(m[2]);
			if (jm > 0 && month === 0) {
				month = jm;
				jalali = true;
			} else if (mm > 0 && month === 0) month = mm;
		} else if (m[3] !== undefined && nums.length > 0 && seps.length < nums.length) seps.push(m[3]);
	}
	if (month > 0) {
		if (nums.length < 2) return invalid(out);
		// the 4-digit number is the year, the other one the day; else day first, year last
		let yi = nums.findIndex((x) => x.length === 4);
		let di: number;
		if (yi < 0) {
			yi = nums.length - 1;
			di = 0;
		} else di = yi === 0 ? 1 : 0;
		out.order = yi === 0 ? ORDER_YMD : di < yi && nums.length === 2 && s.search(/\d/) < s.search(/\p{L}/u) ? ORDER_DMY : ORDER_MDY;
		if (jalali) return setDay(out, jalaliDay(Number(nums[yi]), month, Number(nums[di])));
		const y = fullYear(Number(nums[yi]), nums[yi].length);
		return setDay(out, gregorianDay(y, month, Number(nums[di])));
	}
	if (nums.length !== 3) return invalid(out);
	const [a, b, c] = nums;
	if (a.length === 4) {
		out.order = ORDER_YMD;
		return setDay(out, ymdDay(Number(a), Number(b), Number(c)));
	}
	if (a.length > 2 || b.length > 2 || (c.length !== 4 && c.length !== 2)) return invalid(out);
	const y = fullYear(Number(c), c.length);
	const x = Number(a);
	const z = Number(b);
	if (seps[0] === '.') {
		out.order = ORDER_DMY;
		return setDay(out, gregorianDay(y, z, x));
	}
	const dmy = gregorianDay(y, z, x);
	const mdy = gregorianDay(y, x, z);
	if (dmy === NO_DAY && mdy === NO_DAY) return invalid(out);
	if (dmy === mdy) return setDay(out, dmy);
	out.status = DATE_AMBIGUOUS;
	out.dmy = dmy;
	out.mdy = mdy;
	return out;
}

function invalid(out: DateParse): DateParse {
	out.status = DATE_INVALID;
	return out;
}

function setDay(out: DateParse, day: number): DateParse {
	if (day === NO_DAY || !Number.isFinite(day)) out.status = DATE_INVALID;
	else out.day = day;
	return out;
}

function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

function isD(s: string, a: number, b: number): boolean {
	for (let i = a; i < b; i++) if (!isDigit(s.charCodeAt(i))) return false;
	return true;
}

function num(s: string, a: number, b: number): number {
	let v = 0;
	for (let i = a; i < b; i++) v = v * 10 + s.charCodeAt(i) - 48;
	return v;
}

/** `D/M/YYYY`, `M-D-YY`, `D.M.YYYY` (optionally followed by a time) without regular expressions. */
function fastDayMonth(s: string, out: DateParse): boolean {
	const n = s.length;
	let i = 0;
	let a = 0;
	let la = 0;
	while (i < n && isDigit(s.charCodeAt(i)) && la < 3) {
		a = a * 10 + s.charCodeAt(i++) - 48;
		la++;
	}
	if (la === 0 || la > 2 || i >= n) return false;
	const sep = s.charCodeAt(i++);
	if (sep !== 47 && sep !== 45 && sep !== 46) return false;
	let b = 0;
	let lb = 0;
	while (i < n && isDigit(s.charCodeAt(i)) && lb < 3) {
		b = b * 10 + s.charCodeAt(i++) - 48;
		lb++;
	}
	if (lb === 0 || lb > 2 || i >= n || s.charCodeAt(i++) !== sep) return false;
	let c = 0;
	let lc = 0;
	while (i < n && isDigit(s.charCodeAt(i)) && lc < 5) {
		c = c * 10 + s.charCodeAt(i++) - 48;
		lc++;
	}
	if ((lc !== 2 && lc !== 4) || (i < n && s.charCodeAt(i) !== 32 && s.charCodeAt(i) !== 84)) return false;
	const y = fullYear(c, lc);
	if (sep === 46) {
		out.order = ORDER_DMY;
		setDay(out, gregorianDay(y, b, a));
		return true;
	}
	const dmy = gregorianDay(y, b, a);
	const mdy = gregorianDay(y, a, b);
	if (dmy === NO_DAY && mdy === NO_DAY) out.status = DATE_INVALID;
	else if (dmy === mdy) out.day = dmy;
	else {
		out.status = DATE_AMBIGUOUS;
		out.dmy = dmy;
		out.mdy = mdy;
	}
	return true;
}

/**
 * The calendar a date value is written in, for the preview: 'persian' when it has a four-digit year in
 * 1200–1500 (either digit set) or a Solar Hijri month name, 'gregorian' for another year, null otherwise.
 */
export function writtenCalendar(raw: string): 'persian' | 'gregorian' | null {
	const s = asciiDigits(trimText(raw));
	for (const w of s.split(/[\s/.\-,]+/)) if (w !== '' && jalaliMonthFromWord(w) > 0) return 'persian';
	const years = s.match(/(?<!\d)\d{4}(?!\d)/g);
	if (!years) return null;
	for (const y of years) {
		const n = Number(y);
		if (n >= 1200 && n <= 1500) return 'persian';
	}
	return 'gregorian';
}
