// Gamma-Gamma and predicted CLV (src/lib/core/predict/gamma-gamma.ts) against the published CDNOW fit (METRICS.md §7)
// and the lifetimes expectations of /work/shared/data/PEER_EXPECTATIONS.md §2 and §4.
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedPurchases } from '../../../src/lib/core/predict/bgnbd';
import {
	WEEKS_PER_MONTH,
	expectedAverageValue,
	fitGammaGamma,
	predictedClv,
	valueOfExpectedPurchases,
	weeklyRateFromMonthly
} from '../../../src/lib/core/predict/gamma-gamma';
import type { GammaGammaFit } from '../../../src/lib/core/predict/gamma-gamma';
import { cdnowWithTransactions } from './data';

// Fader, Hardie & Lee (2005), "RFM and CLV", CDNOW; METRICS.md §7 and PEER_EXPECTATIONS §4 (lifetimes calls γ "v").
const PUBLISHED = { p: 6.25, q: 3.74, gamma: 15.44 };
// Published BG/NBD parameters (FHL 2005) for the CLV tests.
const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('Gamma-Gamma on CDNOW (cdnow_customers_summary_with_transactions.csv)', () => {
	const data = cdnowWithTransactions();
	let fit: GammaGammaFit;
	let fitMs = 0;
	beforeAll(() => {
		const t0 = performance.now();
		fit = fitGammaGamma(data.x, data.zbar);
		fitMs = performance.now() - t0;
	});

	it('uses the 946 customers with a repeat purchase (PEER_EXPECTATIONS §3)', () => expect(fit.n).toBe(946));

	it('fits p, q, γ within 1 % of the published 6.25, 3.74, 15.44', () => {
		expect(fit.converged).toBe(true);
		for (const k of ['p', 'q', 'gamma'] as const) expect(Math.abs(fit[k] / PUBLISHED[k] - 1), k).toBeLessThan(0.01);
		console.info(
			`Gamma-Gamma CDNOW fit: p ${fit.p.toFixed(4)} q ${fit.q.toFixed(4)} γ ${fit.gamma.toFixed(4)} ` +
				`LL ${fit.logLikelihood.toFixed(3)} in ${fitMs.toFixed(0)} ms (${fit.evaluations} evaluations)`
		);
	});

	it('conditional expected average value of the first 10 customers matches Hardie note 025 (atol 0.1)', () => {
		const expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
		expected.forEach((e, i) => expect(Math.abs(expectedAverageValue(fit, data.x[i], data.zbar[i]) - e), `customer ${i + 1}`).toBeLessThan(0.1));
	});
});

describe('fitGammaGamma on data that do not identify the model', () => {
	it('reports converged false when every customer spends the same (no spread to fit)', () => {
		const fit = fitGammaGamma([1, 2, 3, 4], [10, 10, 10, 10]);
		expect(fit.converged).toBe(false);
	});
	it('throws without a customer with frequency > 0 and monetary > 0', () => {
		expect(() => fitGammaGamma([0, 0, 3], [0, 5, 0])).toThrow();
	});
});

describe('expectedAverageValue', () => {
	it('is the population mean pγ/(q − 1) without repeat purchases', () => {
		expect(expectedAverageValue(PUBLISHED, 0, 0)).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
	});
	it('moves towards the customer’s own mean as x grows', () => {
		const m = 100;
		const gaps = [1, 5, 50, 500].map((x) => Math.abs(expectedAverageValue(PUBLISHED, x, m) - m));
		for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeLessThan(gaps[i - 1]);
	});
	it('is infinite when q ≤ 1 and x = 0 (the population mean does not exist)', () => {
		expect(expectedAverageValue({ p: 2, q: 0.8, gamma: 10 }, 0, 0)).toBe(Infinity);
	});
});

describe('predicted CLV', () => {
	// lifetimes test_customer_lifetime_value_with_known_values (PEER_EXPECTATIONS §2), value 1 per purchase; its monthly
	// steps become weekly steps here: (h, rate) = (1, 0) → E[Y(1)], (1, 1) → ½, (2, 0) → ×2 and (2, 1) → ×(½ + ¼), rtol 0.1.
	const customers = [
		[0, 0, 38.86],
		[2, 30.43, 38.86],
		[1, 1.71, 38.86],
		[7, 29.43, 38.86]
	];
	it('reproduces the lifetimes discounting multipliers with one-week steps', () => {
		for (const [x, tx, T] of customers) {
			const one = expectedPurchases(BG, 1, x, tx, T);
			expect(valueOfExpectedPurchases(BG, 1, x, tx, T, 1, 0)).toBeCloseTo(one, 14);
			expect(valueOfExpectedPurchases(BG, 1, x, tx, T, 1, 1)).toBeCloseTo(one / 2, 14);
			expect(Math.abs(valueOfExpectedPurchases(BG, 1, x, tx, T, 2, 0) / (2 * one) - 1)).toBeLessThan(0.1);
			expect(Math.abs(valueOfExpectedPurchases(BG, 1, x, tx, T, 2, 1) / (0.75 * one) - 1)).toBeLessThan(0.1);
		}
	});
	it('undiscounted, is expected average value × expected purchases over h weeks (METRICS.md §7)', () => {
		const [x, tx, T, m] = [2, 30.43, 38.86, 22.35];
		const expected = expectedAverageValue(PUBLISHED, x, m) * expectedPurchases(BG, 52, x, tx, T);
		expect(predictedClv(BG, PUBLISHED, x, tx, T, m, 52)).toBeCloseTo(expected, 10);
	});
	it('discounts each week at its end and a partial last week at h', () => {
		const [x, tx, T, d] = [2, 30.43, 38.86, 0.01];
		const E = (t: number) => expectedPurchases(BG, t, x, tx, T);
		const expected = (E(1) - 0) / 1.01 + (E(2) - E(1)) / 1.01 ** 2 + (E(2.5) - E(2)) / 1.01 ** 2.5;
		expect(valueOfExpectedPurchases(BG, 1, x, tx, T, 2.5, d)).toBeCloseTo(expected, 12);
		expect(valueOfExpectedPurchases(BG, 1, x, tx, T, 2.5, d)).toBeLessThan(E(2.5));
	});
	it('is 0 for h ≤ 0', () => expect(predictedClv(BG, PUBLISHED, 2, 30.43, 38.86, 22.35, 0)).toBe(0));
	it('converts a monthly rate to the weekly rate that compounds to it over 4.345 weeks', () => {
		expect((1 + weeklyRateFromMonthly(0.01)) ** WEEKS_PER_MONTH).toBeCloseTo(1.01, 14);
	});
});
