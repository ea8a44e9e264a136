// Special functions of src/lib/core/predict/special.ts against closed forms and identities (no values from the code itself).
import { describe, expect, it } from 'vitest';
import { gammaSign, hyp2f1, lbeta, lgamma, logAddExp, logSumExp } from '../../../src/lib/core/predict/special';

const rel = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('lgamma (Lanczos)', () => {
	it('matches ln Γ at known points', () => {
		expect(lgamma(1)).toBeCloseTo(0, 14);
		expect(lgamma(2)).toBeCloseTo(0, 14);
		expect(lgamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13); // Γ(1/2) = √π
		expect(lgamma(1.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI) / 2), 13); // Γ(3/2) = √π/2
		expect(lgamma(10)).toBeCloseTo(Math.log(362_880), 12); // 9!
	});
	it('matches ln (n−1)! for large n', () => {
		for (const n of [20, 100, 1000]) {
			let lnFact = 0;
			for (let k = 2; k < n; k++) lnFact += Math.log(k);
			expect(rel(lgamma(n), lnFact)).toBeLessThan(1e-13);
		}
	});
	it('is accurate near 0: ln Γ(x) = −ln x − γx + (π²/12)x² + O(x³)', () => {
		const x = 1e-4;
		const eulerGamma = 0.5772156649015329;
		expect(lgamma(x)).toBeCloseTo(-Math.log(x) - eulerGamma * x + (Math.PI ** 2 / 12) * x * x, 11);
	});
	it('handles negative arguments by reflection: Γ(−1/2) = −2√π', () => {
		expect(lgamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 13);
		expect(gammaSign(-0.5)).toBe(-1);
		expect(gammaSign(-1.5)).toBe(1); // Γ(−3/2) = 4√π/3
		expect(lgamma(-1.5)).toBeCloseTo(Math.log((4 * Math.sqrt(Math.PI)) / 3), 13);
	});
	it('satisfies Γ(x + 1) = x Γ(x)', () => {
		for (const x of [0.0123, 0.243, 0.793, 2.426, 4.414, 37.5]) expect(lgamma(x + 1) - lgamma(x)).toBeCloseTo(Math.log(x), 12);
	});
});

describe('lbeta and log-sum-exp', () => {
	it('lbeta matches B(1, b) = 1/b and B(2, 3) = 1/12', () => {
		expect(lbeta(1, 7)).toBeCloseTo(-Math.log(7), 13);
		expect(lbeta(2, 3)).toBeCloseTo(-Math.log(12), 13);
	});
	it('logAddExp and logSumExp do not overflow', () => {
		expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
		expect(logAddExp(-Infinity, 3)).toBe(3);
		expect(logAddExp(-800, -Infinity)).toBe(-800);
		expect(logSumExp([1000, 1000, 1000])).toBeCloseTo(1000 + Math.log(3), 12);
		expect(logSumExp([Math.log(2), Math.log(3)])).toBeCloseTo(Math.log(5), 14);
		expect(logSumExp([])).toBe(-Infinity);
	});
});

describe('hyp2f1', () => {
	it('is 1 at z = 0', () => expect(hyp2f1(0.3, 2.1, 1.7, 0)).toBe(1));
	it('₂F₁(1, 1; 2; z) = −ln(1 − z)/z, including near 1 where c − a − b is an integer (series path)', () => {
		for (const z of [0.1, 0.5, 0.9, 0.95, 0.99, 0.999]) expect(rel(hyp2f1(1, 1, 2, z), -Math.log(1 - z) / z)).toBeLessThan(1e-12);
	});
	it('₂F₁(½, ½; 3/2; z²) = arcsin(z)/z (connection-formula path above 0.9)', () => {
		for (const z2 of [0.25, 0.81, 0.95, 0.999, 0.999999]) {
			const z = Math.sqrt(z2);
			expect(rel(hyp2f1(0.5, 0.5, 1.5, z2), Math.asin(z) / z)).toBeLessThan(1e-12);
		}
	});
	it('₂F₁(a, b; b; z) = (1 − z)^(−a), divergent at 1 (c − a − b < 0)', () => {
		for (const z of [0.3, 0.92, 0.97, 0.9999]) expect(rel(hyp2f1(0.3, 2.7, 2.7, z), Math.pow(1 - z, -0.3))).toBeLessThan(1e-12);
	});
	it('₂F₁(½, 1; 3/2; −z²) = arctan(z)/z for negative arguments (Pfaff path below −½)', () => {
		for (const z of [0.5, 0.9, 2, 10]) expect(rel(hyp2f1(0.5, 1, 1.5, -z * z), Math.atan(z) / z)).toBeLessThan(1e-12);
	});
	it('satisfies Euler’s transformation ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z) for BG/NBD-like arguments', () => {
		// (r + x, b + x; a + b + x − 1) with CDNOW-like r, a, b and x = 0, 2, 7 (FHL 2005 eq. 10).
		for (const x of [0, 2, 7]) {
			const [A, B, C] = [0.243 + x, 2.426 + x, 0.793 + 2.426 + x - 1];
			for (const z of [0.2, 0.47, 0.8, 0.946, 0.99]) {
				const euler = Math.pow(1 - z, C - A - B) * hyp2f1(C - A, C - B, C, z);
				expect(rel(hyp2f1(A, B, C, z), euler)).toBeLessThan(1e-10);
			}
		}
	});
});
