/**
 * Standalone SVG / PNG files of a chart: the chart's own SVG (computed colours and fonts inlined) under a
 * header with its title, the dataset name and the legend. `buildExportSvg` is pure; the rest needs the DOM.
 */
import vazirmatnArabic from '@fontsource-variable/vazirmatn/files/vazirmatn-arabic-wght-normal.woff2?url';
import vazirmatnLatin from '@fontsource-variable/vazirmatn/files/vazirmatn-latin-wght-normal.woff2?url';
import { wrapLabel } from '../charts/scales';

export interface ExportLegendItem {
	label: string;
	/** One colour for a line swatch, several for a gradient ramp (heatmap). */
	colours: string[];
	dashed?: boolean;
}

export interface ExportPalette {
	background: string;
	text: string;
	muted: string;
	font: string;
}

export interface ExportDocument {
	title: string;
	dataset: string;
	legend: ExportLegendItem[];
	/** Serialized `<svg>` elements already positioned (x/y attributes) inside a body of this size. */
	body: string;
	bodyWidth: number;
	bodyHeight: number;
	palette: ExportPalette;
	/** The page is right-to-left: the header (title, dataset, legend) is laid out from the right. */
	rtl?: boolean;
}

const PAD = 16;
const TITLE_SIZE = 16;
const LINE_GAP = 20;
/** Rough advance of one 12 px character, for wrapping legend items (an SVG file cannot measure text). */
const LEGEND_CHAR_PX = 7;
/** The same for the 16 px bold title, for wrapping it: a long title (a Persian one runs from the right) must not run off the file. */
const TITLE_CHAR_PX = 9.5;
const TITLE_LINE = TITLE_SIZE + 6;
const SWATCH_PX = 18;

export function escapeXml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** A file name from the dataset and the chart title: lower-case words joined by dashes (letters of any script kept). */
export function toExportFileName(dataset: string, title: string, ext: 'svg' | 'png'): string {
	const slug = `${dataset} ${title}`
		.toLowerCase()
		.replace(/\.[a-z0-9]{1,4}(\.gz)?(?=\s)/, '')
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80);
	return `${slug || 'chart'}.${ext}`;
}

/** The whole standalone SVG: header (title, dataset, legend) above the chart body. */
export function buildExportSvg(doc: ExportDocument): { svg: string; width: number; height: number } {
	const width = Math.max(Math.ceil(doc.bodyWidth) + 2 * PAD, 320);
	const { palette } = doc;
	const parts: string[] = [];
	// Right-to-left: x measured from the right edge, text starting there (the plot itself stays left to right).
	const at = (x: number) => (doc.rtl ? width - x : x);
	const dir = doc.rtl ? ' direction="rtl"' : '';
	let y = PAD + TITLE_SIZE - TITLE_LINE;
	for (const line of wrapLabel(doc.title, Math.floor((width - 2 * PAD) / TITLE_CHAR_PX))) {
		y += TITLE_LINE;
		parts.push(`<text x="${at(PAD)}" y="${y}"${dir} font-size="${TITLE_SIZE}" font-weight="650" fill="${palette.text}">${escapeXml(line)}</text>`);
	}
	for (const line of wrapLabel(doc.dataset, Math.floor((width - 2 * PAD) / LEGEND_CHAR_PX))) {
		y += LINE_GAP;
		parts.push(`<text x="${at(PAD)}" y="${y}"${dir} font-size="12" fill="${palette.muted}">${escapeXml(line)}</text>`);
	}
	if (doc.legend.length > 0) {
		y += LINE_GAP;
		let x = PAD;
		doc.legend.forEach((item, i) => {
			const itemWidth = SWATCH_PX + 8 + item.label.length * LEGEND_CHAR_PX + 16;
			if (x > PAD && x + itemWidth > width - PAD) {
				x = PAD;
				y += LINE_GAP;
			}
			parts.push(swatch(item, doc.rtl ? width - x - SWATCH_PX : x, y - 4, i));
			parts.push(`<text x="${at(x + SWATCH_PX + 6)}" y="${y}"${dir} font-size="12" fill="${palette.muted}">${escapeXml(item.label)}</text>`);
			x += itemWidth;
		});
	}
	const top = y + 14;
	const height = Math.ceil(top + doc.bodyHeight + PAD);
	const svg =
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(palette.font)}">` +
		`<rect width="100%" height="100%" fill="${palette.background}"/>` +
		`<g>${parts.join('')}</g>` +
		`<g transform="translate(${PAD},${top})">${doc.body}</g>` +
		`</svg>`;
	return { svg, width, height };
}

