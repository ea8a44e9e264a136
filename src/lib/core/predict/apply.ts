/**
 * Predicted value per customer (METRICS.md §7): fits BG/NBD and Gamma-Gamma on the customer figures at
 * the calibration end (the as-of date) and applies them for a horizon in weeks; plus the holdout check.
 */
import type { CustomerRow } from '../types';
import { expectedPurchases, fitBgNbdSteps, probabilityAlive, type BgNbdFit } from './bgnbd';
import { expectedAverageValue, fitGammaGammaSteps, predictedClv, type GammaGammaFit } from './gamma-gamma';
import { runToEnd } from './optimise';

export const DAYS_PER_WEEK = 7;

export interface CustomerPrediction {
	p_alive: number | null;
	expected_purchases: number | null;
	/** null when there are no amounts or the Gamma-Gamma model could not be fitted. */
	predicted_clv: number | null;
	expected_value: number | null;
}

export interface PredictionResult {
	horizonWeeks: number;
	/** null when no customer had a first purchase before the calibration end. */
	bgnbd: BgNbdFit | null;
	/** null without amounts or without customers with frequency > 0 and monetary value > 0. */
	gammaGamma: GammaGammaFit | null;
	/** Parallel to the customers passed in. */
	customers: CustomerPrediction[];
}

/**
 * Fit on customers whose first purchase is before the calibration end (T > 0), time in weeks (days ÷ 7),
 * and predict for every customer. `weeklyDiscountRate` 0 = undiscounted.
 */
export function computePredictions(
	customers: readonly CustomerRow[],
	horizonWeeks: number,
	weeklyDiscountRate = 0
): PredictionResult {
	return runToEnd(predictionSteps(customers, horizonWeeks, weeklyDiscountRate));
}

/** Where a prediction run is: `fraction` of the work done (0…1), by stage. */
export interface PredictionProgress {
	stage: 'bgnbd' | 'gamma-gamma' | 'customers';
	fraction: number;
}

/**
 * Rough share of the run each stage takes (progress display only): the BG/NBD fit is the longest,
 * the per-customer predictions (a ₂F₁ series each) grow with the number of customers.
 */
const STAGE_SHARE = { bgnbd: 0.5, gammaGamma: 0.15 } as const;
/** Likelihood evaluations a fit usually needs (CDNOW: under 1,000); the fraction creeps on past it. */
const TYPICAL_EVALUATIONS = 1000;
/** Customers predicted between two yields. */
const CUSTOMERS_PER_STEP = 250;

const fitFraction = (evaluations: number) => 1 - Math.exp(-evaluations / (TYPICAL_EVALUATIONS / 3));

/**
 * `computePredictions` as a generator of progress: it yields often (every Nelder–Mead iteration and
 * every few hundred customers), so a caller can show progress, let other work in, or stop by no
 * longer calling next(); a stopped run leaves nothing behind.
 */
export function* predictionSteps(
	customers: readonly CustomerRow[],
	horizonWeeks: number,
	weeklyDiscountRate = 0
): Generator<PredictionProgress, PredictionResult> {
	const fitRows = customers.filter((c) => c.T > 0);
	const weeks = (d: number) => d / DAYS_PER_WEEK;
	let bgnbd: BgNbdFit | null = null;
	if (fitRows.length > 0) {
		const fit = fitBgNbdSteps(
			fitRows.map((c) => c.frequency),
			fitRows.map((c) => weeks(c.recency)),
			fitRows.map((c) => weeks(c.T))
		);
		for (;;) {
			const r = fit.next();
			if (r.done) {
				bgnbd = r.value;
				break;
			}
			yield { stage: 'bgnbd', fraction: STAGE_SHARE.bgnbd * fitFraction(r.value) };
		}
	}
	const spenders = customers.filter((c) => c.frequency > 0 && (c.monetary_value ?? 0) > 0);
	let gammaGamma: GammaGammaFit | null = null;
	if (spenders.length > 1) {
		const fit = fitGammaGammaSteps(
			spenders.map((c) => c.frequency),
			spenders.map((c) => c.monetary_value as number)
		);
		try {
			for (;;) {
				const r = fit.next();
				if (r.done) {
					gammaGamma = r.value;
					break;
				}
				yield { stage: 'gamma-gamma', fraction: STAGE_SHARE.bgnbd + STAGE_SHARE.gammaGamma * fitFraction(r.value) };
			}
		} catch {
			gammaGamma = null;
		}
	}
	const out: CustomerPrediction[] = new Array(customers.length);
	const applied = STAGE_SHARE.bgnbd + STAGE_SHARE.gammaGamma;
	for (let i = 0; i < customers.length; i++) {
		if (i % CUSTOMERS_PER_STEP === 0) yield { stage: 'customers', fraction: applied + (1 - applied) * (i / customers.length) };
		const c = customers[i];
		if (!bgnbd) {
			out[i] = { p_alive: null, expected_purchases: null, predicted_clv: null, expected_value: null };
			continue;
		}
		const x = c.frequency;
		const tx = weeks(c.recency);
		const T = weeks(c.T);
		const m = c.monetary_value ?? 0;
		out[i] = {
			p_alive: probabilityAlive(bgnbd, x, tx, T),
			expected_purchases: expectedPurchases(bgnbd, horizonWeeks, x, tx, T),
			expected_value: gammaGamma ? expectedAverageValue(gammaGamma, x, m) : null,
			predicted_clv: gammaGamma ? predictedClv(bgnbd, gammaGamma, x, tx, T, m, horizonWeeks, weeklyDiscountRate) : null
		};
	}
	return { horizonWeeks, bgnbd, gammaGamma, customers: out };
}

