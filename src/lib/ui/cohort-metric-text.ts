/** Labels, explanations and number formats of the switchable cohort metrics (METRICS.md §4). */
import type { CohortMetric } from '../core/cohort-metrics';
import { formatCompact, formatMoney, formatRatioPercent } from './format';
import { t } from '../i18n/locale.svelte';

export interface CohortMetricText {
	label: string;
	/** The label inside a sentence ("average cumulative LTV"). */
	noun: string;
	/** "Average retention", the curve's title and series. */
	average: string;
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

/** The UI language's percent sign (٪ in Persian). */
const sign = () => t('unit.percent');
const pct = (v: number) => `${formatRatioPercent(v)}${sign()}`;

/** The words of a metric in the UI language (getters, so a language switch re-renders). */
type Words = 'label' | 'noun' | 'average' | 'cell';
function withWords(m: CohortMetric, rest: Omit<CohortMetricText, Words>): CohortMetricText {
	const words: Pick<CohortMetricText, Words> = {
		get label() {
			return t(`metric.${m}.label`);
		},
		get noun() {
			return t(`metric.${m}.noun`);
		},
		get average() {
			return t(`metric.${m}.average`);
		},
		get cell() {
			return t(`metric.${m}.cell`);
		}
	};
	// Copy the getters themselves (a spread would read them once, in the language of the moment).
	return Object.defineProperties(rest, Object.getOwnPropertyDescriptors(words)) as CohortMetricText;
}

export const COHORT_METRIC_TEXT: Record<CohortMetric, CohortMetricText> = {
	retention: withWords('retention', {
		short: (v) => formatRatioPercent(v),
		long: pct,
		axis: (v) => `${formatCompact(v)}${sign()}`,
		share: true
	}),
	rolling: withWords('rolling', {
		short: (v) => formatRatioPercent(v),
		long: pct,
		axis: (v) => `${formatCompact(v)}${sign()}`,
		share: true
	}),
	revenue_retention: withWords('revenue_retention', {
		short: (v) => `${formatRatioPercent(v, 0)}${sign()}`,
		long: pct,
		axis: (v) => `${formatCompact(v)}${sign()}`,
		share: false
	}),
	revenue: withWords('revenue', {
		short: (v) => formatCompact(v),
		long: (v) => formatMoney(v),
		axis: (v) => formatCompact(v),
		share: false
	}),
	ltv: withWords('ltv', {
		short: (v) => formatCompact(v),
		long: (v) => formatMoney(v),
		axis: (v) => formatCompact(v),
		share: false
	})
};
