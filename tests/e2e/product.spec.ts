// End to end in real Chromium, the product side of issue 6: chart exports (SVG/PNG), the printed report,
// the theme choice, an axe-core scan of every view, and screenshots of every view at 1280 and 390 px
// in light and dark under test-results/screenshots.
import { readFileSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';

const SHOTS = process.env.SCREENSHOT_DIR ?? 'test-results/screenshots';
const VIEWS = ['overview', 'cohorts', 'customers', 'segments', 'breakdowns', 'predictions'] as const;
/** One element per view that shows its results have landed. */
const READY: Record<(typeof VIEWS)[number], string> = {
	overview: '[data-testid="base-chart"][data-ready="true"]',
	cohorts: '[data-testid="cohort-heatmap"][data-ready="true"]',
	customers: '[data-testid="lorenz-chart"][data-ready="true"]',
	segments: '[data-testid="rfm-grid"][data-ready="true"]',
	breakdowns: '[data-testid="breakdown-curves"][data-ready="true"]',
	predictions: '[data-testid="bgnbd-params"]'
};
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function importSample(page: Page) {
	await page.goto('./');
	await page.getByTestId('sample-button').click();
	await page.getByTestId('import-button').click();
	await expect(page.locator(READY.overview)).toBeVisible();
}

async function openView(page: Page, id: (typeof VIEWS)[number]) {
	await page.getByTestId(`tab-${id}`).click();
	await expect(page.getByTestId(`view-${id}`)).toBeVisible();
	await expect(page.locator(READY[id]).first()).toBeVisible();
}

async function datasetName(page: Page): Promise<string> {
	return (await page.locator('.dataset-title h2').innerText()).trim();
}

test('each chart downloads as SVG (title, legend, dataset) and PNG', async ({ page }) => {
	test.setTimeout(180_000);
	// The strict CSP allows no inline style attributes: exporting must not trip it (each refusal is a console error).
	const cspErrors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
	});
	await importSample(page);
	const name = await datasetName(page);
	const base = page.getByTestId('base-chart');

	const [svgDownload] = await Promise.all([page.waitForEvent('download'), base.getByTestId('export-svg').click()]);
	expect(svgDownload.suggestedFilename()).toMatch(/\.svg$/);
	const svg = readFileSync(await svgDownload.path(), 'utf8');
	expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
	expect(svg).toContain('Customer base and installed base per month');
	expect(svg).toContain(`Dataset: ${name}`);
	expect(svg).toContain('Installed base');
	// Colours inlined from the page's CSS: the file needs no stylesheet.
	expect(svg).toMatch(/stroke="rgb\(/);

	const [pngDownload] = await Promise.all([page.waitForEvent('download'), base.getByTestId('export-png').click()]);
	expect(pngDownload.suggestedFilename()).toMatch(/\.png$/);
	await pngDownload.saveAs(`${SHOTS}/product-export-base-chart.png`);
	const png = readFileSync(await pngDownload.path());
	expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
	// IHDR: width and height (big-endian) at bytes 16 and 20; drawn at 2× the SVG size.
	const w = png.readUInt32BE(16);
	const h = png.readUInt32BE(20);
	expect(w).toBeGreaterThan(600);
	expect(h).toBeGreaterThan(400);
	expect(png.length).toBeGreaterThan(10_000);

	// The heatmap is four SVGs in a grid: the file holds them all, with its cells and the cohort labels.
	await openView(page, 'cohorts');
	const heat = page.getByTestId('cohort-heatmap');
	const [heatDownload] = await Promise.all([page.waitForEvent('download'), heat.getByTestId('export-svg').click()]);
	const heatSvg = readFileSync(await heatDownload.path(), 'utf8');
	expect(heatSvg).toContain(`Dataset: ${name}`);
	expect(heatSvg).toContain('2010-12');
	expect((heatSvg.match(/<rect[^>]*data-testid="heat-cell"/g) ?? []).length).toBeGreaterThan(50);
	const [heatPng] = await Promise.all([page.waitForEvent('download'), heat.getByTestId('export-png').click()]);
	await heatPng.saveAs(`${SHOTS}/product-export-heatmap.png`);
	expect([...readFileSync(await heatPng.path()).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
	expect(cspErrors).toEqual([]);
});

test('print: every view one after another, no navigation, dataset and settings in the header', async ({ page }) => {
	test.setTimeout(180_000);
	await importSample(page);
	await page.emulateMedia({ media: 'print' });
	for (const id of VIEWS) await expect(page.getByTestId(`print-view-${id}`).locator('h2.print-view-title')).toBeVisible();
	await expect(page.getByTestId('print-view-predictions').locator(READY.predictions)).toBeVisible();
	await expect(page.locator('.view-tabs')).toBeHidden();
	await expect(page.locator('aside.side')).toBeHidden();
	await expect(page.locator('.app-header')).toBeHidden();
	// Buttons that carry data (segment names, column headers) print as text inside their cells; no other control prints.
	await expect(page.locator('button:not(:is(th, td) button):visible, select:visible, input:visible')).toHaveCount(0);
	await expect(page.locator('.dataset-title h2')).toBeVisible();
	await expect(page.getByTestId('print-settings')).toContainText('Period: month');
	await page.screenshot({ path: `${SHOTS}/product-print.png`, fullPage: true });
	const pdf = await page.pdf({ format: 'A4', printBackground: true });
	writeFileSync(`${SHOTS}/product-report.pdf`, pdf);
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	await page.emulateMedia({ media: 'screen' });
	await expect(page.locator('.view-tabs')).toBeVisible();
	await expect(page.getByTestId('print-view-overview')).toHaveCount(0);
});

test('print at paper width (720 px), en and fa: nothing wider than the sheet, data buttons print as text, controls and repeated tables do not', async ({ page }) => {
	test.setTimeout(240_000);
	await page.setViewportSize({ width: 720, height: 1000 });
	// Names written by hand from the catalogues: the Segments table's first row, the customers table's first column.
	const cases = [
		{ lang: 'en', champions: 'champions', customer: 'Customer' },
		{ lang: 'fa', champions: 'قهرمانان', customer: 'مشتری' }
	];
	for (const c of cases) {
		await page.emulateMedia({ media: 'screen' });
		if (c.lang === 'en') await importSample(page);
		else await page.getByTestId('language').selectOption(c.lang);
		await expect(page.locator('html')).toHaveAttribute('lang', c.lang);
		// A customer list opened on screen (an R×F cell) is not part of the printed report.
		await openView(page, 'segments');
		await page.locator('[data-testid="rfm-segments"] tbody th button').first().click();
		await expect(page.getByTestId('segment-customers-table')).toBeVisible();
		await page.emulateMedia({ media: 'print' });
		for (const id of VIEWS) await expect(page.getByTestId(`print-view-${id}`).locator(READY[id]).first()).toBeVisible();
		await expect(page.getByTestId('segment-customers-table')).toBeHidden();
		await expect(page.getByTestId('drill-list')).toHaveCount(0);

		// Not one pixel wider than the paper, whatever the direction.
		const wide = await page.evaluate(() => ({
			page: document.documentElement.scrollWidth,
			over: [...document.querySelectorAll('body *')]
				.filter((e) => {
					const r = e.getBoundingClientRect();
					return r.width > 0 && (r.right > 720.5 || r.left < -0.5);
				})
				.slice(0, 5)
				.map((e) => `${e.tagName}.${e.getAttribute('class') ?? ''}`)
		}));
		expect(wide.over, `${c.lang}: elements outside the sheet`).toEqual([]);
		expect(wide.page).toBeLessThanOrEqual(720);

		// Buttons carrying data print as text: the segment names, the sortable column headers.
		const rfm = page.getByTestId('rfm-segments');
		await expect(rfm.locator('tbody th').first()).toHaveText(c.champions);
		await expect(rfm.locator('tbody th').first().locator('button')).toBeVisible();
		const header = page.getByTestId('customers-table').locator('thead th');
		await expect(header.first()).toHaveText(new RegExp(`^${c.customer}( [↑↓])?$`)); // with the sort's arrow
		for (const text of await header.allInnerTexts()) expect(text.trim()).not.toBe('');
		// Controls do not print; only buttons inside table cells do.
		await expect(page.locator('button:not(:is(th, td) button):visible, select:visible, input:visible')).toHaveCount(0);
		await expect(page.locator('label:visible')).toHaveCount(0);
		// The per-period table of the whole base prints once, in Retention (not also in Overview).
		await expect(page.getByTestId('print-view-overview').getByTestId('period-table').locator('visible=true')).toHaveCount(0);
		await expect(page.getByTestId('print-view-retention').getByTestId('period-table').locator('visible=true')).toHaveCount(1);
		await expect(page.getByTestId('print-view-retention').getByTestId('period-table')).toBeVisible();
		if (c.lang === 'en') {
			// The labels as whole texts (the explanations may say "calibration end" in a sentence).
			for (const label of ['Search customer id', 'Top values', 'Horizon (weeks)', 'Calibration end', 'Tall when top-20 % share ≥ (%)', 'Loyal: frequency ≥', 'More downloads'])
				await expect(page.getByText(label, { exact: true }).locator('visible=true'), label).toHaveCount(0);
			for (const text of [/^Computed in \d+ ms/, /^Page \d+ of \d+$/])
				await expect(page.getByText(text).locator('visible=true'), String(text)).toHaveCount(0);
		}
		await page.screenshot({ path: `${SHOTS}/product-print-720-${c.lang}.png`, fullPage: true });
	}
});

test('keyboard: a focused heatmap cell or chart point shows its text beside it', async ({ page }) => {
	await importSample(page);
	await page.getByTestId('base-point').first().focus();
	await expect(page.getByTestId('focus-tooltip')).toContainText('2010-12');
	// One tab stop per chart; the arrow keys walk its points (roving tabindex), End jumps to the last.
	await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('base-point').nth(1)).toBeFocused();
	await expect(page.getByTestId('focus-tooltip')).toContainText('2011-01');
	await expect(page.getByTestId('base-point').nth(1)).toHaveAttribute('tabindex', '0');
	await expect(page.getByTestId('base-point').first()).toHaveAttribute('tabindex', '-1');
	// The point's text carries the period's figures: the same as the chart's data-table row.
	// (the table is built when it is opened; opened without a click, so the point keeps the focus)
	await page.locator('[data-testid="base-chart"] details.data-alt').evaluate((d: HTMLDetailsElement) => (d.open = true));
	const row = page.locator('[data-testid="base-chart"] .data-alt tbody tr').nth(1).locator('td');
	const [base, installed] = [await row.nth(0).textContent(), await row.nth(1).textContent()];
	await expect(page.getByTestId('base-point').nth(1)).toHaveAttribute('aria-label', new RegExp(`customer base ${base}, installed base ${installed}\\.`));
	await page.keyboard.press('End');
	await expect(page.getByTestId('base-point').last()).toBeFocused();
	// The average retention curve: reached by focus, offset 1's text names the retention there.
	const curvePoint = page.getByTestId('retention-curve-point').nth(1);
	await curvePoint.focus();
	await expect(page.getByTestId('focus-tooltip')).toContainText('%');
	await page.keyboard.press('ArrowLeft');
	await expect(page.getByTestId('retention-curve-point').first()).toBeFocused();
	await openView(page, 'cohorts');
	const cell = page.locator('[data-testid="heat-cell"][data-cohort="2011-01"][data-offset="1"]');
	await cell.focus();
	await expect(page.getByTestId('focus-tooltip')).toContainText('2011-01');
	await page.screenshot({ path: `${SHOTS}/product-focus-tooltip.png` });
	await cell.blur();
	await expect(page.getByTestId('focus-tooltip')).toHaveCount(0);
});

test.describe('touch', () => {
	test.use({ hasTouch: true, viewport: { width: 390, height: 844 } });
	test('tapping a point of the Lorenz curve shows its text beside it', async ({ page }) => {
		await importSample(page);
		await openView(page, 'customers');
		const point = page.getByTestId('lorenz-point').nth(150);
		await point.scrollIntoViewIfNeeded();
		await point.tap();
		await expect(point).toBeFocused();
		await expect(page.getByTestId('focus-tooltip')).toContainText('of customers');
		await expect(page.getByTestId('focus-tooltip')).toContainText('of revenue');
		await page.screenshot({ path: `${SHOTS}/product-touch-tooltip.png` });
	});
});

test('a screen that fails to draw says so, keeps the data, and "Try again" recomputes it (no blank screen)', async ({ page }) => {
	await importSample(page);
	const kpi = await page.getByTestId('kpi-customers').locator('dd').innerText();
	// Damage the stored dashboard result (what a reload draws without reading the rows) in the real IndexedDB.
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('mandegar');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('results', 'readwrite');
					const store = tx.objectStore('results');
					const all = store.getAll();
					all.onsuccess = () => {
						for (const rec of all.result) store.put({ ...rec, result: { ...rec.result, periods: null } });
					};
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			})
	);
	await page.reload();
	const error = page.getByTestId('view-error');
	await expect(error).toBeVisible();
	await expect(error).toContainText('This screen could not be drawn');
	await expect(error).toContainText('Your stored data is safe');
	// The rest of the page is there: the stored dataset is still listed.
	await expect(page.getByTestId('dataset-item')).toContainText('online_retail_sample');
	await page.screenshot({ path: `${SHOTS}/product-view-error.png` });
	await page.getByTestId('view-error-retry').click();
	await expect(page.locator(READY.overview)).toBeVisible();
	await expect(error).toHaveCount(0);
	await expect(page.getByTestId('kpi-customers').locator('dd')).toHaveText(kpi);
	// The recomputed result replaced the damaged one: a reload draws it.
	await page.reload();
	await expect(page.locator(READY.overview)).toBeVisible();
	await expect(page.getByTestId('kpi-customers').locator('dd')).toHaveText(kpi);
});