export interface HoldoutRow {
	/** Repeat purchase days in the calibration period (7 = 7 or more). */
	frequency: number;
	customers: number;
	/** Mean predicted repeat purchases in the holdout. */
	predicted: number;
	/** Mean actual repeat purchases (distinct purchase days) in the holdout. */
	actual: number;
}

export interface HoldoutResult {
	calibrationEnd: string;
	holdoutEnd: string;
	holdoutWeeks: number;
	bgnbd: BgNbdFit | null;
	totalPredicted: number;
	totalActual: number;
	byFrequency: HoldoutRow[];
}

/** Calibration frequencies grouped at the top (lifetimes' calibration/holdout plot uses 0…7+). */
const MAX_FREQUENCY_BUCKET = 7;

/**
 * Calibration/holdout check: fit at the calibration end, predict the holdout length, and compare with the
 * purchase days each calibration customer actually made after it. `calibration` = customer figures at the
 * calibration end; `full` = the same customers' figures at the holdout end (days after calibration counted as
 * full.frequency − calibration.frequency, since distinct purchase days split between the two periods).
 */
export function computeHoldout(
	calibration: readonly CustomerRow[],
	full: readonly CustomerRow[],
	calibrationEnd: string,
	holdoutEnd: string,
	holdoutDays: number
): HoldoutResult {
	return runToEnd(holdoutSteps(calibration, full, calibrationEnd, holdoutEnd, holdoutDays));
}

/** `computeHoldout` as a generator of progress (the fit is `predictionSteps`), so it can be shown and stopped. */
export function* holdoutSteps(
	calibration: readonly CustomerRow[],
	full: readonly CustomerRow[],
	calibrationEnd: string,
	holdoutEnd: string,
	holdoutDays: number
): Generator<PredictionProgress, HoldoutResult> {
	const holdoutWeeks = holdoutDays / DAYS_PER_WEEK;
	const pred = yield* predictionSteps(calibration, holdoutWeeks);
	const later = new Map(full.map((c) => [c.customer_id, c.frequency]));
	const buckets = Array.from({ length: MAX_FREQUENCY_BUCKET + 1 }, (_, f) => ({ frequency: f, customers: 0, predicted: 0, actual: 0 }));
	let totalPredicted = 0;
	let totalActual = 0;
	calibration.forEach((c, i) => {
		if (c.T <= 0) return;
		const predicted = pred.customers[i].expected_purchases ?? 0;
		const actual = (later.get(c.customer_id) ?? c.frequency) - c.frequency;
		const b = buckets[Math.min(c.frequency, MAX_FREQUENCY_BUCKET)];
		b.customers++;
		b.predicted += predicted;
		b.actual += actual;
		totalPredicted += predicted;
		totalActual += actual;
	});
	return {
		calibrationEnd,
		holdoutEnd,
		holdoutWeeks,
		bgnbd: pred.bgnbd,
		totalPredicted,
		totalActual,
		byFrequency: buckets
			.filter((b) => b.customers > 0)
			.map((b) => ({ ...b, predicted: b.predicted / b.customers, actual: b.actual / b.customers }))
	};
}
