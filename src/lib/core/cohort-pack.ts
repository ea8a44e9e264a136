/**
 * Cohort cells as columns, for the trip from the worker to the page (issue 5). A weekly grid at 1M rows
 * has ~12,000 cells; as objects the page's thread spent ~60 ms deserialising them in one task, as typed
 * arrays (transferred, not copied) and two short label lists it takes a few ms to rebuild them.
 * `unpackCohorts(packCohorts(cells))` gives back equal cells, in the same order.
 */
import type { CohortCell } from './types';

export interface PackedCohorts {
	/** Distinct cohort and period labels; `cohort[i]` and `period[i]` index into them. */
	cohortLabels: string[];
	periodLabels: string[];
	cohort: Int32Array;
	period: Int32Array;
	size: Float64Array;
	offset: Float64Array;
	retained: Float64Array;
	retention: Float64Array;
	rolling: Float64Array;
	/** NaN stands for null (a dataset without amounts). */
	revenue: Float64Array;
	ltv: Float64Array;
	partial: Uint8Array;
}

function labelIndex(labels: string[], byLabel: Map<string, number>, label: string): number {
	let i = byLabel.get(label);
	if (i === undefined) {
		i = labels.length;
		labels.push(label);
		byLabel.set(label, i);
	}
	return i;
}

export function packCohorts(cells: readonly CohortCell[]): PackedCohorts {
	const n = cells.length;
	const p: PackedCohorts = {
		cohortLabels: [],
		periodLabels: [],
		cohort: new Int32Array(n),
		period: new Int32Array(n),
		size: new Float64Array(n),
		offset: new Float64Array(n),
		retained: new Float64Array(n),
		retention: new Float64Array(n),
		rolling: new Float64Array(n),
		revenue: new Float64Array(n),
		ltv: new Float64Array(n),
		partial: new Uint8Array(n)
	};
	const cohorts = new Map<string, number>();
	const periods = new Map<string, number>();
	for (let i = 0; i < n; i++) {
		const c = cells[i];
		p.cohort[i] = labelIndex(p.cohortLabels, cohorts, c.cohort);
		p.period[i] = labelIndex(p.periodLabels, periods, c.period);
		p.size[i] = c.size;
		p.offset[i] = c.offset;
		p.retained[i] = c.retained;
		p.retention[i] = c.retention;
		p.rolling[i] = c.rolling;
		p.revenue[i] = c.revenue ?? NaN;
		p.ltv[i] = c.ltv ?? NaN;
		p.partial[i] = c.partial ? 1 : 0;
	}
	return p;
}

export function unpackCohorts(p: PackedCohorts): CohortCell[] {
	const n = p.cohort.length;
	const out: CohortCell[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const revenue = p.revenue[i];
		const ltv = p.ltv[i];
		out[i] = {
			cohort: p.cohortLabels[p.cohort[i]],
			size: p.size[i],
			offset: p.offset[i],
			period: p.periodLabels[p.period[i]],
			retained: p.retained[i],
			retention: p.retention[i],
			rolling: p.rolling[i],
			revenue: Number.isNaN(revenue) ? null : revenue,
			ltv: Number.isNaN(ltv) ? null : ltv,
			partial: p.partial[i] === 1
		};
	}
	return out;
}

/** The buffers behind the columns, to transfer with the message that carries them. */
export function packedBuffers(p: PackedCohorts): ArrayBuffer[] {
	return [p.cohort, p.period, p.size, p.offset, p.retained, p.retention, p.rolling, p.revenue, p.ltv, p.partial].map((a) => a.buffer as ArrayBuffer);
}
