/**
 * The headless report (METRICS.md §8), as a function the CLI and the tests share.
 * Runs the same importer and engine as the app, streaming the file, and writes the report's files.
 * Exit codes: 0 imported, 2 rejected, 3 an answer is needed, 1 usage or internal error.
 */
import { createReadStream, mkdirSync, openSync, readSync, closeSync, writeFileSync, writeSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { computeAnalysis, computeBreakdown } from '../src/lib/core/analysis.ts';
import { computePredictions } from '../src/lib/core/predict/index.ts';
import { parseIsoDay } from '../src/lib/core/calendar.ts';
import { COHORT_COLUMNS, CUSTOMER_COLUMNS, PREDICTION_COLUMNS, PERIOD_COLUMNS, REPORT_COLUMNS, SEGMENT_COLUMNS, toCsv } from '../src/lib/core/csv-out.ts';
import { createImporter, previewBytes } from '../src/lib/core/import/index.ts';
import {
	DEFAULT_WINDOW,
	FIELDS,
	type AnalysisSettings,
	type CalendarKind,
	type Field,
	type Granularity,
	type ImportFacts,
	type ImportOptions,
	type Mapping
} from '../src/lib/core/types.ts';

const PREVIEW_BYTES = 1 << 20;
const USAGE = `usage: npm run report -- <file> --out <dir> [options]
  --granularity week|month|quarter|year   --window N   --calendar gregorian|persian   --as-of YYYY-MM-DD
  mapping (header name or 0-based index): --customer --order --date --amount --quantity --unit-price
      --product --category --location --channel --discount --status
  answers: --date-order dmy|mdy  --decimal point|comma  --header N | --no-header  --encoding LABEL
  defaults: --duplicates skip|keep  --c-prefix-returns on|off
  extras: --safe-csv  --predict-weeks N  --breakdown COL  --breakdown-top N (default 12)`;

class UsageError extends Error {}

const FIELD_FLAGS: Record<string, Field> = {
	customer: 'customer_id',
	order: 'order_id',
	date: 'date',
	amount: 'amount',
	quantity: 'quantity',
	'unit-price': 'unit_price',
	product: 'product',
	category: 'category',
	location: 'location',
	channel: 'channel',
	discount: 'discount',
	status: 'status'
};

interface Args {
	file: string;
	out: string;
	settings: AnalysisSettings;
	options: ImportOptions;
	mapping: Partial<Record<Field, string>>;
	safe: boolean;
	predictWeeks: number | null;
	breakdown: string | null;
	breakdownTop: number;
}

function oneOf<T extends string>(flag: string, v: string, allowed: readonly T[]): T {
	if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${v}")`);
	return v as T;
}

function parseArgs(argv: string[]): Args {
	let file: string | undefined;
	let out: string | undefined;
	let granularity: Granularity = 'month';
	let window: number | undefined;
	let calendar: CalendarKind = 'gregorian';
	let asOf: number | null = null;
	const options: ImportOptions = {};
	const mapping: Partial<Record<Field, string>> = {};
	let safe = false;
	let predictWeeks: number | null = null;
	let breakdown: string | null = null;
	let breakdownTop = 12;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (!a.startsWith('--')) {
			if (file) throw new UsageError(`unexpected argument "${a}"`);
			file = a;
			continue;
		}
		const [flag, inline] = a.slice(2).split(/=(.*)/s, 2);
		const takesNoValue = flag === 'no-header' || flag === 'safe-csv';
		const value = takesNoValue ? '' : (inline ?? argv[++i]);
		if (!takesNoValue && value === undefined) throw new UsageError(`--${flag} needs a value`);
		switch (flag) {
			case 'out': out = value; break;
			case 'granularity': granularity = oneOf('--granularity', value, ['week', 'month', 'quarter', 'year'] as const); break;
			case 'window': {
				window = Number(value);
				if (!Number.isInteger(window) || window < 1) throw new UsageError('--window must be a whole number ≥ 1');
				break;
			}
			case 'calendar': calendar = oneOf('--calendar', value, ['gregorian', 'persian'] as const); break;
			case 'as-of': {
				const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseIsoDay(value) : null;
				if (d === null || Number.isNaN(d)) throw new UsageError('--as-of must be a date YYYY-MM-DD');
				asOf = d;
				break;
			}
			case 'date-order': options.dateOrder = oneOf('--date-order', value, ['dmy', 'mdy'] as const); break;
			case 'decimal': options.decimal = oneOf('--decimal', value, ['point', 'comma'] as const) === 'point' ? '.' : ','; break;
			case 'header': {
				const n = Number(value);
				if (!Number.isInteger(n) || n < 1) throw new UsageError('--header must be a 1-based line number');
				options.headerLine = n;
				break;
			}
			case 'no-header': options.headerLine = null; break;
			case 'encoding': options.encoding = value; break;
			case 'duplicates': options.duplicates = oneOf('--duplicates', value, ['skip', 'keep'] as const); break;
			case 'c-prefix-returns': options.cPrefixReturns = oneOf('--c-prefix-returns', value, ['on', 'off'] as const) === 'on'; break;
			case 'safe-csv': safe = true; break;
			case 'predict-weeks': {
				predictWeeks = Number(value);
				if (!Number.isFinite(predictWeeks) || predictWeeks <= 0) throw new UsageError('--predict-weeks must be a positive number of weeks');
				break;
			}
			case 'breakdown': breakdown = value; break;
			case 'breakdown-top': {
				breakdownTop = Number(value);
				if (!Number.isInteger(breakdownTop) || breakdownTop < 1) throw new UsageError('--breakdown-top must be a whole number ≥ 1');
				break;
			}
			default: {
				const field = FIELD_FLAGS[flag];
				if (!field) throw new UsageError(`unknown option --${flag}`);
				mapping[field] = value;
			}
		}
	}
	if (!file) throw new UsageError('no input file given');
	if (!out) throw new UsageError('--out <dir> is required');
	const settings: AnalysisSettings = { granularity, window: window ?? DEFAULT_WINDOW[granularity], calendar, asOf };
	return { file, out, settings, options, mapping, safe, predictWeeks, breakdown, breakdownTop };
}

