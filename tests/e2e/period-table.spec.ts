// The period table is built 40 rows a frame (issue 5: a weekly table of 150+ rows took one long task).
// Weekly, the sample has 54 periods: once the table says it is complete, every row is there, in order,
// with the figures of shared/data/reference/online_retail_sample_week_w13; a reload shows it again.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';

const SHOTS = process.env.SCREENSHOT_DIR ?? 'test-results/screenshots';
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

// A long table's box has its full height from the start and contains its layout (issue 5: each step
// of a growing weekly table re-laid out the page around it); a short one keeps the height of its rows.
test('a long period table scrolls in a box of fixed height, a short one has no empty space', async ({ page }) => {
	await page.goto('./');
	await page.getByTestId('sample-button').click();
	await page.getByTestId('import-button').click();
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible({ timeout: 60_000 });
	const table = page.getByTestId('period-table');
	const box = () =>
		table.evaluate((t) => {
			const b = t.parentElement!;
			const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
			return { height: b.getBoundingClientRect().height, scroll: b.scrollHeight, client: b.clientHeight, table: t.getBoundingClientRect().height, rem };
		});
	// monthly: 13 rows, the box is as tall as the table (its border aside)
	const monthly = await box();
	expect(await table.locator('tbody tr').count()).toBeLessThan(20);
	expect(Math.abs(monthly.height - monthly.table)).toBeLessThanOrEqual(3);
	expect(monthly.scroll).toBeLessThanOrEqual(monthly.client + 1);
	await page.getByTestId('granularity').selectOption('week');
	await expect(table).toHaveAttribute('data-complete', 'true', { timeout: 60_000 });
	const weekly = await box();
	expect(weekly.height).toBeCloseTo(36 * weekly.rem, 0);
	expect(weekly.scroll).toBeGreaterThan(weekly.client);
	// the box is filled: more rows than fit, none cut off at the end
	const last = table.locator('tbody tr').last();
	await last.scrollIntoViewIfNeeded();
	await expect(last).toBeInViewport();
	await table.evaluate((t) => t.parentElement!.scrollTo(0, 0));
	await table.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/period-table-weekly.png`, clip: (await table.locator('..').boundingBox())! });
});
