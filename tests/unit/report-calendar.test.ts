// The report with --calendar persian (METRICS.md §2): Jalali labels and periods, same customers.
// 1997-01-01 is 1375/10/12 (a Wednesday; its Saturday-week starts 1996-12-28 = 1375/10/08).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { runReport } from '../../scripts/report-lib';

const CDNOW = new URL('../../../shared/data/lifetimes/CDNOW_master.txt', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'mandegar-cal-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function periods(granularity: string): Promise<Record<string, string>[]> {
	const out = join(tmp, granularity);
	expect(await runReport([CDNOW, '--out', out, '--calendar', 'persian', '--granularity', granularity], () => {})).toBe(0);
	return Papa.parse<Record<string, string>>(readFileSync(join(out, 'periods.csv'), 'utf8').trim(), { header: true }).data;
}

describe('report --calendar persian on CDNOW (1997-01-01 … 1998-06-30)', () => {
	it.each([
		['month', '1375-10', '1377-04', 19],
		['quarter', '1375-Q4', '1377-Q2', 7],
		['year', '1375', '1377', 3],
		['week', '1375-10-08', '1377-04-06', 79]
	])('%s: first %s, last %s, %i periods; every customer new once', async (g, first, last, count) => {
		const rows = await periods(g);
		expect(rows[0].period).toBe(first);
		expect(rows.at(-1)?.period).toBe(last);
		expect(rows).toHaveLength(count);
		expect(rows.reduce((s, r) => s + Number(r.new), 0)).toBe(23570);
		for (const r of rows) expect(Number(r.end)).toBe(Number(r.start) - Number(r.lost) + Number(r.new) + Number(r.reactivated));
	});
});
