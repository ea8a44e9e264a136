// The UI in English, Persian and Russian (issue 7), in real Chromium with the sample data: document
// language and direction, Persian digits and a Jalali cohort label, a Russian plural and month
// label; screenshots of the Overview and Cohorts views in fa and ru are kept under
// test-results/screenshots (SCREENSHOT_DIR overrides, for parallel runs).
import { test, expect, type Page } from '@playwright/test';

const SHOTS = process.env.SCREENSHOT_DIR ?? 'test-results/screenshots';
const PERSIAN_DIGIT = /[۰-۹]/;
const LATIN_DIGIT = /[0-9]/;

async function importSample(page: Page, lang: string) {
	await page.goto(`./?lang=${lang}`);
	await page.getByTestId('sample-button').click();
	await page.getByTestId('import-button').click();
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
	await expect(page.locator('[data-testid="base-chart"][data-ready="true"]')).toBeVisible();
}

async function shot(page: Page, name: string) {
	// Fonts loaded, so a screenshot shows the real glyphs (no fallback flash).
	await page.evaluate(() => document.fonts.ready);
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function openView(page: Page, view: string) {
	await page.getByTestId(`tab-${view}`).click();
	await expect(page.getByTestId(`view-${view}`)).toBeVisible();
}

test('English stays the default: ltr, ISO period labels', async ({ page }) => {
	await importSample(page, 'en');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
	await expect(page.locator('[data-cohort-label="2010-12"]')).toHaveText('2010-12');
	await expect(page.getByTestId('kpi-installed')).toContainText('active in the last 3 months');
});

test('Persian: rtl, Persian digits, Jalali cohorts, Latin digits on request', async ({ page }) => {
	await importSample(page, 'fa');
	await expect(page.locator('html')).toHaveAttribute('lang', 'fa');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByTestId('tab-overview')).toHaveText('نمای کلی');
	// Persian calendar by default for fa: the sample's first month is Azar 1389 (2010-12-01 = 1389/09/10).
	await expect(page.getByTestId('calendar-setting')).toHaveValue('persian');
	await expect(page.locator('[data-cohort-label="1389-09"]')).toHaveText('آذر ۱۳۸۹');
	await expect(page.locator('[data-testid="heat-cell"][data-cohort="1389-09"][data-offset="0"]')).toBeVisible();
	const customers = page.getByTestId('kpi-customers').locator('dd');
	await expect(customers).toHaveText(PERSIAN_DIGIT);
	await expect(customers).not.toHaveText(LATIN_DIGIT);
	const crr = page.getByTestId('kpi-crr').locator('dd');
	await expect(crr).toHaveText(/^[۰-۹٬٫]+٪$/);
	await shot(page, 'i18n-fa-overview');
	await openView(page, 'cohorts');
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
	await shot(page, 'i18n-fa-cohorts');

	// Latin digits: the same figures, remembered across a reload.
	await openView(page, 'overview');
	await page.getByTestId('digits-setting').selectOption('latn');
	await expect(customers).toHaveText(/^[0-9,]+$/);
	await expect(page.locator('[data-cohort-label="1389-09"]')).toHaveText('آذر 1389');
	// Gregorian calendar on request: periods regroup by Gregorian months with Persian month names.
	await page.getByTestId('calendar-setting').selectOption('gregorian');
	await expect(page.locator('[data-cohort-label="2010-12"]')).toHaveText('دسامبر 2010');
});

test('Russian: ltr, plural forms, month names, spaces and commas', async ({ page }) => {
	await importSample(page, 'ru');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
	await expect(page.getByTestId('calendar-setting')).toHaveValue('gregorian');
	await expect(page.locator('[data-cohort-label="2010-12"]')).toHaveText('декабрь 2010');
	// W = 3 months: «за последние 3 месяца» (few), not «месяцев».
	await expect(page.getByTestId('kpi-installed')).toContainText('за последние 3 месяца');
	// The dataset line: the count's own form (one / few / many) of «клиент».
	const summary = await page.locator('.dataset-title p').innerText();
	const m = /^([\d\s\u00a0]+) (клиент|клиента|клиентов) ·/.exec(summary);
	expect(m, summary).not.toBeNull();
	const n = Number((m as RegExpExecArray)[1].replace(/\D/g, ''));
	const forms: Partial<Record<Intl.LDMLPluralRule, string>> = { one: 'клиент', few: 'клиента', many: 'клиентов', other: 'клиента' };
	const form = forms[new Intl.PluralRules('ru').select(n)];
	expect((m as RegExpExecArray)[2]).toBe(form);
	// A decimal comma on the CRR card.
	await expect(page.getByTestId('kpi-crr').locator('dd')).toHaveText(/^\d+,\d%$/);
	await shot(page, 'i18n-ru-overview');
	await openView(page, 'cohorts');
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
	await shot(page, 'i18n-ru-cohorts');
});

test('the language picker switches and is remembered', async ({ page }) => {
	await page.goto('./');
	await page.getByTestId('language').selectOption('fa');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('lang', 'fa');
	await page.getByTestId('language').selectOption('ru');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
});
