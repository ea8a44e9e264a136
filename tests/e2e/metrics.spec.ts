// End to end in real Chromium: import the sample, open every analysis view, check one figure per view
// against shared/data/reference/online_retail_sample_month_w3 (the same file, monthly W3), and keep
// a screenshot of each view under test-results/screenshots.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';

const REF = new URL('../../../shared/data/reference/online_retail_sample_month_w3/', import.meta.url).pathname;
// SCREENSHOT_DIR lets a run keep its pictures apart from a parallel run's test-results.
const SHOTS = process.env.SCREENSHOT_DIR ?? 'test-results/screenshots';

function readCsv(name: string): Record<string, string>[] {
	const [head, ...lines] = readFileSync(`${REF}${name}`, 'utf8').trim().split('\n');
	const cols = head.split(',');
	return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

const customers = readCsv('customers.csv');
const periods = readCsv('periods.csv');
const cohorts = readCsv('cohorts.csv');
const summary = JSON.parse(readFileSync(`${REF}summary.json`, 'utf8'));

async function shot(page: Page, name: string) {
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function openView(page: Page, id: string) {
	await page.getByTestId(`tab-${id}`).click();
	await expect(page.getByTestId(`view-${id}`)).toBeVisible();
	// The hash holds the whole screen (#view=…&ds=…&g=…); the view is one of its fields.
	await expect(page).toHaveURL(new RegExp(`#view=${id}(&|$)`));
}

test('sample: every analysis view shows the reference figures', async ({ page }) => {
	test.setTimeout(180_000);
	await page.goto('./');
	await page.getByTestId('sample-button').click();
	await page.getByTestId('import-button').click();
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();

	// Overview: CRR of the latest complete month with its formula, numbers plugged in (reference periods.csv).
	const latest = periods.filter((p) => p.partial === 'False').at(-1)!;
	await page.getByTestId('kpi-crr').locator('summary').click();
	await expect(page.getByTestId('kpi-crr-formula')).toContainText(`(${latest.end} − ${latest.new}) ÷ ${latest.start} × 100 = ${Number(latest.crr).toFixed(1)} %`);
	await expect(page.getByTestId('churn-explain')).toContainText('Adjusted churn');
	await shot(page, 'metrics-overview');

	// Cohorts: revenue retention of the 2010-12 cohort one month later = revenue at k=1 ÷ revenue at k=0.
	await openView(page, 'cohorts');
	await page.getByTestId('cohort-metric-revenue_retention').check();
	const c0 = cohorts.find((c) => c.cohort === '2010-12' && c.offset === '0')!;
	const c1 = cohorts.find((c) => c.cohort === '2010-12' && c.offset === '1')!;
	const cell = page.locator('[data-testid="heat-cell"][data-cohort="2010-12"][data-offset="1"]');
	await expect(cell).toHaveAttribute('data-value', /^0\.5/);
	expect(Number(await cell.getAttribute('data-value'))).toBeCloseTo(Number(c1.revenue) / Number(c0.revenue), 9);
	await expect(page.getByTestId('cohort-metric-explain')).toContainText('first period');
	await expect(page.locator('[data-testid="retention-curve"][data-ready="true"]')).toBeVisible();
	await shot(page, 'metrics-cohorts-revenue-retention');
	await page.getByTestId('cohort-metric-ltv').check();
	// Money within half a cent (METRICS.md §8 comparisons).
	await expect.poll(async () => Math.abs(Number(await cell.getAttribute('data-value')) - Number(c1.ltv))).toBeLessThan(0.005);
	await shot(page, 'metrics-cohorts-ltv');

	// Customers: repeat purchase rate (summary.json 66.5 %), the Lorenz chart, and customer 12370 by search.
	await openView(page, 'customers');
	await expect(page.getByTestId('kpi-repeat-rate').locator('dd')).toContainText(summary.repeat_purchase_rate.toFixed(1));
	await expect(page.getByTestId('kpi-top20').locator('dd')).toContainText(summary.top20_share.toFixed(1));
	await expect(page.getByTestId('kpi-shape').locator('dd')).toContainText(summary.base_shape);
	await expect(page.locator('[data-testid="lorenz-chart"][data-ready="true"]')).toBeVisible();
	await expect(page.getByTestId('customers-table-count')).toContainText(`of ${summary.customers} customers`);
	await shot(page, 'metrics-customers');
	const c12370 = customers.find((c) => c.customer_id === '12370')!;
	await page.getByTestId('customer-search').fill('12370');
	const row = page.getByTestId('customers-table').locator('tbody tr[data-customer="12370"]');
	await expect(row).toBeVisible();
	await expect(page.getByTestId('customers-table').locator('tbody tr')).toHaveCount(1);
	await expect(row.locator('td').first()).toHaveText(c12370.orders);
	await expect(row.locator('bdi')).toHaveText('12370');
	// Sorting by revenue (largest first) puts the reference's top customer first.
	await page.getByTestId('customer-search').fill('');
	await page.getByTestId('customers-table').locator('button[data-sort="revenue"]').click();
	const top = customers.reduce((a, b) => (Number(b.revenue) > Number(a.revenue) ? b : a));
	await expect(page.getByTestId('customers-table').locator('tbody tr').first()).toHaveAttribute('data-customer', top.customer_id);

	// Segments: the count of "champions" as computed from the reference customers.csv, and its customer list.
	await openView(page, 'segments');
	// The two "new"s (type and RFM segment) count different customers; the page says why.
	expect(customers.filter((c) => c.type === 'new').length).not.toBe(customers.filter((c) => c.rfm_segment === 'new').length);
	await expect(page.getByTestId('types-vs-rfm')).toContainText('R 5, F 1');
	const champions = customers.filter((c) => c.rfm_segment === 'champions').length;
	const champRow = page.getByTestId('rfm-segments').locator('tr[data-segment="champions"]');
	await expect(champRow.getByTestId('segment-count')).toHaveText(String(champions));
	await expect(page.locator('[data-testid="rfm-grid"][data-ready="true"]')).toBeVisible();
	await champRow.getByRole('button', { name: 'champions' }).click();
	await expect(page.getByTestId('segment-customers-table-count')).toContainText(`of ${champions}`);
	await expect(page.getByTestId('segment-customers-table').locator('tbody tr')).toHaveCount(Math.min(50, champions));
	await expect(page.getByTestId('customer-types')).toContainText('frequency (repeat purchase days) at least 3');
	await shot(page, 'metrics-segments');

	// Breakdowns: by location, the values' customers add up to all customers.
	await openView(page, 'breakdowns');
	const dims = await page.getByTestId('breakdown-dimension').locator('option').allTextContents();
	// Canonical fields are named in the UI language, as in the filter bar.
	expect(dims).toContain('Location');
	expect(dims).not.toContain('location');
	const loc = dims.indexOf('Location');
	await page.getByTestId('breakdown-dimension').selectOption(String(loc));
	await expect(page.locator('#breakdown-heading')).toContainText('Location');
	await expect(page.getByTestId('breakdown-table').locator('tbody tr').first()).toBeVisible();
	if (loc >= 0) await expect(page.getByTestId('breakdown-table').locator('tbody tr').first()).toHaveAttribute('data-value', 'United Kingdom');
	const counts = await page.getByTestId('breakdown-table').locator('tbody tr td:nth-of-type(1)').allTextContents();
	expect(counts.reduce((a, t) => a + Number(t.replace(/,/g, '')), 0)).toBe(summary.customers);
	await expect(page.locator('[data-testid="breakdown-curves"][data-ready="true"]')).toBeVisible();
	await shot(page, 'metrics-breakdowns');

	// Predictions: fitted parameters, the customers by predicted CLV, and the holdout check at 2011-06-30.
	await openView(page, 'predictions');
	await expect(page.getByTestId('bgnbd-params')).toContainText('α');
	await expect(page.getByTestId('predicted-customers-table').locator('tbody tr')).toHaveCount(50);
	// On this sample the fit finds almost no drop-out (a → 0): every P(alive) would read ≈ 100 %, so none is shown.
	await expect(page.getByTestId('bgnbd-bound')).toBeVisible();
	await expect(page.getByTestId('mean-p-alive').locator('dd')).toHaveText('—');
	await expect(page.getByTestId('mean-p-alive')).toContainText('not identified');
	const alive = await page.getByTestId('predicted-customers-table').locator('tbody tr td:nth-of-type(1)').allTextContents();
	expect(new Set(alive)).toEqual(new Set(['—']));
	await page.getByTestId('calibration-end').fill('2011-06-30');
	await page.getByTestId('run-holdout').click();
	await expect(page.getByTestId('holdout-total')).toContainText('2011-06-30 → 2011-12-09');
	const calCustomers = customers.filter((c) => c.first_purchase < '2011-06-30').length;
	const holdoutCounts = await page.getByTestId('holdout-table').locator('tbody tr td:nth-of-type(1)').allTextContents();
	expect(holdoutCounts.reduce((a, t) => a + Number(t.replace(/,/g, '')), 0)).toBe(calCustomers);
	await expect(page.locator('[data-testid="holdout-chart"][data-ready="true"]')).toBeVisible();
	await shot(page, 'metrics-predictions');

	// The view survives a reload through the URL hash; the tabs and the customers view on a phone.
	await page.reload();
	await expect(page.getByTestId('view-predictions')).toBeVisible();
	await page.setViewportSize({ width: 390, height: 844 });
	await openView(page, 'customers');
	await expect(page.getByTestId('customers-table').locator('tbody tr')).toHaveCount(50);
	await shot(page, 'metrics-customers-390');
});
