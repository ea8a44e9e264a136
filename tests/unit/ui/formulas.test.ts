// The worked formulas on the KPI cards: numbers plugged in as the articles show them.
import { describe, expect, it } from 'vitest';
import { baseFormulas, churnAdjustedFormula, churnNaiveFormula, crrFormula, installedBaseFormula } from '../../../src/lib/ui/formulas';
import type { PeriodRow } from '../../../src/lib/core/types';
import { computeConcentration } from '../../../src/lib/core/concentration';
import { DEFAULT_THRESHOLDS } from '../../../src/lib/core/analysis';

// 2011-03 of the mod-10 sample (reference periods.csv): S 171, E 164, N 39, lost 46, reactivated 0.
const p: PeriodRow = {
	period: '2011-03', start: 171, end: 164, new: 39, lost: 46, reactivated: 0, customer_base: 210,
	crr: ((164 - 39) / 171) * 100, churn_naive: (46 / 171) * 100, churn_adjusted: (46 / (171 + 39 / 2)) * 100,
	retention_naive: 100 - (46 / 171) * 100, orders: 0, revenue: null, partial: false
};

describe('period formulas', () => {
	it('CRR, churn and the installed-base identity with the numbers', () => {
		expect(crrFormula(p).worked).toBe('(164 − 39) ÷ 171 × 100 = 73.1 %');
		expect(churnNaiveFormula(p).worked).toBe('46 ÷ 171 × 100 = 26.9 %');
		// 46 ÷ 190.5 = 24.15 %
		expect(churnAdjustedFormula(p).worked).toBe('46 ÷ (171 + 39 ÷ 2) × 100 = 24.1 %');
		expect(installedBaseFormula(p).worked).toBe('171 − 46 + 39 + 0 = 164');
	});
	it('an undefined ratio shows an em dash', () => {
		expect(crrFormula({ ...p, start: 0, crr: null }).worked).toBe('(164 − 39) ÷ 0 × 100 = —');
	});
});

describe('base formulas', () => {
	it('plugs the terms of the whole-base figures', () => {
		const f = baseFormulas({
			metrics: {
				customers: 4, purchases: 10, return_orders: 2, customer_revenue: 100, repeat_purchase_rate: 75,
				gap_mean_days: 12.5, gap_median_days: 10, aov: 11, clv_historical: 25, return_rate: (2 / 12) * 100,
				top20_share: 70, gini: null, base_shape: 'balanced', observation_end: '2024-01-31'
			},
			repeatCustomers: 3, gapCount: 6, gapDaysTotal: 75, purchaseAmount: 110,
			concentration: computeConcentration([70, 10, 10, 10]),
			thresholds: DEFAULT_THRESHOLDS
		});
		expect(f.repeat_purchase_rate.worked).toBe('3 ÷ 4 × 100 = 75.0 %');
		expect(f.gap_mean_days.worked).toBe('75 ÷ 6 = 12.5 days');
		expect(f.aov.worked).toBe('110.00 ÷ 10 = 11.00');
		expect(f.clv_historical.worked).toBe('100.00 ÷ 4 = 25.00');
		expect(f.return_rate.worked).toBe('2 ÷ (10 + 2) × 100 = 16.7 %');
		// ⌈0.8⌉ = 1 customer: 70 of 100.
		expect(f.top20_share.worked).toBe('⌈0.2 · 4⌉ = 1 customer: 70.00 ÷ 100.00 × 100 = 70.0 %');
		// x ascending 10, 10, 10, 70: Σ i·x = 10 + 20 + 30 + 280 = 340; G = 680 ÷ 400 − 5/4 = 0.45.
		expect(f.gini.worked).toBe('2 · 340.00 ÷ (4 · 100.00) − 5 ÷ 4 = 0.450');
		expect(f.base_shape.worked).toBe('70.0 % → balanced');
	});
});
