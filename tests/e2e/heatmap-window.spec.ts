// A weekly grid of three years (157 cohorts, 12,403 cells) draws only the cells near its box's view
// (issue 5: creating all 12,000 kept the main thread busy for seconds), draws on as the box scrolls,
// follows the keyboard to cells not drawn yet, and still exports and prints every cell.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';

const HEAT_READY = '[data-testid="cohort-heatmap"][data-ready="true"]';
const WEEKS = 157;

/** Orders over 157 weeks from Monday 2021-01-04: three new customers a week, each back every few weeks until the end (deterministic). */
function weeklyCsv(): string {
	const lines = ['customer_id,order_id,order_date,amount'];
	let seed = 7;
	const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
	const day = (week: number) => new Date(Date.UTC(2021, 0, 4 + week * 7 + 2)).toISOString().slice(0, 10);
	let order = 0;
	for (let w = 0; w < WEEKS; w++)
		for (let k = 0; k < 3; k++) {
			const id = `C${w}-${k}`;
			// the first customer of each week comes back every week, so every offset of every cohort has a value
			for (let v = w; v < WEEKS; v += k === 0 ? 1 : 2 + Math.floor(rand() * 6)) lines.push(`${id},O${++order},${day(v)},${(10 + rand() * 90).toFixed(2)}`);
		}
	return lines.join('\n');
}

const cellCount = (page: Page) => page.locator('[data-testid="heat-cell"]').count();

/** The ISO week (2021-W01 …) of the generated file's `i`-th Monday, worked out here independently of the app. */
function isoWeek(i: number): string {
	const DAY = 86_400_000;
	const monday = Date.UTC(2021, 0, 4 + i * 7);
	const year = new Date(monday + 3 * DAY).getUTCFullYear();
	const jan4 = Date.UTC(year, 0, 4);
	const week1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
	return `${year}-W${String(Math.floor((monday - week1) / (7 * DAY)) + 1).padStart(2, '0')}`;
}

