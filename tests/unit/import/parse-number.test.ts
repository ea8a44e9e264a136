// Amount rules (badcsv rule 8): signs, currency, per-file separators, Persian and Arabic-Indic digits.
import { describe, expect, it } from 'vitest';
import {
	EVIDENCE_AMBIGUOUS,
	EVIDENCE_COMMA,
	EVIDENCE_DOT,
	EVIDENCE_NONE,
	NUM_INVALID,
	NUM_MISSING,
	NUM_OK,
	newNumberParse,
	parseNumber,
	trimText
} from '../../../src/lib/core/parse/parse-number.ts';

const dot = (raw: string) => parseNumber(raw, newNumberParse()).dot;
const comma = (raw: string) => parseNumber(raw, newNumberParse()).comma;
const evidence = (raw: string) => parseNumber(raw, newNumberParse()).evidence;

describe('parseNumber', () => {
	it('reads plain and grouped decimals', () => {
		expect(dot('12.50')).toBe(12.5);
		expect(dot('1234.56')).toBe(1234.56);
		expect(dot('1,234.56')).toBe(1234.56);
		expect(comma('1.234,56')).toBe(1234.56);
		expect(comma('1 234,56')).toBe(1234.56);
		expect(comma('1\u00a0234,56')).toBe(1234.56);
		expect(comma('308\u202f608,00 руб.')).toBe(308608);
		expect(dot('1,234,567')).toBe(1234567);
		expect(comma('1.234.567')).toBe(1234567);
		expect(dot('0.00')).toBe(0);
		expect(comma('12,5')).toBe(12.5);
	});
	it('strips currency signs and words', () => {
		expect(dot('$58.45')).toBe(58.45);
		expect(dot('USD 12.00')).toBe(12);
		expect(comma('1.234,56 €')).toBe(1234.56);
		expect(comma('€1.234,56')).toBe(1234.56);
		expect(comma('2 683,48 ₽')).toBe(2683.48);
		expect(dot('6,601,000 ریال')).toBe(6601000);
		expect(dot('12,000 ﷼')).toBe(12000);
	});
	it('reads every negative notation', () => {
		for (const raw of ['-12.50', '(12.50)', '−12.50', '12.50-', '-$12.50', '$-12.50', '($12.50)', '- 12.50']) expect(dot(raw), raw).toBe(-12.5);
	});
	it('reads Persian and Arabic-Indic digits with ٫ and ٬', () => {
		expect(dot('۱۲۳۴۵٫۵')).toBe(12345.5);
		expect(comma('۱۲۳۴۵٫۵')).toBe(12345.5);
		expect(dot('۴٬۵۶۳٬۰۰۰')).toBe(4563000);
		expect(dot('١٢٣')).toBe(123);
		expect(dot('۱۲,۳۴۵')).toBe(12345);
		expect(dot('-۱۲۰۰۰')).toBe(-12000);
	});
	it('tells what a value proves about the decimal separator', () => {
		expect(evidence('12.50')).toBe(EVIDENCE_DOT);
		expect(evidence('12,5')).toBe(EVIDENCE_COMMA);
		expect(evidence('1,234.5')).toBe(EVIDENCE_DOT);
		expect(evidence('1.234,5')).toBe(EVIDENCE_COMMA);
		expect(evidence('1,234,567')).toBe(EVIDENCE_DOT);
		expect(evidence('350')).toBe(EVIDENCE_NONE);
		expect(evidence('1.250')).toBe(EVIDENCE_AMBIGUOUS);
		expect(evidence('366,500')).toBe(EVIDENCE_AMBIGUOUS);
		expect(evidence('0,500')).toBe(EVIDENCE_COMMA);
		expect(evidence('۱۲۳۴۵٫۵')).toBe(EVIDENCE_DOT);
		expect(dot('١٢،٣٤٥')).toBe(12345);
		expect(evidence('1234,567')).toBe(EVIDENCE_COMMA);
		const r = parseNumber('1.250', newNumberParse());
		expect([r.dot, r.comma]).toEqual([1.25, 1250]);
	});
	it('never turns empty or junk into 0', () => {
		expect(parseNumber('', newNumberParse()).status).toBe(NUM_MISSING);
		expect(parseNumber('   ', newNumberParse()).status).toBe(NUM_MISSING);
		for (const raw of ['N/A', '#VALUE!', 'TBD', '1e5', '12a3', '(12.50']) expect(parseNumber(raw, newNumberParse()).status, raw).toBe(NUM_INVALID);
		expect(parseNumber('0', newNumberParse()).status).toBe(NUM_OK);
	});
	it('never reads a formula or an expression as a number', () => {
		for (const raw of ['=1+1', '1+1', '=12', '@5', '@SUM(A1)', '=-2+3', '2+3-']) expect(parseNumber(raw, newNumberParse()).status, raw).toBe(NUM_INVALID);
		expect(dot('+12.50')).toBe(12.5);
		expect(dot('+$12.50')).toBe(12.5);
	});
	it('trims the whitespace the rules allow, nothing else', () => {
		expect(trimText('\u00a0 a b\u202f\t')).toBe('a b');
		expect(trimText('\u200cx\u200c')).toBe('\u200cx\u200c');
	});
});
