/** A small deterministic minimiser for smooth functions of a few variables: restarted Nelder–Mead, over log-parameters for positive ones. */

export interface MinimiseOptions {
	/** Initial simplex edge along each axis (default 0.25; in log-space that is a ×1.28 step). */
	step?: number;
	/** Stop a run when the spread of f over the simplex is below fTol·(1 + |f_best|) (default 1e-12). */
	fTol?: number;
	/**
	 * … and every vertex is within xTol of the best in every coordinate (default 1e-9), or the best vertex has not
	 * improved for 20·(n + 1) iterations (f can no longer resolve x, e.g. along a very flat direction).
	 */
	xTol?: number;
	/** Budget of function evaluations over all runs (default 20 000). */
	maxEvaluations?: number;
	/** Maximum number of restarts after the first run (default 20). */
	maxRestarts?: number;
}

export interface MinimiseResult {
	x: number[];
	value: number;
	evaluations: number;
	restarts: number;
	/** True when the last run met both tolerances and its restart found no further improvement. */
	converged: boolean;
}

/** f with non-finite values mapped to +∞, so a step outside the domain is simply rejected. */
function safe(f: (x: number[]) => number): (x: number[]) => number {
	return (x) => {
		const v = f(x);
		return Number.isFinite(v) ? v : Infinity;
	};
}

/**
 * Minimises f from x0 with Nelder–Mead (Gao & Han 2012 adaptive coefficients) and restarts; deterministic.
 * Why Nelder–Mead rather than BFGS with numerical gradients: the BG/NBD and Gamma-Gamma likelihoods have only 3–4
 * parameters, are cheap to evaluate, and have long curved valleys in log-parameters where finite-difference gradients
 * of a sum over thousands of customers are noisy; Nelder–Mead needs no derivatives and only compares values. Its known
 * weakness, a simplex that collapses before the minimum, is handled by restarting from the best vertex with a fresh
 * simplex until a restart no longer improves f.
 */
export function minimise(f: (x: number[]) => number, x0: readonly number[], options: MinimiseOptions = {}): MinimiseResult {
	return runToEnd(minimiseSteps(f, x0, options));
}

/** Drive a step generator to its result (the synchronous form of every `…Steps` function). */
export function runToEnd<R>(steps: Generator<unknown, R>): R {
	for (;;) {
		const r = steps.next();
		if (r.done) return r.value;
	}
}

/** Thrown by `runSteps` when the caller asked to stop. */
export class StepsCancelled extends Error {
	constructor() {
		super('Cancelled.');
		this.name = 'CancelledError';
	}
}

/**
 * Drive a step generator, calling `onStep` with each yielded value and `shouldStop` between steps:
 * when it says true the work stops there (nothing after that step runs) and `StepsCancelled` is thrown.
 */
export function runSteps<Y, R>(steps: Generator<Y, R>, shouldStop: () => boolean, onStep?: (y: Y) => void): R {
	for (;;) {
		if (shouldStop()) {
			steps.return(undefined as R);
			throw new StepsCancelled();
		}
		const r = steps.next();
		if (r.done) return r.value;
		onStep?.(r.value);
	}
}

/**
 * `minimise` as a generator that yields the number of evaluations so far after every Nelder–Mead
 * iteration, so a caller can report progress, pause for other work or stop (just stop calling next()).
 */
