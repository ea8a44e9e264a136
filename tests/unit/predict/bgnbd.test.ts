// BG/NBD (src/lib/core/predict/bgnbd.ts) against the published CDNOW fit (FHL 2005, METRICS.md §7) and the lifetimes /
// PyMC-Marketing expectations listed in /work/shared/data/PEER_EXPECTATIONS.md §2 and §4.
import { beforeAll, describe, expect, it } from 'vitest';
import {
	bgNbdLogLikelihood,
	expectedPurchases,
	expectedPurchasesUnconditional,
	fitBgNbd,
	probabilityAlive
} from '../../../src/lib/core/predict/bgnbd';
import type { BgNbdFit, BgNbdParams } from '../../../src/lib/core/predict/bgnbd';
import { cdnowSummary, exampleTransactionsDaily } from './data';

// Fader, Hardie & Lee (2005), CDNOW calibration period, weeks; METRICS.md §7 and PEER_EXPECTATIONS §4.
const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
// FHL (2005) report the log-likelihood −9582.4 for these parameters.
const PUBLISHED_LL = -9582.4;

describe('BG/NBD on CDNOW (cdnow_customers_summary.csv)', () => {
	const data = cdnowSummary();
	let fit: BgNbdFit;
	let fitMs = 0;
	beforeAll(() => {
		const t0 = performance.now();
		fit = fitBgNbd(data.x, data.tx, data.T);
		fitMs = performance.now() - t0;
	});

	it('has the 2,357 customers of the calibration period', () => expect(data.x.length).toBe(2357));

	it('log-likelihood at the published parameters is the published −9582.4 (checks eq. 6 without the optimiser)', () => {
		expect(Math.abs(bgNbdLogLikelihood(PUBLISHED, data.x, data.tx, data.T) - PUBLISHED_LL)).toBeLessThan(0.1);
	});

	it('fits r, α, a, b within 1 % of the published 0.243, 4.414, 0.793, 2.426', () => {
		expect(fit.converged).toBe(true);
		for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(fit[k] / PUBLISHED[k] - 1), k).toBeLessThan(0.01);
		console.info(
			`BG/NBD CDNOW fit: r ${fit.r.toFixed(4)} α ${fit.alpha.toFixed(4)} a ${fit.a.toFixed(4)} b ${fit.b.toFixed(4)} ` +
				`LL ${fit.logLikelihood.toFixed(3)} in ${fitMs.toFixed(0)} ms (${fit.evaluations} evaluations)`
		);
	});

	it('reaches the published maximum log-likelihood −9582.4', () => {
		expect(Math.abs(fit.logLikelihood - PUBLISHED_LL)).toBeLessThan(0.05);
	});

	it('fits in under five seconds (about a quarter of a second on a laptop)', () => expect(fitMs).toBeLessThan(5000));

	it('conditional expected purchases for (t 39, x 2, tₓ 30.43, T 38.86) = 1.226 (lifetimes, ±0.001)', () => {
		expect(Math.abs(expectedPurchases(fit, 39, 2, 30.43, 38.86) - 1.226)).toBeLessThan(0.001);
	});

	it('unconditional E[X(t)] matches Hardie’s spreadsheet values (peers use rtol 1e-2; here 1e-3 absolute)', () => {
		const times = [0.1429, 1, 3, 31.8571, 32, 78];
		const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
		times.forEach((t, i) => expect(Math.abs(expectedPurchasesUnconditional(fit, t) - expected[i]), `t = ${t}`).toBeLessThan(1e-3));
	});
});

