/** Small helpers of the benchmark: medians, rounding, the printed table and the agreement check. */

/** @param {number[]} xs */
export function median(xs) {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function round(x, digits = 1) {
	if (x === null || x === undefined || !Number.isFinite(x)) return null;
	const f = 10 ** digits;
	return Math.round(x * f) / f;
}

const COLUMNS = [
	'rows',
	'parse_ms',
	'import_ms',
	'import_ratio',
	'analyse_ms',
	'duckdb_ms',
	'analyse_vs_duckdb',
	'pandas_ms',
	'analyse_vs_pandas',
	'reopen_ms',
	'longest_task_ms',
	'longest_task_worst_ms',
	'peak_renderer_mb',
	'memory_target_mb',
	'stored_mb',
	'progress_max_gap_ms',
	'cancel_ms'
];

/** A plain-text table, one line per size. */
export function renderTable(results) {
	const cells = [COLUMNS, ...results.map((r) => COLUMNS.map((c) => (r[c] === null ? '—' : String(r[c]))))];
	const widths = COLUMNS.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
	return cells.map((row) => row.map((v, i) => v.padStart(widths[i])).join('  ')).join('\n');
}

const near = (a, b) => Math.abs(a - b) <= 0.011 + 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/**
 * Differences between two check objects (bench/page/check.ts): counts must be equal, revenue equal
 * to the cent (within floating-point noise). Returns readable lines; empty means they agree.
 */
export function compareChecks(app, other) {
	const out = [];
	if (!app || !other) return ['missing check'];
	if (app.periods.length !== other.periods.length) out.push(`periods: ${app.periods.length} vs ${other.periods.length}`);
	const names = ['period', 'start', 'end', 'new', 'lost', 'reactivated', 'orders', 'revenue'];
	for (let i = 0; i < Math.min(app.periods.length, other.periods.length); i++) {
		const a = app.periods[i];
		const b = other.periods[i];
		for (let j = 0; j < names.length; j++) {
			const ok = j === 0 ? a[j] === b[j] : j === 7 ? near(a[j], b[j]) : a[j] === b[j];
			if (!ok) out.push(`period ${a[0]} ${names[j]}: ${a[j]} vs ${b[j]}`);
		}
	}
	if (JSON.stringify(app.cohort0) !== JSON.stringify(other.cohort0)) out.push(`first cohort retained: ${app.cohort0.join(' ')} vs ${other.cohort0.join(' ')}`);
	for (const k of ['cells', 'sum_retained', 'sum_rolling', 'customers', 'sum_frequency', 'sum_recency', 'sum_T', 'sum_r', 'sum_f', 'sum_m'])
		if (app[k] !== other[k]) out.push(`${k}: ${app[k]} vs ${other[k]}`);
	for (const k of ['segments', 'types']) {
		const keys = new Set([...Object.keys(app[k]), ...Object.keys(other[k])]);
		for (const s of keys) if ((app[k][s] ?? 0) !== (other[k][s] ?? 0)) out.push(`${k} ${s}: ${app[k][s] ?? 0} vs ${other[k][s] ?? 0}`);
	}
	return out;
}

/**
 * The app's figures over several runs of the same import (the targets hold "as medians of at
 * least 3 runs"): for each figure its median, its worst (largest: every figure here is a time, a gap or
 * a size, better smaller) and every run's value, so a run that went over a target stays in sight. A
 * figure missing (null) in any run has no median or worst.
 * @param {Record<string, number | null>[]} runs one object of figures per run, the same keys in each
 * @returns {Record<string, { median: number | null, worst: number | null, runs: (number | null)[] }>}
 */
export function summariseRuns(runs) {
	const out = {};
	for (const key of Object.keys(runs[0] ?? {})) {
		const xs = runs.map((r) => r[key] ?? null);
		const known = xs.every((x) => x !== null && Number.isFinite(x));
		out[key] = { median: known ? median(xs) : null, worst: known ? Math.max(...xs) : null, runs: xs };
	}
	return out;
}
