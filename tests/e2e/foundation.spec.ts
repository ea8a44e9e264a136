// End to end in real Chromium, real IndexedDB and the real worker: import CDNOW through the file
// input, check what a user sees against the reference figures, change granularity, download, reload,
// delete; then the sample button. Screenshots are kept under test-results/screenshots.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';

const SHARED = new URL('../../../shared/', import.meta.url).pathname;
const CDNOW = `${SHARED}data/lifetimes/CDNOW_master.txt`;
const SHOTS = 'test-results/screenshots';

async function shot(page: Page, name: string) {
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

function heatCell(page: Page, cohort: string, offset: number) {
	return page.locator(`[data-testid="heat-cell"][data-cohort="${cohort}"][data-offset="${offset}"]`);
}

function periodRow(page: Page, period: string) {
	return page.getByTestId('period-table').locator('tbody tr', { has: page.locator(`th:text-is("${period}"), td:text-is("${period}")`) });
}

function csvRows(text: string): string[][] {
	return text.trim().split('\n').map((l) => l.split(','));
}

test('CDNOW: import, dashboard, quarter, download, reload, delete', async ({ page }) => {
	page.on('dialog', (d) => d.accept());
	await page.goto('./');
	await page.getByTestId('file-input').setInputFiles(CDNOW);

	// The preview and the detected mapping.
	await expect(page.getByTestId('import-button')).toBeVisible();
	await expect(page.getByTestId('map-customer_id').locator('option:checked')).toHaveText(/customer_id/);
	await expect(page.getByTestId('map-date').locator('option:checked')).toHaveText(/date/);
	await expect(page.getByTestId('map-amount').locator('option:checked')).toHaveText(/dollar_value/);
	await shot(page, 'cdnow-mapping');
	await page.getByTestId('import-button').click();

	// Monthly W3 (the default): heatmap and CRR as in shared/data/reference/cdnow_master_month_w3.
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
	await expect(heatCell(page, '1997-01', 0)).toHaveAttribute('data-value', '1');
	await expect(heatCell(page, '1997-01', 1)).toHaveAttribute('data-value', '0.1474636757583482');
	await expect(heatCell(page, '1997-01', 1)).toContainText('14.7');
	// reference cohorts.csv: 1997-02, offset 1 → 1312 of 8476 = 15.48 %
	await expect(heatCell(page, '1997-02', 1)).toContainText('15.5');
	await expect(periodRow(page, '1997-04')).toContainText('75.6');
	await expect(page.locator('[data-testid="base-chart"][data-ready="true"]')).toBeVisible();
	await expect(page.locator('[data-testid="retention-curve"][data-ready="true"]')).toBeVisible();
	await shot(page, 'cdnow-dashboard-month');

	// Quarter: the table changes (quarterly W1 reference: 1997-Q2 CRR 22.81 %).
	await page.getByTestId('granularity').selectOption('quarter');
	await expect(periodRow(page, '1997-Q2')).toContainText('22.8');
	await expect(page.getByTestId('period-table').locator('tbody tr')).toHaveCount(6);
	await expect(heatCell(page, '1997-Q1', 1)).toContainText('22.8');
	await shot(page, 'cdnow-dashboard-quarter');

	// The download of the period table holds the reference numbers.
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-periods').click()]);
	const got = csvRows(readFileSync((await download.path())!, 'utf8'));
	const want = csvRows(readFileSync(`${SHARED}data/reference/cdnow_master_quarter_w1/periods.csv`, 'utf8'));
	expect(got[0]).toEqual(want[0]);
	expect(got.length).toBe(want.length);
	for (let r = 1; r < want.length; r++) {
		for (let c = 0; c < want[0].length; c++) {
			const w = want[r][c];
			const g = got[r][c];
			if (w === 'True' || w === 'False') expect(g).toBe(w.toLowerCase());
			else if (w === '' || Number.isNaN(Number(w))) expect(g).toBe(w);
			else expect(Math.abs(Number(g) - Number(w))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(Number(w))));
		}
	}

	// The cohort download too (quarterly W1 reference cohorts.csv), compared cell by cell.
	const [cohortDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-cohorts').click()]);
	const gotCohorts = csvRows(readFileSync((await cohortDownload.path())!, 'utf8'));
	const wantCohorts = csvRows(readFileSync(`${SHARED}data/reference/cdnow_master_quarter_w1/cohorts.csv`, 'utf8'));
	expect(gotCohorts[0]).toEqual(wantCohorts[0]);
	expect(gotCohorts.length).toBe(wantCohorts.length);
	for (let r = 1; r < wantCohorts.length; r++) {
		for (let c = 0; c < wantCohorts[0].length; c++) {
			const w = wantCohorts[r][c];
			const g = gotCohorts[r][c];
			if (w === 'True' || w === 'False') expect(g).toBe(w.toLowerCase());
			else if (Number.isNaN(Number(w))) expect(g).toBe(w);
			else expect(Math.abs(Number(g) - Number(w))).toBeLessThanOrEqual(0.005 + 1e-9 * Math.abs(Number(w)));
		}
	}

	// Reload: the dataset and the dashboard are still there, with the quarter setting.
	await page.reload();
	await expect(page.getByTestId('dataset-item')).toHaveCount(1);
	await expect(heatCell(page, '1997-Q1', 1)).toContainText('22.8');
	await expect(page.getByTestId('granularity')).toHaveValue('quarter');
	await shot(page, 'cdnow-after-reload');

	// Delete: gone, and still gone after a reload.
	await page.getByTestId('delete-dataset').first().click();
	await expect(page.getByTestId('dataset-item')).toHaveCount(0);
	await page.reload();
	await expect(page.getByTestId('sample-button')).toBeVisible();
	await expect(page.getByTestId('dataset-item')).toHaveCount(0);
});

test('sample data: one click to the dashboard', async ({ page }) => {
	await page.goto('./');
	await page.getByTestId('sample-button').click();
	await expect(page.getByTestId('import-button')).toBeVisible();
	await expect(page.getByTestId('map-order_id').locator('option:checked')).toHaveText(/InvoiceNo/);
	await page.getByTestId('import-button').click();
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
	// shared/data/reference/online_retail_sample_month_w3: 2010-12 cohort, offset 1 = 31 / 93.
	await expect(heatCell(page, '2010-12', 1)).toContainText('33.3');
	await expect(periodRow(page, '2011-03')).toContainText('73.1');
	// The partial last period is marked.
	await expect(heatCell(page, '2011-12', 0)).toHaveAttribute('data-partial', 'true');
	await shot(page, 'sample-dashboard');
	await page.setViewportSize({ width: 390, height: 844 });
	await shot(page, 'sample-dashboard-390');
	await page.setViewportSize({ width: 1280, height: 900 });
	await expect(page.getByTestId('dataset-item')).toHaveCount(1);
});

test('cancel during a big import stores nothing and keeps the earlier dataset', async ({ page }) => {
	await page.goto('./');
	await page.getByTestId('sample-button').click();
	await page.getByTestId('import-button').click();
	await expect(page.getByTestId('dataset-item')).toHaveCount(1);
	// The full UCI file: 541,909 lines, gzip-compressed (decompressed in the worker).
	await page.getByTestId('file-input').setInputFiles(`${SHARED}data/online_retail/online_retail.csv.gz`);
	await page.getByTestId('import-button').click();
	const bar = page.getByTestId('import-progress');
	await expect(bar).toBeVisible();
	await page.getByTestId('cancel-import').click();
	await expect(page.getByRole('status').filter({ hasText: 'cancelled' })).toContainText('nothing was stored');
	await expect(page.getByTestId('dataset-item')).toHaveCount(1);
	await page.reload();
	await expect(page.getByTestId('dataset-item')).toHaveCount(1);
	await expect(heatCell(page, '2010-12', 1)).toContainText('33.3');
});

test('reload reopens the dataset that was open (not just the newest) with its settings', async ({ page }) => {
	page.on('dialog', (d) => d.accept());
	await page.goto('./');
	await page.getByTestId('file-input').setInputFiles(CDNOW);
	await page.getByTestId('import-button').click();
	await expect(heatCell(page, '1997-01', 1)).toContainText('14.7');
	await page.getByTestId('sample-button').click();
	await page.getByTestId('import-button').click();
	await expect(heatCell(page, '2010-12', 1)).toContainText('33.3');
	await expect(page.getByTestId('dataset-item')).toHaveCount(2);
	// Open the older dataset (CDNOW) and switch it to quarters, then reload.
	await page.getByTestId('dataset-item').filter({ hasText: 'CDNOW_master' }).locator('.dataset-open').click();
	await expect(heatCell(page, '1997-01', 1)).toContainText('14.7');
	await page.getByTestId('granularity').selectOption('quarter');
	await expect(heatCell(page, '1997-Q1', 1)).toContainText('22.8');
	await page.reload();
	await expect(heatCell(page, '1997-Q1', 1)).toContainText('22.8');
	await expect(page.getByTestId('granularity')).toHaveValue('quarter');
});
