// Every sentence the worker and core can send the user has a code translated in en, fa and ru
// (issue 7): the English catalogue says exactly what the worker sends, so English stays as it was.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/lib/i18n/messages';
import { placeholders } from '../../../src/lib/i18n/message-format';
import { englishText, USER_MESSAGES, UserError, type UserMessageCode } from '../../../src/lib/core/user-messages';

const SRC = new URL('../../../src/', import.meta.url).pathname;
const read = (p: string) => readFileSync(SRC + p, 'utf8');
const has = (key: string) => key in MESSAGES.en;

describe('worker messages', () => {
	const codes = Object.keys(USER_MESSAGES) as UserMessageCode[];
	it('every code has a message in all three catalogues, English word for word, with the same placeholders', () => {
		expect(codes.length).toBeGreaterThan(15);
		for (const code of codes) {
			const key = `worker.${code}` as keyof typeof MESSAGES.en;
			expect(MESSAGES.en[key], code).toBe(USER_MESSAGES[code]);
			for (const lang of ['fa', 'ru'] as const) {
				expect(MESSAGES[lang][key]?.trim(), `${lang} ${code}`).toBeTruthy();
				expect(MESSAGES[lang][key], `${lang} ${code}`).not.toBe(USER_MESSAGES[code]);
				expect([...placeholders(MESSAGES[lang][key])].sort(), `${lang} ${code}`).toEqual([...placeholders(USER_MESSAGES[code])].sort());
			}
		}
	});

	it('every code the worker and core emit is known: userMessage/refuse calls, importer reject codes, preview rejections', () => {
		const emitted = new Set<string>();
		for (const f of ['lib/worker/api.ts', 'lib/worker/customer-list.ts', 'lib/core/import/append.ts', 'lib/core/import/importer.ts', 'lib/core/import/detect.ts', 'lib/core/import/customer-list.ts', 'lib/db/datasets.ts', 'lib/db/backup.ts', 'lib/worker/workspace.ts']) {
			const text = read(f);
			for (const m of text.matchAll(/\b(?:userMessage|refuse|reject|new UserError|new BackupError)\('(\w+)'/g)) emitted.add(m[1]);
			for (const m of text.matchAll(/reject_code = (?:[^;]*?\?\? )?'(\w+)'/g)) emitted.add(m[1]);
			for (const m of text.matchAll(/code: '(\w+)'/g)) emitted.add(m[1]);
			for (const m of text.matchAll(/\?\? '(\w+)', params/g)) emitted.add(m[1]);
		}
		for (const m of read('lib/core/import/append.ts').matchAll(/'(append_\w+)'/g)) emitted.add(m[1]);
		// the scan found the ones we know are there
		for (const c of ['holdout_nothing_to_fit', 'backup_incomplete', 'backup_storage_full', 'dataset_gone', 'dataset_not_stored', 'sort_needs_horizon', 'list_no_match', 'import_failed', 'no_rows_imported', 'import_unreadable', 'nothing_imported', 'append_needs_amount', 'empty_file', 'encoding', 'unreadable'])
			expect(emitted, c).toContain(c);
		for (const code of emitted) expect(has(`worker.${code}`) || has(`reject.${code}`), code).toBe(true);
	});

	it('no user-visible English sentence is left as a bare string in the worker responses or thrown errors', () => {
		// (db/backup.ts's own parse errors reach the user inside backup_failed's {error}, as details)
		for (const f of ['lib/worker/api.ts', 'lib/worker/customer-list.ts', 'lib/db/datasets.ts', 'lib/worker/workspace.ts']) {
			const text = read(f);
			// responses built from a literal sentence would be `message: '...'` or `message: \`...\`` without a code next to them
			const bare = [...text.matchAll(/message: [`'][^\n]*/g)].map((m) => m[0]).filter((l) => !/code: /.test(l));
			expect(bare, f).toEqual([]);
			expect(text.match(/throw new Error\([`'][^\n]*/g) ?? [], f).toEqual([]);
		}
	});

	it('englishText fills parameters, numbers grouped the English way', () => {
		expect(englishText('list_no_match', { name: 'customers.csv', n: 12345, dataset: 'orders' })).toBe(
			'customers.csv: None of its 12,345 customer ids appear in the orders of “orders”. Check the customer id column.'
		);
	});
});

describe('workerText: the UI translates by code', async () => {
	// import-text reads the shared i18n instance: switch its language
	const { i18n } = await import('../../../src/lib/i18n/locale.svelte');
	const { workerText } = await import('../../../src/lib/ui/import-text');
	const msg = { message: englishText('holdout_nothing_to_fit'), code: 'holdout_nothing_to_fit', params: {} };
	it('English: the worker’s own sentence', () => {
		i18n.lang = 'en';
		expect(workerText(msg)).toBe('No customer bought before the calibration end: nothing to fit.');
	});
	it('Persian and Russian: the catalogue’s, with parameters (file names isolated)', () => {
		i18n.lang = 'fa';
		expect(workerText(msg)).toBe(MESSAGES.fa['worker.holdout_nothing_to_fit']);
		const list = { message: 'x', code: 'list_no_match', params: { name: 'c.csv', n: 2, dataset: 'Orders' } };
		expect(workerText(list)).toBe('\u2068c.csv\u2069: هیچ‌یک از ۲ شناسهٔ مشتری آن در سفارش‌های «Orders» نیامده است. ستون شناسهٔ مشتری را بررسی کنید.');
		i18n.lang = 'ru';
		expect(workerText({ message: 'x', code: 'no_data_rows', params: { name: 'a.csv' } })).toBe(MESSAGES.ru['reject.no_data_rows'].replace('{name}', '\u2068a.csv\u2069'));
		// a message without a code, or with an unknown one, stays as sent
		expect(workerText({ message: 'As sent.' })).toBe('As sent.');
		expect(workerText({ message: 'As sent.', code: 'no_such_code' })).toBe('As sent.');
		i18n.lang = 'en';
	});
});

describe('errors thrown by the worker (UserError) are translated after crossing Comlink', async () => {
	const { i18n } = await import('../../../src/lib/i18n/locale.svelte');
	const { errorText } = await import('../../../src/lib/ui/import-text');
	/** What Comlink hands the page: a new Error with the thrown one's message and name (its other fields are lost). */
	const acrossComlink = (e: Error) => Object.assign(new Error(e.message), { name: e.name, stack: e.stack });
	it('English as thrown; Persian and Russian by code, parameters kept', () => {
		const e = acrossComlink(new UserError('sort_needs_horizon', { key: 'p_alive' }));
		i18n.lang = 'en';
		expect(errorText(e)).toBe('Sorting by p_alive needs a prediction horizon.');
		i18n.lang = 'fa';
		expect(errorText(e)).toBe('مرتب‌سازی بر اساس p_alive به افق پیش‌بینی نیاز دارد.');
		i18n.lang = 'ru';
		expect(errorText(acrossComlink(new UserError('dataset_gone')))).toBe('Этот набор данных больше не хранится.');
		// an ordinary error stays as it is
		expect(errorText(new Error('disk on fire'))).toBe('disk on fire');
		expect(errorText('plain')).toBe('plain');
		i18n.lang = 'en';
	});
});
