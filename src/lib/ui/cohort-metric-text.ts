/** Labels, explanations and number formats of the switchable cohort metrics (METRICS.md §4). */
import type { CohortMetric } from '../core/cohort-metrics';
import { formatCompact, formatMoney, formatRatioPercent } from './format';

export interface CohortMetricText {
	label: string;
	/** The label inside a sentence ("average cumulative LTV"). */
	noun: string;
	/** What a cell means, for the chart title and the switch's hint. */
	cell: string;
	/** A heatmap cell (short). */
	short: (v: number) => string;
	/** A value in a table or tooltip. */
	long: (v: number) => string;
	/** Axis ticks of the curve. */
	axis: (v: number) => string;
	/** Shares of the cohort: colour from offset 1 (offset 0 is always 100 %) and the curve's y axis to 100 %. */
	share: boolean;
}

const pct = (v: number) => `${formatRatioPercent(v)}%`;

export const COHORT_METRIC_TEXT: Record<CohortMetric, CohortMetricText> = {
	retention: {
		label: 'Retention',
		noun: 'retention',
		cell: 'share of the cohort buying in that period',
		short: (v) => formatRatioPercent(v),
		long: pct,
		axis: (v) => `${v}%`,
		share: true
	},
	rolling: {
		label: 'Rolling retention',
		noun: 'rolling retention',
		cell: 'share of the cohort buying in that period or any later one',
		short: (v) => formatRatioPercent(v),
		long: pct,
		axis: (v) => `${v}%`,
		share: true
	},
	revenue_retention: {
		label: 'Revenue retention',
		noun: 'revenue retention',
		cell: "the cohort's revenue in that period ÷ its revenue in its first period (100 % = as much as at the start)",
		short: (v) => `${formatRatioPercent(v, 0)}%`,
		long: pct,
		axis: (v) => `${v}%`,
		share: false
	},
	revenue: {
		label: 'Revenue',
		noun: 'revenue',
		cell: "the cohort's net revenue in that period",
		short: (v) => formatCompact(v),
		long: (v) => formatMoney(v),
		axis: (v) => formatCompact(v),
		share: false
	},
	ltv: {
		label: 'Cumulative LTV',
		noun: 'cumulative LTV',
		cell: "the cohort's cumulative net revenue through that period ÷ its customers",
		short: (v) => formatCompact(v),
		long: (v) => formatMoney(v),
		axis: (v) => formatCompact(v),
		share: false
	}
};