test('a 157-week grid draws the cells in view, more as it scrolls, and every cell for the keyboard, the export and print', async ({ page }) => {
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto('./?lang=en');
	await page.getByTestId('file-input').setInputFiles({ name: 'weekly.csv', mimeType: 'text/csv', buffer: Buffer.from(weeklyCsv()) });
	await page.getByTestId('import-button').click();
	await page.getByTestId('tab-cohorts').click();
	await page.getByTestId('granularity').selectOption('week');
	const heat = page.getByTestId('cohort-heatmap');
	await expect(heat).toHaveAttribute('data-cohorts', String(WEEKS), { timeout: 60_000 });
	await expect(page.locator(HEAT_READY)).toBeVisible({ timeout: 60_000 });
	// the label column and the header show the rows and offsets beside the drawn cells only
	const labels = heat.locator('[data-cohort-label]');
	expect(await labels.count()).toBeGreaterThan(20);
	expect(await labels.count()).toBeLessThan(WEEKS / 2);
	await expect(labels.first()).toHaveAttribute('data-cohort-label', '2021-W01');
	const ticks = heat.locator('.heat-head text');
	expect(await ticks.count()).toBeGreaterThan(20);
	expect(await ticks.count()).toBeLessThan(WEEKS / 2);
	const total = (WEEKS * (WEEKS + 1)) / 2;
	const first = await cellCount(page);
	// the box shows ~23 rows of ~25 columns: drawn are those and half a view more on each side
	expect(first).toBeGreaterThan(300);
	expect(first).toBeLessThan(total / 4);
	const lastCohort = isoWeek(WEEKS - 1);
	await expect(heat).toHaveAttribute('data-last-cohort', lastCohort);
	await expect(heat.locator(`[data-testid="heat-cell"][data-cohort="${lastCohort}"]`)).toHaveCount(0);
	await expect(heat.locator(`[data-cohort-label="${lastCohort}"]`)).toHaveCount(0);
	// the first row's cells hold values
	await expect(heat.locator('[data-testid="heat-cell"][data-cohort="2021-W01"][data-offset="0"]')).toHaveAttribute('data-value', '1');
	await heat.screenshot({ path: 'test-results/screenshots/heatmap-window-top.png' });

	// Scrolled to the bottom: the last cohorts are drawn, the first ones no longer, and no cell twice.
	await heat.locator('.heat-scroll').evaluate((box) => (box.scrollTop = box.scrollHeight));
	await expect(heat.locator(`[data-testid="heat-cell"][data-cohort="${lastCohort}"]`)).toHaveCount(1);
	await expect(page.locator(HEAT_READY)).toBeVisible();
	await expect(heat.locator('[data-testid="heat-cell"][data-cohort="2021-W05"]')).toHaveCount(0);
	// the labels followed: the last cohort's is there, the first ones' are not
	await expect(heat.locator(`[data-cohort-label="${lastCohort}"]`)).toHaveCount(1);
	await expect(heat.locator('[data-cohort-label="2021-W05"]')).toHaveCount(0);
	expect(await labels.count()).toBeLessThan(WEEKS / 2);
	const keys = await heat.locator('[data-testid="heat-cell"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
	expect(new Set(keys).size).toBe(keys.length);
	expect(keys.length).toBeLessThan(total / 4);
	// the tab stop (the first cell) stays drawn wherever the box is scrolled, so Tab still reaches the grid
	await expect(heat.locator('[data-testid="heat-cell"][tabindex="0"]')).toHaveAttribute('data-key', '2021-W01|0');
	await heat.screenshot({ path: 'test-results/screenshots/heatmap-window-bottom.png' });
	// and into the middle, 43+ columns across (row 68 is at y 1496, offset 50 at x 2300)
	const row70 = isoWeek(70);
	const middle = heat.locator(`[data-testid="heat-cell"][data-cohort="${row70}"][data-offset="50"]`);
	await expect(middle).toHaveCount(0);
	await heat.locator('.heat-scroll').evaluate((box) => box.scrollTo(2000, 1500));
	await expect(middle).toHaveCount(1);
	await expect(page.locator(HEAT_READY)).toBeVisible();
	// and the header's ticks for the offsets drawn there (offset 50's, not offset 0's)
	await expect(heat.locator('.heat-head text', { hasText: /^50$/ })).toHaveCount(1);
	await expect(heat.locator('.heat-head text', { hasText: /^0$/ })).toHaveCount(0);
	await expect(heat.locator(`[data-cohort-label="${row70}"]`)).toHaveCount(1);
	await heat.screenshot({ path: 'test-results/screenshots/heatmap-window-middle.png' });

	// The keyboard: from the first cell, End goes to the row's last offset (156, far outside the view).
	await heat.locator('[data-testid="heat-cell"][tabindex="0"]').focus();
	await page.keyboard.press('End');
	const focused = heat.locator('[data-testid="heat-cell"][data-key="2021-W01|156"]');
	await expect(focused).toBeFocused();
	await expect(focused).toBeInViewport();
	await page.keyboard.press('ArrowDown');
	await expect(heat.locator('[data-testid="heat-cell"][data-key="2021-W02|155"]')).toBeFocused();

	// The export holds every cell, and the grid goes back to the cells near the view after it.
	const [download] = await Promise.all([page.waitForEvent('download'), heat.getByTestId('export-svg').click()]);
	const svg = readFileSync(await download.path(), 'utf8');
	expect((svg.match(/<rect[^>]*data-testid="heat-cell"/g) ?? []).length).toBe(total);
	// with every cohort's label and every offset's tick
	expect((svg.match(/data-cohort-label="/g) ?? []).length).toBe(WEEKS);
	expect(svg).toContain(`data-cohort-label="${lastCohort}"`);
	await expect(heat.getByTestId('export-svg')).toBeEnabled();
	await expect.poll(() => cellCount(page)).toBeLessThan(total / 4);

	// Print draws every cell too.
	await page.emulateMedia({ media: 'print' });
	await expect.poll(() => cellCount(page), { timeout: 30_000 }).toBe(total);
	await expect(labels).toHaveCount(WEEKS);
	await expect(ticks).toHaveCount(WEEKS);
	await page.emulateMedia({ media: 'screen' });
	await expect.poll(() => cellCount(page), { timeout: 30_000 }).toBeLessThan(total / 4);

	// Reloaded, the stored dataset opens on the same weekly grid, drawn near the view again.
	await page.reload();
	await expect(page.locator(HEAT_READY)).toBeVisible({ timeout: 60_000 });
	await expect(heat).toHaveAttribute('data-cohorts', String(WEEKS));
	expect(await labels.count()).toBeLessThan(WEEKS / 2);
	expect(await cellCount(page)).toBeLessThan(total / 4);
});
