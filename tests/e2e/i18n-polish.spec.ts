// Persian and Russian polish from a new user's review (issue 7), in real Chromium with the sample data:
// formulas read left to right as a whole in a right-to-left page, no English left in the symbols line,
// the "(other)" group, byte units and the app name in the UI language, a note on Persian periods, signs
// on the right side of a number, the window typed in Persian digits, one row of tabs, the settings bar at
// 390 px, the heatmap scrolling inside its card. Screenshots go to test-results/screenshots.
import { test, expect, type Locator, type Page } from '@playwright/test';

const SHOTS = process.env.SCREENSHOT_DIR ?? 'test-results/screenshots';

async function importSample(page: Page, lang: string) {
	await page.goto(`./?lang=${lang}`);
	await page.getByTestId('sample-button').click();
	await page.getByTestId('import-button').click();
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
}

async function openView(page: Page, view: string) {
	await page.getByTestId(`tab-${view}`).click();
	await expect(page.getByTestId(`view-${view}`)).toBeVisible();
}

async function shot(page: Page, name: string, fullPage = false) {
	await page.evaluate(() => document.fonts.ready);
	await page.screenshot({ path: `${SHOTS}/polish-${name}.png`, fullPage });
}

/**
 * Where on screen a piece of an element's text is drawn: the left and right of the first occurrence of
 * `needle` (searched in the element's whole text, across its child nodes), from a DOM Range.
 */
async function textBox(el: Locator, needle: string): Promise<{ left: number; right: number; top: number }> {
	return el.evaluate((node, needle) => {
		const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
		const texts: Text[] = [];
		for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
		const whole = texts.map((t) => t.data).join('');
		const at = whole.indexOf(needle);
		if (at < 0) throw new Error(`"${needle}" not in "${whole}"`);
		const locate = (offset: number): [Text, number] => {
			for (const t of texts) {
				if (offset <= t.data.length) return [t, offset];
				offset -= t.data.length;
			}
			throw new Error('offset past the end');
		};
		// Each character's own box: a range across a direction change would span both runs.
		let left = Infinity;
		let right = -Infinity;
		let top = Infinity;
		for (let i = at; i < at + needle.length; i++) {
			const range = document.createRange();
			const [a, ao] = locate(i);
			range.setStart(a, ao);
			const [b, bo] = locate(i + 1);
			range.setEnd(b, bo);
			const r = range.getBoundingClientRect();
			if (r.width === 0) continue;
			left = Math.min(left, r.left);
			right = Math.max(right, r.right);
			top = Math.min(top, r.top);
		}
		return { left, right, top };
	}, needle);
}

/** The card is narrow and a line may wrap: in reading order, each piece is further right on its line, or on a later line. */
async function expectLeftToRight(el: Locator, needles: string[], what: string) {
	const pieces = [];
	for (const needle of needles) pieces.push(await textBox(el, needle));
	for (let i = 1; i < pieces.length; i++) {
		const [a, b] = [pieces[i - 1], pieces[i]];
		const sameLine = Math.abs(a.top - b.top) < 4;
		expect(sameLine ? b.left >= a.right - 0.5 : b.top > a.top, `${what}: ${needles[i - 1]} before ${needles[i]}`).toBe(true);
	}
}

