/** The Gamma-Gamma spend model of Fader, Hardie & Lee (2005, "RFM and CLV: using iso-value curves") and the predicted CLV built on BG/NBD (METRICS.md §7). */
import { expectedPurchases } from './bgnbd';
import type { BgNbdParams } from './bgnbd';
import { minimisePositiveSteps, runToEnd } from './optimise';
import type { MinimiseOptions } from './optimise';
import { lgamma } from './special';

/** Likelihood evaluations a fit may use: CDNOW needs under 1,000, so running out means the data do not identify the model. */
const FIT_BUDGET = 5000;

export interface GammaGammaParams {
	p: number;
	q: number;
	gamma: number;
}

export interface GammaGammaFit extends GammaGammaParams {
	/** Σ of the per-customer log-likelihoods of the mean spends at the fitted parameters. */
	logLikelihood: number;
	/** Customers with x > 0 and m > 0 that entered the fit. */
	n: number;
	/** The optimiser converged and no parameter ran off to 0 or ∞ (see optimise.ts `atBound`). */
	converged: boolean;
	evaluations: number;
}

/**
 * Log-density of a customer's mean spend m over x repeat purchases (FHL 2005b; Fader & Hardie note 025):
 * lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + m x).
 */
export function gammaGammaLogLikelihoodOne(params: GammaGammaParams, x: number, m: number): number {
	const { p, q, gamma } = params;
	const px = p * x;
	return (
		lgamma(px + q) - lgamma(px) - lgamma(q) + q * Math.log(gamma) + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(gamma + m * x)
	);
}

/**
 * Maximum-likelihood fit of Gamma-Gamma (METRICS.md §7) on the customers with frequency > 0 and monetary > 0;
 * the others are ignored, as the model describes repeat spend only.
 */
export function fitGammaGamma(frequency: ArrayLike<number>, monetary: ArrayLike<number>, options: MinimiseOptions = {}): GammaGammaFit {
	return runToEnd(fitGammaGammaSteps(frequency, monetary, options));
}

/** `fitGammaGamma` as a generator of likelihood-evaluation counts, so the fit can report progress and be stopped. */
export function* fitGammaGammaSteps(
	frequency: ArrayLike<number>,
	monetary: ArrayLike<number>,
	options: MinimiseOptions = {}
): Generator<number, GammaGammaFit> {
	if (frequency.length !== monetary.length) throw new Error('frequency and monetary must have the same length');
	const xs: number[] = [];
	const ms: number[] = [];
	for (let i = 0; i < frequency.length; i++) {
		if (frequency[i] > 0 && monetary[i] > 0) {
			xs.push(frequency[i]);
			ms.push(monetary[i]);
		}
	}
	if (xs.length === 0) throw new Error('fitGammaGamma needs a customer with frequency > 0 and monetary > 0');
	const negLl = ([p, q, gamma]: number[]) => {
		let s = 0;
		for (let i = 0; i < xs.length; i++) s += gammaGammaLogLikelihoodOne({ p, q, gamma }, xs[i], ms[i]);
		return -s;
	};
	// Start at p = q = 1 and γ at the mean spend, so the scale starts on the data's money scale.
	const meanM = ms.reduce((s, m) => s + m, 0) / ms.length;
	const res = yield* minimisePositiveSteps(negLl, [1, 1, meanM], { maxEvaluations: FIT_BUDGET, ...options });
	const [p, q, gamma] = res.x;
	return { p, q, gamma, logLikelihood: -res.value, n: xs.length, converged: res.converged && !res.atBound, evaluations: res.evaluations };
}

/**
 * Conditional expected average spend per purchase, E[M | x, m] = p(γ + x m) / (p x + q − 1) (FHL 2005b; note 025);
 * for x = 0 it is the population mean pγ/(q − 1). Needs q > 1 (otherwise the mean is infinite: returns +∞).
 */
export function expectedAverageValue(params: GammaGammaParams, x: number, m: number): number {
	const { p, q, gamma } = params;
	const den = p * x + q - 1;
	if (den <= 0) return Infinity;
	return (p * (gamma + (x > 0 ? x * m : 0))) / den;
}

/** Weeks per month in lifetimes' `customer_lifetime_value` (its factor for freq 'W'). */
export const WEEKS_PER_MONTH = 4.345;

/** The weekly rate equivalent to a monthly discount rate, (1 + d)^(1/4.345) − 1, for porting lifetimes' monthly rates. */
export function weeklyRateFromMonthly(monthlyRate: number): number {
	return Math.pow(1 + monthlyRate, 1 / WEEKS_PER_MONTH) - 1;
}

/**
 * Predicted CLV over the next h weeks (METRICS.md §7): expected average value × expected purchases.
 * Undiscounted (rate 0) it is E[M | x, m] · E[Y(h) | x, tₓ, T]. With a weekly discount rate d it follows lifetimes'
 * `customer_lifetime_value` with weeks in place of months: the purchases expected in week k, E[Y(k)] − E[Y(k−1)], are
 * discounted by (1 + d)^k (end of the week); a partial last week (h not whole) ends at h and is discounted by (1 + d)^h.
 */
export function predictedClv(
	bg: BgNbdParams,
	gg: GammaGammaParams,
	x: number,
	tx: number,
	T: number,
	m: number,
	h: number,
	weeklyDiscountRate = 0
): number {
	return valueOfExpectedPurchases(bg, expectedAverageValue(gg, x, m), x, tx, T, h, weeklyDiscountRate);
}

/**
 * The (discounted) value of a customer's expected purchases over h weeks at a given value per purchase — the body of
 * `predictedClv`, and of lifetimes' `_customer_lifetime_value` which its tests call with a value of 1.
 */
export function valueOfExpectedPurchases(
	bg: BgNbdParams,
	value: number,
	x: number,
	tx: number,
	T: number,
	h: number,
	weeklyDiscountRate = 0
): number {
	if (h <= 0) return 0;
	if (weeklyDiscountRate === 0) return value * expectedPurchases(bg, h, x, tx, T);
	let clv = 0;
	let previous = 0;
	for (let k = 1; k - 1 < h; k++) {
		const end = Math.min(k, h);
		const cumulative = expectedPurchases(bg, end, x, tx, T);
		clv += (value * (cumulative - previous)) / Math.pow(1 + weeklyDiscountRate, end);
		previous = cumulative;
	}
	return clv;
}