function readHead(file: string): Promise<Uint8Array> {
	if (!/\.gz$/i.test(file)) {
		const fd = openSync(file, 'r');
		try {
			const buf = new Uint8Array(Math.min(PREVIEW_BYTES, statSync(file).size));
			const n = readSync(fd, buf, 0, buf.length, 0);
			return Promise.resolve(buf.subarray(0, n));
		} finally {
			closeSync(fd);
		}
	}
	return new Promise((resolve, reject) => {
		const parts: Buffer[] = [];
		let n = 0;
		const s = createReadStream(file).pipe(createGunzip());
		s.on('data', (c: Buffer) => {
			parts.push(c);
			n += c.length;
			if (n >= PREVIEW_BYTES) s.destroy();
		});
		s.on('close', () => resolve(new Uint8Array(Buffer.concat(parts).subarray(0, PREVIEW_BYTES))));
		s.on('error', reject);
	});
}

/** A column named by its header (exact, then case-insensitive) or by its 0-based index. */
function resolveColumn(flag: string, v: string, headers: string[]): number {
	let col = headers.findIndex((h) => h === v);
	if (col < 0) col = headers.findIndex((h) => h.toLowerCase() === v.toLowerCase());
	if (col < 0 && /^\d+$/.test(v)) col = Number(v);
	if (col < 0 || col >= Math.max(headers.length, 1)) throw new UsageError(`--${flag} "${v}" is not a column of this file (columns: ${headers.join(', ')})`);
	return col;
}

/** Resolve --customer etc. (a header name or a 0-based index) against the detected headers. */
function resolveMapping(given: Partial<Record<Field, string>>, headers: string[], detected: Mapping): Mapping {
	const mapping: Mapping = { ...detected };
	for (const field of FIELDS) {
		const v = given[field];
		if (v === undefined) continue;
		const col = resolveColumn(Object.keys(FIELD_FLAGS).find((k) => FIELD_FLAGS[k] === field) ?? field, v, headers);
		// A column given explicitly is taken away from any field it was auto-detected for.
		for (const f of FIELDS) if (mapping[f] === col && given[f] === undefined) delete mapping[f];
		mapping[field] = col;
	}
	if (given.amount === undefined && (given.quantity !== undefined || given.unit_price !== undefined)) delete mapping.amount;
	return mapping;
}

