// Currency detection from the amount column (issue 7, item 5): symbols and codes in the values and the
// header name one currency, or nothing is detected; the numbers are still parsed; rial and toman never merge.
import { describe, expect, it } from 'vitest';
import { currencyMarkers, detectCurrency } from '../../../src/lib/core/import/currency.ts';
import { newNumberParse, parseNumber } from '../../../src/lib/core/parse/parse-number.ts';
import { runBytes, runFile } from './harness.ts';
import { BADCSV, loadManifest } from './manifest-lib.ts';

describe('currencyMarkers', () => {
	it('reads signs, codes and words, and ignores plain numbers', () => {
		expect(currencyMarkers('1,234.56')).toEqual([]);
		expect(currencyMarkers('۱۲٬۳۴۵٫۵')).toEqual([]);
		expect(currencyMarkers('$12.50')).toEqual(['USD']);
		expect(currencyMarkers('US$ 12.50')).toEqual(['USD']);
		expect(currencyMarkers('12.50 USD')).toEqual(['USD']);
		expect(currencyMarkers('€14,96')).toEqual(['EUR']);
		expect(currencyMarkers('14,96 EUR')).toEqual(['EUR']);
		expect(currencyMarkers('2 683,48 ₽')).toEqual(['RUB']);
		expect(currencyMarkers('308 608,00 руб.')).toEqual(['RUB']);
		expect(currencyMarkers('1 200 р.')).toEqual(['RUB']);
		expect(currencyMarkers('1200 RUB')).toEqual(['RUB']);
		expect(currencyMarkers('£9.99')).toEqual(['GBP']);
		expect(currencyMarkers('6,601,000 ریال')).toEqual(['IRR']);
		expect(currencyMarkers('8340000 ريال')).toEqual(['IRR']); // Arabic yeh
		expect(currencyMarkers('۱۲۰۰۰ تومان')).toEqual(['IRT']);
		expect(currencyMarkers('12000 toman')).toEqual(['IRT']);
	});
	it('other dollars and unsupported currencies are "other", never USD', () => {
		expect(currencyMarkers('C$12.50')).toEqual(['other']);
		expect(currencyMarkers('A$ 12.50')).toEqual(['other']);
		expect(currencyMarkers('¥1200')).toEqual(['other']);
		expect(currencyMarkers('12.50 CHF')).toEqual(['other']);
	});
	it('reads header names: "Amount (€)", "price_rub", "مبلغ (ریال)", "total_rial"; not words that merely contain a code', () => {
		expect(currencyMarkers('Amount (€)')).toEqual(['EUR']);
		expect(currencyMarkers('price_rub')).toEqual(['RUB']);
		expect(currencyMarkers('مبلغ (ریال)')).toEqual(['IRR']);
		expect(currencyMarkers('مبلغ (تومان)')).toEqual(['IRT']);
		expect(currencyMarkers('total_rial')).toEqual(['IRR']);
		expect(currencyMarkers('Amount USD')).toEqual(['USD']);
		expect(currencyMarkers('rubber_price')).toEqual([]);
		expect(currencyMarkers('Order Total Amount')).toEqual([]);
		expect(currencyMarkers('Betrag')).toEqual([]);
	});
});

describe('detectCurrency', () => {
	it('one currency in the values (bare numbers alongside are fine)', () => {
		const d = detectCurrency('amount', ['€264,76', '20011,59', '14,71 €', '€20.455,16']);
		expect(d).toMatchObject({ currency: 'EUR', reason: 'detected', fromHeader: null, values: 4, valueCounts: { EUR: 3 } });
		expect(d.examples).toEqual(['€264,76', '14,71 €', '€20.455,16']);
	});
	it('from the header alone', () => {
		expect(detectCurrency('Amount (€)', ['12,50', '3,10'])).toMatchObject({ currency: 'EUR', reason: 'detected', fromHeader: 'EUR' });
		expect(detectCurrency('مبلغ (تومان)', ['۳۰۳۶۷۰۰'])).toMatchObject({ currency: 'IRT', reason: 'detected', fromHeader: 'IRT' });
	});
	it('header and values agreeing', () => {
		expect(detectCurrency('total_rial', ['6,601,000 ریال', '۳٬۵۱۶٬۰۰۰'])).toMatchObject({ currency: 'IRR', reason: 'detected', fromHeader: 'IRR', valueCounts: { IRR: 1 } });
	});
	it('mixed or contradicting markers detect nothing', () => {
		expect(detectCurrency('amount', ['$12.00', '€13,00'])).toMatchObject({ currency: null, reason: 'mixed', valueCounts: { USD: 1, EUR: 1 } });
		expect(detectCurrency('Amount (€)', ['$12.00'])).toMatchObject({ currency: null, reason: 'mixed', fromHeader: 'EUR' });
		// rial and toman are different currencies (×10): never merged, never converted
		expect(detectCurrency('amount', ['1000 ریال', '100 تومان'])).toMatchObject({ currency: null, reason: 'mixed' });
		expect(detectCurrency('مبلغ (تومان)', ['1000 ریال'])).toMatchObject({ currency: null, reason: 'mixed' });
		// a currency we do not format blocks detection instead of being ignored
		expect(detectCurrency('amount', ['$12.00', 'C$13.00'])).toMatchObject({ currency: null, reason: 'mixed' });
		expect(detectCurrency('Amount (USD/EUR)', ['12.00'])).toMatchObject({ currency: null, reason: 'mixed', fromHeader: 'other' });
	});
	it('no marker anywhere', () => {
		expect(detectCurrency('amount', ['12.00', '-3.50', ''])).toMatchObject({ currency: null, reason: 'none', fromHeader: null, values: 3, examples: [] });
	});
});