function swatch(item: ExportLegendItem, x: number, y: number, i: number): string {
	if (item.colours.length > 1) {
		const id = `legend-ramp-${i}`;
		const stops = item.colours.map((c, k) => `<stop offset="${(k / (item.colours.length - 1)) * 100}%" stop-color="${c}"/>`).join('');
		return `<defs><linearGradient id="${id}">${stops}</linearGradient></defs><rect x="${x}" y="${y - 5}" width="${SWATCH_PX}" height="10" fill="url(#${id})"/>`;
	}
	const dash = item.dashed ? ' stroke-dasharray="5 3"' : '';
	return `<line x1="${x}" x2="${x + SWATCH_PX}" y1="${y}" y2="${y}" stroke="${item.colours[0] ?? '#888888'}" stroke-width="3"${dash}/>`;
}

/** The PNG signature (first 8 bytes of every PNG file). */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/* ------------------------------------------------------------------ DOM */

/**
 * The bundled Vazirmatn (the page's Persian font) for exported charts. An SVG drawn as an image, and an
 * SVG file opened on its own, cannot load the page's fonts, so Persian text would fall back to whatever
 * the system has (or boxes): the Arabic-script and Latin subsets go into the file as data: URLs (same
 * files the page uses, same-origin and precached; ~110 KB, only when the chart has Arabic-script text).
 */
const EMBEDDED_FONTS: { url: string; range: string }[] = [
	{
		url: vazirmatnArabic,
		range: 'U+0600-06FF,U+0750-077F,U+0870-088E,U+0890-0891,U+0897-08E1,U+08E3-08FF,U+200C-200E,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FE74,U+FE76-FEFC'
	},
	{
		url: vazirmatnLatin,
		range: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD'
	}
];
/** The family name @fontsource gives it (the page's font stack names it). */
export const EMBEDDED_FONT_FAMILY = 'Vazirmatn Variable';

/** Arabic-script letters or Persian/Arabic-Indic digits in the text. */
export function needsPersianFont(text: string): boolean {
	return /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFC]/.test(text);
}

function base64(bytes: Uint8Array): string {
	let bin = '';
	for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(bin);
}

/** `@font-face` rules with the font files inlined (pure: the files' bytes are given). */
export function fontFaceCss(files: { bytes: Uint8Array; range: string }[]): string {
	return files
		.map(
			(f) =>
				`@font-face{font-family:'${EMBEDDED_FONT_FAMILY}';font-style:normal;font-weight:100 900;` +
				`src:url(data:font/woff2;base64,${base64(f.bytes)}) format('woff2');unicode-range:${f.range}}`
		)
		.join('');
}

/** Puts a `<style>` right after the opening `<svg …>` tag. */
export function withStyle(svg: string, css: string): string {
	const end = svg.indexOf('>', svg.indexOf('<svg'));
	return `${svg.slice(0, end + 1)}<defs><style>${css}</style></defs>${svg.slice(end + 1)}`;
}

let fontCss: Promise<string> | null = null;
/** How long an exported SVG image gets to apply its embedded font before it is drawn. */
const FONT_SETTLE_MS = 250;

/** The SVG with Vazirmatn embedded when it has Persian text (unchanged otherwise). */
export async function embedFonts(svg: string): Promise<string> {
	if (!needsPersianFont(svg)) return svg;
	fontCss ??= Promise.all(
		EMBEDDED_FONTS.map(async (f) => {
			const res = await fetch(f.url);
			if (!res.ok) throw new Error(`font ${res.status}`);
			return { bytes: new Uint8Array(await res.arrayBuffer()), range: f.range };
		})
	).then(fontFaceCss);
	try {
		return withStyle(svg, await fontCss);
	} catch {
		// Offline without the precached font: the file still has its text, in the system's font.
		fontCss = null;
		return svg;
	}
}

/** Presentation properties copied from the live chart, so the file looks the same without the page's CSS. */
const INLINED = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-dasharray',
	'stroke-opacity',
	'stroke-linejoin',
	'stroke-linecap',
	'opacity',
	'font-family',
	'font-size',
	'font-weight',
	'text-anchor',
	'shape-rendering'
] as const;

