// Issue 6 item 8: the prediction fit reports progress and can be stopped part-way (predict/*Steps, runSteps).
import { describe, expect, it } from 'vitest';
import { computePredictions, minimiseSteps, predictionSteps, runSteps, StepsCancelled, type PredictionProgress } from '../../../src/lib/core/predict';
import type { CustomerRow } from '../../../src/lib/core/types';
import { cdnowSummary, cdnowWithTransactions } from './data';

/** The CDNOW calibration summaries as customer rows (recency and T in days, as the analysis gives them). */
function cdnowCustomers(): CustomerRow[] {
	const s = cdnowSummary();
	const m = cdnowWithTransactions();
	return s.x.map((x, i) => ({
		customer_id: String(i + 1),
		orders: x + 1,
		first_purchase: '1997-01-01',
		last_purchase: '1997-01-01',
		revenue: null,
		frequency: x,
		recency: s.tx[i] * 7,
		T: s.T[i] * 7,
		monetary_value: x > 0 ? m.zbar[i] : null,
		r_score: 1,
		f_score: 1,
		m_score: null,
		rfm_segment: '',
		type: '',
		cohort: ''
	}));
}

describe('stopping a fit', () => {
	it('stops the Nelder–Mead loop: no evaluation after the stop', () => {
		let evaluations = 0;
		const f = (x: number[]) => {
			evaluations++;
			return (x[0] - 3) ** 2 + (x[1] + 1) ** 2;
		};
		let steps = 0;
		expect(() => runSteps(minimiseSteps(f, [0, 0]), () => steps++ >= 5)).toThrow(StepsCancelled);
		const atStop = evaluations;
		expect(atStop).toBeGreaterThan(0);
		// The unstopped run needs many more evaluations than the five iterations done.
		let full = 0;
		const g = (x: number[]) => {
			full++;
			return f(x);
		};
		runSteps(minimiseSteps(g, [0, 0]), () => false);
		expect(atStop).toBeLessThan(full);
		expect(evaluations - atStop).toBe(full); // only the second run evaluated after the stop
	});

	it('the CancelledError carries a name the worker and UI can recognise', () => {
		const e = new StepsCancelled();
		expect(e).toBeInstanceOf(Error);
		expect(e.name).toBe('CancelledError');
	});

	it('CDNOW: progress rises from 0 to 1 through the stages in order, and the stepped run equals the plain one', () => {
		const customers = cdnowCustomers();
		const seen: PredictionProgress[] = [];
		const stepped = runSteps(predictionSteps(customers, 52), () => false, (p) => seen.push(p));
		const plain = computePredictions(customers, 52);
		expect(stepped).toEqual(plain);
		// Published CDNOW fit (FHL 2005): r 0.243, α 4.414 — the stepped run is the same fit.
		expect(stepped.bgnbd!.r).toBeCloseTo(0.243, 2);
		expect(stepped.bgnbd!.alpha).toBeCloseTo(4.414, 1);
		const stages = seen.map((p) => p.stage);
		expect(stages[0]).toBe('bgnbd');
		expect(stages.indexOf('gamma-gamma')).toBeGreaterThan(stages.lastIndexOf('bgnbd'));
		expect(stages.indexOf('customers')).toBeGreaterThan(stages.lastIndexOf('gamma-gamma'));
		for (let i = 1; i < seen.length; i++) expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
		expect(seen[0].fraction).toBeGreaterThanOrEqual(0);
		expect(seen.at(-1)!.fraction).toBeLessThan(1);
		expect(seen.at(-1)!.fraction).toBeGreaterThan(0.9);
		// Yields come often enough for a cancel to land quickly: every Nelder–Mead iteration (a handful of likelihood
		// evaluations) and every 250 customers (2,357 customers → 10 yields).
		expect(stages.filter((s) => s === 'customers')).toHaveLength(Math.ceil(customers.length / 250));
		expect(stages.filter((s) => s === 'bgnbd').length).toBeGreaterThan(50);
	});

	it('CDNOW: a stop in the middle of the customers stage throws and returns no partial result', () => {
		const customers = cdnowCustomers();
		let stage = '';
		const stop = () => stage === 'customers';
		expect(() => runSteps(predictionSteps(customers, 52), stop, (p) => (stage = p.stage))).toThrow(StepsCancelled);
	});
});
