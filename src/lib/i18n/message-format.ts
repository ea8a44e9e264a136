/**
 * A small ICU-like message formatter: `{name}` placeholders filled by named params and
 * `{count, plural, one {# customer} other {# customers}}` branches chosen by Intl.PluralRules
 * (`=0`-style exact branches first), and `{unit, select, month {…} other {…}}` for words that agree
 * with a choice (Russian genders). Whole sentences are translated; fragments are never joined.
 */

export type Params = Record<string, string | number>;

type Node =
	| { kind: 'text'; text: string }
	| { kind: 'arg'; name: string }
	| { kind: 'plural' | 'select'; name: string; branches: Map<string, Node[]> }
	| { kind: 'hash' };

const cache = new Map<string, Node[]>();

/** Parse a message once; malformed braces throw (the key-parity test parses every message). */
export function parseMessage(source: string): Node[] {
	let ast = cache.get(source);
	if (!ast) {
		let pos = 0;
		const parseNodes = (inPlural: boolean): Node[] => {
			const out: Node[] = [];
			let text = '';
			const flush = () => {
				if (text) out.push({ kind: 'text', text });
				text = '';
			};
			while (pos < source.length) {
				const ch = source[pos];
				if (ch === '}') break;
				if (ch === '#' && inPlural) {
					flush();
					out.push({ kind: 'hash' });
					pos++;
				} else if (ch === '{') {
					flush();
					pos++;
					out.push(parseArg());
				} else {
					text += ch;
					pos++;
				}
			}
			flush();
			return out;
		};
		const parseArg = (): Node => {
			const close = source.indexOf('}', pos);
			const comma = source.indexOf(',', pos);
			if (close < 0) throw new Error(`Unclosed placeholder in “${source}”`);
			if (comma < 0 || comma > close) {
				const name = source.slice(pos, close).trim();
				pos = close + 1;
				return { kind: 'arg', name };
			}
			const name = source.slice(pos, comma).trim();
			const rest = source.indexOf(',', comma + 1);
			const type = source.slice(comma + 1, rest).trim();
			if ((type !== 'plural' && type !== 'select') || rest < 0) throw new Error(`Only plural and select are supported, in “${source}”`);
			pos = rest + 1;
			const branches = new Map<string, Node[]>();
			for (;;) {
				while (source[pos] === ' ') pos++;
				if (source[pos] === '}') {
					pos++;
					break;
				}
				const open = source.indexOf('{', pos);
				if (open < 0) throw new Error(`Bad plural in “${source}”`);
				const key = source.slice(pos, open).trim();
				pos = open + 1;
				branches.set(key, parseNodes(type === 'plural'));
				if (source[pos] !== '}') throw new Error(`Unclosed plural branch in “${source}”`);
				pos++;
			}
			if (!branches.has('other')) throw new Error(`${type} without “other” in “${source}”`);
			return { kind: type, name, branches };
		};
		ast = parseNodes(false);
		if (pos < source.length) throw new Error(`Unbalanced “}” in “${source}”`);
		cache.set(source, ast);
	}
	return ast;
}

/** The placeholder names a message uses (plural arguments included). */
export function placeholders(source: string): Set<string> {
	const names = new Set<string>();
	const walk = (nodes: Node[]) => {
		for (const n of nodes) {
			if (n.kind === 'arg') names.add(n.name);
			else if (n.kind === 'plural' || n.kind === 'select') {
				names.add(n.name);
				for (const b of n.branches.values()) walk(b);
			}
		}
	};
	walk(parseMessage(source));
	return names;
}

const rules = new Map<string, Intl.PluralRules>();
function pluralRules(lang: string): Intl.PluralRules {
	let r = rules.get(lang);
	if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
	return r;
}

/**
 * Fill a message. Numbers are shown with `formatNumber` (the UI language's digits); a plural picks
 * `=n` first, then the Intl.PluralRules category of the language, then `other`.
 */
export function formatMessage(source: string, params: Params, lang: string, formatNumber: (n: number) => string): string {
	const show = (v: string | number | undefined) => (v === undefined ? '' : typeof v === 'number' ? formatNumber(v) : v);
	const render = (nodes: Node[], count: number | null): string => {
		let out = '';
		for (const n of nodes) {
			if (n.kind === 'text') out += n.text;
			else if (n.kind === 'hash') out += count === null ? '#' : formatNumber(count);
			else if (n.kind === 'arg') out += show(params[n.name]);
			else if (n.kind === 'select') {
				const v = String(params[n.name]);
				out += render(n.branches.get(v) ?? (n.branches.get('other') as Node[]), count);
			} else {
				const v = Number(params[n.name]);
				const branch = n.branches.get(`=${v}`) ?? n.branches.get(pluralRules(lang).select(v)) ?? (n.branches.get('other') as Node[]);
				out += render(branch, v);
			}
		}
		return out;
	};
	return render(parseMessage(source), null);
}
