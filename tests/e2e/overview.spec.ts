// The overview in real Chromium: the ten KPI cards of the latest complete period with sparklines and
// changes, and the plain-language summary, whose numbers must be those of the period table's row.
// Expected changes are worked by hand from shared/data/reference/online_retail_sample_month_w3/periods.csv.
import { test, expect, type Page } from '@playwright/test';

const SHOTS = 'test-results/screenshots';
/** The previous period as the change lines write it: a non-breaking hyphen (U+2011) keeps it whole. */
const PREV = '2011\u201110';
const CARDS = [
	'kpi-customers',
	'kpi-installed',
	'kpi-new',
	'kpi-crr',
	'kpi-churn-naive',
	'kpi-churn-adjusted',
	'kpi-repeat-rate',
	'kpi-aov',
	'kpi-clv',
	'kpi-return-rate'
];

/** The period table's last complete row as numbers: period label and start, end, new, lost, reactivated. */
async function latestCompleteRow(page: Page) {
	const row = page.getByTestId('period-table').locator('tbody tr:not(.partial)').last();
	const period = (await row.locator('th').getAttribute('data-period')) ?? '';
	const cells = await row.locator('td').allInnerTexts();
	const n = (i: number) => Number(cells[i].replace(/,/g, ''));
	return { period, start: n(0), end: n(1), new: n(2), lost: n(3), reactivated: n(4) };
}

test('overview: ten cards with sparklines and changes, a summary equal to the period table', async ({ page }) => {
	await page.goto('./');
	await page.getByTestId('sample-button').click();
	await page.getByTestId('import-button').click();
	await expect(page.locator('[data-testid="base-chart"][data-ready="true"]')).toBeVisible();

	for (const id of CARDS) await expect(page.getByTestId(id)).toBeVisible();
	// Every card draws its sparkline up to its period, and says how it changed.
	for (const id of CARDS) {
		await expect(page.getByTestId(id).getByTestId('sparkline').locator('path')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/);
		await expect(page.getByTestId(`${id}-change`)).toContainText(`vs ${PREV}`);
	}
	// 2011-12 is partial, so the cards show 2011-11: CRR 100.397 % after 100.472 % → −0.1 pp, worse;
	// installed base 290 after 252 → +15.1 %, better.
	await expect(page.getByTestId('kpi-crr')).toContainText('100.4');
	await expect(page.getByTestId('kpi-crr-change')).toHaveText(`▼ −0.1 pp vs ${PREV} (100.5 %), worse`);
	await expect(page.getByTestId('kpi-crr-change')).toHaveAttribute('data-tone', 'bad');
	await expect(page.getByTestId('kpi-installed-change')).toHaveText(`▲ +15.1 % vs ${PREV} (252), better`);
	// Naive churn 9.127 % after 8.962 % → +0.2 pp: up is bad for churn.
	await expect(page.getByTestId('kpi-churn-naive-change')).toHaveText(`▲ +0.2 pp vs ${PREV} (9.0 %), worse`);
	await page.getByTestId('overview-summary').scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/overview-1280.png`, fullPage: false });
	// The new cards fill in the user's numbers.
	await page.getByTestId('kpi-return-rate').locator('summary').click();
	await expect(page.getByTestId('kpi-return-rate-formula')).toHaveText(/^= [\d,]+ ÷ \([\d,]+ \+ [\d,]+\) × 100 = [\d.]+ %$/);

	// The summary sentence holds the period table's numbers for the same period.
	const row = await latestCompleteRow(page);
	expect(row.period).toBe('2011-11');
	// The card's customers are counted to the end of that period (the header counts to the last day of the file).
	await expect(page.getByTestId('kpi-customers')).toContainText('ever bought, by the end of 2011-11');
	// CRR over 100 % (more came back than were lost) is explained on its card with the same numbers.
	expect(row.reactivated).toBeGreaterThan(row.lost);
	await expect(page.getByTestId('kpi-crr')).toContainText(`Over 100 %: ${row.reactivated} customers came back after a pause, more than the ${row.lost} lost.`);
	const summary = page.getByTestId('overview-summary');
	const expected =
		`Of the ${row.start} customers active at the start of ${row.period}, ${row.start - row.lost} were still active at its end; ` +
		`${row.lost} were lost, ${row.reactivated} came back and ${row.new} new customers bought for the first time, so ${row.end} customers were active at the end.`;
	await expect(summary).toHaveText(expected);
	expect(row.start - row.lost + row.reactivated + row.new).toBe(row.end);

	// Phone width: the cards wrap.
	await page.setViewportSize({ width: 390, height: 844 });
	const first = await page.getByTestId('kpi-customers').boundingBox();
	const third = await page.getByTestId('kpi-new').boundingBox();
	expect(third!.y).toBeGreaterThan(first!.y);
	expect(first!.x + first!.width).toBeLessThanOrEqual(390);
	await page.locator('section.kpis').screenshot({ path: `${SHOTS}/overview-390.png` });
	await page.setViewportSize({ width: 1280, height: 900 });

	// A reload draws the same overview (from the stored result).
	await page.reload();
	await expect(page.getByTestId('overview-summary')).toHaveText(expected);
	await expect(page.getByTestId('kpi-crr-change')).toHaveText(`▼ −0.1 pp vs ${PREV} (100.5 %), worse`);
	await expect(page.getByTestId('kpi-aov').getByTestId('sparkline')).toBeVisible();

	// Persian: right to left, Persian digits in the summary.
	await page.goto('./?lang=fa');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByTestId('overview-summary')).toContainText(/^از [۰-۹٬]+ مشتری فعال در آغاز/);
	await expect(page.getByTestId('kpi-return-rate').getByTestId('sparkline')).toBeVisible();
	await page.getByTestId('overview-summary').scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/overview-fa-1280.png`, fullPage: false });
	await page.getByTestId('kpi-churn-naive').screenshot({ path: `${SHOTS}/overview-fa-card.png` });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.locator('section.kpis').screenshot({ path: `${SHOTS}/overview-fa-390.png` });
});