describe('BG/NBD on lifetimes’ example_transactions (daily)', () => {
	// PyMC-Marketing's conftest pins the lifetimes fit of this data at these values (PEER_EXPECTATIONS §4).
	const PINNED: BgNbdParams = { r: 0.16385072, alpha: 1.86428187, a: 1.85034151, b: 3.18105431 };
	// lifetimes test_customer_lifetime_value_with_known_values: rows (f, r, T) and predict(30) (PEER_EXPECTATIONS §2).
	const ROWS = [
		[0, 0, 298],
		[0, 0, 224],
		[6, 142, 292],
		[0, 0, 147],
		[2, 9, 183]
	];
	const PREDICT_30 = [0.016053, 0.021171, 0.030461, 0.031686, 0.001607];

	it('conditional expected purchases in 30 days match lifetimes’ predict(30) at the pinned parameters', () => {
		ROWS.forEach(([x, tx, T], i) => expect(Math.abs(expectedPurchases(PINNED, 30, x, tx, T) - PREDICT_30[i])).toBeLessThan(1e-6));
	});

	it('fits r 0.16, α 1.86, a 1.85, b 3.18 (lifetimes, 2 decimals) from the transactions summarised daily', () => {
		const d = exampleTransactionsDaily();
		expect(d.x.length).toBe(5000);
		const fit = fitBgNbd(d.x, d.tx, d.T);
		expect(fit.converged).toBe(true);
		expect(fit.r).toBeCloseTo(0.16, 2);
		expect(fit.alpha).toBeCloseTo(1.86, 2);
		expect(fit.a).toBeCloseTo(1.85, 2);
		expect(fit.b).toBeCloseTo(3.18, 2);
	});
});

describe('fitBgNbd on data that do not identify the model', () => {
	it('reports converged false when nobody makes a repeat purchase (r runs off to 0)', () => {
		const zeros = new Array<number>(300).fill(0);
		const fit = fitBgNbd(zeros, zeros, zeros.map((_, i) => 5 + (i % 30)));
		expect(fit.converged).toBe(false);
	});
	it('rejects inconsistent input', () => {
		expect(() => fitBgNbd([1], [5], [3])).toThrow();
		expect(() => fitBgNbd([1, 2], [5], [8])).toThrow();
		expect(() => fitBgNbd([], [], [])).toThrow();
	});
});

describe('probabilityAlive', () => {
	it('is 1 without repeat purchases (the model lets customers die only after a purchase)', () => {
		expect(probabilityAlive(PUBLISHED, 0, 0, 38.86)).toBe(1);
	});
	it('is the closed form 1 / (1 + a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)) (Hardie note 021)', () => {
		const { r, alpha, a, b } = PUBLISHED;
		const [x, tx, T] = [2, 30.43, 38.86];
		const expected = 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x));
		expect(probabilityAlive(PUBLISHED, x, tx, T)).toBeCloseTo(expected, 14);
	});
	it('lies in (0, 1], falls with time since the last purchase and is 1/(1 + a/(b+x−1)) when tₓ = T', () => {
		for (let x = 1; x <= 20; x += 3) {
			let previous = Infinity;
			for (let T = 10; T <= 80; T += 10) {
				const p = probabilityAlive(PUBLISHED, x, 10, T);
				expect(p).toBeGreaterThan(0);
				expect(p).toBeLessThanOrEqual(1);
				expect(p).toBeLessThan(previous);
				previous = p;
			}
			expect(probabilityAlive(PUBLISHED, x, 30, 30)).toBeCloseTo(1 / (1 + PUBLISHED.a / (PUBLISHED.b + x - 1)), 14);
		}
	});
	it('stays finite for extreme histories', () => {
		expect(probabilityAlive(PUBLISHED, 500, 0.01, 5000)).toBeGreaterThanOrEqual(0);
		expect(Number.isFinite(expectedPurchases(PUBLISHED, 520, 500, 0.01, 5000))).toBe(true);
		// Many purchases and a long horizon: the direct ₂F₁(r+x, b+x; …; 0.93) would be about 10^350.
		const e = expectedPurchases(PUBLISHED, 520, 300, 39, 40);
		expect(Number.isFinite(e)).toBe(true);
		expect(e).toBeGreaterThan(expectedPurchases(PUBLISHED, 260, 300, 39, 40));
	});
});

describe('expectedPurchases', () => {
	it('is 0 for t = 0 and grows with t', () => {
		expect(expectedPurchases(PUBLISHED, 0, 2, 30.43, 38.86)).toBe(0);
		let previous = 0;
		for (const t of [1, 4, 13, 26, 52, 104, 520]) {
			const e = expectedPurchases(PUBLISHED, t, 2, 30.43, 38.86);
			expect(e).toBeGreaterThan(previous);
			previous = e;
		}
	});
	it('for a brand-new customer (x = tₓ = T = 0) equals the unconditional E[X(t)] (FHL 2005 eq. 10 reduces to eq. 9)', () => {
		for (const t of [1, 39, 78, 520]) {
			expect(expectedPurchases(PUBLISHED, t, 0, 0, 0)).toBeCloseTo(expectedPurchasesUnconditional(PUBLISHED, t), 10);
		}
	});
});
