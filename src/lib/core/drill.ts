/**
 * Drill-down (issue 6): which customers make up a cohort cell or a period's installed base.
 * Customers are returned as customer numbers — positions in `Analysis.customers` (ascending id order,
 * as in facts.ts) — so the caller can list their figures.
 */
import { buildTimeline } from './activity';
import { periodScheme } from './calendar';
import { buildFacts } from './facts';
import type { AnalysisSettings, OrderData } from './types';

/**
 * Customers of cohort `cohort` (period label of their first purchase) with a purchase in period
 * cohort + `offset` (METRICS.md §4: `retained[c][k]`). Empty when the cohort or cell does not exist.
 */
export function cohortCellMembers(data: OrderData, settings: AnalysisSettings, cohort: string, offset: number): number[] {
	const facts = buildFacts(data, settings.asOf);
	const tl = buildTimeline(facts, periodScheme(settings.granularity, settings.calendar));
	const c = tl.labels.indexOf(cohort);
	if (c < 0 || !Number.isInteger(offset) || offset < 0 || c + offset >= tl.count) return [];
	const target = c + offset;
	const out: number[] = [];
	for (let k = 0; k < facts.n; k++) {
		const from = tl.cStart[k];
		const to = tl.cStart[k + 1];
		if (tl.cPer[from] !== c) continue;
		for (let i = from; i < to; i++) {
			if (tl.cPer[i] === target) {
				out.push(k);
				break;
			}
			if (tl.cPer[i] > target) break;
		}
	}
	return out;
}

/**
 * Customers active at the end of period `period` (METRICS.md §3: a purchase in one of the periods
 * p−W+1 … p) — the installed base `end` of that period.
 */
export function activeAtEndMembers(data: OrderData, settings: AnalysisSettings, period: string): number[] {
	const facts = buildFacts(data, settings.asOf);
	const tl = buildTimeline(facts, periodScheme(settings.granularity, settings.calendar));
	const p = tl.labels.indexOf(period);
	if (p < 0) return [];
	const lo = p - settings.window + 1;
	const out: number[] = [];
	for (let k = 0; k < facts.n; k++) {
		for (let i = tl.cStart[k]; i < tl.cStart[k + 1]; i++) {
			const q = tl.cPer[i];
			if (q > p) break;
			if (q >= lo) {
				out.push(k);
				break;
			}
		}
	}
	return out;
}
