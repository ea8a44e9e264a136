// End to end in real Chromium for issue 6 items 6-8 as a new user met them: where focus goes after the
// sample, the import and a drill-down; the heatmap and the R × F grid as one tab stop with arrow keys;
// the grid's cells open their customers; focus rings of the date inputs; the printed report; a rejected
// file explained in the main area. Screenshots go to test-results/screenshots.
import { readFileSync } from 'node:fs';
import { test, expect, type Page, type Locator } from '@playwright/test';

const SHOTS = 'test-results/screenshots';
const BADCSV = new URL('../../../shared/badcsv/', import.meta.url).pathname;
const HEAT_READY = '[data-testid="cohort-heatmap"][data-ready="true"]';

async function importSample(page: Page) {
	await page.goto('./');
	await page.getByTestId('sample-button').click();
	await page.getByTestId('import-button').click();
	await expect(page.locator('[data-testid="base-chart"][data-ready="true"]')).toBeVisible();
}

async function openView(page: Page, id: string, ready: string) {
	await page.getByTestId(`tab-${id}`).click();
	await expect(page.getByTestId(`view-${id}`)).toBeVisible();
	await expect(page.locator(ready).first()).toBeVisible();
}

/** The focused element's data-* attributes (or its id / test id). */
function focused(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | SVGElement | null;
		return el ? { ...el.dataset, id: el.id, tag: el.tagName.toLowerCase() } : null;
	});
}

/** Press Tab until `target` has focus; returns how many presses it took (fails after `max`). */
async function tabTo(page: Page, target: Locator, max = 60): Promise<number> {
	for (let i = 1; i <= max; i++) {
		await page.keyboard.press('Tab');
		if (await target.evaluate((el) => el === document.activeElement)) return i;
	}
	throw new Error(`not reached in ${max} Tabs`);
}

test('focus: the sample opens the mapping step with its heading focused and in view (390 px), the import moves focus to the dashboard heading', async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('./');
	await page.getByTestId('sample-button').focus();
	await page.keyboard.press('Enter');
	const heading = page.locator('#mapping-heading');
	await expect(heading).toBeFocused();
	// At 390 px the step opens below the side panel's cards: the page has scrolled to it.
	await expect(heading).toBeInViewport();
	expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
	await page.screenshot({ path: `${SHOTS}/kbd-01-mapping-390.png` });
	// From the heading, the Import button is a few Tabs away (it was 22 from the top of the page).
	const tabs = await tabTo(page, page.getByTestId('import-button'), 40);
	expect(tabs).toBeLessThan(22);
	await page.keyboard.press('Enter');
	const dash = page.locator('#dataset-heading');
	await expect(dash).toBeFocused();
	await expect(dash).toBeInViewport();
	await expect(dash).toContainText('online_retail_sample');
	await page.screenshot({ path: `${SHOTS}/kbd-02-after-import-390.png` });
	// The next Tab stays in the dashboard (not the header or the side panel).
	await page.keyboard.press('Tab');
	expect(await page.evaluate(() => !!document.activeElement?.closest('.dashboard'))).toBe(true);
});

test('focus ring: the As-of, From and To date inputs show a visible outline when reached by Tab', async ({ page }) => {
	await importSample(page);
	for (const id of ['as-of', 'filter-from', 'filter-to']) {
		const input = page.getByTestId(id);
		await page.locator('#dataset-heading').focus();
		await tabTo(page, input, 40);
		// Tab walks the input's own stops (month, day, year, the calendar button): every one shows the ring.
		let stops = 0;
		while (await input.evaluate((el) => el === document.activeElement)) {
			const ring = await input.evaluate((el) => {
				const s = getComputedStyle(el);
				return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
			});
			expect(ring.style, `${id}, stop ${stops}`).not.toBe('none');
			expect(ring.width, `${id}, stop ${stops}`).toBeGreaterThanOrEqual(2);
			stops++;
			expect(stops).toBeLessThan(8);
			await page.keyboard.press('Tab');
		}
		expect(stops, id).toBeGreaterThanOrEqual(4);
	}
	await page.getByTestId('filter-from').focus();
	await page.getByTestId('filter-bar').screenshot({ path: `${SHOTS}/kbd-03-date-focus.png` });
});

test('a rejected file is explained in the main area (what happened, what to do), as an alert', async ({ page }) => {
	const manifest = JSON.parse(readFileSync(`${BADCSV}manifest.json`, 'utf8')) as { file: string; expect: { message_hint?: string } }[];
	const hint = manifest.find((m) => m.file === 'structure/binary_junk.csv')?.expect.message_hint ?? '';
	expect(hint).not.toBe('');
	await page.goto('./');
	await page.getByTestId('file-input').setInputFiles(`${BADCSV}structure/binary_junk.csv`);
	const main = page.locator('#main-content').getByRole('alert');
	await expect(main).toHaveCount(1);
	await expect(main).toContainText('This file could not be imported');
	await expect(main).toContainText('binary_junk.csv');
	await expect(main).toContainText(hint);
	await expect(main).toContainText('Nothing was stored');
	// The welcome text no longer stands where the error should be.
	await expect(page.getByText('See who keeps buying')).toHaveCount(0);
	// One alert on the page (the side panel's note is not announced twice).
	await expect(page.getByRole('alert')).toHaveCount(1);
	await page.screenshot({ path: `${SHOTS}/kbd-04-rejected.png`, fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: `${SHOTS}/kbd-04-rejected-390.png`, fullPage: true });
});
