// Local-first, end to end in real Chromium (issue 8): a full session makes only same-origin GETs of
// the app's own static files under a strict CSP with no violation; after one visit the app works
// offline (service worker); two tabs stay consistent; backup from one browser context restores into
// a fresh one with the same figures; "Delete all data" leaves storage empty.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { test, expect, type BrowserContext, type Page } from '@playwright/test';

const SHOTS = 'test-results/screenshots';

async function shot(page: Page, name: string) {
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

function heatCell(page: Page, cohort: string, offset: number) {
	return page.locator(`[data-testid="heat-cell"][data-cohort="${cohort}"][data-offset="${offset}"]`);
}

async function importSample(page: Page) {
	await page.getByTestId('sample-button').click();
	await expect(page.getByTestId('import-button')).toBeVisible();
	await page.getByTestId('import-button').click();
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
	// shared/data/reference/online_retail_sample_month_w3: 2010-12 cohort, offset 1 = 31 / 93.
	await expect(heatCell(page, '2010-12', 1)).toContainText('33.3');
}

/** Open each analysis view (the tabs), wait until it shows, and come back to the first. */
async function visitEveryView(page: Page) {
	const tabs = page.locator('[data-testid^="tab-"]');
	const n = await tabs.count();
	expect(n).toBeGreaterThan(1);
	for (let i = 0; i < n; i++) {
		const id = (await tabs.nth(i).getAttribute('data-testid'))!.slice('tab-'.length);
		await tabs.nth(i).click();
		await expect(tabs.nth(i)).toHaveAttribute('aria-current', 'page');
		await expect(page.getByTestId(`view-${id}`)).toBeVisible();
		await page.waitForTimeout(200);
	}
	await tabs.first().click();
}

/** Every CSP violation and console error of a page, across reloads. */
async function watchProblems(context: BrowserContext, page: Page) {
	const problems: string[] = [];
	await context.exposeBinding('__cspViolation', (_src, text: string) => void problems.push(`CSP: ${text}`));
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			(window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(
				`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`
			);
		});
	});
	page.on('console', (m) => {
		if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
	});
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	return problems;
}

/** The app's own static files (relative to the served root). */
const STATIC = /^\/(|index\.html|manifest\.webmanifest|sw\.js|workbox-[\w-]+\.js|registerSW\.js|assets\/[\w.-]+\.(js|css|svg|png|woff2?)|icons\/[\w.-]+\.(svg|png)|sample\/[\w.-]+\.csv\.gz)$/;

test('a full session: only same-origin GETs of static files, strict CSP, no violation', async ({ page, context, baseURL }) => {
	const origin = new URL(baseURL!).origin;
	const requests: { url: string; method: string; type: string; sw: boolean }[] = [];
	context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), type: r.resourceType(), sw: r.serviceWorker() != null }));
	const problems = await watchProblems(context, page);

	await page.goto('./');
	const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
	expect(csp).toContain("default-src 'self'");
	expect(csp).toContain("script-src 'self'");
	expect(csp).toContain("connect-src 'self'");
	expect(csp).not.toContain('unsafe-inline');
	expect(csp).not.toContain('unsafe-eval');

	await importSample(page);
	// Every view of the analysis, a settings change, a reload.
	await visitEveryView(page);
	await page.getByTestId('granularity').selectOption('quarter');
	await expect(heatCell(page, '2010-Q4', 0)).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('granularity')).toHaveValue('quarter');
	await expect(page.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
	await expect(page.getByTestId('storage-usage')).toBeVisible();
	await shot(page, 'local-first-session');

	expect(requests.length).toBeGreaterThan(3);
	const bad = requests.filter((r) => {
		if (r.url.startsWith('data:') || r.url.startsWith('blob:')) return false;
		const u = new URL(r.url);
		const path = u.pathname.replace(new URL(baseURL!).pathname, '/');
		return u.origin !== origin || r.method !== 'GET' || !STATIC.test(path);
	});
	expect(bad, `requests that are not same-origin GETs of static files:\n${bad.map((r) => `${r.method} ${r.url} (${r.type})`).join('\n')}`).toEqual([]);
	expect(problems).toEqual([]);
});

