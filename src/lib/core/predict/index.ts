/** The prediction models of METRICS.md §7 (BG/NBD, Gamma-Gamma, predicted CLV) and their numerical helpers. */
export { LOG_PARAMETER_BOUND, minimise, minimisePositive, minimisePositiveSteps, minimiseSteps, runSteps, runToEnd, StepsCancelled } from './optimise';
export type { MinimiseOptions, MinimisePositiveResult, MinimiseResult } from './optimise';
export { expitNeg, gammaSign, hyp2f1, lbeta, lgamma, logAddExp, logSumExp } from './special';
export {
	bgNbdLogLikelihood,
	bgNbdLogLikelihoodOne,
	expectedPurchases,
	expectedPurchasesUnconditional,
	fitBgNbd,
	fitBgNbdSteps,
	probabilityAlive
} from './bgnbd';
export type { BgNbdFit, BgNbdParams } from './bgnbd';
export {
	WEEKS_PER_MONTH,
	expectedAverageValue,
	fitGammaGamma,
	fitGammaGammaSteps,
	gammaGammaLogLikelihoodOne,
	predictedClv,
	valueOfExpectedPurchases,
	weeklyRateFromMonthly
} from './gamma-gamma';
export type { GammaGammaFit, GammaGammaParams } from './gamma-gamma';
export { computeHoldout, computePredictions, DAYS_PER_WEEK, holdoutSteps, predictionSteps } from './apply';
export type { CustomerPrediction, HoldoutResult, HoldoutRow, PredictionProgress, PredictionResult } from './apply';
