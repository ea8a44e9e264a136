// Persian text in exported charts keeps the bundled Vazirmatn: the font goes into the SVG as data: URLs.
import { describe, expect, it } from 'vitest';
import { EMBEDDED_FONT_FAMILY, fontFaceCss, needsPersianFont, withStyle } from '../../../src/lib/ui/chart-export';

describe('export font embedding', () => {
	it('only charts with Arabic-script text or Persian digits need it', () => {
		expect(needsPersianFont('<text>Customer base 2010-12</text>')).toBe(false);
		expect(needsPersianFont('<text>Клиентская база</text>')).toBe(false);
		expect(needsPersianFont('<text>پایگاه مشتری</text>')).toBe(true);
		expect(needsPersianFont('<text>۱۳۸۹</text>')).toBe(true);
	});
	it('@font-face rules carry the bytes as base64 data: URLs with the family the page uses', () => {
		const css = fontFaceCss([{ bytes: new Uint8Array([0x77, 0x4f, 0x46, 0x32]), range: 'U+0600-06FF' }]);
		expect(EMBEDDED_FONT_FAMILY).toBe('Vazirmatn Variable');
		// "wOF2" in base64 is d09GMg==
		expect(css).toBe("@font-face{font-family:'Vazirmatn Variable';font-style:normal;font-weight:100 900;src:url(data:font/woff2;base64,d09GMg==) format('woff2');unicode-range:U+0600-06FF}");
	});
	it('the style goes inside the root svg, before its content', () => {
		const out = withStyle('<svg xmlns="http://www.w3.org/2000/svg" width="10"><rect/></svg>', 'x{}');
		expect(out).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="10"><defs><style>x{}</style></defs><rect/></svg>');
	});
	it('large fonts encode without overflowing the call stack', () => {
		const bytes = new Uint8Array(200_000).map((_, i) => i % 256);
		const css = fontFaceCss([{ bytes, range: 'U+0-FF' }]);
		const b64 = /base64,([^)]+)\)/.exec(css)?.[1] ?? '';
		expect(Buffer.from(b64, 'base64').equals(Buffer.from(bytes))).toBe(true);
	});
});

describe('right-to-left export header', () => {
	const doc = {
		title: 'پایگاه مشتری',
		dataset: 'مجموعه داده: sample',
		legend: [{ label: 'پایگاه', colours: ['#123456'] }],
		body: '',
		bodyWidth: 400,
		bodyHeight: 100,
		palette: { background: '#fff', text: '#000', muted: '#555', font: 'sans-serif' }
	};
	it('title, dataset and legend start at the right edge with direction rtl; left to right without it', async () => {
		const { buildExportSvg } = await import('../../../src/lib/ui/chart-export');
		const rtl = buildExportSvg({ ...doc, rtl: true });
		// width = 400 + 2 × 16 = 432: text starts 16 px from the right edge
		expect(rtl.svg).toContain('<text x="416" y="32" direction="rtl"');
		expect(rtl.svg).toContain('<text x="416" y="52" direction="rtl"');
		// the legend swatch sits at the right (432 − 16 − 18 = 398), its label to its left (432 − 40 = 392)
		expect(rtl.svg).toContain('<line x1="398" x2="416"');
		expect(rtl.svg).toContain('<text x="392" y="72" direction="rtl"');
		const ltr = buildExportSvg(doc);
		expect(ltr.svg).toContain('<text x="16" y="32" font-size');
		expect(ltr.svg).not.toContain('direction=');
	});
});
