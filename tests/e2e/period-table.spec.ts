// The period table is built 40 rows a frame (issue 5: a weekly table of 150+ rows took one long task).
// Weekly, the sample has 54 periods: once the table says it is complete, every row is there, in order,
// with the figures of shared/data/reference/online_retail_sample_week_w13; a reload shows it again.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';

const REF = new URL('../../../shared/data/reference/online_retail_sample_week_w13/', import.meta.url).pathname;
const [head, ...lines] = readFileSync(`${REF}periods.csv`, 'utf8').trim().split('\n');
const cols = head.split(',');
const periods = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));

async function rowsShown(page: Page) {
	const table = page.getByTestId('period-table');
	await expect(table).toHaveAttribute('data-complete', 'true', { timeout: 60_000 });
	return table.locator('tbody tr').evaluateAll((trs) =>
		trs.map((tr) => [tr.querySelector('th')!.getAttribute('data-period'), ...[...tr.querySelectorAll('td')].map((td) => td.textContent!.replace(/,/g, '').trim())])
	);
}

test('a weekly period table grows to every reference row', async ({ page }) => {
	expect(periods.length).toBeGreaterThan(40);
	await page.goto('./');
	await page.getByTestId('sample-button').click();
	await page.getByTestId('import-button').click();
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible({ timeout: 60_000 });
	await page.getByTestId('granularity').selectOption('week');
	await page.getByTestId('window').fill('13');
	await page.getByTestId('window').dispatchEvent('change');
	await expect(page.getByTestId('period-table').locator('tbody th').first()).toHaveAttribute('data-period', periods[0].period);
	const want = periods.map((p) => [p.period, p.start, p.end, p.new, p.lost, p.reactivated, p.customer_base]);
	const check = async () => {
		const rows = await rowsShown(page);
		expect(rows.length).toBe(periods.length);
		expect(rows.map((r) => r.slice(0, 7))).toEqual(want);
		// the orders column (after the three rates)
		expect(rows.map((r) => r[10])).toEqual(periods.map((p) => p.orders));
	};
	await check();
	await page.reload();
	await expect(page.getByTestId('granularity')).toHaveValue('week');
	await check();
});
