/**
 * Build of the benchmark page (npm run bench): bench/page → bench/out/page. Separate from the app's
 * vite.config.ts; the page's worker imports the app's own modules from src/.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
	root: `${here}page`,
	base: './',
	logLevel: 'warn',
	worker: { format: 'es' },
	build: {
		outDir: `${here}out/page`,
		emptyOutDir: true,
		target: 'es2022',
		chunkSizeWarningLimit: 100_000
	}
});