/** Rows per batch when a CSV is written a batch at a time. */
const CSV_BATCH = 20_000;

/**
 * Writes `count` rows (made one at a time by `row`) as CSV, a batch at a time: 760k customers as one text
 * of 13M cells did not fit in a 512 MB heap (issue 5: a 3M-row file in bounded memory). Same bytes as toCsv.
 */
function writeCsv<T extends object>(path: string, columns: readonly (keyof T & string)[], count: number, row: (i: number) => T, safe: boolean) {
	const fd = openSync(path, 'w');
	try {
		for (let at = 0; at === 0 || at < count; at += CSV_BATCH) {
			const rows: T[] = [];
			for (let i = at; i < Math.min(count, at + CSV_BATCH); i++) rows.push(row(i));
			writeSync(fd, toCsv(columns, rows, safe, at === 0));
		}
	} finally {
		closeSync(fd);
	}
}

function writeJson(path: string, value: unknown) {
	writeFileSync(path, JSON.stringify(value, null, 1) + '\n');
}

function importKeys(facts: ImportFacts) {
	return {
		outcome: facts.outcome,
		warnings: facts.warnings,
		question: facts.question,
		rows_imported: facts.rows_imported,
		rows_rejected: facts.rows_rejected,
		duplicate_rows: facts.duplicate_rows,
		encoding: facts.encoding,
		delimiter: facts.delimiter,
		decimal: facts.decimal,
		date_order: facts.date_order,
		header_line: facts.header_line
	};
}

/** Run the report for these command-line arguments; resolves to the exit code. */
export async function runReport(argv: string[], log: (line: string) => void = (l) => process.stderr.write(l + '\n')): Promise<number> {
	try {
		return await report(argv, log);
	} catch (e) {
		if (e instanceof UsageError) log(`${e.message}\n\n${USAGE}`);
		else log(`internal error: ${(e as Error).stack ?? e}`);
		return 1;
	}
}

