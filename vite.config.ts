import { availableParallelism } from 'node:os';
import { defineConfig, type Plugin } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * index.html carries the strict Content-Security-Policy of the built app. The dev server injects
 * CSS as <style> elements and talks to its HMR websocket, so only there the policy is relaxed.
 */
function devCsp(): Plugin {
	return {
		name: 'mandegar-dev-csp',
		apply: 'serve',
		transformIndexHtml: (html) =>
			html
				.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
				.replace("connect-src 'self'", "connect-src 'self' ws: wss:")
	};
}

// Relative base: the static build works from any sub-path (GitHub Pages, a file server).
export default defineConfig({
	base: './',
	plugins: [
		svelte(),
		devCsp(),
		// Offline: the service worker precaches the whole build and the sample; a new version waits
		// until the user accepts the "new version — reload" prompt (src/lib/ui/UpdatePrompt.svelte).
		VitePWA({
			registerType: 'prompt',
			injectRegister: false,
			// globPatterns below already list the icons and the sample once each.
			includeManifestIcons: false,
			manifest: {
				name: 'Mandegar — customer retention',
				short_name: 'Mandegar',
				description: 'Customer base, cohort retention and churn from an orders CSV, computed in your browser.',
				start_url: './',
				scope: './',
				display: 'standalone',
				background_color: '#ffffff',
				theme_color: '#2358c4',
				icons: [
					{ src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{ src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
					{ src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' }
				]
			},
			workbox: {
				globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}', 'sample/*.gz'],
				// The sample (~0.7 MB) and the worker bundle must be cached whole.
				maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
				cleanupOutdatedCaches: true,
				// The first install controls the open page at once (its files are the precached ones); an
				// update still waits for the prompt (no skipWaiting).
				clientsClaim: true,
				navigateFallback: 'index.html'
			}
		})
	],
	worker: { format: 'es' },
	optimizeDeps: { include: ['comlink', 'dexie', 'papaparse', 'd3'] },
	server: { port: 5173, strictPort: false },
	preview: { port: 4173, strictPort: true },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['tests/unit/setup-transfer.ts'],
		testTimeout: 60_000,
		// Vitest's default leaves one core free; on 2-core machines that runs the suite serially (≈40 s vs ≈28 s).
		maxWorkers: Math.max(2, availableParallelism())
	}
});
