// The restarted Nelder–Mead of src/lib/core/predict/optimise.ts on functions with known minima.
import { describe, expect, it } from 'vitest';
import { LOG_PARAMETER_BOUND, minimise, minimisePositive } from '../../../src/lib/core/predict/optimise';

const rosenbrock = (v: number[]) => {
	let s = 0;
	for (let i = 0; i + 1 < v.length; i++) s += 100 * (v[i + 1] - v[i] ** 2) ** 2 + (1 - v[i]) ** 2;
	return s;
};

describe('minimise', () => {
	it('finds the Rosenbrock minimum (1, 1) from (−1.2, 1)', () => {
		const res = minimise(rosenbrock, [-1.2, 1]);
		expect(res.converged).toBe(true);
		expect(res.x[0]).toBeCloseTo(1, 6);
		expect(res.x[1]).toBeCloseTo(1, 6);
		expect(res.value).toBeLessThan(1e-12);
	});
	it('finds the 4-D Rosenbrock minimum (1, 1, 1, 1)', () => {
		const res = minimise(rosenbrock, [-1.2, 1, -1.2, 1]);
		expect(res.converged).toBe(true);
		for (const v of res.x) expect(v).toBeCloseTo(1, 5);
	});
	it('finds the minimum of an ill-conditioned, rotated quadratic', () => {
		// Positive definite (the (u, w) block [[1, 0.05], [0.05, 0.01]] has determinant 0.0075); minimum 7 at (3, −2, 0.5).
		const f = ([u, v, w]: number[]) => 7 + (u - 3) ** 2 + 1000 * (u + v - 1) ** 2 + 0.01 * (w - 0.5) ** 2 + (u - 3) * (w - 0.5) * 0.1;
		const res = minimise(f, [0, 0, 0]);
		expect(res.converged).toBe(true);
		expect(res.x[0]).toBeCloseTo(3, 5);
		expect(res.x[1]).toBeCloseTo(-2, 5);
		expect(res.x[2]).toBeCloseTo(0.5, 4);
		expect(res.value).toBeCloseTo(7, 10);
	});
	it('is deterministic', () => {
		const a = minimise(rosenbrock, [-1.2, 1]);
		const b = minimise(rosenbrock, [-1.2, 1]);
		expect(b).toEqual(a);
	});
	it('rejects non-finite values instead of stepping into them', () => {
		// ln is undefined for x ≤ 0; the minimum of x − 2 ln x is at x = 2.
		const res = minimise(([x]) => x - 2 * Math.log(x), [0.5]);
		expect(res.x[0]).toBeCloseTo(2, 6);
	});
	it('reports non-convergence when the evaluation budget runs out', () => {
		const res = minimise(rosenbrock, [-1.2, 1], { maxEvaluations: 30 });
		expect(res.converged).toBe(false);
		expect(res.evaluations).toBeLessThanOrEqual(35);
	});
});

describe('minimisePositive', () => {
	it('keeps parameters positive and finds the minimum of Σ (pᵢ − cᵢ ln pᵢ) at pᵢ = cᵢ across scales', () => {
		// d/dp (p − c ln p) = 0 at p = c.
		const c = [0.05, 3, 400]; // the simplex steps in log-space, so the scales 0.05 … 400 do not matter
		const res = minimisePositive((p) => p.reduce((s, v, i) => s + v - c[i] * Math.log(v), 0), [1, 1, 1]);
		expect(res.converged).toBe(true);
		res.x.forEach((v, i) => expect(v / c[i]).toBeCloseTo(1, 6));
	});
	it('stops at the log-parameter wall and says so when the infimum is at p → ∞', () => {
		const res = minimisePositive(([p]) => 1 / p, [1]);
		expect(res.atBound).toBe(true);
		expect(Math.log(res.x[0])).toBeLessThanOrEqual(LOG_PARAMETER_BOUND);
	});
});
