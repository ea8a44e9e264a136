/**
 * npm run bench [-- --big] [-- --runs N] [-- --sizes 100000,1000000] [-- --app-only]: the benchmark of issue 5.
 *
 * 1. Generates seeded orders files (100k, 1M; 3M with --big) into bench/out/data.
 * 2. Bench page (bench/page, built with bench/vite.config.ts, served by a small local server) in
 *    headless Chromium: the app's minimal parse, the real import in a worker, computeAnalysis after
 *    loadData, storage estimate, and DuckDB-WASM computing the same outputs in SQL (checked equal).
 * 3. pandas natively (scripts/bench/pandas_bench.py) when some python3 can import pandas.
 * 4. The real app (vite build → bench/out/app, vite preview): import through the file input with a
 *    Long Tasks observer and renderer memory sampling, then reload → heatmap drawn (reopen).
 * Prints a table and writes bench/results.json (one object per size); extras go to bench/out/details.json.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, extname, join, normalize, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { launchOptions } from './browser.mjs';
import { writeOrdersCsv } from './bench/generate.mjs';
import { compareChecks, median, renderTable, round, summariseRuns } from './bench/util.mjs';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const OUT = join(ROOT, 'bench/out');
const DATA = join(OUT, 'data');
const PAGE = join(OUT, 'page');
const APP = join(OUT, 'app');

const argv = process.argv.slice(2);
const arg = (name) => {
	const i = argv.indexOf(name);
	return i >= 0 ? argv[i + 1] : undefined;
};
const RUNS = Math.max(3, Number(arg('--runs') ?? 3));
const SIZES = arg('--sizes')
	? String(arg('--sizes')).split(',').map(Number).filter((n) => n > 0)
	: [100_000, 1_000_000, ...(argv.includes('--big') ? [3_000_000] : [])];
const SKIP_APP = argv.includes('--no-app');
/**
 * --app-only: only the real app's import, first draw, reloads and cancel (long tasks, progress, memory,
 * reopen) per size, printed; no bench page, DuckDB or pandas, and bench/results.json is left alone.
 * For measuring a UI change quickly; not a run of the issue's table.
 */
const APP_ONLY = argv.includes('--app-only');
/**
 * --online-retail: the full UCI Online Retail file (541,909 lines, gzip) through the real app, its
 * period, cohort, customer and segment downloads compared with `npm run report` on the same file.
 */
const ONLINE_RETAIL = argv.includes('--online-retail');
/** The shared data folder beside the repository; ONLINE_RETAIL names the file when the bench runs elsewhere (a worktree). */
const ONLINE_RETAIL_FILE = process.env.ONLINE_RETAIL ?? resolve(ROOT, '../shared/data/online_retail/online_retail.csv.gz');
/** --profile-app: CPU profiles of the app's main thread from the import click to the dashboard drawn, and over the change to weekly cohorts. */
const PROFILE_APP = argv.includes('--profile-app');
const MB = 1024 * 1024;

const log = (...a) => console.error('[bench]', ...a);

/* ------------------------------------------------------------ renderer memory */

/** Renderer processes started (transitively) by this Node process: the tabs' and their workers' memory. */
function rendererPids() {
	const parent = new Map();
	const cmd = new Map();
	for (const d of readdirSync('/proc')) {
		if (!/^\d+$/.test(d)) continue;
		try {
			const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
			parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
			cmd.set(Number(d), readFileSync(`/proc/${d}/cmdline`, 'utf8'));
		} catch {
			/* gone */
		}
	}
	const mine = (pid) => {
		for (let p = pid, hops = 0; p > 1 && hops < 20; p = parent.get(p) ?? 0, hops++) if (p === process.pid) return true;
		return false;
	};
	return [...cmd.entries()].filter(([pid, c]) => c.includes('--type=renderer') && mine(pid)).map(([pid]) => pid);
}

/**
 * Two readings of one process's memory, from /proc/<pid>/status, in bytes:
 * `rss` is VmRSS, every resident page, including the pages of the Chromium binary, its libraries and
 * fonts that are mapped from files and shared with every other Chromium process (RssFile, RssShmem);
 * `private` is RssAnon + VmSwap, the anonymous memory this process alone holds (its heaps: V8's,
 * Blink's, malloc's, typed arrays), which is what an import can grow. `private` is Chromium's own
 * "private memory footprint" on Linux (memory_instrumentation's CalculatePrivateFootprintKb: rss_anon +
 * vm_swap), the figure its Task Manager shows as "Memory footprint", so the issue's target ("peak renderer
 * memory ≤ 3 × the file size + 150 MB") is checked against it. VmRSS cannot be what the target means: the
 * tab reads 183–192 MB of VmRSS before any import (about 130 MB of it the shared Chromium binary), above
 * the 100k file's whole target of 162 MB. Both are recorded (`peak_renderer_mb`, `peak_renderer_rss_mb`).
 */
function procMemory(pid) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
		return { rss: kb('VmRSS'), private: kb('RssAnon') + kb('VmSwap') };
	} catch {
		return { rss: 0, private: 0 };
	}
}

/** The reading of the largest (by VmRSS) renderer among `pids`: the tab's process, its main thread and its workers. */
function largestRenderer(pids) {
	return pids.map(procMemory).reduce((m, r) => (r.rss > m.rss ? r : m), { rss: 0, private: 0 });
}

/**
 * Samples, every `ms` until stopped, the memory of the largest renderer process of this run (the tab's
 * process: its main thread and its workers; idle spare renderers are smaller); returns the peak VmRSS.
 * `stop.peakPrivate` is the peak private footprint (RssAnon + VmSwap) of the same samples.
 */
