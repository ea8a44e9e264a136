// The heatmap's sticky header (offsets) and row labels (cohorts) are SVGs of their own beside the cells'
// bands: each offset must sit over its column and each cohort label beside its row, on a monthly grid and
// on a weekly one (150+ columns wide, where a 1 px border once shrank the header's viewport and slid the
// whole header 150 px sideways).
import { test, expect, type Page } from '@playwright/test';

async function misalignment(page: Page) {
	return page.evaluate(() => {
		const map = document.querySelector('[data-testid="cohort-heatmap"]') as HTMLElement;
		const head = map.querySelector('svg.heat-head') as SVGSVGElement;
		const labels = map.querySelector('svg.heat-labels') as SVGSVGElement;
		const cells = [...map.querySelectorAll('[data-testid="heat-cell"]')] as SVGRectElement[];
		const first = cells[0].getAttribute('data-cohort');
		const row = cells.filter((c) => c.getAttribute('data-cohort') === first);
		let dx = 0;
		for (const cell of row) {
			const offset = cell.getAttribute('data-offset');
			const tick = [...head.querySelectorAll('text')].find((t) => t.textContent === offset);
			if (!tick) continue;
			const c = cell.getBoundingClientRect();
			const t = tick.getBoundingClientRect();
			dx = Math.max(dx, Math.abs(c.x + c.width / 2 - (t.x + t.width / 2)));
		}
		let dy = 0;
		const firstCol = cells.filter((c) => c.getAttribute('data-offset') === '0').slice(0, 30);
		for (const cell of firstCol) {
			const label = labels.querySelector(`[data-cohort-label="${cell.getAttribute('data-cohort')}"]`);
			if (!label) continue;
			const c = cell.getBoundingClientRect();
			const l = label.getBoundingClientRect();
			dy = Math.max(dy, Math.abs(c.y + c.height / 2 - (l.y + l.height / 2)));
		}
		return { dx, dy, columns: row.length, rows: firstCol.length };
	});
}

test('offsets sit over their columns and cohorts beside their rows, monthly and weekly', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto('./');
	await page.getByTestId('sample-button').click();
	await page.getByTestId('import-button').click();
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible({ timeout: 60_000 });
	const monthly = await misalignment(page);
	expect(monthly.columns).toBeGreaterThan(10);
	expect(monthly.dx).toBeLessThanOrEqual(2);
	expect(monthly.dy).toBeLessThanOrEqual(2);
	await page.getByTestId('granularity').selectOption('week');
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"] [data-testid="heat-cell"][data-cohort$="-W49"]').first()).toBeVisible({ timeout: 60_000 });
	const weekly = await misalignment(page);
	expect(weekly.columns).toBeGreaterThan(40);
	expect(weekly.dx).toBeLessThanOrEqual(2);
	expect(weekly.dy).toBeLessThanOrEqual(2);
	// the corner's two column heads ("Cohort", "Customers") side by side, not over each other
	const corner = await page.evaluate(() => {
		const [cohort, customers] = [...document.querySelectorAll('[data-testid="cohort-heatmap"] svg.heat-corner text')].map((t) => t.getBoundingClientRect());
		return { cohortRight: cohort.right, customersLeft: customers.left };
	});
	expect(corner.cohortRight + 4).toBeLessThanOrEqual(corner.customersLeft);
	await page.getByTestId('cohort-heatmap').screenshot({ path: 'test-results/screenshots/heatmap-weekly-aligned.png' });
});
