/** The importer's public API: preview the head of a file, then stream the whole file into OrderData. */
import type { ImportOptions } from '../types';
import type { PreviewOutcome } from './types';
import { detectLayout } from './detect';
import { writtenCalendar } from '../parse/parse-date';

/** The calendar most of the sample's date values are written in (null without a date column or dates). */
export function sampleCalendar(values: string[]): 'gregorian' | 'persian' | null {
	let persian = 0;
	let gregorian = 0;
	for (const v of values) {
		const c = writtenCalendar(v);
		if (c === 'persian') persian++;
		else if (c === 'gregorian') gregorian++;
	}
	return persian === 0 && gregorian === 0 ? null : persian > gregorian ? 'persian' : 'gregorian';
}

export { createImporter } from './importer';
export type { FilePreview, ImportConfig, ImportResult, Importer, PreviewOutcome } from './types';

/** Detects encoding, delimiter, header and mapping from the head of a file (up to ~1 MB of bytes). */
export function previewBytes(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): PreviewOutcome {
	const outcome = detectLayout(bytes, options, false);
	if (!outcome.ok) return outcome;
	const l = outcome.layout;
	const rows = l.rows.slice(0, 20);
	return {
		ok: true,
		preview: {
			fileName,
			encoding: l.encoding,
			delimiter: l.delimiter,
			headerLine: l.headerLine,
			headers: l.headers,
			rows: rows.map((r) => r.fields),
			lines: rows.map((r) => r.line),
			mapping: l.mapping,
			decimal: l.decimal,
			dateOrder: l.dateOrder,
			calendar: l.mapping.date === undefined ? null : sampleCalendar(l.rows.map((r) => r.fields[l.mapping.date as number] ?? '')),
			questions: l.questions,
			warnings: l.warnings
		}
	};
}