test('offline: after one visit the app loads and imports with the network off', async ({ page, context }) => {
	const problems = await watchProblems(context, page);
	const failed: string[] = [];
	context.on('requestfailed', (r) => failed.push(new URL(r.url()).pathname));
	await page.goto('./');
	// Wait until the service worker has precached everything and controls the page.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller)
			await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
	});
	await expect(page.getByTestId('offline-ready')).toBeVisible();
	await context.setOffline(true);
	// The network really is off for anything the service worker does not hold.
	const online = await page.evaluate(() => fetch('./not-precached.txt').then(() => true, () => false));
	expect(online).toBe(false);
	const res = await page.reload();
	expect(res?.fromServiceWorker()).toBe(true);
	await importSample(page);
	// Every view of the analysis works offline too (any lazily loaded code is precached).
	await visitEveryView(page);
	await page.getByTestId('granularity').selectOption('quarter');
	await expect(heatCell(page, '2010-Q4', 0)).toBeVisible();
	await shot(page, 'local-first-offline');
	await context.setOffline(false);
	// Only the probe above and the browser's own update check of sw.js went to the (absent) network.
	expect(failed.filter((p) => !/\/(not-precached\.txt|sw\.js)$/.test(p))).toEqual([]);
	expect(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
});

test('the same build works from a sub-path (GitHub Pages), offline included', async ({ browser }) => {
	// A plain static server that serves the build only under /team/mandegar/ (like <user>.github.io/<repo>/).
	const PREFIX = '/team/mandegar/';
	const DIST = process.env.MANDEGAR_DIST ?? 'dist';
	const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json' };
	const server = createServer(async (req, res) => {
		const path = new URL(req.url ?? '/', 'http://x').pathname;
		if (!path.startsWith(PREFIX)) return void res.writeHead(404).end();
		const file = path.slice(PREFIX.length) || 'index.html';
		try {
			const body = await readFile(`${DIST}/${file}`);
			res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
		} catch {
			res.writeHead(404).end();
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}`;
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		await page.goto(url);
		const scope = await page.evaluate(async () => {
			const reg = await navigator.serviceWorker.ready;
			if (!navigator.serviceWorker.controller)
				await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
			return reg.scope;
		});
		expect(scope).toBe(url);
		expect(await page.locator('link[rel="manifest"]').evaluate((l: HTMLLinkElement) => l.href)).toBe(`${url}manifest.webmanifest`);
		await context.setOffline(true);
		expect((await page.reload())?.fromServiceWorker()).toBe(true);
		await importSample(page);
	} finally {
		await context.close();
		server.close();
	}
});

test('two tabs: an import in one shows up in the other; an upgrade elsewhere asks for a reload', async ({ context }) => {
	const a = await context.newPage();
	const b = await context.newPage();
	await a.goto('./');
	await b.goto('./');
	await expect(b.getByTestId('sample-button')).toBeVisible();
	await importSample(a);
	await expect(b.getByTestId('dataset-item')).toHaveCount(1);
	await expect(b.locator('[data-testid="cohort-heatmap"][data-ready="true"]')).toBeVisible();
	await expect(heatCell(b, '2010-12', 1)).toContainText('33.3');

	// A newer schema version opened in tab B (as a newer build would): tab A must ask for a reload.
	await b.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const req = indexedDB.open('mandegar', 10_000);
				req.onsuccess = () => {
					req.result.close();
					resolve();
				};
				req.onerror = () => reject(req.error);
			})
	);
	await expect(a.getByTestId('other-tab')).toContainText('Mandegar was updated in another tab — reload to continue');
	await shot(a, 'local-first-other-tab');
});

test('two tabs: a dataset deleted in one disappears in the other; delete-all in one makes the other ask for a reload', async ({ context }) => {
	const a = await context.newPage();
	const b = await context.newPage();
	a.on('dialog', (d) => d.accept());
	await a.goto('./');
	await importSample(a);
	await b.goto('./');
	await expect(b.getByTestId('dataset-item')).toHaveCount(1);
	await a.getByTestId('delete-dataset').click();
	await expect(a.getByTestId('dataset-item')).toHaveCount(0);
	await expect(b.getByTestId('dataset-item')).toHaveCount(0);
	await expect(b.getByTestId('cohort-heatmap')).toHaveCount(0);

	await importSample(b);
	await expect(a.getByTestId('dataset-item')).toHaveCount(1);
	await a.getByTestId('delete-all').click();
	await expect(a.getByTestId('deleted-all')).toBeVisible();
	await expect(b.getByTestId('other-tab')).toContainText('deleted in another tab — reload to continue');
	expect(await a.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
	await b.getByTestId('other-tab-reload').click();
	await expect(b.getByTestId('sample-button')).toBeVisible();
	await expect(b.getByTestId('dataset-item')).toHaveCount(0);
});

test('backup in one browser, restore into a fresh one: same figures; delete all empties storage', async ({ browser, page }) => {
	await page.goto('./');
	await importSample(page);
	await page.getByTestId('granularity').selectOption('quarter');
	const q = await heatCell(page, '2011-Q1', 1).getAttribute('data-value');
	const m1 = await heatCell(page, '2010-12', 1).count();
	expect(m1).toBe(0);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-button').click()]);
	const file = (await download.path())!;
	expect(download.suggestedFilename()).toMatch(/^mandegar-backup-.*\.gz$/);
	await expect(page.getByTestId('last-backup')).toBeVisible();
	expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));

	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	await other.goto('./');
	await expect(other.getByTestId('sample-button')).toBeVisible();
	await other.getByTestId('restore-input').setInputFiles(file);
	await expect(other.getByTestId('storage-message')).toContainText('Restored 1 dataset');
	await expect(other.getByTestId('dataset-item')).toHaveCount(1);
	// The backup file counts as a backup in the new browser too: no reminder.
	await expect(other.getByTestId('last-backup')).toBeVisible();
	// The settings came along (quarter), and the figures are equal.
	await expect(other.getByTestId('granularity')).toHaveValue('quarter');
	await expect(heatCell(other, '2011-Q1', 1)).toHaveAttribute('data-value', q!);
	await other.getByTestId('granularity').selectOption('month');
	await expect(heatCell(other, '2010-12', 1)).toContainText('33.3');
	await shot(other, 'local-first-restored');
	await fresh.close();

	// Delete all data: IndexedDB, caches, service worker, localStorage all empty.
	page.on('dialog', (d) => d.accept());
	await page.getByTestId('delete-all').click();
	await expect(page.getByTestId('deleted-all')).toBeVisible();
	const left = await page.evaluate(async () => ({
		dbs: (await indexedDB.databases()).map((d) => d.name),
		caches: await caches.keys(),
		sw: (await navigator.serviceWorker.getRegistrations()).length,
		local: localStorage.length
	}));
	expect(left).toEqual({ dbs: [], caches: [], sw: 0, local: 0 });
	await shot(page, 'local-first-deleted');
	await page.reload();
	await expect(page.getByTestId('sample-button')).toBeVisible();
	await expect(page.getByTestId('dataset-item')).toHaveCount(0);
});

/**
 * A backup file with `copies` copies of every dataset of `file` under new ids (and none of the
 * originals): restoring it takes long enough to cancel midway.
 */
function copiesBackup(file: string, copies: number): Buffer {
	const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
	const header = JSON.parse(lines[0]);
	const body = lines.slice(1, -1).map((l) => JSON.parse(l) as { t: string; r: Record<string, unknown> });
	const idOf = (k: number, id: string) => `${id}-copy${k}`;
	const out: unknown[] = [];
	for (const rec of body.filter((b) => b.t !== 'datasets'))
		for (let k = 0; k < copies; k++) out.push({ t: rec.t, r: { ...rec.r, datasetId: idOf(k, rec.r.datasetId as string) } });
	for (const rec of body.filter((b) => b.t === 'datasets'))
		for (let k = 0; k < copies; k++) out.push({ t: rec.t, r: { ...rec.r, id: idOf(k, rec.r.id as string), name: `${rec.r.name} ${k}` } });
	const datasets = (header.datasets as string[]).flatMap((id) => Array.from({ length: copies }, (_, k) => idOf(k, id)));
	const text = [JSON.stringify({ ...header, datasets }), ...out.map((o) => JSON.stringify(o)), JSON.stringify({ t: '$end', records: out.length })].join('\n') + '\n';
	return gzipSync(text);
}

test('backup and restore show a progress bar; a restore cancelled midway changes nothing', async ({ page }, testInfo) => {
	await page.goto('./');
	await importSample(page);
	const names = await page.getByTestId('dataset-item').allTextContents();
	expect(names).toHaveLength(1);

	// The backup of the sample is quick: watch the card for the bar (with its label) while it runs.
	await page.evaluate(() => {
		const seen: { label: string | null; value: number }[] = [];
		(window as unknown as { __bars: typeof seen }).__bars = seen;
		new MutationObserver(() => {
			const bar = document.querySelector<HTMLProgressElement>('[data-testid="storage-status"] progress[data-testid="storage-progress"]');
			if (bar) seen.push({ label: bar.getAttribute('aria-label'), value: bar.value });
		}).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
	});
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-button').click()]);
	const file = (await download.path())!;
	await expect(page.getByTestId('storage-message')).toContainText('Backup saved as mandegar-backup-');
	const bars = await page.evaluate(() => (window as unknown as { __bars: { label: string | null; value: number }[] }).__bars);
	expect(bars.length).toBeGreaterThan(0);
	expect(bars.every((b) => b.label === 'Backup progress')).toBe(true);
	await expect(page.getByTestId('storage-progress')).toHaveCount(0);
	expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));

	// Restore 60 copies of the sample (new ids); cancel once the bar shows that parts were written.
	const big = testInfo.outputPath('sample-copies.mandegar.gz');
	writeFileSync(big, copiesBackup(file, 60));
	await page.getByTestId('restore-input').setInputFiles(big);
	const bar = page.getByRole('progressbar', { name: 'Restore progress' });
	await expect(bar).toBeVisible();
	await expect.poll(() => bar.evaluate((b) => (b as HTMLProgressElement).value), { timeout: 10_000, intervals: [20] }).toBeGreaterThan(0);
	await shot(page, 'local-first-restore-progress');
	await page.getByTestId('storage-cancel').click();
	await expect(page.getByTestId('storage-message')).toHaveText('Restore cancelled, nothing changed.');
	await expect(bar).toHaveCount(0);
	await shot(page, 'local-first-restore-cancelled');
	// Nothing of the backup is stored: the same one dataset, in the list and in IndexedDB.
	await expect(page.getByTestId('dataset-item')).toHaveText(names);
	const stored = await page.evaluate(
		() =>
			new Promise<number[]>((resolve, reject) => {
				const req = indexedDB.open('mandegar');
				req.onerror = () => reject(req.error);
				req.onsuccess = () => {
					const db = req.result;
					const tx = db.transaction(['datasets', 'chunks'], 'readonly');
					const a = tx.objectStore('datasets').count();
					const b = tx.objectStore('chunks').count();
					tx.oncomplete = () => {
						db.close();
						resolve([a.result, b.result]);
					};
				};
			})
	);
	expect(stored).toEqual([1, 1]);
	await page.reload();
	await expect(page.getByTestId('dataset-item')).toHaveText(names);
});

test('backup reminder after 7 days without a backup', async ({ page }) => {
	await page.goto('./');
	await importSample(page);
	await expect(page.getByTestId('backup-reminder')).toContainText('No backup yet');
	await page.evaluate(() => localStorage.setItem('mandegar.lastBackup', String(Date.now() - 8 * 24 * 3600 * 1000)));
	await page.reload();
	await expect(page.getByTestId('backup-reminder')).toContainText('Last backup 8 days ago');
	await shot(page, 'local-first-reminder');
});

test('storage panel: persistence is asked for once there is data; space used, left, and a low-space warning', async ({ page }) => {
	// The browser's answers are stubbed: headless Chromium never grants persist(), and its quota is large.
	await page.addInitScript(() => {
		const w = window as unknown as { __persistCalls: number };
		w.__persistCalls = 0;
		let granted = false;
		navigator.storage.persisted = async () => granted;
		navigator.storage.persist = async () => {
			w.__persistCalls++;
			granted = true;
			return true;
		};
		navigator.storage.estimate = async () => ({ usage: 9_000_000_000, quota: 10_000_000_000 });
	});
	await page.goto('./');
	await expect(page.getByTestId('storage-usage')).toContainText('used');
	await expect(page.getByTestId('persisted')).toContainText('Not persistent');
	expect(await page.evaluate(() => (window as unknown as { __persistCalls: number }).__persistCalls)).toBe(0);
	await importSample(page);
	await expect(page.getByTestId('persisted')).toContainText('Kept persistently');
	expect(await page.evaluate(() => (window as unknown as { __persistCalls: number }).__persistCalls)).toBe(1);
	await expect(page.getByTestId('storage-usage')).toHaveText(/8\.4 GB used · 953\.7 MB left/);
	await expect(page.getByTestId('storage-low')).toContainText('Little space left');
	await shot(page, 'local-first-storage-panel');
});

test('a new version is picked up with a "new version — reload" prompt, never mixed in silently', async ({ page, context }) => {
	await page.goto('./');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller)
			await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
	});
	// The next visit: the page starts under the installed worker.
	await page.reload();
	await expect(page.getByTestId('sample-button')).toBeVisible();
	const firstScript = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
	// Publish a "new build": sw.js on the server changes (the preview server reads files per request).
	// Playwright's routing does not reach the browser's own update check of the script, so the file
	// itself is changed for the moment of the check, then put back.
	const swPath = `${process.env.MANDEGAR_DIST ?? 'dist'}/sw.js`;
	const original = readFileSync(swPath, 'utf8');
	try {
		writeFileSync(swPath, `${original}\n// next build\n`);
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
	} finally {
		writeFileSync(swPath, original);
	}
	// The new worker waits: the page still runs the old one and shows the prompt.
	await expect(page.getByTestId('update-prompt')).toBeVisible();
	await expect(page.getByTestId('update-prompt')).toContainText('new version');
	expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(true);
	await page.getByTestId('update-prompt').screenshot({ path: `${SHOTS}/local-first-update-prompt.png` });
	// Reload: the new worker takes over and the page reloads once, under it.
	await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
	await expect(page.getByTestId('sample-button')).toBeVisible();
	expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(false);
	expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(firstScript);
	await expect(page.getByTestId('update-prompt')).toHaveCount(0);
});
