/**
 * Each KPI's formula (METRICS.md §3, §5) written out with the user's own numbers plugged in, as the
 * source articles do: "CRR = (E − N) ÷ S × 100 = (290 − 37) ÷ 252 × 100 = 100.4 %". Text only.
 */
import type { TypeSettings } from '../core/segments';
import type { Granularity, PeriodKpiRow, PeriodRow } from '../core/types';
import type { CustomerBaseResult } from '../worker/api-types';
import { EMPTY, formatCount, formatMoney, formatPercent, formatPercentSign } from './format';
import { t } from '../i18n/locale.svelte';

export interface Formula {
	/** The definition in symbols. */
	formula: string;
	/** The same with the numbers plugged in and the result; EMPTY result when undefined. */
	worked: string;
}

/** Days with one decimal, in words that agree with the number («12,5 дня»). */
const days = (v: number | null) => (v === null ? EMPTY : t('formula.days', { value: Math.round(v * 10) / 10 }));

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

/*
 * The §5 figures of one period (core/period-kpis.ts): repeat rate and historical CLV as of the period's
 * end (stocks), AOV and return rate of the period's own orders (flows). `unit` names the period.
 */
export function periodRepeatRateFormula(k: PeriodKpiRow, unit: Granularity): Formula {
	return {
		formula: t('formula.periodRepeatRate', { unit }),
		worked: `${formatCount(k.repeat_customers)} ÷ ${formatCount(k.customers)} × ${formatCount(100)} = ${pct(k.repeat_purchase_rate)}`
	};
}

export function periodAovFormula(k: PeriodKpiRow, unit: Granularity): Formula {
	return {
		formula: t('formula.periodAov', { unit }),
		worked: `${formatMoney(k.purchase_amount)} ÷ ${formatCount(k.purchases)} = ${formatMoney(k.aov)}`
	};
}

export function periodClvFormula(k: PeriodKpiRow, unit: Granularity): Formula {
	return {
		formula: t('formula.periodClv', { unit }),
		worked: `${formatMoney(k.customer_revenue)} ÷ ${formatCount(k.customers)} = ${formatMoney(k.clv_historical)}`
	};
}

export function periodReturnRateFormula(k: PeriodKpiRow, unit: Granularity): Formula {
	return {
		formula: t('formula.periodReturnRate', { unit }),
		worked: `${formatCount(k.return_orders)} ÷ (${formatCount(k.purchases)} + ${formatCount(k.return_orders)}) × ${formatCount(100)} = ${pct(k.return_rate)}`
	};
}

/** How a KPI's change is measured: percentage points for rates, relative % for counts and money. */
export type ChangeKind = 'points' | 'relative';
/** Which way is good: up for retention, down for churn and returns. */
export type Better = 'up' | 'down';

export interface KpiChange {
	text: string;
	direction: 'up' | 'down' | 'flat';
	tone: 'good' | 'bad' | 'neutral';
}

/**
 * A card's change from the previous period, e.g. "▲ +3.2 pp vs 2011-02 (45.0 %), worse". The arrow, the
 * sign and the closing word carry the meaning; colour only repeats it. null when either value is
 * undefined, or a relative change has nothing to compare with (previous value 0).
 */
