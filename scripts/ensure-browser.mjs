/**
 * Makes sure a Chromium exists before the end-to-end tests: uses one if present, otherwise tries
 * `npx playwright install chromium`, and as root on Debian `apt-get install chromium`.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium } from './browser.mjs';

function present() {
	try {
		return findChromium() !== undefined || existsSync(chromium.executablePath());
	} catch {
		return false;
	}
}

function attempt(cmd) {
	try {
		console.log(`ensure-browser: ${cmd}`);
		execSync(cmd, { stdio: 'inherit', timeout: 15 * 60_000 });
	} catch {
		console.log(`ensure-browser: "${cmd}" did not succeed`);
	}
}

if (!present()) {
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	if (root && existsSync('/usr/bin/apt-get')) {
		attempt('apt-get update -qq');
		attempt('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
	}
	if (!present()) attempt('npx playwright install chromium');
}
if (!present()) {
	console.error('ensure-browser: no Chromium available. Set CHROMIUM_PATH or run `npx playwright install chromium`.');
	process.exit(1);
}
console.log(`ensure-browser: using ${findChromium() ?? chromium.executablePath()}`);