async function report(argv: string[], log: (line: string) => void): Promise<number> {
	const args = parseArgs(argv);
	if (!existsSync(args.file)) throw new UsageError(`${args.file}: no such file`);
	mkdirSync(args.out, { recursive: true });
	const fileName = args.file.split(/[\\/]/).pop() ?? args.file;

	const head = await readHead(args.file);
	const preview = previewBytes(head, fileName, args.options);
	if (!preview.ok) {
		log(`${fileName}: ${preview.reason}`);
		writeJson(join(args.out, 'summary.json'), { outcome: 'reject', reject_reason: preview.reason, rows_imported: 0, rows_rejected: 0 });
		return 2;
	}
	const p = preview.preview;
	// Questions only the preview can raise (is line 1 a header? which encoding?) need an answer first.
	const early = p.questions.find((q) => q.kind === 'header' || q.kind === 'encoding' || q.kind === 'mapping');
	if (early) {
		writeJson(join(args.out, 'summary.json'), { outcome: 'needs-answer', question: early, rows_imported: 0, rows_rejected: 0 });
		log(`${fileName}: an answer is needed: ${early.message}`);
		return 3;
	}
	const mapping = resolveMapping(args.mapping, p.headers, p.mapping);
	const extraDimensions: number[] = [];
	const options: ImportOptions = {
		...args.options,
		encoding: args.options.encoding ?? p.encoding,
		delimiter: args.options.delimiter ?? p.delimiter,
		headerLine: args.options.headerLine !== undefined ? args.options.headerLine : p.headerLine
	};
	// --breakdown names a dimension field (product…) or a column (header or index), mapped as a dimension if it is not one yet.
	let breakdownDim: string | null = null;
	if (args.breakdown !== null) {
		const dimFields = ['product', 'category', 'location', 'channel'] as const;
		if ((dimFields as readonly string[]).includes(args.breakdown)) breakdownDim = args.breakdown;
		else {
			const col = resolveColumn('breakdown', args.breakdown, p.headers);
			breakdownDim = dimFields.find((f) => mapping[f] === col) ?? null;
			if (!breakdownDim) {
				extraDimensions.push(col);
				breakdownDim = p.headers[col] ?? `Column ${col + 1}`;
			}
		}
		if (mapping[breakdownDim as Field] === undefined && !extraDimensions.length)
			throw new UsageError(`--breakdown ${args.breakdown}: no column of this file is mapped as ${args.breakdown}`);
	}
	const total = statSync(args.file).size;
	// a plain file's size sizes the importer's columns for the whole file (a gzip file's is not its decoded size)
	const importer = createImporter({ fileName, mapping, options, extraDimensions, expectedBytes: /\.gz$/i.test(args.file) ? undefined : total });
	let read = 0;
	let lastLog = 0;
	await new Promise<void>((resolve, reject) => {
		const raw = createReadStream(args.file, { highWaterMark: 1 << 20 });
		raw.on('data', (c) => {
			read += (c as Buffer).length;
			const now = Date.now();
			if (now - lastLog > 1000) {
				lastLog = now;
				log(`reading ${fileName}: ${Math.round((read / total) * 100)} %`);
			}
		});
		const s = /\.gz$/i.test(args.file) ? raw.pipe(createGunzip()) : raw;
		s.on('data', (c: Buffer) => importer.push(new Uint8Array(c.buffer, c.byteOffset, c.length)));
		s.on('end', () => resolve());
		s.on('error', reject);
		raw.on('error', reject);
	});
	const result = importer.finish();
	const facts = result.facts;
	if (facts.outcome === 'needs-answer') {
		writeJson(join(args.out, 'summary.json'), importKeys(facts));
		log(`${fileName}: an answer is needed: ${facts.question?.message ?? ''}`);
		return 3;
	}
	if (facts.outcome === 'reject' || !result.data) {
		writeJson(join(args.out, 'summary.json'), { ...importKeys(facts), rows_imported: 0, rows_rejected: 0 });
		log(`${fileName}: ${facts.reject_reason ?? 'nothing could be imported'}`);
		return 2;
	}
	log(`analysing ${result.data.length} rows`);
	const a = computeAnalysis(result.data, args.settings);
	writeFileSync(join(args.out, 'periods.csv'), toCsv(PERIOD_COLUMNS, a.periods, args.safe));
	writeFileSync(join(args.out, 'cohorts.csv'), toCsv(COHORT_COLUMNS, a.cohorts, args.safe));
	let predictionKeys = {};
	if (args.predictWeeks !== null) {
		const pred = computePredictions(a.customers, args.predictWeeks);
		writeCsv(join(args.out, 'customers.csv'), [...CUSTOMER_COLUMNS, ...PREDICTION_COLUMNS], a.customers.length, (i) => ({ ...a.customers[i], ...pred.customers[i] }), args.safe);
		predictionKeys = {
			bgnbd: pred.bgnbd && { r: pred.bgnbd.r, alpha: pred.bgnbd.alpha, a: pred.bgnbd.a, b: pred.bgnbd.b },
			gamma_gamma: pred.gammaGamma && { p: pred.gammaGamma.p, q: pred.gammaGamma.q, gamma: pred.gammaGamma.gamma }
		};
	} else {
		writeCsv(join(args.out, 'customers.csv'), CUSTOMER_COLUMNS, a.customers.length, (i) => a.customers[i], args.safe);
	}
	if (args.breakdown !== null) {
		const dimIndex = result.data.dims.findIndex((d) => d.name === breakdownDim);
		const groups = computeBreakdown(result.data, args.settings, dimIndex, args.breakdownTop);
		const periods = groups.flatMap((g) => g.periods.map((r) => ({ value: g.value, ...r })));
		const cohorts = groups.flatMap((g) => g.cohorts.map((r) => ({ value: g.value, ...r })));
		writeFileSync(join(args.out, 'breakdown-periods.csv'), toCsv(['value', ...PERIOD_COLUMNS], periods, args.safe));
		writeFileSync(join(args.out, 'breakdown-cohorts.csv'), toCsv(['value', ...COHORT_COLUMNS], cohorts, args.safe));
	}
	writeFileSync(join(args.out, 'segments.csv'), toCsv(SEGMENT_COLUMNS, a.segments, args.safe));
	writeFileSync(join(args.out, 'import-report.csv'), toCsv(REPORT_COLUMNS, result.report, args.safe));
	writeJson(join(args.out, 'summary.json'), { ...importKeys(facts), ...a.data, ...a.metrics, ...predictionKeys });
	log(`wrote ${args.out}`);
	return 0;
}

