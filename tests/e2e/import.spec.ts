// End to end for issue 4 in real Chromium, real IndexedDB and the real worker: hostile files from
// shared/badcsv (windows-1256 with Jalali dates, ambiguous dates, a rejected file, a 1 MB field),
// checked against manifest.json. Screenshots go to test-results/screenshots.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';

const BADCSV = new URL('../../../shared/badcsv/', import.meta.url).pathname;
const SHOTS = 'test-results/screenshots';

interface Expect {
	rows_imported: number;
	rows_rejected: number;
	customers: number;
	orders: number;
	date_min: string | null;
	date_max: string | null;
	user_choice_required?: Record<string, string>;
	if_other_choice?: Record<string, string>;
	message_hint?: string;
}
const MANIFEST = JSON.parse(readFileSync(`${BADCSV}manifest.json`, 'utf8')) as { file: string; expect: Expect }[];

function expected(file: string): Expect {
	const e = MANIFEST.find((m) => m.file === file);
	if (!e) throw new Error(`${file} is not in the manifest`);
	return e.expect;
}

async function shot(page: Page, name: string, fullPage = true) {
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

/** The import summary of the open dataset shows the manifest's counts and date range. */
async function expectSummary(page: Page, e: Expect) {
	const s = page.getByTestId('import-summary');
	await expect(s.getByTestId('sum-imported')).toHaveText(e.rows_imported.toLocaleString('en-US'));
	await expect(s.getByTestId('sum-rejected')).toHaveText(e.rows_rejected.toLocaleString('en-US'));
	await expect(s.getByTestId('sum-customers')).toHaveText(e.customers.toLocaleString('en-US'));
	await expect(s.getByTestId('sum-orders')).toHaveText(e.orders.toLocaleString('en-US'));
	await expect(s.getByTestId('sum-dates')).toHaveText(`${e.date_min} → ${e.date_max}`);
}

test('windows-1256 Persian file with Jalali dates: encoding shown, imported, right counts and dates', async ({ page }) => {
	const file = 'encodings/windows1256_persian.csv';
	const e = expected(file);
	await page.goto('./');
	await page.getByTestId('file-input').setInputFiles(`${BADCSV}${file}`);
	await expect(page.getByTestId('import-button')).toBeVisible();
	// Detected, shown before import: windows-1256, decoded Persian headers (Arabic YEH kept).
	await expect(page.getByTestId('encoding')).toHaveValue('windows-1256');
	await expect(page.getByTestId('encoding-label')).toContainText('detected');
	await expect(page.getByTestId('calendar')).toContainText('Jalali');
	await expect(page.getByTestId('map-customer_id').locator('option:checked')).toHaveText('نام مشتري');
	await expect(page.getByTestId('map-date').locator('option:checked')).toHaveText('تاريخ');
	await expect(page.locator('.preview-table')).not.toContainText('\uFFFD');
	await shot(page, 'import-1256-preview');
	await page.setViewportSize({ width: 390, height: 844 });
	await shot(page, 'import-1256-preview-390');
	await page.setViewportSize({ width: 1280, height: 900 });

	// Choosing another encoding re-runs the preview (mojibake), and going back restores it.
	await page.getByTestId('encoding').selectOption('windows-1251');
	await expect(page.getByTestId('map-date').locator('option:checked')).not.toHaveText('تاريخ');
	await page.getByTestId('encoding').selectOption('windows-1256');
	await expect(page.getByTestId('map-date').locator('option:checked')).toHaveText('تاريخ');

	await page.getByTestId('import-button').click();
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
	await expectSummary(page, e);
	await expect(page.getByTestId('sum-format')).toContainText('windows-1256');
	await expect(page.getByTestId('sum-returns')).toHaveText('2');
	// The dashboard's date range is the converted Gregorian range.
	await expect(page.locator('.dataset-title')).toContainText(`${e.date_min} → ${e.date_max}`);
	await shot(page, 'import-1256-dashboard');

	// The same bytes again: noticed, nothing stored unless the user insists.
	await page.getByTestId('file-input').setInputFiles(`${BADCSV}${file}`);
	await page.getByTestId('import-button').click();
	await expect(page.getByTestId('same-file')).toContainText('already imported');
	await shot(page, 'import-same-file');
	await expect(page.getByTestId('dataset-item')).toHaveCount(1);
	await page.getByTestId('open-existing').click();
	await expect(page.getByTestId('dataset-item')).toHaveCount(1);
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
});

test('ambiguous dates: the date order is asked, the answer is applied', async ({ page }) => {
	const file = 'dates/ambiguous_no_evidence.csv';
	const e = expected(file);
	const answer = e.user_choice_required?.date_order.toLowerCase();
	expect(answer).toBe('mdy');
	await page.goto('./');
	await page.getByTestId('file-input').setInputFiles(`${BADCSV}${file}`);
	await expect(page.getByTestId('import-button')).toBeVisible();
	const question = page.locator('fieldset.question').filter({ hasText: 'Which order' });
	await expect(question).toBeVisible();
	await expect(page.getByTestId('date-order').locator('option:checked')).toHaveText('Not known yet');
	await shot(page, 'import-ambiguous-question');

	// Importing without an answer comes back with the question: nothing is guessed.
	await page.getByTestId('import-button').click();
	await expect(page.getByText('The whole file cannot settle this')).toBeVisible();
	await expect(page.getByTestId('import-button')).toBeDisabled();
	await expect(page.getByTestId('dataset-item')).toHaveCount(0);

	await question.getByLabel('Month / day / year').check();
	await expect(page.getByTestId('date-order')).toHaveValue('mdy');
	await page.getByTestId('import-button').click();
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
	await expectSummary(page, e);
	await expect(page.getByTestId('sum-format')).toContainText('month/day/year');
	await shot(page, 'import-ambiguous-answered');

	// The other answer gives the manifest's other range (a different file name, so not the same-file check).
	const bytes = readFileSync(`${BADCSV}${file}`);
	await page.getByTestId('file-input').setInputFiles({ name: 'ambiguous_dmy.csv', mimeType: 'text/csv', buffer: Buffer.concat([bytes, Buffer.from('\r\n')]) });
	await page.getByTestId('date-order').selectOption('dmy');
	await page.getByTestId('import-button').click();
	await expect(page.getByTestId('import-summary')).toContainText('ambiguous_dmy.csv');
	await expect(page.getByTestId('sum-dates')).toHaveText(`${e.if_other_choice?.date_min} → ${e.if_other_choice?.date_max}`);
});

test('a rejected file after a good import: clear message naming it, earlier dataset intact after reload', async ({ page }) => {
	const good = 'dates/jalali_latin_digits.csv';
	const e = expected(good);
	await page.goto('./');
	await page.getByTestId('file-input').setInputFiles(`${BADCSV}${good}`);
	await page.getByTestId('import-button').click();
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
	await expectSummary(page, e);

	for (const bad of ['structure/binary_junk.csv', 'structure/json_named_csv.csv']) {
		const hint = expected(bad).message_hint ?? '';
		await page.getByTestId('file-input').setInputFiles(`${BADCSV}${bad}`);
		const alert = page.getByTestId('import-error');
		await expect(alert).toContainText(bad.split('/')[1]);
		await expect(alert).toContainText(hint);
		await expect(page.getByTestId('import-button')).toHaveCount(0);
		await shot(page, `import-reject-${bad.split('/')[1].replace('.csv', '')}`);
	}
	await expect(page.getByTestId('dataset-item')).toHaveCount(1);
	await page.reload();
	await expect(page.getByTestId('dataset-item')).toHaveCount(1);
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
	await expectSummary(page, e);
	await shot(page, 'import-reject-after-reload');
});

test('import report: skipped and flagged rows, paged, downloadable', async ({ page }) => {
	const file = 'structure/ragged_rows.csv';
	const e = expected(file);
	await page.goto('./');
	await page.getByTestId('file-input').setInputFiles(`${BADCSV}${file}`);
	await page.getByTestId('import-button').click();
	await expect(page.getByTestId('sum-rejected')).toHaveText(String(e.rows_rejected));
	await page.getByTestId('open-report').click();
	const report = page.getByTestId('import-report');
	await expect(report.getByTestId('report-table')).toBeVisible();
	await report.getByTestId('report-filter').selectOption('skipped');
	await expect(report.locator('tbody tr')).toHaveCount(e.rows_rejected);
	await shot(page, 'import-report', false);
	const [download] = await Promise.all([page.waitForEvent('download'), report.getByTestId('report-download').click()]);
	const csv = readFileSync((await download.path())!, 'utf8');
	expect(csv.split('\n')[0]).toBe('line,column,value,reason');
	await report.getByTestId('close-report').click();
	await expect(report).toHaveCount(0);
});

test('a 1 MB field imports without freezing the page', async ({ page }) => {
	const file = 'structure/very_long_field.csv';
	const e = expected(file);
	await page.goto('./');
	await page.getByTestId('file-input').setInputFiles(`${BADCSV}${file}`);
	await expect(page.getByTestId('import-button')).toBeVisible();
	// The page still answers quickly while the preview with the huge field is on screen.
	const t0 = Date.now();
	await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
	expect(Date.now() - t0).toBeLessThan(2000);
	await page.getByTestId('import-button').click();
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
	await expectSummary(page, e);
	await shot(page, 'import-long-field');
});

test('monthly files appended to one dataset: repeated orders skipped and reported', async ({ page }) => {
	const file = 'dates/iso.csv';
	const e = expected(file);
	const lines = readFileSync(`${BADCSV}${file}`, 'utf8').split(/\r?\n/).filter((l) => l !== '');
	const [header, ...records] = lines;
	// Two exports with overlapping ranges: records 1–30 and 21–50 (10 lines in both).
	const first = [header, ...records.slice(0, 30)].join('\r\n') + '\r\n';
	const second = [header, ...records.slice(20)].join('\r\n') + '\r\n';
	await page.goto('./');
	await page.getByTestId('file-input').setInputFiles({ name: 'orders-part1.csv', mimeType: 'text/csv', buffer: Buffer.from(first) });
	await page.getByTestId('import-button').click();
	await expect(page.getByTestId('sum-imported')).toHaveText('30');

	await page.getByTestId('file-input').setInputFiles({ name: 'orders-part2.csv', mimeType: 'text/csv', buffer: Buffer.from(second) });
	await page.getByTestId('append-to').selectOption({ index: 1 });
	await shot(page, 'import-append-choice');
	await page.getByTestId('import-button').click();
	await expect(page.getByRole('status').filter({ hasText: 'rows added to' })).toContainText('10 order lines were already in it');
	await expect(page.getByTestId('dataset-item')).toHaveCount(1);
	await expectSummary(page, { ...e, rows_rejected: 10 });
	await expect(page.getByTestId('sum-files')).toContainText('orders-part2.csv: 20 rows, 10 skipped');
	await shot(page, 'import-append-done');
	await page.getByTestId('open-report').click();
	const report = page.getByTestId('import-report');
	await expect(report.locator('tbody tr')).toHaveCount(10);
	await expect(report.locator('tbody tr').first()).toContainText('orders-part2.csv');
	await expect(report.locator('tbody tr').first()).toContainText('already in the dataset');
	await shot(page, 'import-append-report', false);
	await report.getByTestId('close-report').click();

	// After a reload the appended dataset is what is stored.
	await page.reload();
	await expect(page.getByTestId('dataset-item')).toHaveCount(1);
	await expectSummary(page, { ...e, rows_rejected: 10 });
});

test('a customer list joins the orders: potential customers and new breakdowns', async ({ page }) => {
	const file = 'dates/iso.csv';
	const e = expected(file);
	const records = readFileSync(`${BADCSV}${file}`, 'utf8').split(/\r?\n/).slice(1).filter((l) => l !== '').map((l) => l.split(','));
	const buyers = [...new Set(records.filter((r) => Number(r[3]) > 0).map((r) => r[0]))].slice(0, 5);
	const list = ['Customer ID;Full name;City;Tier', ...buyers.map((id, i) => `${id};Name ${i};${i % 2 ? 'Tehran' : 'Shiraz'};gold`), 'NEW-1;Never Bought;Tabriz;', 'NEW-2;<b>Not bold</b>;Tabriz;', 'NEW-3;Nobody;Karaj;silver', ';No id;Karaj;'].join('\r\n') + '\r\n';

	await page.goto('./');
	await page.getByTestId('file-input').setInputFiles(`${BADCSV}${file}`);
	await page.getByTestId('import-button').click();
	await expectSummary(page, e);

	// A file without order dates is offered as a customer list for the stored orders.
	await page.getByTestId('file-input').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(list) });
	await expect(page.getByTestId('file-kind')).toHaveValue('customers');
	await expect(page.getByTestId('list-id').locator('option:checked')).toHaveText('Customer ID');
	await expect(page.getByTestId('list-name').locator('option:checked')).toHaveText('Full name');
	await expect(page.getByTestId('list-dims')).toContainText('City');
	await expect(page.locator('.preview-table')).toContainText('<b>Not bold</b>');
	await shot(page, 'import-customer-list-preview');
	await page.getByTestId('import-button').click();
	const summary = page.getByTestId('sum-customer-list');
	await expect(summary).toContainText('8 customers, 5 with purchases');
	await expect(summary).toContainText('3 potential');
	await expect(summary).toContainText(`${e.customers - 5} ordering ids are not in the list`);
	await expect(summary).toContainText('1 list rows skipped');
	await expect(summary).toContainText('City, Tier');
	await expect(page.getByTestId('dataset-item')).toHaveCount(1);
	await shot(page, 'import-customer-list-done');
	await page.reload();
	await expect(page.getByTestId('sum-customer-list')).toContainText('3 potential');
	await expectSummary(page, e);
});

