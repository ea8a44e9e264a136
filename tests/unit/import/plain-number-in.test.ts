// Issue 5: the importer reads plain amounts (`-123.45`, `20.46`, `1.234`) in place, without cutting a
// string. parsePlainNumberIn must agree with parseNumber (which reads the text with Number()) on every
// value, reading and evidence, and decline everything that is not that plain.
import { describe, expect, it } from 'vitest';
import { newNumberParse, parseNumber, parsePlainNumberIn } from '../../../src/lib/core/parse/parse-number';

function both(text: string) {
	const padded = `x;${text};y`;
	const fast = newNumberParse();
	const took = parsePlainNumberIn(padded, 2, 2 + text.length, fast);
	const slow = parseNumber(text, newNumberParse());
	return { took, fast: { ...fast }, slow: { ...slow } };
}

describe('parsePlainNumberIn', () => {
	it('reads plain numbers exactly as parseNumber does (values bit for bit, both readings, evidence)', () => {
		const samples = ['0', '-0', '7', '20.46', '-12.5', '0.1', '0.3', '1.005', '1.234', '-1.234', '999.999', '0.125', '01.500', '123456789012345', '12345678901234.5', '9007199254740.99', '2.675', '1e5'];
		let seed = 12345;
		const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
		for (let i = 0; i < 20_000; i++) {
			const int = String(Math.floor(rnd() * 10 ** (1 + Math.floor(rnd() * 9))));
			const dec = rnd() < 0.8 ? '.' + String(Math.floor(rnd() * 10 ** 6)).padStart(6, '0').slice(0, 1 + Math.floor(rnd() * 5)) : '';
			samples.push((rnd() < 0.2 ? '-' : '') + int + dec);
		}
		for (const s of samples) {
			const { took, fast, slow } = both(s);
			if (!took) continue;
			expect(Object.is(fast.dot, slow.dot), `${s} dot ${fast.dot} vs ${slow.dot}`).toBe(true);
			expect(Object.is(fast.comma, slow.comma), `${s} comma ${fast.comma} vs ${slow.comma}`).toBe(true);
			expect(fast.evidence, s).toBe(slow.evidence);
			expect(fast.status, s).toBe(slow.status);
		}
		// every plain sample of at most 15 characters was taken by the in-place reading
		expect(samples.filter((s) => !both(s).took)).toEqual(samples.filter((s) => s.length > 15 || s === '1e5'));
		expect(samples.filter((s) => both(s).took).length).toBeGreaterThan(15_000);
	});

	it('declines what is not a plain ASCII number (parseNumber reads those)', () => {
		for (const s of ['', '-', '.5', '5.', '1,234.56', '12,50', ' 12', '12 ', '+5', '(12)', '۱۲', '$5', '1.2.3', '1234567890123456'])
			expect(both(s).took, s).toBe(false);
	});
});