function memorySampler(ms = 50) {
	let peak = 0;
	let peakPrivate = 0;
	let pids = rendererPids();
	let ticks = 0;
	/** [Node's performance.now(), VmRSS bytes, private bytes] of every sample. */
	const samples = [];
	const timer = setInterval(() => {
		if (++ticks % 20 === 0) pids = rendererPids();
		const largest = largestRenderer(pids);
		samples.push([performance.now(), largest.rss, largest.private]);
		if (largest.rss > peak) peak = largest.rss;
		if (largest.private > peakPrivate) peakPrivate = largest.private;
	}, ms);
	const stop = () => {
		clearInterval(timer);
		stop.peakPrivate = peakPrivate;
		return peak;
	};
	stop.peakPrivate = 0;
	/** The peak VmRSS ([1]) or private footprint ([2]) of the samples taken up to `t` (Node's clock). */
	stop.peakUntil = (t, field = 1) => samples.reduce((m, s) => (s[0] <= t ? Math.max(m, s[field]) : m), 0);
	/** Samples as [ms after `t0` (Node's clock), VmRSS MB, private MB], every `every`-th. */
	stop.timeline = (t0, every = 4) => samples.filter((_, i) => i % every === 0).map(([at, b, p]) => [Math.round(at - t0), round(b / MB, 0), round(p / MB, 0)]);
	return stop;
}

/** The memory of the largest renderer process of this run now, and how many renderers there are. */
function rendererNow() {
	const pids = rendererPids();
	const largest = largestRenderer(pids);
	return { bytes: largest.rss, private: largest.private, processes: pids.length };
}

/* ------------------------------------------------------------ servers */

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.csv': 'text/csv', '.css': 'text/css', '.json': 'application/json' };