export function kpiChange(
	current: number | null,
	previous: number | null,
	kind: ChangeKind,
	better: Better,
	previousPeriod: string,
	previousText: string
): KpiChange | null {
	if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
	if (kind === 'relative' && previous === 0) return null;
	const delta = kind === 'points' ? current - previous : ((current - previous) / Math.abs(previous)) * 100;
	// Flat when the change shows as 0.0: an arrow for an invisible change would say more than the numbers.
	const shown = Math.round(Math.abs(delta) * 10) / 10;
	const direction = shown === 0 ? 'flat' : delta > 0 ? 'up' : 'down';
	const tone = direction === 'flat' ? 'neutral' : direction === better ? 'good' : 'bad';
	const magnitude = kind === 'points' ? t('kpi.change.points', { value: formatPercent(shown) }) : formatPercentSign(shown);
	return {
		text: t('kpi.change', { dir: direction, delta: magnitude, period: previousPeriod, previous: previousText, tone }),
		direction,
		tone
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
			formula: t('formula.repeatRate'),
			worked: `${formatCount(b.repeatCustomers)} ÷ ${formatCount(m.customers)} × ${formatCount(100)} = ${pct(m.repeat_purchase_rate)}`
		},
		gap_mean_days: {
			formula: t('formula.gapMean'),
			worked: `${formatCount(b.gapDaysTotal)} ÷ ${formatCount(b.gapCount)} = ${days(m.gap_mean_days)}`
		},
		gap_median_days: {
			formula: t('formula.gapMedian'),
			worked: t('formula.gapMedianWorked', { gaps: formatCount(b.gapCount), value: days(m.gap_median_days) })
		},
		return_rate: {
			formula: t('formula.returnRate'),
			worked: `${formatCount(m.return_orders)} ÷ (${formatCount(m.purchases)} + ${formatCount(m.return_orders)}) × ${formatCount(100)} = ${pct(m.return_rate)}`
		}
	};
	if (b.purchaseAmount !== null)
		out.aov = {
			formula: t('formula.aov'),
			worked: `${formatMoney(b.purchaseAmount)} ÷ ${formatCount(m.purchases)} = ${formatMoney(m.aov)}`
		};
	if (m.customer_revenue !== null)
		out.clv_historical = {
			formula: t('formula.clv'),
			worked: `${formatMoney(m.customer_revenue)} ÷ ${formatCount(m.customers)} = ${formatMoney(m.clv_historical)}`
		};
	if (c) {
		out.top20_share = {
			formula: t('formula.top20'),
			worked: t('formula.top20Worked', {
				n: formatCount(c.n),
				top: c.topCount,
				topRevenue: formatMoney(c.topRevenue),
				total: formatMoney(c.total),
				hundred: formatCount(100),
				share: pct(c.top20)
			})
		};
		out.gini = {
			formula: t('formula.gini'),
			worked: `2 · ${formatMoney(c.sumIX)} ÷ (${formatCount(c.n)} · ${formatMoney(c.sumX)}) − ${formatCount(c.n + 1)} ÷ ${formatCount(c.n)} = ${c.gini === null ? EMPTY : formatPercent(c.gini, 3)}`
		};
		const th = b.thresholds.shape;
		out.base_shape = {
			formula: t('formula.shape', { tall: formatCount(th.tall), broad: formatCount(th.broad) }),
			worked: `${pct(c.top20)} → ${m.base_shape ? t(`shape.${m.base_shape}`) : EMPTY}`
		};
	}
	return out;
}

/** Plain-language definitions of the customer types (METRICS.md §6) with the current thresholds. */
export function typeDefinitions(
	th: TypeSettings,
	window: number,
	unit: Granularity,
	hasDiscount: boolean
): { type: string; definition: string }[] {
	const n = th.newPeriods ?? window;
	const share = formatPercent(th.dealShare * 100, 0);
	return [
		{ type: 'new', definition: t(th.newPeriods === null ? 'seg.def.newWindow' : 'seg.def.new', { n, unit }) },
		{
			type: 'loyal',
			definition: t('seg.def.loyal', { window, unit, days: formatCount(th.loyalMinDays), frequency: formatCount(th.loyalMinFrequency) })
		},
		{ type: 'deal-seeker', definition: t(hasDiscount ? 'seg.def.dealSeeker' : 'seg.def.dealSeekerNone', { share }) },
		{ type: 'one-time', definition: t('seg.def.oneTime') },
		{ type: 'regular', definition: t('seg.def.regular') },
		{ type: 'potential', definition: t('seg.def.potential') }
	];
}
