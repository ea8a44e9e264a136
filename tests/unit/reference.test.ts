// The headless report (METRICS.md §8) on the real datasets must equal the independent reference
// figures in shared/data/reference: counts exact, ratios within 1e-9 relative, money within half a cent.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { runReport } from '../../scripts/report-lib';

const SHARED = new URL('../../../shared/', import.meta.url).pathname;
const REF = join(SHARED, 'data/reference');
const CDNOW = join(SHARED, 'data/lifetimes/CDNOW_master.txt');
const RETAIL = join(SHARED, 'data/online_retail/online_retail_sample_customers_mod10.csv');
const RETAIL_MAPPING = ['--customer', 'CustomerID', '--order', 'InvoiceNo', '--date', 'InvoiceDate', '--quantity', 'Quantity', '--unit-price', 'UnitPrice'];

const MONEY = new Set(['revenue', 'ltv', 'monetary_value', 'customer_revenue', 'aov', 'clv_historical']);
const KEYS: Record<string, string[]> = {
	'periods.csv': ['period'],
	'cohorts.csv': ['cohort', 'offset'],
	'customers.csv': ['customer_id']
};

const tmp = mkdtempSync(join(tmpdir(), 'mandegar-ref-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function readCsv(path: string): Record<string, string>[] {
	const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true });
	return parsed.data;
}

/** Compare one value the way METRICS.md §8 says comparisons are made. */
function same(column: string, expected: unknown, actual: unknown): boolean {
	if (expected === '' || expected === null || expected === undefined) return actual === '' || actual === null || actual === undefined;
	if (typeof expected === 'boolean' || expected === 'True' || expected === 'False')
		return String(actual).toLowerCase() === String(expected).toLowerCase();
	const e = Number(expected);
	const a = Number(actual);
	if (typeof expected === 'number' || (expected !== '' && !Number.isNaN(e) && /^-?[\d.eE+-]+$/.test(String(expected)))) {
		if (actual === '' || actual === null || Number.isNaN(a)) return false;
		if (MONEY.has(column)) return Math.abs(a - e) <= 0.005 + 1e-9;
		return e === a || Math.abs(a - e) <= 1e-9 * Math.max(Math.abs(e), Math.abs(a));
	}
	return String(actual) === String(expected);
}

function compareTable(name: string, refDir: string, outDir: string) {
	const expected = readCsv(join(refDir, name));
	const actual = readCsv(join(outDir, name));
	expect(actual.length, `${name}: number of rows`).toBe(expected.length);
	const key = (r: Record<string, string>) => KEYS[name].map((k) => r[k]).join('|');
	const byKey = new Map(actual.map((r) => [key(r), r]));
	const problems: string[] = [];
	for (const row of expected) {
		const got = byKey.get(key(row));
		if (!got) {
			problems.push(`${name}: missing row ${key(row)}`);
			continue;
		}
		for (const [col, value] of Object.entries(row)) {
			if (!same(col, value, got[col])) problems.push(`${name} ${key(row)} ${col}: expected ${value}, got ${got[col]}`);
		}
		if (problems.length > 20) break;
	}
	expect(problems).toEqual([]);
}

function compareSummary(refDir: string, outDir: string) {
	const expected = JSON.parse(readFileSync(join(refDir, 'summary.json'), 'utf8')) as Record<string, unknown>;
	const actual = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as Record<string, unknown>;
	const problems = Object.entries(expected)
		.filter(([k, v]) => !same(k, v, actual[k]))
		.map(([k, v]) => `summary ${k}: expected ${v}, got ${actual[k]}`);
	expect(problems).toEqual([]);
}

const CASES: { ref: string; file: string; args: string[] }[] = [
	{ ref: 'cdnow_master_month_w3', file: CDNOW, args: ['--granularity', 'month', '--window', '3'] },
	{ ref: 'cdnow_master_quarter_w1', file: CDNOW, args: ['--granularity', 'quarter', '--window', '1'] },
	{ ref: 'online_retail_sample_month_w3', file: RETAIL, args: [...RETAIL_MAPPING, '--granularity', 'month', '--window', '3'] },
	{ ref: 'online_retail_sample_week_w13', file: RETAIL, args: [...RETAIL_MAPPING, '--granularity', 'week', '--window', '13'] },
	{
		ref: 'online_retail_sample_month_w3_asof_2011-06-30',
		file: RETAIL,
		args: [...RETAIL_MAPPING, '--granularity', 'month', '--window', '3', '--as-of', '2011-06-30']
	}
];