function inlineStyles(source: SVGSVGElement, clone: SVGSVGElement): void {
	const from = [source, ...source.querySelectorAll('*')];
	const to = [clone, ...clone.querySelectorAll('*')];
	from.forEach((el, i) => {
		const target = to[i] as SVGElement | undefined;
		if (!target) return;
		const cs = getComputedStyle(el);
		// Presentation attributes, not a style attribute: the page's CSP (no inline styles) refuses every
		// style="…" set from script, one console error per element; SVG reads both the same way.
		target.removeAttribute('style');
		for (const p of INLINED) target.setAttribute(p, cs.getPropertyValue(p));
		target.removeAttribute('class');
	});
}

/** The chart's SVGs, serialized at their place in the figure (the heatmap is several: corner, header, labels and one per band of rows). */
function chartBody(figure: HTMLElement): { body: string; width: number; height: number } {
	const svgs = [...figure.querySelectorAll<SVGSVGElement>('svg[data-export], .plot > svg')];
	const serializer = new XMLSerializer();
	let width = 0;
	let height = 0;
	const body = svgs
		.map((svg) => {
			const clone = svg.cloneNode(true) as SVGSVGElement;
			inlineStyles(svg, clone);
			const w = svg.width.baseVal.value;
			const h = svg.height.baseVal.value;
			const x = Number(svg.dataset.exportX ?? 0);
			const y = Number(svg.dataset.exportY ?? 0);
			clone.setAttribute('x', String(x));
			clone.setAttribute('y', String(y));
			clone.setAttribute('width', String(w));
			clone.setAttribute('height', String(h));
			clone.removeAttribute('role');
			clone.removeAttribute('aria-label');
			clone.removeAttribute('aria-hidden');
			clone.removeAttribute('tabindex');
			width = Math.max(width, x + w);
			height = Math.max(height, y + h);
			return serializer.serializeToString(clone);
		})
		.join('');
	return { body, width, height };
}

function paletteOf(el: HTMLElement): ExportPalette {
	const root = getComputedStyle(el);
	const v = (name: string, fallback: string) => root.getPropertyValue(name).trim() || fallback;
	return { background: v('--surface', '#ffffff'), text: v('--text', '#1c2430'), muted: v('--muted', '#5d6878'), font: root.fontFamily || 'sans-serif' };
}

/** The standalone SVG text of the chart in `figure`. */
export function chartSvg(figure: HTMLElement, title: string, dataset: string, legend: ExportLegendItem[]): { svg: string; width: number; height: number } {
	const { body, width, height } = chartBody(figure);
	const cs = getComputedStyle(figure);
	// Legend colours may name the page's variables (`var(--series-0)`): the file gets their current value.
	const resolve = (c: string) => c.replace(/var\((--[\w-]+)\)/g, (_, name: string) => cs.getPropertyValue(name).trim() || '#888888');
	const items = legend.map((l) => ({ ...l, colours: l.colours.map(resolve) }));
	const rtl = getComputedStyle(figure.ownerDocument.documentElement).direction === 'rtl';
	return buildExportSvg({ title, dataset, legend: items, body, bodyWidth: width, bodyHeight: height, palette: paletteOf(figure), rtl });
}

/** Rasterise an SVG text to PNG through an image on a blob: URL (allowed by the page's CSP `img-src`); Persian text keeps its font (`embedFonts`). */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
	const url = URL.createObjectURL(new Blob([await embedFonts(svg)], { type: 'image/svg+xml;charset=utf-8' }));
	try {
		const img = new Image();
		img.decoding = 'async';
		img.src = url;
		await img.decode();
		// An SVG image loads its embedded @font-face after it decodes, its text invisible until then
		// (the font's block period): give the data: font a moment before the image is drawn.
		if (svg.includes('@font-face') || needsPersianFont(svg)) await new Promise((r) => setTimeout(r, FONT_SETTLE_MS));
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(width * scale);
		canvas.height = Math.round(height * scale);
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('no 2d canvas');
		ctx.scale(scale, scale);
		ctx.drawImage(img, 0, 0, width, height);
		return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
	} finally {
		URL.revokeObjectURL(url);
	}
}
