import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Relative base: the static build works from any sub-path (GitHub Pages, a file server).
export default defineConfig({
	base: './',
	plugins: [svelte()],
	worker: { format: 'es' },
	optimizeDeps: { include: ['comlink', 'dexie', 'papaparse', 'd3'] },
	server: { port: 5173, strictPort: false },
	preview: { port: 4173, strictPort: true },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000
	}
});