describe('amounts with currency markers are still parsed', () => {
	const np = newNumberParse();
	const cases: [string, number][] = [
		['$1,234.56', 1234.56],
		['US$ 12.50', 12.5],
		['-$21.74', -21.74],
		['12.50 USD', 12.5],
		['£9.99', 9.99],
		['6,601,000 ریال', 6601000],
		['۱۲۰۰۰ تومان', 12000]
	];
	for (const [raw, value] of cases)
		it(raw, () => {
			parseNumber(raw, np);
			expect(np.status).toBe(0);
			expect(np.dot).toBe(value);
		});
	it('decimal-comma forms: €14,96 and 2 683,48 ₽ and 308 608,00 руб.', () => {
		for (const [raw, value] of [
			['€14,96', 14.96],
			['2 683,48 ₽', 2683.48],
			['308 608,00 руб.', 308608]
		] as const) {
			parseNumber(raw, np);
			expect(np.comma, raw).toBe(value);
		}
	});
});

describe('the importer reports the currency in its facts', () => {
	const enc = new TextEncoder();
	it('a hand-made file with € values: EUR, and the amounts parsed', () => {
		const r = runBytes(enc.encode('customer,date,amount\nA,2024-01-05,€10.50\nB,2024-02-05,20.25 EUR\nA,2024-03-05,5.00\n'), 'eur.csv', null).result;
		expect(r.facts.currency).toMatchObject({ currency: 'EUR', reason: 'detected', values: 3, valueCounts: { EUR: 2 } });
		expect(Array.from(r.data?.amount ?? [])).toEqual([10.5, 20.25, 5]);
	});
	it('a hand-made file mixing $ and ₽: nothing detected, every row still imported', () => {
		const r = runBytes(enc.encode('customer,date,amount\nA,2024-01-05,$10.50\nB,2024-02-05,20.25 ₽\n'), 'mixed.csv', null).result;
		expect(r.facts.currency).toMatchObject({ currency: null, reason: 'mixed', valueCounts: { USD: 1, RUB: 1 } });
		expect(r.facts.rows_imported).toBe(2);
	});
	it('quantity × unit price files read the price column', () => {
		const r = runBytes(enc.encode('customer,date,quantity,unit price (£)\nA,2024-01-05,2,3.50\n'), 'gbp.csv', { customer_id: 0, date: 1, quantity: 2, unit_price: 3 }).result;
		expect(r.facts.currency).toMatchObject({ currency: 'GBP', fromHeader: 'GBP' });
	});

	// Files of the bad-CSV set that write their currency (values or header), with the manifest's own currency.
	const WRITTEN: Record<string, string> = {
		'numbers/us_thousands_currency.csv': 'USD',
		'numbers/eu_thousands_euro.csv': 'EUR',
		'numbers/nbsp_thousands_ruble.csv': 'RUB',
		'numbers/persian_digits.csv': 'IRT',
		'numbers/arabic_indic_digits_mixed.csv': 'IRR',
		'numbers/negative_refund_formats.csv': 'USD',
		'encodings/windows1256_persian.csv': 'IRR',
		'dates/jalali_persian_digits.csv': 'IRT'
	};
	const manifest = loadManifest();
	for (const [file, code] of Object.entries(WRITTEN))
		it(`${file}: ${code}`, () => {
			const entry = manifest.find((e) => e.file === file) as unknown as { format: { currency: string } };
			expect(entry.format.currency).toBe(code);
			expect(runFile(`${BADCSV}/${file}`, null).result.facts.currency?.currency).toBe(code);
		});
	it('no file of the set is given a currency other than its manifest currency', () => {
		for (const e of manifest) {
			const r = runFile(`${BADCSV}/${e.file}`, null, e.expect.user_choice_required ? { dateOrder: 'dmy' } : {}).result;
			const found = r.facts.currency?.currency ?? null;
			if (found !== null) expect(found, e.file).toBe((e as unknown as { format: { currency: string } }).format.currency);
		}
	});
});
