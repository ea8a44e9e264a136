import { describe, expect, it } from 'vitest';
import { buildExportSvg, escapeXml, toExportFileName, type ExportDocument } from '../../../src/lib/ui/chart-export';

const palette = { background: '#ffffff', text: '#111111', muted: '#666666', font: 'system-ui, "Noto Sans"' };
const doc = (over: Partial<ExportDocument> = {}): ExportDocument => ({
	title: 'Customer base per month',
	dataset: 'Dataset: online_retail.csv',
	legend: [],
	body: '<svg x="0" y="0" width="300" height="200"></svg>',
	bodyWidth: 300,
	bodyHeight: 200,
	palette,
	...over
});

describe('escapeXml', () => {
	it('escapes the five XML specials', () => {
		expect(escapeXml(`<a & "b" 'c'>`)).toBe('&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;');
	});
});

describe('buildExportSvg', () => {
	it('empty legend: title and dataset lines, body below them, padded size', () => {
		const { svg, width, height } = buildExportSvg(doc());
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(svg).toContain('>Customer base per month</text>');
		expect(svg).toContain('>Dataset: online_retail.csv</text>');
		expect(width).toBe(332); // 300 + 2 × 16
		// 16 + 16 (title) + 20 (dataset) + 14 gap, then 200 of body and 16 of padding.
		expect(height).toBe(282);
		expect(svg).toContain('translate(16,66)');
		expect(svg).toContain('font-family="system-ui, &quot;Noto Sans&quot;"');
	});

	it('escapes the title and dataset name from the file', () => {
		const { svg } = buildExportSvg(doc({ title: 'A <b> & c', dataset: '"x".csv' }));
		expect(svg).toContain('A &lt;b&gt; &amp; c');
		expect(svg).toContain('&quot;x&quot;.csv');
	});

	it('a legend adds a row with a swatch per item (dashed, gradient)', () => {
		const { svg, height } = buildExportSvg(
			doc({
				legend: [
					{ label: 'Customer base', colours: ['#2358c4'], dashed: true },
					{ label: 'Retention', colours: ['#fff', '#888', '#000'] }
				]
			})
		);
		expect(height).toBe(302);
		expect(svg).toContain('stroke="#2358c4" stroke-width="3" stroke-dasharray="5 3"');
		expect(svg).toContain('<linearGradient id="legend-ramp-1"><stop offset="0%" stop-color="#fff"/><stop offset="50%" stop-color="#888"/><stop offset="100%" stop-color="#000"/>');
		expect(svg).toContain('>Retention</text>');
	});

	it('legend items wrap onto a new row when the chart is narrow', () => {
		const legend = Array.from({ length: 6 }, (_, i) => ({ label: `Series number ${i}`, colours: ['#000'] }));
		expect(buildExportSvg(doc({ legend, bodyWidth: 300 })).height).toBeGreaterThan(buildExportSvg(doc({ legend, bodyWidth: 2000 })).height);
	});

	it('a tiny body still gets a header wide enough for the title', () => {
		expect(buildExportSvg(doc({ bodyWidth: 10 })).width).toBe(320);
	});
});

describe('toExportFileName', () => {
	it('dataset and title in lower-case words, extension dropped from the dataset', () => {
		expect(toExportFileName('Online Retail.csv', 'Customer base per month', 'svg')).toBe('online-retail-customer-base-per-month.svg');
	});
	it('keeps letters of other scripts', () => {
		expect(toExportFileName('فروش', 'Когорты', 'png')).toBe('فروش-когорты.png');
	});
	it('nothing usable: chart', () => {
		expect(toExportFileName('', '—', 'png')).toBe('chart.png');
	});
});

describe('buildExportSvg: long titles wrap inside the file', () => {
	it('a title wider than the file breaks at spaces onto more lines, and the file grows by them', () => {
		const short = buildExportSvg(doc({ title: 'Short title' }));
		// 332 px wide: (332 − 32) ÷ 9.5 → 31 characters a line.
		const title = 'شبکهٔ RFM: مشتریان بر حسب امتیاز تازگی (ردیف‌ها) و تکرار (ستون‌ها)';
		const long = buildExportSvg(doc({ title, rtl: true }));
		const lines = [...long.svg.matchAll(/<text [^>]*font-size="16"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
		expect(lines.length).toBe(3);
		expect(lines.join(' ')).toBe(title);
		for (const l of lines) expect(l.length).toBeLessThanOrEqual(31);
		expect(long.height).toBe(short.height + 2 * 22);
		// Right to left: every title line starts at the right padding.
		expect(long.svg).toMatch(/<text x="316" y="\d+" direction="rtl" font-size="16"/);
	});
});