test('Persian formulas read left to right as written: churn = lost ÷ S × 100, on the Retention view and the KPI cards', async ({ page }) => {
	await page.setViewportSize({ width: 1366, height: 900 });
	await importSample(page, 'fa');
	await openView(page, 'retention');
	const formulas = page.getByTestId('retention-formulas');
	// The naive churn: «ریزش = از دست‌رفته ÷ S × 100» (fa.ts 'formula.churnNaive'): churn first, then lost, then S.
	const naive = formulas.locator('dt').filter({ hasText: /^ریزش = / });
	await expect(naive).toHaveCount(1);
	const churn = await textBox(naive, 'ریزش');
	const lost = await textBox(naive, 'از دست‌رفته');
	const s = await textBox(naive, 'S');
	expect(churn.right).toBeLessThan(lost.left);
	expect(lost.right).toBeLessThan(s.left);
	// E = S − lost + N + reactivated: «بازگشته» (reactivated) is the last term, at the right end.
	const installed = formulas.locator('dt').filter({ hasText: /^E = / });
	expect((await textBox(installed, 'E')).right).toBeLessThan((await textBox(installed, 'از دست‌رفته')).left);
	expect((await textBox(installed, 'از دست‌رفته')).right).toBeLessThan((await textBox(installed, 'بازگشته')).left);
	// The symbols line names "lost" in Persian, with the word the formulas use.
	const symbols = formulas.locator('p').first();
	await expect(symbols).toContainText('از دست‌رفته = فعال در آغاز');
	await expect(symbols).not.toContainText('lost');
	await formulas.screenshot({ path: `${SHOTS}/polish-fa-1366-retention-formulas.png` });

	// The same formula on the Overview card.
	await openView(page, 'overview');
	const card = page.getByTestId('kpi-churn-naive');
	await card.locator('summary').click();
	const def = card.locator('.formula-def');
	expect((await textBox(def, 'ریزش')).right).toBeLessThan((await textBox(def, 'از دست‌رفته')).left);
	// In the page's font (a monospace font sets Persian letters apart) and in Persian digits, × ۱۰۰ as in the worked line.
	expect(await def.evaluate((el) => getComputedStyle(el.closest('p')!).fontFamily)).not.toMatch(/^ui-monospace/);
	await expect(def).toContainText('× ۱۰۰');

	// Customers: the top-20 % worked line, «⌈0.2 · n⌉ = k مشتری: top ÷ total × ۱۰۰ = share», keeps its order:
	// "= k مشتری" before the colon, the revenue division after it.
	await openView(page, 'customers');
	const top20 = page.getByTestId('kpi-top20');
	await top20.locator('summary').click();
	const worked = page.getByTestId('kpi-top20-formula');
	const workedText = await worked.innerText();
	await expectLeftToRight(worked, ['⌈', '⌉ =', 'مشتری', ':', '÷', '×'], workedText);
	// Its definition: «درآمد ⌈0.2 · n⌉ …» keeps "0.2 · n" in its order inside the Persian term.
	await expectLeftToRight(top20.locator('.formula-def'), ['0.2', 'n⌉'], 'top-20 definition');
	await page.getByTestId('kpi-gini').locator('summary').click();
	// The base-shape rule is a Persian sentence: it reads right to left, «بلند» (tall) first, at the right.
	const shape = page.getByTestId('kpi-shape');
	await shape.locator('summary').click();
	const rule = shape.locator('.formula-def');
	expect((await textBox(rule, 'بلند')).left).toBeGreaterThan((await textBox(rule, 'متوازن')).right);
	await page.locator('.kpi-strip').first().screenshot({ path: `${SHOTS}/polish-fa-customers-formulas.png` });
});

test('Russian: the symbols line has no English word left', async ({ page }) => {
	await importSample(page, 'ru');
	await openView(page, 'retention');
	const symbols = page.getByTestId('retention-formulas').locator('p').first();
	await expect(symbols).toContainText('потерянные — активные на начало');
	await expect(symbols).not.toContainText('lost');
});