test('hostile text stays text: HTML/script payloads and bidi controls in ids', async ({ page }) => {
	let dialogs = 0;
	page.on('dialog', (d) => {
		dialogs++;
		void d.dismiss();
	});
	await page.goto('./');
	await page.getByTestId('file-input').setInputFiles(`${BADCSV}security/html_script_in_text.csv`);
	await expect(page.locator('.preview-table')).toContainText('<script>alert(document.cookie)</script>');
	await page.getByTestId('import-button').click();
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
	await expectSummary(page, expected('security/html_script_in_text.csv'));
	// Nothing from the file became an element.
	await expect(page.locator('main script, main img, main iframe, main svg a')).toHaveCount(0);

	const bidi = 'security/bidi_override_chars.csv';
	await page.getByTestId('file-input').setInputFiles(`${BADCSV}${bidi}`);
	await page.getByTestId('import-button').click();
	await expectSummary(page, expected(bidi));
	await page.getByTestId('open-report').click();
	const report = page.getByTestId('import-report');
	const first = report.locator('tbody tr').first();
	await expect(first).toContainText('text-direction');
	// The id is isolated, so its controls cannot reorder the row around it.
	await expect(first.locator('td.value bdi')).toHaveCount(1);
	await shot(page, 'import-bidi-report', false);
	expect(dialogs).toBe(0);
});