/** The bench page and the data files; cross-origin isolated so memory APIs are available. */
function serveBench() {
	const server = createServer((req, res) => {
		const url = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		const [base, rel] = url.startsWith('/data/') ? [DATA, url.slice(6)] : [PAGE, url === '/' ? 'index.html' : url.slice(1)];
		const path = normalize(join(base, rel));
		if (!path.startsWith(base) || !existsSync(path) || !statSync(path).isFile()) {
			res.writeHead(404).end();
			return;
		}
		res.writeHead(200, {
			'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
			'content-length': statSync(path).size,
			'cross-origin-opener-policy': 'same-origin',
			'cross-origin-embedder-policy': 'require-corp',
			'cache-control': 'no-store'
		});
		createReadStream(path).pipe(res);
	});
	return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${server.address().port}/` })));
}

/* ------------------------------------------------------------ phases */

async function benchPage(browser, pageUrl, size, file) {
	const context = await browser.newContext();
	const page = await context.newPage();
	page.on('pageerror', (e) => log('page error:', e.message));
	await page.goto(pageUrl);
	await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
	const dataUrl = `${pageUrl}data/${file}`;
	const parse = [];
	const imp = [];
	let id = '';
	let importPeak = 0;
	let importPeakPrivate = 0;
	let stored = 0;
	for (let r = 0; r < RUNS; r++) {
		const p = await page.evaluate((u) => window.bench.parse(u), dataUrl);
		if (p.rows !== size) throw new Error(`parse saw ${p.rows} rows, expected ${size}`);
		parse.push(p.ms);
		const stop = memorySampler();
		const i = await page.evaluate((u) => window.bench.importFile(u), dataUrl);
		importPeak = Math.max(importPeak, stop());
		importPeakPrivate = Math.max(importPeakPrivate, stop.peakPrivate);
		if (i.rows !== size) throw new Error(`import stored ${i.rows} rows, expected ${size}`);
		imp.push(i.ms);
		id = i.id;
		log(`${size}: run ${r + 1} parse ${round(p.ms)} ms, import ${round(i.ms)} ms`);
		// the stored size of one dataset: after the first import, the only one in this new profile. Each
		// later run deletes the dataset before importing again, and some Chromium builds (150, IndexedDB
		// on LevelDB) go on counting a deleted dataset's space in storage.estimate() until a compaction:
		// after three runs they reported 3.1-3.2 × the first run's figure.
		if (r === 0) stored = await page.evaluate(() => window.bench.storedBytes());
	}
	const storedAfterRuns = await page.evaluate(() => window.bench.storedBytes());
	if (storedAfterRuns > 1.5 * stored) log(`${size}: storage estimate ${round(storedAfterRuns / MB, 1)} MB after ${RUNS} imports (each deleting the one before) against ${round(stored / MB, 1)} MB after the first: this browser still counts deleted datasets`);
	const an = await page.evaluate(([d, n]) => window.bench.analyse(d, n), [id, RUNS]);
	log(`${size}: loadData ${round(an.load_ms)} ms, computeAnalysis ${an.ms.map((x) => round(x)).join(', ')} ms`);
	const stages = await page.evaluate((u) => window.bench.importStages(u), dataUrl);
	log(`${size}: import stages ${Object.entries(stages).map(([k, v]) => `${k} ${round(v)}`).join(', ')}`);
	await page.evaluate(() => window.bench.clear());
	await page.evaluate((u) => window.bench.forget(u), dataUrl);
	const start = await page.evaluate(() => window.bench.duckStart());
	const load = await page.evaluate((u) => window.bench.duckLoad(u), dataUrl);
	if (load.rows !== size) throw new Error(`DuckDB loaded ${load.rows} rows, expected ${size}`);
	const duck = [];
	let duckCheck = null;
	let duckSteps = [];
	let duckNames = [];
	for (let r = 0; r < RUNS; r++) {
		const d = await page.evaluate(() => window.bench.duckAnalyse());
		duck.push(d.ms);
		duckCheck = d.check;
		duckSteps.push(d.steps);
		duckNames = d.names;
	}
	duckSteps = Object.fromEntries(duckNames.map((n, i) => [n, round(median(duckSteps.map((s) => s[i])))]));
	log(`${size}: DuckDB statement medians: ${Object.entries(duckSteps).map(([k, v]) => `${k} ${v}`).join(', ')} ms`);
	log(`${size}: DuckDB ${start.version} (${start.bundle}) start ${round(start.ms)} ms, load ${round(load.ms)} ms, analysis ${duck.map((x) => round(x)).join(', ')} ms`);
	await context.close();
	return { parse, imp, importPeak, importPeakPrivate, stored, storedAfterRuns, stages, an, duck, duckCheck, duckSteps, duckStart: start, duckLoad: load };
}

function findPython() {
	for (const py of [process.env.PYTHON, 'python3', '/usr/bin/python3', 'python'].filter(Boolean)) {
		const r = spawnSync(py, ['-c', 'import pandas'], { stdio: 'ignore' });
		if (r.status === 0) return py;
	}
	return null;
}

function runPandas(python, path) {
	const r = spawnSync(python, [join(ROOT, 'scripts/bench/pandas_bench.py'), path, String(RUNS)], { encoding: 'utf8', maxBuffer: 64 * MB });
	if (r.status !== 0) {
		log('pandas failed:', r.stderr.slice(-2000));
		return null;
	}
	return JSON.parse(r.stdout);
}

const APP_INIT = () => {
	const w = window;
	w.__longtasks = [];
	try {
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
		}).observe({ type: 'longtask', buffered: true });
	} catch {
		w.__longtasks = null;
	}
	w.__readyAt = null;
	/**
	 * Watches the import's progress bar every animation frame (Svelte sets its `value` property, which
	 * no MutationObserver sees): when its value changes, and when the bar leaves the page.
	 */
	w.__watchProgress = () => {
		const p = { start: performance.now(), moves: [], goneAt: null, seen: false, last: null };
		w.__progress = p;
		const tick = () => {
			const el = document.querySelector('[data-testid="import-progress"]');
			const now = performance.now();
			if (el) {
				p.seen = true;
				if (el.value !== p.last) {
					p.last = el.value;
					p.moves.push({ at: now, value: el.value });
				}
			} else if (p.seen) {
				p.goneAt = now;
				return;
			}
			requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	};
	/**
	 * Starts the progress watcher and clicks the import button from inside the page; returns the click's
	 * time. (Playwright's own click first waits for the button to be stable over animation frames, and that
	 * time is not the app's: from here the figures start at the click itself.)
	 */
	w.__clickImport = () => {
		w.__watchProgress();
		const at = performance.now();
		document.querySelector('[data-testid="import-button"]').click();
		return at;
	};
	/** Clicks cancel in the page and notes when the progress bar (the import UI) has left it. */
	w.__cancelNow = () => {
		const c = { clickAt: performance.now(), goneAt: null };
		w.__cancel = c;
		const gone = () => {
			if (c.goneAt === null && !document.querySelector('[data-testid="import-progress"]')) c.goneAt = performance.now();
		};
		new MutationObserver(gone).observe(document, { subtree: true, childList: true });
		document.querySelector('[data-testid="cancel-import"]').click();
		gone();
	};
	const seen = () => {
		if (w.__readyAt === null && document.querySelector('[data-testid="cohort-heatmap"][data-ready="true"]')) w.__readyAt = performance.now();
	};
	new MutationObserver(seen).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
};

async function benchApp(browser, appUrl, path) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	await context.addInitScript(APP_INIT);
	const page = await context.newPage();
	page.on('pageerror', (e) => log('app error:', e.message));
	page.on('dialog', (d) => d.accept());
	await page.goto(appUrl);
	await page.getByTestId('file-input').setInputFiles(path);
	await page.getByTestId('import-button').waitFor({ state: 'visible', timeout: 120_000 });
	const before = rendererNow();
	const stop = memorySampler();
	await page.evaluate(() => (window.__longtasks ? (window.__longtasks.length = 0) : null));
	const cdp = await startProfile(page);
	// TRACE_IMPORT=file.json: a trace from the import click until the dashboard is drawn
	const trace = await startTrace(page, process.env.TRACE_IMPORT);
	const clickNode = performance.now();
	const t0 = await page.evaluate(() => window.__clickImport());
	await page.locator('[data-testid="cohort-heatmap"][data-ready="true"]').waitFor({ state: 'visible', timeout: 600_000 });
	await stopTrace(page, trace, 'the import');
	const peak = stop();
	const progress = progressGaps(await page.evaluate(() => window.__progress), t0);
	// the import proper: from the click until its progress UI has left the page (the dataset is stored);
	// the first analysis and the dashboard's first draw follow (`peak` covers both)
	const importPeak = progress.import_ui_ms === null ? null : stop.peakUntil(clickNode + progress.import_ui_ms + 50);
	const importPeakPrivate = progress.import_ui_ms === null ? null : stop.peakUntil(clickNode + progress.import_ui_ms + 50, 2);
	log(`progress bar: ${progress.moves} moves, longest gap ${progress.max_gap_ms} ms (${progress.max_gap_after_click_ms} ms after the click)`);
	if (APP_ONLY) log(`renderer memory timeline [ms after the click, MB]: ${JSON.stringify(stop.timeline(clickNode))}; import UI gone at ${progress.import_ui_ms} ms`);
	log(`renderer memory (VmRSS): before the click ${round(before.bytes / MB, 1)} MB, peak during the import ${importPeak === null ? '?' : round(importPeak / MB, 1)} MB, until the dashboard was drawn ${round(peak / MB, 1)} MB`);
	log(`renderer memory (private, RssAnon+VmSwap): before the click ${round(before.private / MB, 1)} MB, peak during the import ${importPeakPrivate === null ? '?' : round(importPeakPrivate / MB, 1)} MB, until the dashboard was drawn ${round(stop.peakPrivate / MB, 1)} MB`);
	await stopProfile(cdp, `app-main-${basename(path, '.csv')}.cpuprofile`, 'app main-thread profile');
	const after = await page.evaluate(() => ({ at: window.__readyAt, tasks: window.__longtasks }));
	const importToDashboard = (after.at ?? 0) - t0;
	const importTasks = after.tasks ?? [];
	const reopen = [];
	let reopenLongest = 0;
	for (let r = 0; r < RUNS; r++) {
		await page.reload({ waitUntil: 'commit' });
		await page.locator('[data-testid="cohort-heatmap"][data-ready="true"]').waitFor({ state: 'visible', timeout: 120_000 });
		const got = await page.evaluate(() => ({ at: window.__readyAt, tasks: window.__longtasks }));
		reopen.push(got.at);
		for (const t of got.tasks ?? []) reopenLongest = Math.max(reopenLongest, t.duration);
	}
	const customers = await customersRun(page);
	const weekly = await weeklyRun(page);
	const cancel = await cancelRun(page, path);
	await context.close();
	return {
		importToDashboard,
		longest: after.tasks === null ? null : importTasks.reduce((m, t) => Math.max(m, t.duration), 0),
		longTasks: importTasks.length,
		longTaskList: importTasks.map((t) => ({ after_click_ms: round(t.start - t0), duration_ms: t.duration })),
		longTaskTotal: importTasks.reduce((s, t) => s + t.duration, 0),
		peak,
		importPeak,
		importPeakPrivate,
		peakPrivate: stop.peakPrivate,
		before,
		reopen,
		reopenLongest,
		progress,
		customers,
		weekly,
		cancel
	};
}

/**
 * The page scrolled down to the weekly grid (it sits below the fold: its cells were drawn but not yet
 * laid out or painted), then the grid's box scrolled to its bottom-left (the last cohorts): the long
 * tasks of each, and the time until the last cohorts are drawn.
 */
async function scrollRun(page) {
	await page.evaluate(() => (window.__longtasks ? (window.__longtasks.length = 0) : null));
	// TRACE_SCROLL=file.json: a trace of both scrolls
	const trace = await startTrace(page, process.env.TRACE_SCROLL);
	await page.evaluate(() => document.querySelector('[data-testid="cohort-heatmap"] .heat-scroll').scrollIntoView({ block: 'center' }));
	// two painted frames, then a task: the grid in view is laid out and painted by then
	await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
	await page.waitForTimeout(200);
	const pageScroll = await page.evaluate(() => {
		const tasks = window.__longtasks ?? [];
		if (window.__longtasks) window.__longtasks.length = 0;
		return tasks.map((x) => x.duration);
	});
	const cdp = await startProfile(page);
	const t0 = await page.evaluate(() => {
		const box = document.querySelector('[data-testid="cohort-heatmap"] .heat-scroll');
		const at = performance.now();
		box.scrollTop = box.scrollHeight;
		return at;
	});
	await page.waitForFunction(
		() => {
			const map = document.querySelector('[data-testid="cohort-heatmap"][data-ready="true"]');
			// (before data-last-cohort every label was drawn: the last one is the last cohort)
			const last = map?.getAttribute('data-last-cohort') ?? [...document.querySelectorAll('[data-cohort-label]')].pop()?.getAttribute('data-cohort-label');
			if (!map || !last || !map.querySelector(`[data-cohort-label="${last}"]`) || !map.querySelector(`[data-testid="heat-cell"][data-cohort="${last}"]`)) return false;
			window.__scrolledAt ??= performance.now();
			return true;
		},
		null,
		{ timeout: 60_000, polling: 'raf' }
	);
	await stopTrace(page, trace, 'the scroll');
	await stopProfile(cdp, 'app-main-scroll.cpuprofile', 'app main-thread profile of the scroll');
	const got = await page.evaluate(() => {
		const at = window.__scrolledAt;
		window.__scrolledAt = undefined;
		return { at, tasks: window.__longtasks ?? [] };
	});
	return { drawn_ms: round(got.at - t0), longest_task_ms: got.tasks.reduce((m, x) => Math.max(m, x.duration), 0), long_tasks: got.tasks.length, page_scroll_longest_task_ms: pageScroll.reduce((m, x) => Math.max(m, x), 0), page_scroll_long_tasks: pageScroll.length };
}

/**
 * A settings change at this size: the period switched from month to week on the dashboard (the worker
 * analyses again; a weekly grid has ~156 cohorts), timed from the change until the heatmap is drawn, with
 * the main thread's long tasks meanwhile; then back to months.
 */
async function weeklyRun(page) {
	const ready = '[data-testid="cohort-heatmap"][data-ready="true"]';
	await page.locator(ready).waitFor({ state: 'visible', timeout: 120_000 });
	await page.evaluate(() => (window.__longtasks ? (window.__longtasks.length = 0) : null));
	const cdp = await startProfile(page);
	// TRACE_WEEKLY=file.json: a Chromium trace of the change, for finding what the long tasks are
	const trace = await startTrace(page, process.env.TRACE_WEEKLY);
	// HEAP_WEEKLY=file.heapprofile: what the change allocates and keeps (a sampling heap profile; kept
	// objects are what a scavenge copies, and a 25–30 ms scavenge made one of its long tasks)
	const heap = await startHeap(page, process.env.HEAP_WEEKLY);
	const t0 = await page.evaluate(() => {
		const w = window;
		w.__weeklyAt = null;
		// drawn: the heatmap is ready again and its cells are weeks (labels 2021-W05)
		const done = () => {
			if (w.__weeklyAt !== null) return;
			const map = document.querySelector('[data-testid="cohort-heatmap"][data-ready="true"]');
			if (map && /-W\d\d$/.test(map.querySelector('[data-testid="heat-cell"]')?.getAttribute('data-cohort') ?? '')) w.__weeklyAt = performance.now();
		};
		// attributes only: watching childList over the document cost ~136 ms of main-thread time while
		// the 12,000 cells were added, and those callbacks counted in the long tasks measured here
		new MutationObserver(done).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
		const select = document.querySelector('[data-testid="granularity"]');
		const at = performance.now();
		select.value = 'week';
		select.dispatchEvent(new Event('change', { bubbles: true }));
		return at;
	});
	await page.waitForFunction(() => window.__weeklyAt !== null, null, { timeout: 300_000, polling: 100 });
	await stopTrace(page, trace, 'the weekly change');
	await stopHeap(heap, 'the weekly change');
	await stopProfile(cdp, 'app-main-weekly.cpuprofile', 'app main-thread profile of the weekly change');
	// a big grid draws the cells near its box's view (CohortHeatmap): count the cohorts by their labels
	const got = await page.evaluate(() => ({ at: window.__weeklyAt, tasks: window.__longtasks, cohorts: Number(document.querySelector('[data-testid="cohort-heatmap"]')?.getAttribute('data-cohorts') ?? document.querySelectorAll('[data-cohort-label]').length), labels: document.querySelectorAll('[data-cohort-label]').length, cells: document.querySelectorAll('[data-testid="heat-cell"]').length }));
	const tasks = got.tasks ?? [];
	const out = { to_heatmap_ms: round(got.at - t0), cohorts: got.cohorts, labels_drawn: got.labels, cells_drawn: got.cells, longest_task_ms: tasks.reduce((m, x) => Math.max(m, x.duration), 0), long_tasks: tasks.map((x) => ({ after_change_ms: round(x.start - t0), duration_ms: x.duration })) };
	log(`weekly: heatmap of ${out.cohorts} cohorts drawn (${out.cells_drawn} cells and ${out.labels_drawn} labels near the view) ${out.to_heatmap_ms} ms after the change; longest task ${out.longest_task_ms} ms (${tasks.length} over 50 ms: ${out.long_tasks.map((x) => `${x.after_change_ms}: ${x.duration_ms}`).join(', ')})`);
	out.scroll = await scrollRun(page);
	log(`page scrolled to the weekly grid: longest task ${out.scroll.page_scroll_longest_task_ms} ms (${out.scroll.page_scroll_long_tasks} over 50 ms); grid scrolled to its last cohort: drawn ${out.scroll.drawn_ms} ms after the scroll; longest task ${out.scroll.longest_task_ms} ms (${out.scroll.long_tasks} over 50 ms)`);
	await page.evaluate(() => {
		const select = document.querySelector('[data-testid="granularity"]');
		select.value = 'month';
		select.dispatchEvent(new Event('change', { bubbles: true }));
	});
	await page.waitForFunction(() => document.querySelector('[data-testid="granularity"]').value === 'month');
	await page.locator(ready).waitFor({ state: 'visible', timeout: 120_000 });
	return out;
}

/** --profile-app: a CPU profile of the app's main thread (sampled every 200 µs) from now; null otherwise. */
async function startProfile(page) {
	if (!PROFILE_APP) return null;
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await cdp.send('Profiler.start');
	return cdp;
}

/** Stops `startProfile`'s profile and writes it to `name` in bench/out. */
async function stopProfile(cdp, name, what) {
	if (!cdp) return;
	const { profile } = await cdp.send('Profiler.stop');
	const file = join(OUT, name);
	writeFileSync(file, JSON.stringify(profile));
	log(`${what}: ${file}`);
	await cdp.detach();
}

/** Starts sampling the page's allocations for a heap profile to write to `path` (none when `path` is empty). */
async function startHeap(page, path) {
	if (!path) return null;
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('HeapProfiler.enable');
	await cdp.send('HeapProfiler.startSampling', { samplingInterval: 4096 });
	return { cdp, path };
}

/** Stops `startHeap`'s sampling and writes the profile (objects still alive; open it in DevTools' Memory panel). */
async function stopHeap(heap, what) {
	if (!heap) return;
	const { profile } = await heap.cdp.send('HeapProfiler.stopSampling');
	writeFileSync(heap.path, JSON.stringify(profile));
	log(`heap profile of ${what}: ${heap.path}`);
	await heap.cdp.detach();
}

/** Starts a Chromium trace of the page into `path` (none when `path` is empty), for finding what long tasks are. */
async function startTrace(page, path) {
	if (!path) return null;
	await page.context().browser().startTracing(page, { path, categories: ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline', 'toplevel', 'blink', 'disabled-by-default-v8.gc', ...(process.env.TRACE_MORE ? process.env.TRACE_MORE.split(',') : [])] });
	return path;
}

async function stopTrace(page, path, what) {
	if (!path) return;
	await page.context().browser().stopTracing();
	log(`trace of ${what}: ${path}`);
}

/**
 * The customers view at this size ("pages and sorts 250k customers without freezing"): the tab opened,
 * the table sorted by revenue, the next page, each clicked from inside the page and timed until the table
 * shows the new rows; the long tasks over the three.
 */
async function customersRun(page) {
	const table = '[data-testid="customers-table"]';
	const firstRow = () => page.evaluate((t) => document.querySelector(`${t} tbody tr`)?.getAttribute('data-customer') ?? null, table);
	const changed = (before) =>
		page.waitForFunction(
			([t, b]) => {
				const el = document.querySelector(t);
				const r = el?.querySelector('tbody tr');
				return !!r && el.getAttribute('aria-busy') !== 'true' && r.getAttribute('data-customer') !== b;
			},
			[table, before],
			{ timeout: 120_000, polling: 'raf' }
		);
	const click = (selector) =>
		page.evaluate((sel) => {
			const at = performance.now();
			document.querySelector(sel).click();
			return at;
		}, selector);
	await page.evaluate(() => (window.__longtasks ? (window.__longtasks.length = 0) : null));
	// TRACE_CUSTOMERS=file.json: a trace of the three steps
	const trace = await startTrace(page, process.env.TRACE_CUSTOMERS);
	const cdp = await startProfile(page);
	const t0 = await click('[data-testid="tab-customers"]');
	await changed(null);
	const t1 = await page.evaluate(() => performance.now());
	const before = await firstRow();
	const t2 = await click(`${table} button[data-sort="revenue"]`);
	await changed(before);
	const t3 = await page.evaluate(() => performance.now());
	const sortedFirst = await firstRow();
	const next = page.getByRole('button', { name: 'Next' });
	const t4 = await next.evaluate((b) => {
		const at = performance.now();
		b.click();
		return at;
	});
	await changed(sortedFirst);
	const t5 = await page.evaluate(() => performance.now());
	await stopTrace(page, trace, 'the customers view');
	await stopProfile(cdp, 'app-main-customers.cpuprofile', 'app main-thread profile of the customers view');
	const tasks = (await page.evaluate(() => window.__longtasks)) ?? [];
	// which step each long task fell in: open (t0..t1), sort (t2..t3), next page (t4..t5)
	const step = (at) => (at < t2 ? 'open' : at < t4 ? 'sort' : 'next');
	const out = { open_ms: round(t1 - t0), sort_ms: round(t3 - t2), next_page_ms: round(t5 - t4), longest_task_ms: tasks.reduce((m, x) => Math.max(m, x.duration), 0), long_tasks: tasks.map((x) => ({ step: step(x.start), duration_ms: x.duration })) };
	log(`customers view: opened in ${out.open_ms} ms, sorted by revenue in ${out.sort_ms} ms, next page in ${out.next_page_ms} ms; longest task ${out.longest_task_ms} ms [${out.long_tasks.map((x) => `${x.step}: ${x.duration_ms}`).join(', ')}]`);
	// back to the dashboard for what follows (the cancel run starts from it)
	await page.evaluate(() => document.querySelector('[data-testid="tab-overview"]')?.click());
	return out;
}

/**
 * The progress bar's moves during an import: the longest time without a change of its value, from
 * the import click to its first move, between moves, and from its last move until it leaves the page
 * (the dataset stored). `t0` is the page time of the click.
 */
function progressGaps(p, t0) {
	if (!p || p.moves.length === 0) return { max_gap_ms: null, moves: 0, max_gap_after_click_ms: null };
	const times = [t0, ...p.moves.map((m) => m.at), ...(p.goneAt === null ? [] : [p.goneAt])];
	let max = 0;
	let at = 0;
	for (let i = 1; i < times.length; i++) {
		if (times[i] - times[i - 1] > max) {
			max = times[i] - times[i - 1];
			at = times[i - 1] - t0;
		}
	}
	// the moves around the longest gap [ms after the click, bar value], to tell which stage it was in
	const around = p.moves.filter((m) => Math.abs(m.at - t0 - at) <= max + 400).map((m) => [round(m.at - t0), round(m.value, 3)]);
	return { max_gap_ms: round(max), moves: p.moves.length, max_gap_after_click_ms: round(at), import_ui_ms: p.goneAt === null ? null : round(p.goneAt - t0), around_max_gap: around };
}

/**
 * Cancel latency: imports the same file again, clicks cancel once the bar shows a third of the
 * reading done, and times the click until the import UI has left the page (the worker answered
 * "cancelled", the app is idle). Also checks that nothing was stored (still one dataset).
 */
async function cancelRun(page, path) {
	await page.getByTestId('file-input').setInputFiles(path);
	await page.getByTestId('import-button').waitFor({ state: 'visible', timeout: 120_000 });
	const t0 = await page.evaluate(() => window.__clickImport());
	await page.waitForFunction(() => (document.querySelector('[data-testid="import-progress"]')?.value ?? 0) >= 0.3, null, { timeout: 120_000, polling: 'raf' });
	await page.evaluate(() => window.__cancelNow());
	await page.waitForFunction(() => window.__cancel.goneAt !== null, null, { timeout: 60_000 });
	const c = await page.evaluate(() => window.__cancel);
	const status = await page.getByRole('status').filter({ hasText: 'cancelled' }).count();
	const datasets = await page.getByTestId('dataset-item').count();
	const progress = progressGaps(await page.evaluate(() => window.__progress), t0);
	const cancelled = status > 0 && datasets === 1;
	log(`cancel ${cancelled ? `${round(c.goneAt - c.clickAt)} ms after the click` : 'did not stop the import'} (clicked ${round(c.clickAt - t0)} ms after the import click)`);
	return { cancel_ms: cancelled ? round(c.goneAt - c.clickAt) : null, clicked_after_ms: round(c.clickAt - t0), cancelled_message: status > 0, datasets_after: datasets, progress_until_cancel: progress };
}

/* ------------------------------------------------------------ Online Retail end to end */

/** Cells of a CSV text (no quoted separators in these tables' numeric columns; ids and labels are plain). */
function csvCells(text) {
	return text.replace(/\r/g, '').trim().split('\n').map((l) => l.split(','));
}

/**
 * Differences between the app's download and the report's file of the same table: same header and
 * rows; each cell equal as text, or as numbers within 1e-9 (relative) — the two write through the
 * same core/csv-out.ts, so any difference is a finding.
 */
function compareCsv(name, app, report) {
	const a = csvCells(app);
	const b = csvCells(report);
	const out = [];
	if (a.length !== b.length) out.push(`${name}: ${a.length - 1} rows in the app, ${b.length - 1} in the report`);
	for (let i = 0; i < Math.min(a.length, b.length) && out.length < 20; i++) {
		if (a[i].length !== b[i].length) {
			out.push(`${name} line ${i + 1}: ${a[i].length} vs ${b[i].length} cells`);
			continue;
		}
		for (let j = 0; j < a[i].length; j++) {
			const x = a[i][j];
			const y = b[i][j];
			if (x === y) continue;
			const nx = Number(x);
			const ny = Number(y);
			if (x !== '' && y !== '' && Number.isFinite(nx) && Number.isFinite(ny) && Math.abs(nx - ny) <= 1e-9 * Math.max(1, Math.abs(nx), Math.abs(ny))) continue;
			out.push(`${name} line ${i + 1} ${b[0][j]}: app ${x} vs report ${y}`);
		}
	}
	return out;
}

async function benchOnlineRetail(browser, appUrl) {
	const reportDir = join(OUT, 'online-retail-report');
	const t = Date.now();
	const rep = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/report.ts'), ONLINE_RETAIL_FILE, '--out', reportDir], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * MB });
	if (rep.status !== 0) throw new Error(`npm run report failed (${rep.status}): ${rep.stderr.slice(-1000)}`);
	const reportMs = Date.now() - t;
	log(`online retail: headless report ${round(reportMs / 1000, 1)} s`);
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
	await context.addInitScript(APP_INIT);
	const page = await context.newPage();
	page.on('pageerror', (e) => log('app error:', e.message));
	page.on('dialog', (d) => d.accept());
	await page.goto(appUrl);
	await page.getByTestId('file-input').setInputFiles(ONLINE_RETAIL_FILE);
	await page.getByTestId('import-button').waitFor({ state: 'visible', timeout: 120_000 });
	const stop = memorySampler();
	await page.evaluate(() => (window.__longtasks ? (window.__longtasks.length = 0) : null));
	const t0 = await page.evaluate(() => window.__clickImport());
	await page.locator('[data-testid="cohort-heatmap"][data-ready="true"]').waitFor({ state: 'visible', timeout: 600_000 });
	const peak = stop();
	const progress = progressGaps(await page.evaluate(() => window.__progress), t0);
	const after = await page.evaluate(() => ({ at: window.__readyAt, tasks: window.__longtasks }));
	await page.screenshot({ path: join(OUT, 'online-retail-dashboard.png'), fullPage: false });
	const differences = [];
	const tables = [
		['periods.csv', 'download-periods'],
		['cohorts.csv', 'download-cohorts'],
		['customers.csv', 'download-customers'],
		['segments.csv', 'download-segments']
	];
	for (const [file, testid] of tables) {
		const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId(testid).first().click()]);
		const app = readFileSync(await download.path(), 'utf8');
		const report = readFileSync(join(reportDir, file), 'utf8');
		const diff = compareCsv(file, app, report);
		differences.push(...diff);
		log(`online retail: ${file} ${diff.length === 0 ? `same as the report (${csvCells(report).length - 1} rows)` : `DIFFERS: ${diff.slice(0, 3).join('; ')}`}`);
	}
	await context.close();
	const tasks = after.tasks ?? [];
	return {
		file: ONLINE_RETAIL_FILE,
		report_ms: reportMs,
		import_to_dashboard_ms: round((after.at ?? 0) - t0),
		longest_task_ms: tasks.reduce((m, x) => Math.max(m, x.duration), 0),
		long_task_list: tasks.map((x) => ({ after_click_ms: round(x.start - t0), duration_ms: x.duration })),
		peak_renderer_mb: round(stop.peakPrivate / MB, 1),
		peak_renderer_rss_mb: round(peak / MB, 1),
		progress,
		same_as_report: differences.length === 0,
		differences: differences.slice(0, 50)
	};
}

/** One app run's figures for `summariseRuns` (sizes in MB). */
function appFigures(a) {
	return {
		import_to_dashboard_ms: a.importToDashboard,
		longest_task_ms: a.longest,
		peak_renderer_mb: a.importPeakPrivate === null ? null : a.importPeakPrivate / MB,
		peak_renderer_rss_mb: a.importPeak === null ? null : a.importPeak / MB,
		progress_max_gap_ms: a.progress.max_gap_ms,
		cancel_ms: a.cancel.cancel_ms,
		reopen_longest_task_ms: a.reopenLongest,
		customers_longest_task_ms: a.customers.longest_task_ms,
		weekly_longest_task_ms: a.weekly.longest_task_ms,
		weekly_page_scroll_longest_task_ms: a.weekly.scroll.page_scroll_longest_task_ms,
		weekly_scroll_longest_task_ms: a.weekly.scroll.longest_task_ms
	};
}

/** One app run as details.json holds it. */
function appDetail(a) {
	return { import_to_dashboard_ms: a.importToDashboard, long_tasks: a.longTasks, long_task_list: a.longTaskList, long_task_total_ms: a.longTaskTotal, peak_renderer_mb: a.importPeakPrivate === null ? null : round(a.importPeakPrivate / MB, 1), peak_renderer_rss_mb: a.importPeak === null ? null : round(a.importPeak / MB, 1), peak_renderer_to_dashboard_mb: round(a.peak / MB, 1), renderer_before_import_mb: round(a.before.bytes / MB, 1), renderer_before_import_private_mb: round(a.before.private / MB, 1), peak_renderer_private_to_dashboard_mb: round(a.peakPrivate / MB, 1), renderer_processes: a.before.processes, reopen_ms: a.reopen, reopen_longest_task_ms: a.reopenLongest, progress: a.progress, customers_view: a.customers, weekly: a.weekly, cancel: a.cancel };
}

/* ------------------------------------------------------------ main */

async function main() {
	const t0 = Date.now();
	const loadBefore = loadavg();
	const files = [];
	for (const size of SIZES) {
		const path = join(DATA, `orders-${size}.csv`);
		const g = await writeOrdersCsv(path, size);
		log(`${g.reused ? 'reusing' : 'generated'} ${path} (${round(g.bytes / MB, 1)} MB${g.customers ? `, ${g.customers} customers` : ''})`);
		files.push({ size, path, name: `orders-${size}.csv`, bytes: g.bytes });
	}
	log('building the bench page and the app');
	await build({ configFile: join(ROOT, 'bench/vite.config.ts'), logLevel: 'warn' });
	if (!SKIP_APP) await build({ root: ROOT, logLevel: 'warn', build: { outDir: APP, emptyOutDir: true, minify: !PROFILE_APP } });
	const bench = await serveBench();
	const app = SKIP_APP ? null : await preview({ root: ROOT, logLevel: 'warn', build: { outDir: APP }, preview: { port: 0, strictPort: false, host: '127.0.0.1', open: false } });
	const appUrl = app?.resolvedUrls?.local[0];
	const python = argv.includes('--no-pandas') ? null : findPython();
	log(python ? `pandas via ${python}` : 'no python3 with pandas: pandas_ms will be null');
	const results = [];
	const details = [];
	let chromiumVersion = '';
	let onlineRetail = null;
	try {
		for (const f of files) {
			if (APP_ONLY && appUrl) {
				const browser = await chromium.launch(launchOptions());
				chromiumVersion = browser.version();
				const a = await benchApp(browser, appUrl, f.path);
				await browser.close();
				const tasks = a.longTaskList.map((t) => `${t.after_click_ms}: ${round(t.duration_ms)}`).join(', ');
				log(`${f.size} app only: import to dashboard ${round(a.importToDashboard)} ms; long tasks [${tasks}]; reopen ${a.reopen.map((x) => round(x)).join(', ')} ms (longest task ${a.reopenLongest}); peak renderer during the import ${a.importPeakPrivate === null ? '?' : round(a.importPeakPrivate / MB, 1)} MB private footprint (VmRSS ${a.importPeak === null ? '?' : round(a.importPeak / MB, 1)}), until the dashboard ${round(a.peakPrivate / MB, 1)} MB (VmRSS ${round(a.peak / MB, 1)}; before the click ${round(a.before.private / MB, 1)}, VmRSS ${round(a.before.bytes / MB, 1)}); progress longest gap ${a.progress.max_gap_ms} ms; cancel ${a.cancel?.cancel_ms ?? null} ms`);
				continue;
			}
			// the bench page may collect garbage between its timed steps (bench.worker.ts `collect`)
			const pageLaunch = launchOptions();
			let browser = await chromium.launch({ ...pageLaunch, args: [...(pageLaunch.args ?? []), '--js-flags=--expose-gc'] });
			chromiumVersion = browser.version();
			const b = await benchPage(browser, bench.url, f.size, f.name);
			await browser.close();
			const py = python ? runPandas(python, f.path) : null;
			// the app: the same import RUNS times, each in a new browser (an empty IndexedDB), its figures
			// the medians of those runs (the issue's targets hold "as medians of at least 3 runs")
			const appRuns = [];
			for (let r = 0; appUrl && r < RUNS; r++) {
				browser = await chromium.launch(launchOptions());
				appRuns.push(await benchApp(browser, appUrl, f.path));
				await browser.close();
			}
			const a = appRuns.length ? summariseRuns(appRuns.map(appFigures)) : null;
			if (a) log(`${f.size}: the app over ${appRuns.length} runs: ${Object.entries(a).map(([k, v]) => `${k} ${v.runs.map((x) => round(x)).join(' / ')} (median ${round(v.median)}, worst ${round(v.worst)})`).join('; ')}`);
			const duckDiff = compareChecks(b.an.check, b.duckCheck);
			const pandasDiff = py ? compareChecks(b.an.check, py.check) : [];
			if (duckDiff.length) log(`${f.size}: app and DuckDB DISAGREE:`, duckDiff.slice(0, 8).join('; '));
			else log(`${f.size}: app and DuckDB agree (periods, cohorts, customer figures, RFM, segments)`);
			if (py) log(pandasDiff.length ? `${f.size}: app and pandas DISAGREE: ${pandasDiff.slice(0, 8).join('; ')}` : `${f.size}: app and pandas agree`);
			const parse_ms = median(b.parse);
			const import_ms = median(b.imp);
			const analyse_ms = median(b.an.ms);
			const duckdb_ms = median(b.duck);
			const pandas_ms = py ? py.total_ms : null;
			results.push({
				rows: f.size,
				parse_ms: round(parse_ms),
				import_ms: round(import_ms),
				import_ratio: round(import_ms / parse_ms, 3),
				analyse_ms: round(analyse_ms),
				duckdb_ms: round(duckdb_ms),
				analyse_vs_duckdb: round(analyse_ms / duckdb_ms, 3),
				pandas_ms: pandas_ms === null ? null : round(pandas_ms),
				analyse_vs_pandas: pandas_ms === null ? null : round(analyse_ms / pandas_ms, 3),
				reopen_ms: a ? round(median(appRuns.flatMap((x) => x.reopen))) : null,
				longest_task_ms: a ? round(a.longest_task_ms.median) : null,
				// the longest task of the worst run beside the median, so one run over 50 ms stays visible
				longest_task_worst_ms: a ? round(a.longest_task_ms.worst) : null,
				// the issue's "peak renderer memory during import": the app's tab from the click until the dataset
				// is stored, as Chromium's private memory footprint (RssAnon + VmSwap; see procMemory)
				peak_renderer_mb: a && a.peak_renderer_mb.median !== null ? round(a.peak_renderer_mb.median, 1) : round(b.importPeakPrivate / MB, 1),
				// the same samples' VmRSS, which adds the shared, file-backed pages of Chromium itself
				peak_renderer_rss_mb: a && a.peak_renderer_rss_mb.median !== null ? round(a.peak_renderer_rss_mb.median, 1) : round(b.importPeak / MB, 1),
				memory_target_mb: round((3 * f.bytes) / MB + 150, 1),
				stored_mb: round(b.stored / MB, 1),
				progress_max_gap_ms: a ? round(a.progress_max_gap_ms.median) : null,
				cancel_ms: a ? round(a.cancel_ms.median) : null
			});
			details.push({
				rows: f.size,
				csv_mb: round(f.bytes / MB, 1),
				runs: { parse_ms: b.parse, import_ms: b.imp, analyse_ms: b.an.ms, duckdb_ms: b.duck, reopen_ms: appRuns.length ? appRuns.flatMap((x) => x.reopen) : null },
				load_ms: b.an.load_ms,
				import_stages_ms: b.stages,
				duckdb: { version: b.duckStart.version, bundle: b.duckStart.bundle, start_ms: b.duckStart.ms, load_ms: b.duckLoad.ms, statement_ms: b.duckSteps, agrees: duckDiff.length === 0, differences: duckDiff.slice(0, 50) },
				pandas: py ? { version: py.pandas, read_ms: py.read_ms, compute_ms: py.compute_ms, agrees: pandasDiff.length === 0, differences: pandasDiff.slice(0, 50) } : null,
				stored_after_runs_mb: round(b.storedAfterRuns / MB, 1),
				bench_page_import_peak_renderer_mb: round(b.importPeakPrivate / MB, 1),
				bench_page_import_peak_renderer_rss_mb: round(b.importPeak / MB, 1),
				// the medians and worst runs of the app's figures, then each run as it was measured
				app: a ? { summary: a, runs: appRuns.map(appDetail) } : null
			});
			writeFileSync(
				join(OUT, 'details.json'),
				JSON.stringify({ chromium: chromiumVersion, cpus: cpus().length, memory_gb: round(totalmem() / 1024 ** 3, 1), load_before: loadBefore, load_after: loadavg(), details }, null, '\t')
			);
		}
		if (ONLINE_RETAIL && appUrl) {
			const browser = await chromium.launch(launchOptions());
			chromiumVersion = browser.version();
			try {
				onlineRetail = await benchOnlineRetail(browser, appUrl);
			} finally {
				await browser.close();
			}
			const path = join(OUT, 'details.json');
			const all = SIZES.length > 0 && existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : { chromium: chromiumVersion, load_before: loadBefore };
			writeFileSync(path, JSON.stringify({ ...all, online_retail: onlineRetail, load_after_online_retail: loadavg() }, null, '\t'));
			log(`online retail end to end: ${onlineRetail.same_as_report ? 'the same figures as the headless report' : 'DIFFERENT figures from the headless report'}; import to dashboard ${onlineRetail.import_to_dashboard_ms} ms, longest task ${onlineRetail.longest_task_ms} ms, longest progress gap ${onlineRetail.progress.max_gap_ms} ms, peak renderer ${onlineRetail.peak_renderer_mb} MB private footprint (${onlineRetail.peak_renderer_rss_mb} MB VmRSS)`);
		}
	} finally {
		bench.server.close();
		await app?.close();
	}
	// `--sizes 0 --online-retail` runs only the end-to-end check and leaves results.json as it is
	if (results.length > 0 && !APP_ONLY) writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, '\t')}\n`);
	console.log(renderTable(results));
	console.log(`Chromium ${chromiumVersion}; medians of ${RUNS} runs; details in bench/out/details.json; ${round((Date.now() - t0) / 1000)} s`);
	const bad = details.some((d) => !d.duckdb.agrees || (d.pandas && !d.pandas.agrees)) || (onlineRetail !== null && !onlineRetail.same_as_report);
	if (bad) {
		console.error('[bench] the app and a baseline disagree: see bench/out/details.json');
		process.exitCode = 1;
	}
}

await main();
