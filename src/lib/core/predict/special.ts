/** Special functions for the prediction models (METRICS.md §7): log-gamma (Lanczos), log-beta, Gauss 2F1 and log-sum-exp helpers. */

// Lanczos approximation, g = 7, n = 9 (the coefficients of Numerical Recipes / Godfrey); relative error ~1e-15 for x ≥ 0.5.
const LANCZOS_G = 7;
const LANCZOS_COEF = [
	0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
	12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
];
const LN_SQRT_2PI = 0.9189385332046728;

/** ln |Γ(x)| for real x (NaN at the poles 0, −1, −2, …); reflection formula below 0.5. */
export function lgamma(x: number): number {
	if (Number.isNaN(x)) return NaN;
	if (x === Infinity) return Infinity;
	if (x < 0.5) {
		if (Number.isInteger(x)) return Infinity;
		// Γ(x)Γ(1−x) = π / sin(πx)
		return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
	}
	const z = x - 1;
	let s = LANCZOS_COEF[0];
	for (let i = 1; i < LANCZOS_COEF.length; i++) s += LANCZOS_COEF[i] / (z + i);
	const t = z + LANCZOS_G + 0.5;
	return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** The sign of Γ(x): +1 for x > 0, alternating between the poles for x < 0 (NaN at the poles). */
export function gammaSign(x: number): number {
	if (x > 0) return 1;
	if (Number.isInteger(x)) return NaN;
	return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. */
export function lbeta(a: number, b: number): number {
	return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/** ln(eᵃ + eᵇ) without overflow; −∞ is the neutral element. */
export function logAddExp(a: number, b: number): number {
	if (a === -Infinity) return b;
	if (b === -Infinity) return a;
	const m = Math.max(a, b);
	return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/** ln Σ exp(vᵢ) without overflow; −∞ for an empty list. */
export function logSumExp(values: readonly number[]): number {
	let m = -Infinity;
	for (const v of values) if (v > m) m = v;
	if (m === -Infinity || !Number.isFinite(m)) return m;
	let s = 0;
	for (const v of values) s += Math.exp(v - m);
	return m + Math.log(s);
}

/** 1 / (1 + eˣ) without overflow (the logistic function of −x). */
export function expitNeg(x: number): number {
	return x >= 0 ? Math.exp(-x) / (1 + Math.exp(-x)) : 1 / (1 + Math.exp(x));
}

const SERIES_MAX_TERMS = 5_000_000;

/** The Gauss series Σ (a)ₙ(b)ₙ/(c)ₙ zⁿ/n!, summed until the terms stop mattering (|z| < 1). */
function hyp2f1Series(a: number, b: number, c: number, z: number): number {
	let term = 1;
	let sum = 1;
	for (let n = 0; n < SERIES_MAX_TERMS; n++) {
		term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
		sum += term;
		if (term === 0 || (Math.abs(term) <= 1e-16 * Math.abs(sum) && n > 2)) break;
		if (!Number.isFinite(sum)) return sum;
	}
	return sum;
}

/** Γ(p)Γ(q)/(Γ(s)Γ(t)) with signs, through lgamma; 0 when a denominator argument is a pole. */
function gammaRatio(p: number, q: number, s: number, t: number): number {
	const den = (x: number) => (x <= 0 && Number.isInteger(x) ? null : x);
	if (den(s) === null || den(t) === null) return 0;
	const sign = gammaSign(p) * gammaSign(q) * gammaSign(s) * gammaSign(t);
	return sign * Math.exp(lgamma(p) + lgamma(q) - lgamma(s) - lgamma(t));
}

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for real a, b, c (c not a non-positive integer) and 0 ≤ z < 1,
 * as lifetimes (scipy.special.hyp2f1) uses it in the BG/NBD expectations, FHL (2005) eq. 9 and 10.
 * z ≤ 0.9: the Gauss series. z > 0.9: the connection formula to 1 − z (Abramowitz & Stegun 15.3.6) when c − a − b
 * is at least 0.05 from an integer, otherwise the Gauss series summed to convergence (slow but exact as z → 1).
 * Negative z below −0.5 uses the Pfaff transformation (A&S 15.3.4) to keep the series positive.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
	if (z === 0) return 1;
	if (z < 0) return z < -0.5 ? Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, z / (z - 1)) : hyp2f1Series(a, b, c, z);
	if (z >= 1) return NaN;
	const s = c - a - b;
	if (z > 0.9 && Math.abs(s - Math.round(s)) >= 0.05) {
		const w = 1 - z;
		const t1 = gammaRatio(c, s, c - a, c - b) * hyp2f1Series(a, b, 1 - s, w);
		const t2 = Math.pow(w, s) * gammaRatio(c, -s, a, b) * hyp2f1Series(c - a, c - b, 1 + s, w);
		return t1 + t2;
	}
	return hyp2f1Series(a, b, c, z);
}
