import { defineConfig } from '@playwright/test';
// @ts-expect-error plain ES module shared with the benchmark
import { launchOptions } from './scripts/browser.mjs';

const PORT = 4173;

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 120_000,
	expect: { timeout: 30_000 },
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
	outputDir: 'test-results',
	use: {
		baseURL: `http://127.0.0.1:${PORT}/`,
		launchOptions: launchOptions(),
		viewport: { width: 1280, height: 900 },
		trace: 'retain-on-failure'
	},
	webServer: {
		command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
		url: `http://127.0.0.1:${PORT}/`,
		reuseExistingServer: !process.env.CI,
		timeout: 60_000
	}
});
