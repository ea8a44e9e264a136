/**
 * Picks the Chromium that tests and the benchmark launch, at run time: $CHROMIUM_PATH if set, else
 * Playwright's own browser when `npx playwright install chromium` has put one there, else a system
 * Chromium (Debian's /usr/bin/chromium). `node scripts/browser.mjs --check` exits 1 when none exists.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags for a locked-down machine without network (harmless elsewhere). */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** @returns {string | undefined} an executable path, or undefined to let Playwright use its own. */
export function findChromium() {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) {
		if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
		return fromEnv;
	}
	try {
		if (existsSync(chromium.executablePath())) return undefined;
	} catch {
		/* Playwright has no browser of its own here */
	}
	return SYSTEM_CANDIDATES.find((p) => existsSync(p));
}

/** Launch options for Playwright. */
export function launchOptions() {
	const executablePath = findChromium();
	return executablePath ? { executablePath, args: CHROMIUM_ARGS } : { args: CHROMIUM_ARGS };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
	let ok = false;
	try {
		const p = findChromium();
		ok = p !== undefined || existsSync(chromium.executablePath());
		console.log(ok ? `browser: ${p ?? chromium.executablePath()}` : 'browser: none found');
	} catch (e) {
		console.log(`browser: ${e.message}`);
	}
	if (process.argv.includes('--check')) process.exit(ok ? 0 : 1);
}
