// Issue 6 end to end: a filter changes the numbers consistently (Country = United Kingdom, counted here from
// the raw sample and the reference customers.csv), the whole screen survives a reload through the URL hash,
// and a heatmap cell's drill-down lists as many customers as the cell retained (and downloads them as CSV).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { test, expect, type Page } from '@playwright/test';

const REF = new URL('../../../shared/data/reference/online_retail_sample_month_w3/', import.meta.url).pathname;
const SAMPLE = new URL('../../public/sample/online_retail_sample.csv.gz', import.meta.url).pathname;
const SHOTS = process.env.SCREENSHOT_DIR ?? 'test-results/screenshots';

function readCsv(name: string): Record<string, string>[] {
	const [head, ...lines] = readFileSync(`${REF}${name}`, 'utf8').trim().split('\n');
	const cols = head.split(',');
	return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}
const refCustomers = readCsv('customers.csv');
const refCohorts = readCsv('cohorts.csv');
const refPeriods = readCsv('periods.csv');
const summary = JSON.parse(readFileSync(`${REF}summary.json`, 'utf8'));

/**
 * Customers of the reference with a purchase line in the United Kingdom, from the raw file: the last two
 * columns are CustomerID and Country; C-prefixed invoices and negative quantities are returns (METRICS.md §1).
 */
function ukCustomerCount(): number {
	const ids = new Set(refCustomers.map((c) => c.customer_id));
	const uk = new Set<string>();
	const lines = gunzipSync(readFileSync(SAMPLE)).toString('utf8').trim().split('\n').slice(1);
	for (const line of lines) {
		const f = line.split(',');
		const id = f[f.length - 2].trim().replace(/\.0$/, '');
		if (f[f.length - 1].trim() === 'United Kingdom' && ids.has(id) && !f[0].startsWith('C') && !(Number(f[3]) < 0)) uk.add(id);
	}
	return uk.size;
}

async function importSample(page: Page) {
	await page.goto('./');
	await page.getByTestId('sample-button').click();
	await page.getByTestId('import-button').click();
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
}

async function addFilter(page: Page, dimension: string, value: string) {
	await page.getByTestId('filter-dimension').selectOption({ label: dimension });
	await page.getByTestId('filter-value').fill(value);
	await page.getByTestId('filter-add').click();
}

test('a filter changes the numbers consistently and is shown as a removable chip', async ({ page }) => {
	test.setTimeout(180_000);
	await importSample(page);
	await expect(page.getByTestId('filter-none')).toBeVisible();
	await page.getByTestId('tab-customers').click();
	const count = page.getByTestId('customers-table-count');
	await expect(count).toContainText(`of ${summary.customers} customers`);

	const uk = ukCustomerCount();
	expect(uk).toBeGreaterThan(300);
	expect(uk).toBeLessThan(summary.customers);
	// The value field offers the column's values; a value no row has cannot be added (it would empty every view).
	await page.getByTestId('filter-dimension').selectOption({ label: 'Location' });
	await page.getByTestId('filter-value').fill('United Kingdon');
	await expect(page.getByTestId('filter-add')).toBeDisabled();
	await expect(page.getByTestId('filter-value-unknown')).toHaveText('No row has this value in this column.');
	await expect(page.locator('#filter-values option[value="United Kingdom"]')).toHaveCount(1);
	// Letter case does not matter: the column's own spelling is what gets filtered.
	await addFilter(page, 'Location', 'united kingdom');
	const chip = page.getByTestId('filter-chip');
	await expect(chip).toHaveCount(1);
	await expect(chip).toContainText('Location: United Kingdom');
	await expect(count).toContainText(`of ${uk} customers`);
	await page.screenshot({ path: `${SHOTS}/filters-uk-customers.png`, fullPage: true });

	// The filter applies across views: the cohort sizes of the overview add up to the same customers.
	await page.getByTestId('tab-cohorts').click();
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
	// A chart exported now says its figures are filtered, and how; a table's file name says so too.
	const heat = page.getByTestId('cohort-heatmap');
	const [svgDownload] = await Promise.all([page.waitForEvent('download'), heat.getByTestId('export-svg').click()]);
	expect(readFileSync(await svgDownload.path(), 'utf8')).toContain('filtered: Location: United Kingdom');
	const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-cohorts').click()]);
	expect(csvDownload.suggestedFilename()).toMatch(/-cohorts-filtered\.csv$/);
	const sizes = await page.locator('[data-testid="heat-cell"][data-offset="0"]').count();
	expect(sizes).toBeGreaterThan(0);

	// Removing the chip brings every customer back.
	await chip.getByRole('button').click();
	await expect(page.getByTestId('filter-chip')).toHaveCount(0);
	await page.getByTestId('tab-customers').click();
	await expect(count).toContainText(`of ${summary.customers} customers`);

	// A date range: customers of 2011 only; its start makes everyone's first 2011 purchase "new".
	await page.getByTestId('filter-from').fill('2011-01-01');
	await page.getByTestId('filter-from').dispatchEvent('change');
	await expect(page.getByTestId('filter-chip')).toContainText('from 2011-01-01');
	await page.getByTestId('tab-cohorts').click();
	await expect(page.locator('[data-testid="heat-cell"][data-cohort="2010-12"]')).toHaveCount(0);
	await expect(page.locator('[data-testid="heat-cell"][data-cohort="2011-01"][data-offset="0"]')).toHaveCount(1);
	await expect(page.getByTestId('filter-empty')).toHaveCount(0);

	// A range with no row at all: said in words, with a way back, instead of a silently empty dashboard.
	await page.getByTestId('filter-from').fill('2015-01-01');
	await page.getByTestId('filter-from').dispatchEvent('change');
	await expect(page.getByTestId('filter-empty')).toContainText('No row matches the filter (from 2015-01-01)');
	await page.getByTestId('filter-empty').getByRole('button').click();
	await expect(page.getByTestId('filter-empty')).toHaveCount(0);
	await expect(page.getByTestId('filter-none')).toBeVisible();
});

