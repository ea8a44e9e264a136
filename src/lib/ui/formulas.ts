/**
 * Each KPI's formula (METRICS.md §3, §5) written out with the user's own numbers plugged in, as the
 * source articles do: "CRR = (E − N) ÷ S × 100 = (290 − 37) ÷ 252 × 100 = 100.4 %". Text only.
 */
import type { TypeSettings } from '../core/segments';
import type { PeriodRow } from '../core/types';
import type { CustomerBaseResult } from '../worker/api-types';
import { EMPTY, formatCount, formatMoney, formatPercent, formatPercentSign } from './format';
import { t } from '../i18n/locale.svelte';

export interface Formula {
	/** The definition in symbols. */
	formula: string;
	/** The same with the numbers plugged in and the result; EMPTY result when undefined. */
	worked: string;
}

const num = (v: number, digits = 2) => formatPercent(v, digits);

/** CRR of one period (METRICS.md §3). */
export function crrFormula(p: PeriodRow): Formula {
	return {
		formula: t('formula.crr'),
		worked: `(${formatCount(p.end)} − ${formatCount(p.new)}) ÷ ${formatCount(p.start)} × ${formatCount(100)} = ${pct(p.crr)}`
	};
}

export function churnNaiveFormula(p: PeriodRow): Formula {
	return { formula: t('formula.churnNaive'), worked: `${formatCount(p.lost)} ÷ ${formatCount(p.start)} × ${formatCount(100)} = ${pct(p.churn_naive)}` };
}

export function churnAdjustedFormula(p: PeriodRow): Formula {
	return {
		formula: t('formula.churnAdjusted'),
		worked: `${formatCount(p.lost)} ÷ (${formatCount(p.start)} + ${formatCount(p.new)} ÷ ${formatCount(2)}) × ${formatCount(100)} = ${pct(p.churn_adjusted)}`
	};
}

export function installedBaseFormula(p: PeriodRow): Formula {
	return {
		formula: t('formula.installed'),
		worked: `${formatCount(p.start)} − ${formatCount(p.lost)} + ${formatCount(p.new)} + ${formatCount(p.reactivated)} = ${formatCount(p.end)}`
	};
}

function pct(v: number | null): string {
	return v === null ? EMPTY : formatPercentSign(v);
}

/** The whole-base figures of METRICS.md §5, keyed as in summary.json. */
export function baseFormulas(b: CustomerBaseResult): Record<string, Formula> {
	const m = b.metrics;
	const c = b.concentration;
	const out: Record<string, Formula> = {
		repeat_purchase_rate: {
			formula: 'Repeat purchase rate = customers with ≥ 2 purchases ÷ customers × 100',
			worked: `${formatCount(b.repeatCustomers)} ÷ ${formatCount(m.customers)} × ${formatCount(100)} = ${pct(m.repeat_purchase_rate)}`
		},
		gap_mean_days: {
			formula: 'Mean days between purchases = Σ gaps between consecutive purchase days ÷ number of gaps',
			worked: `${formatCount(b.gapDaysTotal)} ÷ ${formatCount(b.gapCount)} = ${m.gap_mean_days === null ? EMPTY : `${num(m.gap_mean_days, 1)} days`}`
		},
		gap_median_days: {
			formula: 'Median days between purchases = middle value of all gaps, sorted (pooled over customers)',
			worked: `middle of ${formatCount(b.gapCount)} gaps = ${m.gap_median_days === null ? EMPTY : `${num(m.gap_median_days, 1)} days`}`
		},
		return_rate: {
			formula: 'Return rate = return orders ÷ (purchases + return orders) × 100',
			worked: `${formatCount(m.return_orders)} ÷ (${formatCount(m.purchases)} + ${formatCount(m.return_orders)}) × ${formatCount(100)} = ${pct(m.return_rate)}`
		}
	};
	if (b.purchaseAmount !== null)
		out.aov = {
			formula: 'Average order value = Σ purchase amounts ÷ purchases',
			worked: `${formatMoney(b.purchaseAmount)} ÷ ${formatCount(m.purchases)} = ${formatMoney(m.aov)}`
		};
	if (m.customer_revenue !== null)
		out.clv_historical = {
			formula: 'Historical CLV = net customer revenue ÷ customers',
			worked: `${formatMoney(m.customer_revenue)} ÷ ${formatCount(m.customers)} = ${formatMoney(m.clv_historical)}`
		};
	if (c) {
		out.top20_share = {
			formula: 'Top-20 % share = revenue of the ⌈0.2 · n⌉ highest-revenue customers ÷ all customer revenue × 100',
			worked: `⌈0.2 · ${formatCount(c.n)}⌉ = ${formatCount(c.topCount)} customer${c.topCount === 1 ? '' : 's'}: ${formatMoney(c.topRevenue)} ÷ ${formatMoney(c.total)} × ${formatCount(100)} = ${pct(c.top20)}`
		};
		out.gini = {
			formula: 'Gini = 2 · Σ i·xᵢ ÷ (n · Σ xᵢ) − (n + 1) ÷ n  (revenues x ascending, negatives as 0, i from 1)',
			worked: `2 · ${formatMoney(c.sumIX)} ÷ (${formatCount(c.n)} · ${formatMoney(c.sumX)}) − ${formatCount(c.n + 1)} ÷ ${formatCount(c.n)} = ${c.gini === null ? EMPTY : c.gini.toFixed(3)}`
		};
		const t = b.thresholds.shape;
		out.base_shape = {
			formula: `tall when top-20 % share ≥ ${formatCount(t.tall)} %, broad when ≤ ${formatCount(t.broad)} %, otherwise balanced`,
			worked: `${pct(c.top20)} → ${m.base_shape ?? EMPTY}`
		};
	}
	return out;
}

/** Plain-language definitions of the customer types (METRICS.md §6) with the current thresholds. */
export function typeDefinitions(
	t: TypeSettings,
	window: number,
	unit: string,
	hasDiscount: boolean
): { type: string; definition: string }[] {
	const n = t.newPeriods ?? window;
	const plural = (k: number) => `${formatCount(k)} ${unit}${k === 1 ? '' : 's'}`;
	return [
		{ type: 'new', definition: `first purchase within the last ${plural(n)}${t.newPeriods === null ? ' (the activity window)' : ''}` },
		{
			type: 'loyal',
			definition: `active (bought within the last ${plural(window)}), first purchase at least ${formatCount(t.loyalMinDays)} days before the observation end, and frequency (repeat purchase days) at least ${formatCount(t.loyalMinFrequency)}`
		},
		{
			type: 'deal-seeker',
			definition: `at least ${formatPercent(t.dealShare * 100, 0)} % of purchases discounted${hasDiscount ? '' : ' (no discount column is mapped, so nobody is one)'}`
		},
		{ type: 'one-time', definition: 'exactly one purchase and no longer active' },
		{ type: 'regular', definition: 'none of the above (types are tried in this order)' },
		{ type: 'potential', definition: 'in an imported customer list with no purchase (needs a customer list; none is imported)' }
	];
}
