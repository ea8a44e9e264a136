// Issue 8: a quota error during an import rolls back, says how to free space, and leaves the earlier
// dataset intact. The quota is made small for real with Chromium's Storage.overrideQuotaForOrigin.
// Chromium honours it only when it is set before the origin's first write (a later override, or a
// lowered one, is ignored; navigator.storage.estimate() keeps reporting the default quota either way),
// so it is set before the page loads. The service worker is blocked here: its precache (~5 MB) would
// otherwise share the budget and make the margin depend on the size of the build.
import { test, expect } from '@playwright/test';

const SHARED = new URL('../../../shared/', import.meta.url).pathname;

test.use({ serviceWorkers: 'block' });

test('storage full during an import: clear message, nothing half-stored, earlier data intact', async ({ page, context, baseURL }) => {
	page.on('dialog', (d) => d.accept());
	const cdp = await context.newCDPSession(page);
	const origin = new URL(baseURL!).origin;
	// Room for CDNOW (~0.7 MB on disk, more while it is written) but not for the full Online Retail
	// file besides it (~4 MB on disk, 7 MB stored).
	await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 3_000_000 });
	await page.goto('./');

	await page.getByTestId('file-input').setInputFiles(`${SHARED}data/lifetimes/CDNOW_master.txt`);
	await page.getByTestId('import-button').click();
	await expect(page.locator('[data-testid="heat-cell"][data-cohort="1997-01"][data-offset="1"]')).toContainText('14.7');
	await expect(page.getByTestId('dataset-item')).toHaveCount(1);

	await page.getByTestId('file-input').setInputFiles(`${SHARED}data/online_retail/online_retail.csv.gz`);
	await page.getByTestId('import-button').click();
	const alert = page.getByRole('alert').filter({ hasText: 'online_retail.csv.gz' });
	await expect(alert).toContainText('no storage space left', { timeout: 90_000 });
	await expect(alert).toContainText('Delete a stored dataset');
	await page.screenshot({ path: 'test-results/screenshots/quota-full.png', fullPage: true });
	await expect(page.getByTestId('dataset-item')).toHaveCount(1);

	// Back to the normal quota: after a reload the earlier dataset is there and whole, and the failed
	// import left no records behind (disk usage may stay up until IndexedDB compacts, so count records).
	await cdp.send('Storage.overrideQuotaForOrigin', { origin });
	await page.reload();
	await expect(page.getByTestId('dataset-item')).toHaveCount(1);
	await expect(page.locator('[data-testid="heat-cell"][data-cohort="1997-01"][data-offset="1"]')).toContainText('14.7');
	const counts = await page.evaluate(
		() =>
			new Promise<Record<string, number>>((resolve, reject) => {
				const open = indexedDB.open('mandegar');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const names = ['datasets', 'chunks', 'dictionaries'];
					const tx = db.transaction(names, 'readonly');
					const out: Record<string, number> = {};
					for (const n of names) {
						const req = tx.objectStore(n).count();
						req.onsuccess = () => (out[n] = req.result);
					}
					tx.oncomplete = () => {
						db.close();
						resolve(out);
					};
				};
			})
	);
	// CDNOW alone: 1 dataset, ⌈69,659 / 50,000⌉ = 2 chunks, customer + order dictionaries.
	expect(counts).toEqual({ datasets: 1, chunks: 2, dictionaries: 2 });
});
