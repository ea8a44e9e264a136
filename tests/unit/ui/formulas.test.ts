// The worked formulas on the KPI cards: numbers plugged in as the articles show them.
import { describe, expect, it } from 'vitest';
import {
	baseFormulas,
	churnAdjustedFormula,
	churnNaiveFormula,
	crrFormula,
	installedBaseFormula,
	kpiChange,
	periodAovFormula,
	periodClvFormula,
	periodRepeatRateFormula,
	periodReturnRateFormula
} from '../../../src/lib/ui/formulas';
import { MESSAGES } from '../../../src/lib/i18n/messages';
import { formatMessage } from '../../../src/lib/i18n/message-format';
import type { PeriodKpiRow, PeriodRow } from '../../../src/lib/core/types';
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

describe('per-period §5 formulas (core/period-kpis.ts)', () => {
	// March of the hand-worked dataset in tests/unit/core/period-kpis.test.ts.
	const k: PeriodKpiRow = {
		period: '2024-03', customers: 4, repeat_customers: 2, repeat_purchase_rate: 50, customer_revenue: 118, clv_historical: 29.5,
		purchases: 3, purchase_amount: 70, aov: 70 / 3, return_orders: 1, return_rate: 25
	};
	it('plugs the period’s terms in, and names the period in the definition', () => {
		expect(periodRepeatRateFormula(k, 'month').worked).toBe('2 ÷ 4 × 100 = 50.0 %');
		expect(periodRepeatRateFormula(k, 'month').formula).toContain("by the month's end");
		expect(periodAovFormula(k, 'month').worked).toBe('70.00 ÷ 3 = 23.33');
		expect(periodAovFormula(k, 'quarter').formula).toContain('purchases in the quarter');
		expect(periodClvFormula(k, 'month').worked).toBe('118.00 ÷ 4 = 29.50');
		expect(periodReturnRateFormula(k, 'month').worked).toBe('1 ÷ (3 + 1) × 100 = 25.0 %');
		expect(periodReturnRateFormula({ ...k, purchases: 0, return_orders: 0, return_rate: null }, 'month').worked).toBe('0 ÷ (0 + 0) × 100 = —');
	});
});

describe('change from the previous period', () => {
	it('rates in percentage points; up is good for retention, bad for churn', () => {
		// 48.4 − 45.2 = 3.2 pp
		const crr = kpiChange(48.4, 45.2, 'points', 'up', '2011-02', '45.2 %');
		expect(crr).toEqual({ text: '▲ +3.2 pp vs 2011-02 (45.2 %), better', direction: 'up', tone: 'good' });
		const churn = kpiChange(48.4, 45.2, 'points', 'down', '2011-02', '45.2 %');
		expect(churn?.tone).toBe('bad');
		expect(churn?.text).toBe('▲ +3.2 pp vs 2011-02 (45.2 %), worse');
		expect(kpiChange(10, 12.5, 'points', 'down', '2011-02', '12.5 %')?.text).toBe('▼ −2.5 pp vs 2011-02 (12.5 %), better');
	});
	it('counts and money relatively: 200 → 250 is +25 %', () => {
		expect(kpiChange(250, 200, 'relative', 'up', '2011-02', '200')?.text).toBe('▲ +25.0 % vs 2011-02 (200), better');
		expect(kpiChange(150, 200, 'relative', 'up', '2011-02', '200')).toEqual({
			text: '▼ −25.0 % vs 2011-02 (200), worse', direction: 'down', tone: 'bad'
		});
	});
	it('a change that shows as 0.0 is flat; nothing to compare gives no change', () => {
		expect(kpiChange(50.01, 50, 'points', 'up', '2011-02', '50.0 %')).toEqual({ text: '● 0.0 pp vs 2011-02 (50.0 %)', direction: 'flat', tone: 'neutral' });
		expect(kpiChange(null, 50, 'points', 'up', 'x', '')).toBeNull();
		expect(kpiChange(5, null, 'points', 'up', 'x', '')).toBeNull();
		expect(kpiChange(5, 0, 'relative', 'up', 'x', '')).toBeNull();
	});
});

describe('the overview summary sentence', () => {
	const params = { period: 'P', start: 412, retained: 325, lost: 87, reactivated: 60, new: 120, end: 505 };
	const fmt = (lang: string) => (n: number) => new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : lang).format(n);
	it('English', () => {
		expect(formatMessage(MESSAGES.en['overview.summary'], params, 'en', fmt('en'))).toBe(
			'Of the 412 customers active at the start of P, 325 were still active at its end; 87 were lost, 60 came back and 120 new customers bought for the first time, so 505 customers were active at the end.'
		);
		expect(formatMessage(MESSAGES.en['overview.summary'], { ...params, start: 1, retained: 1, lost: 1, new: 1, end: 1 }, 'en', fmt('en'))).toContain(
			'Of the 1 customer active at the start of P, 1 was still active at its end; 1 was lost, 60 came back and 1 new customer bought'
		);
	});
	it('Russian agrees in three forms', () => {
		const ru = formatMessage(MESSAGES.ru['overview.summary'], { ...params, new: 122, end: 21 }, 'ru', fmt('ru'));
		expect(ru).toBe(
			'Из 412 клиентов, активных на начало периода «P», 325 остались активными к его концу; 87 ушли, 60 вернулись и 122 новых клиента впервые купили, так что на конец периода активен 21 клиент.'
		);
		expect(formatMessage(MESSAGES.ru['overview.summary'], { ...params, start: 21, retained: 1, lost: 1, reactivated: 1, new: 125, end: 125 }, 'ru', fmt('ru'))).toBe(
			'Из 21 клиента, активного на начало периода «P», 1 остался активным к его концу; 1 ушёл, 1 вернулся и 125 новых клиентов впервые купили, так что на конец периода активны 125 клиентов.'
		);
	});
	it('Persian digits', () => {
		expect(formatMessage(MESSAGES.fa['overview.summary'], params, 'fa', fmt('fa'))).toContain('از ۴۱۲ مشتری فعال در آغاز P، ۳۲۵ نفر');
	});
});