describe('headless report equals shared/data/reference', () => {
	for (const c of CASES) {
		it(c.ref, async () => {
			const out = join(tmp, c.ref);
			const logs: string[] = [];
			const code = await runReport([c.file, '--out', out, ...c.args], (l) => logs.push(l));
			expect(code, logs.join('\n')).toBe(0);
			const refDir = join(REF, c.ref);
			compareTable('periods.csv', refDir, out);
			compareTable('cohorts.csv', refDir, out);
			compareTable('customers.csv', refDir, out);
			compareSummary(refDir, out);
		});
	}

	it('auto-detects the same mapping for the Online Retail sample (no mapping flags)', async () => {
		const out = join(tmp, 'retail-auto');
		const code = await runReport([RETAIL, '--out', out], () => {});
		expect(code).toBe(0);
		compareTable('periods.csv', join(REF, 'online_retail_sample_month_w3'), out);
		compareSummary(join(REF, 'online_retail_sample_month_w3'), out);
	});
});

describe('report exit codes and usage', () => {
	it('exits 1 on a usage error', async () => {
		const logs: string[] = [];
		expect(await runReport([CDNOW, '--out', join(tmp, 'x'), '--granularity', 'fortnight'], (l) => logs.push(l))).toBe(1);
		expect(logs.join('\n')).toMatch(/--granularity must be one of/);
		expect(await runReport([CDNOW], () => {})).toBe(1);
	});

	it('exits 2 with a reason for an empty file and writes summary.json with outcome reject', async () => {
		const out = join(tmp, 'empty');
		const logs: string[] = [];
		const code = await runReport([join(SHARED, 'badcsv/structure/empty_file.csv'), '--out', out], (l) => logs.push(l));
		expect(code).toBe(2);
		expect(logs.join('\n')).toContain('empty_file.csv');
		expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).outcome).toBe('reject');
	});

	it('exits 3 when the date order cannot be decided, and 0 once it is answered', async () => {
		const file = join(SHARED, 'badcsv/dates/ambiguous_no_evidence.csv');
		const out = join(tmp, 'ambiguous');
		expect(await runReport([file, '--out', out], () => {})).toBe(3);
		const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
		expect(summary.outcome).toBe('needs-answer');
		expect(summary.question.kind).toBe('date_order');
		expect(await runReport([file, '--out', join(tmp, 'ambiguous2'), '--date-order', 'mdy'], () => {})).toBe(0);
	});

	it('--safe-csv neutralises formula-leading text but never numbers', async () => {
		const file = join(SHARED, 'badcsv/security/formula_like_ids.csv');
		const out = join(tmp, 'safe');
		expect(await runReport([file, '--out', out, '--safe-csv'], () => {})).toBe(0);
		const text = readFileSync(join(out, 'customers.csv'), 'utf8');
		expect(text).toMatch(/^'=A1,/m);
		expect(text).toMatch(/^'-2\+3,/m);
		expect(text).toMatch(/^'\+79161234567,/m);
		expect(text).toMatch(/^09121234567,/m);
		expect(text).not.toMatch(/^=A1,/m);
		const revenues = readCsv(join(out, 'customers.csv')).map((r) => r.revenue);
		expect(revenues.every((v) => !v.startsWith("'"))).toBe(true);
	});
});

describe('report breakdowns (METRICS.md §6)', () => {
	it('--breakdown Country: per-value period and cohort tables whose counts add up to the whole', async () => {
		const out = join(tmp, 'breakdown');
		const logs: string[] = [];
		const code = await runReport([RETAIL, '--out', out, ...RETAIL_MAPPING, '--breakdown', 'Country', '--breakdown-top', '3'], (l) => logs.push(l));
		expect(code, logs.join('\n')).toBe(0);
		const periods = readCsv(join(out, 'breakdown-periods.csv'));
		const cohorts = readCsv(join(out, 'breakdown-cohorts.csv'));
		const values = [...new Set(periods.map((r) => r.value))];
		expect(values).toHaveLength(4);
		expect(values).toContain('United Kingdom');
		expect(values.at(-1)).toBe('(other)');
		expect(Object.keys(periods[0]).slice(0, 3)).toEqual(['value', 'period', 'start']);
		// Every customer belongs to exactly one value: new customers per period add up to the whole table's.
		const whole = readCsv(join(REF, 'online_retail_sample_month_w3/periods.csv'));
		for (const w of whole) {
			const sum = periods.filter((r) => r.period === w.period).reduce((s, r) => s + Number(r.new), 0);
			expect(sum, w.period).toBe(Number(w.new));
		}
		const sizes = new Map<string, number>();
		for (const c of cohorts.filter((r) => r.offset === '0')) sizes.set(c.cohort, (sizes.get(c.cohort) ?? 0) + Number(c.size));
		expect(sizes.get('2010-12')).toBe(93);
	});

	it('--breakdown by a column that is not a mapped dimension (StockCode)', async () => {
		const out = join(tmp, 'breakdown-stock');
		const code = await runReport([RETAIL, '--out', out, ...RETAIL_MAPPING, '--breakdown', 'StockCode', '--breakdown-top', '2'], () => {});
		expect(code).toBe(0);
		const values = new Set(readCsv(join(out, 'breakdown-periods.csv')).map((r) => r.value));
		expect(values.size).toBe(3);
	});
});
