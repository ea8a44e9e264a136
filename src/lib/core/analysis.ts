/** The metrics engine's entry point: OrderData + settings → every table of METRICS.md §3–§6 and the summary keys of §8. */
import { buildTimeline, computePeriods } from './activity';
import { periodScheme } from './calendar';
import { computeCohorts } from './cohorts';
import { customerFigures, dataSummary, DEFAULT_SHAPE, metricsSummary, type ShapeThresholds } from './customers';
import { buildFacts } from './facts';
import { computeSegments, DEFAULT_TYPES, type TypeSettings } from './segments';
import { toIsoDate } from './calendar';
import type { Analysis, AnalysisSettings, CustomerRow, OrderData, PeriodRow } from './types';

/** Thresholds that METRICS.md calls settings but AnalysisSettings does not carry (defaults of §5, §6). */
export interface Thresholds {
	shape: ShapeThresholds;
	types: TypeSettings;
}

export const DEFAULT_THRESHOLDS: Thresholds = { shape: DEFAULT_SHAPE, types: DEFAULT_TYPES };

/** Every table of METRICS.md for one dataset and settings (the worker and the headless report call this). */
export function computeAnalysis(
	data: OrderData,
	settings: AnalysisSettings,
	thresholds: Thresholds = DEFAULT_THRESHOLDS
): Analysis {
	const facts = buildFacts(data, settings.asOf);
	const scheme = periodScheme(settings.granularity, settings.calendar);
	const tl = buildTimeline(facts, scheme);
	const periods = computePeriods(facts, tl, settings.window);
	const { cells, curve } = computeCohorts(facts, tl);
	const fig = customerFigures(facts);
	const n = facts.n;
	const cohort = new Int32Array(n);
	const lastPer = new Int32Array(n);
	for (let k = 0; k < n; k++) {
		cohort[k] = tl.cPer[tl.cStart[k]];
		lastPer[k] = tl.cPer[tl.cStart[k + 1] - 1];
	}
	const seg = computeSegments(facts, fig, cohort, lastPer, tl.count - 1, settings.window, thresholds.types);
	const customers: CustomerRow[] = new Array(n);
	for (let k = 0; k < n; k++) {
		customers[k] = {
			customer_id: facts.ids[k],
			orders: fig.orders[k],
			first_purchase: toIsoDate(fig.first[k]),
			last_purchase: toIsoDate(fig.last[k]),
			revenue: facts.hasAmount ? facts.revenue[k] : null,
			frequency: fig.frequency[k],
			recency: fig.recency[k],
			T: fig.T[k],
			monetary_value: facts.hasAmount ? fig.monetary[k] : null,
			r_score: seg.r[k],
			f_score: seg.f[k],
			m_score: seg.m ? seg.m[k] : null,
			rfm_segment: seg.rfm[k],
			type: seg.type[k],
			cohort: tl.labels[cohort[k]]
		};
	}
	return {
		settings,
		periods,
		cohorts: cells,
		curve,
		customers,
		segments: seg.rows,
		data: dataSummary(data, settings.asOf),
		metrics: metricsSummary(facts, fig, thresholds.shape)
	};
}

/** Only the period table (METRICS.md §3), e.g. for a quick dashboard refresh when W or granularity changes. */
export function computePeriodTable(data: OrderData, settings: AnalysisSettings): PeriodRow[] {
	const facts = buildFacts(data, settings.asOf);
	return computePeriods(facts, buildTimeline(facts, periodScheme(settings.granularity, settings.calendar)), settings.window);
}
