/** Acquisition cohorts and the average retention curve of METRICS.md §4. */
import type { Timeline } from './activity';
import type { Facts } from './facts';
import type { CohortCell, CurvePoint } from './types';
import { Accumulator, compensatedTotals } from './sum';

export interface CohortResult {
	cells: CohortCell[];
	curve: CurvePoint[];
}

/**
 * Cohort cells for every cohort with at least one customer and every offset k = 0 … last − c
 * (METRICS.md §4): retained/retention, rolling (a purchase in any period ≥ c+k), net revenue of
 * the cohort's rows dated in c+k (rows before the cohort's own period are in no cell) and ltv.
 */
export function computeCohorts(facts: Facts, tl: Timeline): CohortResult {
	const P = tl.count;
	if (P === 0) return { cells: [], curve: [] };
	const { n } = facts;
	const { cStart, cPer } = tl;
	// Cell (c, k) of a non-empty cohort c lives at base[c] + k (k ≤ last − c): as many cells as the output.
	const size = new Int32Array(P);
	const cohortOf = new Int32Array(n);
	for (let k = 0; k < n; k++) {
		const c = cPer[cStart[k]];
		cohortOf[k] = c;
		size[c]++;
	}
	const base = new Int32Array(P);
	let total = 0;
	for (let c = 0; c < P; c++) {
		base[c] = total;
		if (size[c] > 0) total += P - c;
	}
	const retained = new Int32Array(total);
	const rollDiff = new Int32Array(total + 1);
	const sum = new Float64Array(total);
	const comp = new Float64Array(total);
	for (let k = 0; k < n; k++) {
		const from = cStart[k];
		const to = cStart[k + 1];
		const at = base[cohortOf[k]] - cohortOf[k];
		for (let i = from; i < to; i++) retained[at + cPer[i]]++;
		// rolling: offsets 0 … (last purchase period − c)
		rollDiff[at + cohortOf[k]]++;
		if (cPer[to - 1] < P - 1) rollDiff[at + cPer[to - 1] + 1]--;
	}
	const { rCust, rAmt } = facts;
	const { rPer } = tl;
	for (let i = 0; i < rCust.length; i++) {
		const c = cohortOf[rCust[i]];
		const p = rPer[i];
		if (p < c) continue;
		// Sums.add's Neumaier step written out (no call per row while the loop is not yet optimised).
		const at = base[c] + p - c;
		const x = rAmt[i];
		const s = sum[at];
		const t = s + x;
		comp[at] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
		sum[at] = t;
	}
	const revenue = compensatedTotals(sum, comp);
	const cells: CohortCell[] = [];
	const curveRet = new Float64Array(P);
	const curveSize = new Float64Array(P);
	const last = P - 1;
	for (let c = 0; c < P; c++) {
		const s = size[c];
		if (s === 0) continue;
		let roll = 0;
		const cumulative = new Accumulator();
		for (let k = 0; c + k <= last; k++) {
			const at = base[c] + k;
			roll += rollDiff[at];
			cumulative.add(revenue[at]);
			const cum = cumulative.value;
			const partial = c + k === last && tl.lastPartial;
			cells.push({
				cohort: tl.labels[c],
				size: s,
				offset: k,
				period: tl.labels[c + k],
				retained: retained[at],
				retention: retained[at] / s,
				rolling: roll / s,
				revenue: facts.hasAmount ? revenue[at] : null,
				ltv: facts.hasAmount ? cum / s : null,
				partial
			});
			if (!partial) {
				curveRet[k] += retained[at];
				curveSize[k] += s;
			}
		}
	}
	let maxK = -1;
	for (let c = 0; c < P; c++) if (size[c] > 0) maxK = Math.max(maxK, last - c);
	const curve: CurvePoint[] = [];
	for (let k = 0; k <= maxK; k++) {
		curve.push({
			offset: k,
			retained: curveRet[k],
			size: curveSize[k],
			retention: curveSize[k] === 0 ? null : curveRet[k] / curveSize[k]
		});
	}
	return { cells, curve };
}