test('theme: dark chosen in the header survives a reload; system is the default', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('./');
	await expect(page.locator('html')).not.toHaveAttribute('data-theme');
	await expect(page.getByTestId('theme')).toHaveValue('system');
	await page.getByTestId('theme').selectOption('dark');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor || getComputedStyle(document.documentElement).backgroundColor);
	const dark = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
	expect(dark).toBe('rgb(15, 19, 24)');
	expect(await page.evaluate(() => localStorage.getItem('mandegar.theme'))).toBe('dark');
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await expect(page.getByTestId('theme')).toHaveValue('dark');
	await page.getByTestId('theme').selectOption('system');
	await expect(page.locator('html')).not.toHaveAttribute('data-theme');
	expect(await bg()).not.toBe('rgb(15, 19, 24)');
});

test('accessibility: skip link, and no serious or critical axe violations in any view (light and dark)', async ({ page }) => {
	test.setTimeout(240_000);
	await importSample(page);
	// From the top of a fresh page, the first Tab reaches the skip link.
	await page.reload();
	await expect(page.locator(READY.overview)).toBeVisible();
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to main content' });
	await expect(skip).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.locator('#main-content')).toBeFocused();

	for (const scheme of ['light', 'dark'] as const) {
		await page.getByTestId('theme').selectOption(scheme);
		for (const id of VIEWS) {
			await openView(page, id);
			const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
			const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
			const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
			expect.soft(report, `${scheme} ${id}`).toBe('');
		}
	}
});

for (const width of [1280, 390]) {
	test(`screenshots of every view at ${width} px, light and dark`, async ({ page }) => {
		test.setTimeout(240_000);
		await page.setViewportSize({ width, height: 900 });
		await importSample(page);
		for (const scheme of ['light', 'dark'] as const) {
			await page.getByTestId('theme').selectOption(scheme);
			for (const id of VIEWS) {
				await openView(page, id);
				await page.screenshot({ path: `${SHOTS}/product-${id}-${width}-${scheme}.png`, fullPage: true });
			}
		}
	});
}
