/** The BG/NBD model of Fader, Hardie & Lee (2005, "Counting your customers the easy way"): likelihood, fit and predictions (METRICS.md §7), time in weeks. */
import { minimisePositiveSteps, runToEnd } from './optimise';
import type { MinimiseOptions } from './optimise';
import { expitNeg, hyp2f1, lgamma, logAddExp } from './special';

/** Likelihood evaluations a fit may use: CDNOW needs under 1,000, so running out means the data do not identify the model. */
const FIT_BUDGET = 5000;

export interface BgNbdParams {
	r: number;
	alpha: number;
	a: number;
	b: number;
}

export interface BgNbdFit extends BgNbdParams {
	/** Σ of the per-customer log-likelihoods at the fitted parameters (FHL 2005 eq. 6). */
	logLikelihood: number;
	/** The optimiser converged and no parameter ran off to 0 or ∞ (see optimise.ts `atBound`). */
	converged: boolean;
	evaluations: number;
}

function checkLengths(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): void {
	if (x.length !== tx.length || x.length !== T.length) throw new Error('frequency, recency and T must have the same length');
}

/**
 * Log-likelihood of one customer, FHL (2005) eq. 6 in the log-space form of section 7 (and lifetimes):
 * ln L = A₁ + A₂ + ln(e^A₃ + δ(x>0) e^A₄) with
 * A₁ = lnΓ(r+x) − lnΓ(r) + r ln α, A₂ = lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x),
 * A₃ = −(r+x) ln(α+T), A₄ = ln a − ln(b+x−1) − (r+x) ln(α+tₓ).
 */
export function bgNbdLogLikelihoodOne(p: BgNbdParams, x: number, tx: number, T: number): number {
	const { r, alpha, a, b } = p;
	const a1 = lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
	const a2 = lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x);
	const a3 = -(r + x) * Math.log(alpha + T);
	const a4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
	return a1 + a2 + logAddExp(a3, a4);
}

/** Σ over customers of the BG/NBD log-likelihood (FHL 2005 eq. 6); x repeat purchases, tx recency and T age in weeks. */
export function bgNbdLogLikelihood(p: BgNbdParams, x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): number {
	checkLengths(x, tx, T);
	let sum = 0;
	for (let i = 0; i < x.length; i++) sum += bgNbdLogLikelihoodOne(p, x[i], tx[i], T[i]);
	return sum;
}

/**
 * Maximum-likelihood fit of BG/NBD (METRICS.md §7) over log-parameters with the restarted Nelder–Mead of optimise.ts.
 * Customers with the same (x, tₓ, T) are pooled and weighted, which does not change the likelihood (lifetimes' `weights`).
 */
export function fitBgNbd(
	x: ArrayLike<number>,
	tx: ArrayLike<number>,
	T: ArrayLike<number>,
	options: MinimiseOptions = {}
): BgNbdFit {
	return runToEnd(fitBgNbdSteps(x, tx, T, options));
}

/** `fitBgNbd` as a generator of likelihood-evaluation counts, so the fit can report progress and be stopped. */
export function* fitBgNbdSteps(
	x: ArrayLike<number>,
	tx: ArrayLike<number>,
	T: ArrayLike<number>,
	options: MinimiseOptions = {}
): Generator<number, BgNbdFit> {
	checkLengths(x, tx, T);
	if (x.length === 0) throw new Error('fitBgNbd needs at least one customer');
	const patterns = new Map<string, { x: number; tx: number; T: number; w: number }>();
	for (let i = 0; i < x.length; i++) {
		if (!(x[i] >= 0 && tx[i] >= 0 && T[i] >= tx[i])) throw new Error(`invalid customer ${i}: need 0 ≤ x, 0 ≤ recency ≤ T`);
		const key = `${x[i]}|${tx[i]}|${T[i]}`;
		const hit = patterns.get(key);
		if (hit) hit.w++;
		else patterns.set(key, { x: x[i], tx: tx[i], T: T[i], w: 1 });
	}
	const rows = [...patterns.values()];
	const negLl = ([r, alpha, a, b]: number[]) => {
		const p = { r, alpha, a, b };
		let s = 0;
		for (const row of rows) s += row.w * bgNbdLogLikelihoodOne(p, row.x, row.tx, row.T);
		return -s;
	};
	// Start: r = a = b = 1 as lifetimes does, α at the mean age so the rate starts on the data's time scale.
	let meanT = 0;
	for (let i = 0; i < T.length; i++) meanT += T[i] / T.length;
	const res = yield* minimisePositiveSteps(negLl, [1, Math.max(meanT, 1e-3), 1, 1], { maxEvaluations: FIT_BUDGET, ...options });
	const [r, alpha, a, b] = res.x;
	return { r, alpha, a, b, logLikelihood: -res.value, converged: res.converged && !res.atBound, evaluations: res.evaluations };
}

/**
 * P(alive | x, tₓ, T) (Fader, Hardie & Lee 2008 note "Computing P(alive) using the BG/NBD model", FHL 2005 eq. 13):
 * 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)); 1 for a customer without repeat purchases.
 */
export function probabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
	if (x <= 0) return 1;
	const logDiv = (p.r + x) * Math.log((p.alpha + T) / (p.alpha + tx)) + Math.log(p.a / (p.b + x - 1));
	return expitNeg(logDiv);
}

/**
 * 1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z), z = t/(α+T+t): the bracket of FHL (2005) eq. 10 (eq. 9 with
 * x = T = 0). Euler's transformation ₂F₁(A, B; C; z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z), with 1 − z = (α+T)/(α+T+t),
 * folds the power into (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z): no overflow for large x or z near 1 (lifetimes switches
 * to the same transformation when the direct ₂F₁ overflows). Needs a+b+x−1 > 0.
 */
function bracket(p: BgNbdParams, t: number, x: number, T: number): number {
	const { r, alpha, a, b } = p;
	const z = t / (alpha + T + t);
	const log1mz = Math.log((alpha + T) / (alpha + T + t));
	const logHyp = Math.log(hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z));
	return -Math.expm1((a - 1) * log1mz + logHyp);
}

/**
 * Conditional expected number of repeat purchases in the next t weeks, FHL (2005) eq. 10 (lifetimes'
 * `conditional_expected_number_of_purchases_up_to_time`):
 * [(a+b+x−1)/(a−1)] · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] / [1 + δ(x>0) a/(b+x−1) ((α+T)/(α+tₓ))^(r+x)].
 * The ratio (a+b+x−1)/(a−1) and the bracket change sign together when a < 1, so the product stays positive; a = 1
 * exactly is a removable singularity that is not handled (NaN), and x = 0 needs a + b > 1.
 */
export function expectedPurchases(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
	if (t <= 0) return 0;
	const first = (p.a + p.b + x - 1) / (p.a - 1);
	return first * bracket(p, t, x, T) * probabilityAlive(p, x, tx, T);
}

/**
 * Unconditional expected number of repeat purchases by a new customer in t weeks, FHL (2005) eq. 9
 * (lifetimes' `expected_number_of_purchases_up_to_time`), for the calibration/holdout plot:
 * E[X(t)] = [(a+b−1)/(a−1)] · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))]; needs a + b > 1.
 */
export function expectedPurchasesUnconditional(p: BgNbdParams, t: number): number {
	if (t <= 0) return 0;
	return ((p.a + p.b - 1) / (p.a - 1)) * bracket(p, t, 0, 0);
}