export function* minimiseSteps(f: (x: number[]) => number, x0: readonly number[], options: MinimiseOptions = {}): Generator<number, MinimiseResult> {
	const n = x0.length;
	const step = options.step ?? 0.25;
	const fTol = options.fTol ?? 1e-12;
	const xTol = options.xTol ?? 1e-9;
	const maxEvaluations = options.maxEvaluations ?? 20_000;
	const maxRestarts = options.maxRestarts ?? 20;
	const g = safe(f);
	let evaluations = 0;
	const evaluate = (x: number[]) => {
		evaluations++;
		return g(x);
	};
	// Adaptive coefficients: reflection, expansion, contraction, shrink (Gao & Han 2012).
	const rho = 1;
	const chi = n >= 2 ? 1 + 2 / n : 2;
	const psi = n >= 2 ? 0.75 - 1 / (2 * n) : 0.5;
	const sigma = n >= 2 ? 1 - 1 / n : 0.5;

	let best = [...x0];
	let bestValue = evaluate(best);
	let restarts = 0;
	let converged = false;

	for (let run = 0; run <= maxRestarts; run++) {
		// Simplex around the current best point.
		const pts: number[][] = [best.slice()];
		const vals: number[] = [bestValue];
		for (let i = 0; i < n; i++) {
			const p = best.slice();
			p[i] += step;
			pts.push(p);
			vals.push(evaluate(p));
		}
		let runConverged = false;
		let stalled = 0;
		let lastBest = vals[0];
		while (evaluations < maxEvaluations) {
			yield evaluations;
			// Order vertices by value (stable, so ties keep their order and the method stays deterministic).
			const order = vals.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
			const sp = order.map(([, i]) => pts[i]);
			const sv = order.map(([v]) => v);
			for (let i = 0; i <= n; i++) {
				pts[i] = sp[i];
				vals[i] = sv[i];
			}
			const fSpread = vals[n] - vals[0];
			let xSpread = 0;
			for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) xSpread = Math.max(xSpread, Math.abs(pts[i][j] - pts[0][j]));
			if (vals[0] < lastBest) {
				lastBest = vals[0];
				stalled = 0;
			} else stalled++;
			if (fSpread <= fTol * (1 + Math.abs(vals[0])) && (xSpread <= xTol || stalled >= 20 * (n + 1))) {
				runConverged = true;
				break;
			}
			if (Number.isFinite(vals[0]) && !Number.isFinite(vals[n]) && xSpread <= xTol) break;
			const centroid = new Array<number>(n).fill(0);
			for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += pts[i][j] / n;
			const along = (t: number) => centroid.map((c, j) => c + t * (pts[n][j] - c));
			const xr = along(-rho);
			const fr = evaluate(xr);
			if (fr < vals[0]) {
				const xe = along(-rho * chi);
				const fe = evaluate(xe);
				if (fe < fr) {
					pts[n] = xe;
					vals[n] = fe;
				} else {
					pts[n] = xr;
					vals[n] = fr;
				}
				continue;
			}
			if (fr < vals[n - 1]) {
				pts[n] = xr;
				vals[n] = fr;
				continue;
			}
			// Contraction: outside when the reflection beat the worst vertex, inside otherwise.
			const outside = fr < vals[n];
			const xc = along(outside ? -rho * psi : psi);
			const fc = evaluate(xc);
			if (fc <= (outside ? fr : vals[n])) {
				pts[n] = xc;
				vals[n] = fc;
				continue;
			}
			// Shrink towards the best vertex.
			for (let i = 1; i <= n; i++) {
				pts[i] = pts[i].map((v, j) => pts[0][j] + sigma * (v - pts[0][j]));
				vals[i] = evaluate(pts[i]);
			}
		}
		const improved = bestValue - vals[0];
		if (vals[0] <= bestValue) {
			best = pts[0].slice();
			bestValue = vals[0];
		}
		if (run > 0) restarts++;
		if (evaluations >= maxEvaluations) break;
		// A converged restart that did not lower f beyond the tolerance confirms the minimum.
		if (run > 0 && runConverged && improved <= fTol * (1 + Math.abs(bestValue))) {
			converged = true;
			break;
		}
	}
	return { x: best, value: bestValue, evaluations, restarts, converged };
}

/** |ln p| beyond which `minimisePositive` treats a parameter as 0 or ∞ (e^30 ≈ 1e13). */
export const LOG_PARAMETER_BOUND = 30;

export interface MinimisePositiveResult extends MinimiseResult {
	/** True when a parameter ended within a factor e of e^±30: the data push it to 0 or ∞ (the model is not identified). */
	atBound: boolean;
}

/**
 * Minimises f over positive parameters by optimising their logarithms (f is +∞ beyond |ln p| = 30, so a parameter that
 * runs off to 0 or ∞ stops at the wall instead of exhausting the budget); returns the parameters themselves.
 */
export function minimisePositive(
	f: (p: number[]) => number,
	p0: readonly number[],
	options: MinimiseOptions = {}
): MinimisePositiveResult {
	return runToEnd(minimisePositiveSteps(f, p0, options));
}

/** `minimisePositive` as a generator of evaluation counts (see `minimiseSteps`). */
export function* minimisePositiveSteps(
	f: (p: number[]) => number,
	p0: readonly number[],
	options: MinimiseOptions = {}
): Generator<number, MinimisePositiveResult> {
	const bounded = (u: number[]) => (u.some((v) => Math.abs(v) > LOG_PARAMETER_BOUND) ? Infinity : f(u.map(Math.exp)));
	const res = yield* minimiseSteps(bounded, p0.map(Math.log), options);
	const atBound = res.x.some((v) => Math.abs(v) > LOG_PARAMETER_BOUND - 1);
	return { ...res, x: res.x.map(Math.exp), atBound };
}
