/**
 * The importer's contract: a pure, streaming pipeline from file bytes to OrderData plus an import
 * report. Used unchanged by the web worker and by the headless report (scripts/report.ts).
 */
import type { ImportFacts, ImportOptions, Mapping, OrderData, Question, ReportEntry } from '../types';

/** What the preview step shows before anything is stored. */
export interface FilePreview {
	fileName: string;
	/** WHATWG label of the encoding used (detected or given). */
	encoding: string;
	/** The delimiter character, or 'whitespace'. */
	delimiter: string;
	/** 1-based physical line of the header, or null when the file has no header. */
	headerLine: number | null;
	/** Column names (trimmed); for files without a header, `Column 1`, `Column 2`, … */
	headers: string[];
	/** The first records after the header (up to ~20), as raw text fields. */
	rows: string[][];
	/** 1-based physical line of each preview row. */
	lines: number[];
	/** Auto-detected mapping (field → column index); the user may change it. */
	mapping: Mapping;
	/** Detected conventions, shown in the preview (not warnings). */
	decimal: '.' | ',' | null;
	dateOrder: 'dmy' | 'mdy' | 'ymd' | null;
	/** Calendar of the sample's dates: Solar Hijri years (13xx/14xx) are converted to Gregorian. */
	calendar: 'gregorian' | 'persian' | null;
	/** Questions the sample already raises (date order, decimal, header…). */
	questions: Question[];
	/** File-level warning codes known from the sample (e.g. title_rows_skipped, duplicate_header_names). */
	warnings: string[];
}

export type PreviewOutcome =
	| { ok: true; preview: FilePreview }
	| { ok: false; reason: string; code: string };

export interface ImportConfig {
	fileName: string;
	/** Field → column index, from the preview (possibly changed by the user). */
	mapping: Mapping;
	options: ImportOptions;
	/** Further columns to keep as dimensions (breakdowns by any column), named by their header. */
	extraDimensions?: number[];
	/**
	 * The decoded size of the whole file in bytes, when known (a plain file's size, the size a gzip file
	 * declares): the importer then sizes its row and order arrays for the whole file from the rows per byte
	 * of what it has read, instead of doubling them (issue 5: memory and pauses of a large import).
	 */
	expectedBytes?: number;
}

export interface ImportResult {
	facts: ImportFacts;
	/** null when the outcome is 'reject' or 'needs-answer'. */
	data: OrderData | null;
	report: ReportEntry[];
}

/** A streaming importer: push the file's bytes in pieces, then finish. */
export interface Importer {
	/** Decode, tokenise and normalise the next piece of the file (synchronous, bounded work). */
	push(bytes: Uint8Array): void;
	/**
	 * Parses up to `maxBytes` of what push() took in but left unparsed (the first MB, held until the
	 * layout is known); false when nothing was left. Optional to call: push() and finish() parse the rest.
	 */
	pump(maxBytes: number): boolean;
	/** Bytes pushed and not parsed yet (for progress that follows the parsing, not the reading). */
	readonly unparsedBytes: number;
	/** Flush, resolve file-wide decisions (date order, C-prefix, decimal) and build the result. */
	/** Ends the file and decides; `tick` hears how far its row-by-row work is (0–1), for progress on large files. */
	finish(tick?: (fraction: number) => void): ImportResult;
	/** Records seen so far (for progress). */
	readonly records: number;
}