test('a long import report is paged, and its download neutralises formula-like values', async ({ page }) => {
	const rows = ['customer_id,order_id,order_date,amount'];
	for (let i = 0; i < 130; i++) rows.push(`C${i % 7},${1000 + i},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${i < 120 ? (i === 0 ? '=1+1' : 'N/A') : '12.50'}`);
	await page.goto('./');
	await page.getByTestId('file-input').setInputFiles({ name: 'mostly-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') });
	await page.getByTestId('import-button').click();
	await expect(page.getByTestId('sum-imported')).toHaveText('10');
	await expect(page.getByTestId('sum-rejected')).toHaveText('120');
	await page.getByTestId('open-report').click();
	const report = page.getByTestId('import-report');
	await expect(report.getByTestId('report-page')).toHaveText('Page 1 of 3');
	await expect(report.locator('tbody tr')).toHaveCount(50);
	await expect(report.locator('tbody tr').first()).toContainText('=1+1');
	await report.getByTestId('report-next').click();
	await report.getByTestId('report-next').click();
	await expect(report.getByTestId('report-page')).toHaveText('Page 3 of 3');
	await expect(report.locator('tbody tr')).toHaveCount(20);
	await expect(report.locator('tbody tr').last()).toContainText('121');
	const [download] = await Promise.all([page.waitForEvent('download'), report.getByTestId('report-download').click()]);
	const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n');
	expect(lines).toHaveLength(121);
	expect(lines[1]).toBe("2,amount,'=1+1,invalid_amount");
	await shot(page, 'import-report-paged', false);
});