test('Persian: app name, Persian-calendar note, byte units, the (other) group, change signs, the window in Persian digits', async ({ page }) => {
	await page.setViewportSize({ width: 1366, height: 900 });
	await importSample(page, 'fa');
	// One name: «ماندگار» on screen as in the printed title.
	await expect(page.locator('.app-header h1')).toHaveText('ماندگار');
	await expect(page.locator('.print-report-title')).toHaveText('گزارش ماندگاری ماندگار');

	// The Persian calendar is fa's default: the note says the periods differ from Gregorian months.
	const note = page.getByTestId('calendar-note');
	await expect(note).toBeVisible();
	await expect(note).toContainText('تقویم هجری خورشیدی');

	// Sizes in the dataset list and the storage card: Persian unit names, no MB/KB/GB.
	const size = page.getByTestId('dataset-item').first();
	await expect(size).toContainText(/کیلوبایت|مگابایت/);
	await expect(size).not.toContainText(/\b[KMG]B\b|\bkB\b/);

	// The KPI change lines: in the signed number the sign stands left of the digits (as Intl's fa format
	// writes it, "‎−۴٫۷"), and the arrow opens the line on the right.
	await shot(page, 'fa-1366-overview-top');
	await page.locator('.kpi-strip').first().screenshot({ path: `${SHOTS}/polish-fa-kpi-strip.png` });
	for (const id of ['kpi-churn-adjusted', 'kpi-crr', 'kpi-customers']) {
		const change = page.getByTestId(`${id}-change`);
		const text = await change.innerText();
		const sign = /[+−]/.exec(text)?.[0];
		expect(sign, text).toBeDefined();
		const signBox = await textBox(change, sign as string);
		const digit = /[۰-۹]/.exec(text.slice(text.indexOf(sign as string)))?.[0] as string;
		const digitBox = await textBox(change, `${sign}${digit}`);
		// The sign's own box is the leftmost of the "sign + first digit" pair.
		expect(signBox.left, text).toBeLessThanOrEqual(digitBox.left + 0.5);
		expect(signBox.right, text).toBeLessThan(digitBox.right);
		const arrow = await textBox(change, text.trim()[0]);
		expect(arrow.left, text).toBeGreaterThan(signBox.right);
	}
	// A change in points reads, right to left: arrow, signed number, «واحد درصد» (percentage points).
	const points = page.getByTestId('kpi-churn-adjusted-change');
	const pointsText = await points.innerText();
	const numberBox = await textBox(points, /[+−][۰-۹٫]+/.exec(pointsText)?.[0] as string);
	expect((await textBox(points, 'واحد درصد')).right, pointsText).toBeLessThan(numberBox.left);

	// The window shows Persian digits and takes Persian, Arabic-Indic and Latin ones.
	const window = page.getByTestId('window');
	await expect(window).toHaveValue('۳');
	await window.fill('۶');
	await window.dispatchEvent('change');
	await expect(window).toHaveValue('۶');
	await expect(page.getByTestId('kpi-installed')).toContainText('۶ ماه');
	await window.fill('٤');
	await window.dispatchEvent('change');
	await expect(window).toHaveValue('۴');
	await window.fill('2');
	await window.dispatchEvent('change');
	await expect(window).toHaveValue('۲');
	// Not a whole number: the window stays.
	await window.fill('۲٫۵');
	await window.dispatchEvent('change');
	await expect(window).toHaveValue('۲');

	// Every whole-number setting works the same way: the Segments thresholds and the Predictions horizon.
	await openView(page, 'segments');
	const loyalDays = page.getByTestId('loyal-min-days');
	await expect(loyalDays).toHaveValue('۳۶۵');
	const loyalRow = page.getByTestId('view-segments').locator('tr', { hasText: 'وفادار' }).last();
	const loyalBefore = await loyalRow.innerText();
	await loyalDays.fill('۱۸۰');
	await loyalDays.dispatchEvent('change');
	await expect(loyalDays).toHaveValue('۱۸۰');
	await expect(loyalRow).not.toHaveText(loyalBefore);
	await loyalDays.fill('-5');
	await loyalDays.dispatchEvent('change');
	await expect(loyalDays).toHaveValue('۱۸۰');
	await openView(page, 'predictions');
	await expect(page.getByTestId('horizon')).toHaveValue('۵۲');

	// Breakdowns: the group of the other values is named in Persian; its row keeps the CSV's value.
	await openView(page, 'breakdowns');
	const other = page.getByTestId('breakdown-table').locator('tr[data-value="(other)"] th');
	await expect(other).toHaveText('(سایر)');
	await shot(page, 'fa-1366-breakdowns');

	// Settings: the storage card's sizes in Persian too.
	await openView(page, 'settings');
	const storage = page.getByTestId('view-settings').getByTestId('storage-status');
	await expect(storage).toContainText(/بایت/);
	await expect(storage).not.toContainText(/\b[KMG]B\b|\bkB\b/);

	// Gregorian on request: no note.
	await page.getByTestId('calendar-setting').selectOption('gregorian');
	await expect(note).toHaveCount(0);
});

test('English: the brand stays Mandegar, no calendar note, sizes in kB/MB', async ({ page }) => {
	await importSample(page, 'en');
	await expect(page.locator('.app-header h1')).toHaveText('Mandegar');
	await expect(page.getByTestId('calendar-note')).toHaveCount(0);
	await expect(page.getByTestId('dataset-item').first()).toContainText(/\d kB|\d MB/);
	await expect(page.getByTestId('window')).toHaveValue('3');
});

test('Russian at 1366 px: the nine tabs stay on one row', async ({ page }) => {
	await page.setViewportSize({ width: 1366, height: 900 });
	await importSample(page, 'ru');
	const tabs = page.getByTestId('view-tabs').locator('a');
	await expect(tabs).toHaveCount(9);
	const tops = await tabs.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
	expect(new Set(tops).size, String(tops)).toBe(1);
	// The last tab is reachable: on screen, or the strip scrolls to it when it is opened.
	await openView(page, 'settings');
	const last = await page.getByTestId('tab-settings').boundingBox();
	const strip = await page.getByTestId('view-tabs').boundingBox();
	expect(last && strip && last.x + last.width <= strip.x + strip.width + 1).toBe(true);
	await openView(page, 'overview');
	await shot(page, 'ru-1366-tabs');
});

