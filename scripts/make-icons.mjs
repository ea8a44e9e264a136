/**
 * Renders the app icon (public/icons/icon.svg) to the PNG sizes the web app manifest lists, in the
 * local Chromium (no external service): `node scripts/make-icons.mjs`. The outputs are committed.
 */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { launchOptions } from './browser.mjs';

const DIR = new URL('../public/icons/', import.meta.url).pathname;
const svg = readFileSync(`${DIR}icon.svg`, 'utf8');
// Maskable: the mark inside the 80 % safe zone on a full-bleed background.
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" fill="#2358c4"/><path d="M12 26V16l8 6 8-6v10" fill="none" stroke="#fff" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

const jobs = [
	{ file: 'icon-192.png', size: 192, svg },
	{ file: 'icon-512.png', size: 512, svg },
	{ file: 'maskable-512.png', size: 512, svg: maskable },
	{ file: 'apple-touch-icon.png', size: 180, svg: maskable }
];

const browser = await chromium.launch(launchOptions());
const page = await browser.newPage();
for (const j of jobs) {
	await page.setViewportSize({ width: j.size, height: j.size });
	const body = j.svg.replace('<svg ', `<svg width="${j.size}" height="${j.size}" `);
	await page.setContent(`<html><body style="margin:0;background:transparent">${body}</body></html>`);
	await page.locator('svg').screenshot({ path: `${DIR}${j.file}`, omitBackground: true });
	console.log(`${j.file} ${j.size}×${j.size}`);
}
await browser.close();