test('the screen survives a reload: view, dataset, granularity, window, as-of, metric, breakdown, filters', async ({ page }) => {
	test.setTimeout(180_000);
	await importSample(page);
	await page.getByTestId('granularity').selectOption('quarter');
	await page.getByTestId('window').fill('2');
	await page.getByTestId('window').dispatchEvent('change');
	await page.getByTestId('as-of').fill('2011-09-30');
	await page.getByTestId('as-of').dispatchEvent('change');
	await addFilter(page, 'Location', 'United Kingdom');
	await page.getByTestId('tab-breakdowns').click();
	await page.getByTestId('breakdown-dimension').selectOption({ label: 'Location' });
	await page.getByTestId('tab-cohorts').click();
	await page.getByTestId('cohort-metric-ltv').check();
	await expect(page).toHaveURL(/#view=cohorts&ds=ds-[^&]+&g=quarter&w=2&asof=2011-09-30&m=ltv&bd=location&f.location=United\+Kingdom$/);
	const url = page.url();
	const cell = page.locator('[data-testid="heat-cell"][data-cohort="2010-Q4"][data-offset="1"]');
	await expect(cell).toHaveAttribute('data-value', /\d/);
	const value = await cell.getAttribute('data-value');

	await page.reload();
	await expect(page.getByTestId('view-cohorts')).toBeVisible();
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
	await expect(page.getByTestId('granularity')).toHaveValue('quarter');
	await expect(page.getByTestId('window')).toHaveValue('2');
	await expect(page.getByTestId('as-of')).toHaveValue('2011-09-30');
	await expect(page.getByTestId('cohort-metric-ltv')).toBeChecked();
	await expect(page.getByTestId('filter-chip')).toContainText('Location: United Kingdom');
	await expect(cell).toHaveAttribute('data-value', value!);
	expect(page.url()).toBe(url);
	await page.getByTestId('tab-breakdowns').click();
	await expect(page.getByTestId('breakdown-dimension').locator('option:checked')).toHaveText('Location');

	// The old bare form still opens a view.
	await page.goto('./#segments');
	await expect(page.getByTestId('view-segments')).toBeVisible();
});

test('a heatmap cell lists its customers: the count equals the cell, and the CSV holds them', async ({ page }) => {
	test.setTimeout(180_000);
	await importSample(page);
	await page.getByTestId('tab-cohorts').click();
	const ref = refCohorts.find((c) => c.cohort === '2010-12' && c.offset === '1')!;
	const cell = page.locator('[data-testid="heat-cell"][data-cohort="2010-12"][data-offset="1"]');
	await cell.click();
	const list = page.getByTestId('drill-list');
	await expect(list).toContainText('Customers of cohort 2010-12 who bought in 2011-01');
	await expect(page.getByTestId('drill-count')).toHaveAttribute('data-total', ref.retained);
	await expect(page.getByTestId('drill-count')).toContainText(`of ${ref.retained} customers`);
	await expect(list.locator('tbody tr')).toHaveCount(Math.min(50, Number(ref.retained)));
	await page.screenshot({ path: `${SHOTS}/filters-drill-cell.png`, fullPage: true });

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('drill-download').click()]);
	expect(download.suggestedFilename()).toMatch(/cohort-2010-12-k1\.csv$/);
	const lines = readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
	expect(lines[0].startsWith('customer_id,')).toBe(true);
	expect(lines.length - 1).toBe(Number(ref.retained));
	for (const l of lines.slice(1)) expect(refCustomers.find((c) => c.customer_id === l.split(',')[0])?.cohort).toBe('2010-12');

	// Keyboard: Enter on another cell lists that cell.
	const ref2 = refCohorts.find((c) => c.cohort === '2011-03' && c.offset === '2')!;
	await page.locator('[data-testid="heat-cell"][data-cohort="2011-03"][data-offset="2"]').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('drill-count')).toHaveAttribute('data-total', ref2.retained);
	await page.getByTestId('drill-close').click();
	await expect(list).toHaveCount(0);

	// A point of the base chart lists the customers active at the end of that month (= its installed base).
	await page.getByTestId('tab-overview').click();
	const june = refPeriods.find((p) => p.period === '2011-06')!;
	await page.locator('[data-testid="base-point"][data-period="2011-06"]').click();
	await expect(list).toContainText('Customers active at the end of 2011-06');
	await expect(page.getByTestId('drill-count')).toHaveAttribute('data-total', june.end);
	await page.screenshot({ path: `${SHOTS}/filters-drill-point.png`, fullPage: true });
	// Keyboard: from the focused point, ArrowRight and Enter list the next month (the chart's one handler).
	const july = refPeriods.find((p) => p.period === '2011-07')!;
	await page.locator('[data-testid="base-point"][data-period="2011-06"]').focus();
	await page.keyboard.press('ArrowRight');
	await expect(page.locator('[data-testid="base-point"][data-period="2011-07"]')).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(list).toContainText('Customers active at the end of 2011-07');
	await expect(page.getByTestId('drill-count')).toHaveAttribute('data-total', july.end);
});
