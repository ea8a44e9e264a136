/**
 * Currency detection (issue 7, item 5): which currency a file's amounts are in, read from the
 * symbols and codes written around the amount values ("€14,96", "2 683,48 ₽", "6,601,000 ریال")
 * and from the amount column's header ("Amount (€)", "price_rub", "مبلغ (تومان)").
 *
 * A currency is detected only when every marker found names the same one: a file that mixes € and
 * $, or rial and toman, or names a currency we do not format (¥, CHF…), detects nothing and the
 * user chooses. Rial and toman are different currencies (1 toman = 10 rial); nothing is converted.
 * The numbers themselves are parsed by parse/parse-number.ts, which skips the markers.
 */
import type { CurrencyCode, CurrencyDetection } from '../types';

export type { CurrencyCode, CurrencyDetection };

/** The currencies a dataset can be shown in (IRT = toman, which has no ISO code). */
export const DETECTABLE_CURRENCIES: readonly CurrencyCode[] = ['USD', 'EUR', 'RUB', 'GBP', 'IRR', 'IRT'];
/** A marker of a currency we do not format: it blocks detection rather than being ignored. */
type Marker = CurrencyCode | 'other';

/** Currency words and codes, lower-case, as whole letter runs. */
const WORDS: Record<string, Marker> = {
	usd: 'USD',
	eur: 'EUR',
	euro: 'EUR',
	euros: 'EUR',
	rub: 'RUB',
	rur: 'RUB',
	руб: 'RUB',
	рубль: 'RUB',
	рубля: 'RUB',
	рублей: 'RUB',
	р: 'RUB',
	gbp: 'GBP',
	irr: 'IRR',
	rial: 'IRR',
	rials: 'IRR',
	ریال: 'IRR',
	'ريال': 'IRR', // Arabic yeh (Windows-1256 files)
	irt: 'IRT',
	toman: 'IRT',
	tomans: 'IRT',
	تومان: 'IRT',
	'تومن': 'IRT',
	jpy: 'other',
	cny: 'other',
	rmb: 'other',
	inr: 'other',
	chf: 'other',
	cad: 'other',
	aud: 'other',
	sek: 'other',
	nok: 'other',
	dkk: 'other',
	pln: 'other',
	aed: 'other',
	sar: 'other',
	kzt: 'other',
	uah: 'other',
	byn: 'other',
	грн: 'other',
	тг: 'other',
	درهم: 'other',
	دلار: 'USD',
	یورو: 'EUR'
};

/** Currency signs (single characters). */
const SIGNS: Record<string, Marker> = {
	$: 'USD',
	'€': 'EUR',
	'₽': 'RUB',
	'£': 'GBP',
	'﷼': 'IRR',
	'¥': 'other',
	'₹': 'other',
	'₺': 'other',
	'₩': 'other',
	'₴': 'other',
	'₸': 'other',
	'₪': 'other',
	'¢': 'other'
};

function isLetter(ch: string): boolean {
	return /\p{L}/u.test(ch);
}

/** True when the text can hold no marker (digits, separators, signs, spaces): the common case, decided cheaply. */
function plainNumber(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if ((c >= 48 && c <= 57) || c === 46 || c === 44 || c === 45 || c === 43 || c === 32 || c === 40 || c === 41) continue;
		if (c >= 0x660 && c <= 0x66c) continue; // Arabic-Indic digits, ٫ ٬
		if (c >= 0x6f0 && c <= 0x6f9) continue; // Persian digits
		return false;
	}
	return true;
}

/** The currency markers written in one text (a value or a header), in order. */
export function currencyMarkers(text: string): Marker[] {
	if (plainNumber(text)) return [];
	const out: Marker[] = [];
	const chars = Array.from(text);
	let word = '';
	const endWord = (next: string | undefined) => {
		if (word === '') return;
		const w = word.toLowerCase();
		word = '';
		if (next === '$') {
			// "US$" is the dollar; "C$", "A$", "R$", "NZ$"… are other dollars
			out.push(w === 'us' ? 'USD' : 'other');
			return;
		}
		const m = WORDS[w];
		if (m) out.push(m);
	};
	for (let i = 0; i < chars.length; i++) {
		const ch = chars[i];
		if (isLetter(ch)) {
			word += ch;
			continue;
		}
		const hadWord = word !== '';
		endWord(ch);
		const sign = SIGNS[ch];
		// "US$" already counted its dollar with the word
		if (sign && !(ch === '$' && hadWord)) out.push(sign);
	}
	endWord(undefined);
	return out;
}

/** Streams the amount column through, then tells what currency it is in. */
export class CurrencyTally {
	#header: Marker | 'mixed' | null = null;
	#counts: Partial<Record<Marker, number>> = {};
	#values = 0;
	#examples: string[] = [];

	constructor(header = '') {
		const set = new Set(currencyMarkers(header));
		this.#header = set.size === 0 ? null : set.size === 1 ? [...set][0] : 'mixed';
	}

	/** One amount written as a plain number (digits, a sign, a decimal point): it names no currency. */
	addPlain(): void {
		this.#values++;
	}

	/** One raw amount value (missing or invalid ones too: their markers still tell the currency). */
	add(raw: string): void {
		this.#values++;
		if (plainNumber(raw)) return;
		const markers = currencyMarkers(raw);
		if (markers.length === 0) return;
		const seen = new Set(markers);
		for (const m of seen) this.#counts[m] = (this.#counts[m] ?? 0) + 1;
		if (this.#examples.length < 3 || (seen.size > 1 && this.#examples.length < 5)) this.#examples.push(raw);
	}

	result(): CurrencyDetection {
		const found = new Set<Marker>(Object.keys(this.#counts) as Marker[]);
		const header = this.#header;
		let mixedHeader = false;
		if (header === 'mixed') mixedHeader = true;
		else if (header) found.add(header);
		const fromHeader = header === 'mixed' ? 'other' : header;
		const base = { fromHeader, valueCounts: { ...this.#counts }, values: this.#values, examples: [...this.#examples] };
		if (found.size === 0 && !mixedHeader) return { currency: null, reason: 'none', ...base };
		if (mixedHeader || found.size > 1 || found.has('other')) return { currency: null, reason: 'mixed', ...base };
		return { currency: [...found][0] as CurrencyCode, reason: 'detected', ...base };
	}
}

/** Detects the currency of a header and a list of raw amount values (the preview's sample). */
export function detectCurrency(header: string, values: Iterable<string>): CurrencyDetection {
	const tally = new CurrencyTally(header);
	for (const v of values) tally.add(v);
	return tally.result();
}