for (const lang of ['ru', 'fa']) {
	test(`${lang} at 390 px: the display settings start at the same edge as the analysis settings`, async ({ page }) => {
		await page.setViewportSize({ width: 390, height: 844 });
		await importSample(page, lang);
		const bar = page.locator('.settings-bar');
		const period = await page.getByTestId('granularity').boundingBox();
		const calendar = await page.getByTestId('calendar-setting').boundingBox();
		expect(period && calendar).toBeTruthy();
		if (!period || !calendar) return;
		// ltr: both start at the left; rtl: both end at the right (each within a few px).
		if (lang === 'fa') expect(Math.abs(period.x + period.width - (calendar.x + calendar.width))).toBeLessThan(4);
		else expect(Math.abs(period.x - calendar.x)).toBeLessThan(4);
		await bar.scrollIntoViewIfNeeded();
		await shot(page, `${lang}-390-settings-bar`);
	});
}

const HEAT_CASES = [
	['fa', 390],
	['en', 390],
	['ru', 390],
	['fa', 1366]
] as const;
for (const [lang, width] of HEAT_CASES) {
	test(`${lang} at ${width} px: the heatmap scrolls inside its card, every column reachable`, async ({ page }) => {
		await page.setViewportSize({ width, height: 844 });
		await importSample(page, lang);
		await openView(page, 'cohorts');
		const heat = page.locator('[data-testid="cohort-heatmap"][data-ready="true"]');
		await expect(heat).toBeVisible();
		const scroller = heat.locator('.heat-scroll');
		const card = page.getByTestId('view-cohorts').locator('.card').filter({ has: scroller });
		const box = await scroller.boundingBox();
		const cardBox = await card.boundingBox();
		expect(box && cardBox).toBeTruthy();
		if (!box || !cardBox) return;
		// Inside the card and the viewport, not cut off by them.
		expect(box.x).toBeGreaterThanOrEqual(cardBox.x);
		expect(box.x + box.width).toBeLessThanOrEqual(cardBox.x + cardBox.width + 0.5);
		expect(box.x + box.width).toBeLessThanOrEqual(width);
		const { scrollWidth, clientWidth } = await scroller.evaluate((e) => ({ scrollWidth: e.scrollWidth, clientWidth: e.clientWidth }));
		// A phone cannot show the sample's 13 months: the grid scrolls there.
		if (width === 390) expect(scrollWidth).toBeGreaterThan(clientWidth);
		// Scrolled to its end, the last column's cell is inside the scroller's box.
		await scroller.evaluate((e) => (e.scrollLeft = e.scrollWidth));
		const lastOffset = await heat
			.locator('[data-testid="heat-cell"]')
			.evaluateAll((els) => Math.max(...els.map((e) => Number(e.getAttribute('data-offset')))));
		const cell = await heat.locator(`[data-testid="heat-cell"][data-offset="${lastOffset}"]`).first().boundingBox();
		expect(cell && cell.x + cell.width <= box.x + box.width + 0.5).toBe(true);
		await scroller.scrollIntoViewIfNeeded();
		await shot(page, `${lang}-${width}-heatmap-scrolled`);
	});
}

test('ru at 390 px: every R × F cell keeps its segment name inside the cell', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await importSample(page, 'ru');
	await openView(page, 'segments');
	await expect(page.locator('[data-testid="rfm-grid"][data-ready="true"]')).toBeVisible();
	const overflow = await page.getByTestId('rfm-cell').evaluateAll((cells) =>
		cells.flatMap((cell) => {
			const box = cell.querySelector('rect')!.getBoundingClientRect();
			return [...cell.querySelectorAll('text')]
				.map((t) => ({ text: t.textContent ?? '', r: t.getBoundingClientRect() }))
				.filter(({ r }) => r.left < box.left - 0.5 || r.right > box.right + 0.5)
				.map(({ text }) => text);
		})
	);
	expect(overflow).toEqual([]);
	// The long names are there, on two lines.
	await expect(page.locator('[data-testid="rfm-cell"] text', { hasText: 'потенциально' }).first()).toBeVisible();
	await page.getByTestId('rfm-grid').scrollIntoViewIfNeeded();
	await shot(page, 'ru-390-rfm-grid');
});
