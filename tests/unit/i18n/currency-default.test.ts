// The detected currency is a dataset's default; the user's choice (also "none") wins and is remembered.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { I18n } from '../../../src/lib/i18n/locale.svelte';

describe('dataset currency: detected default, user choice wins', () => {
	let store: Map<string, string>;
	beforeEach(() => {
		store = new Map();
		(globalThis as { localStorage?: unknown }).localStorage = {
			getItem: (k: string) => store.get(k) ?? null,
			setItem: (k: string, v: string) => void store.set(k, v),
			removeItem: (k: string) => void store.delete(k)
		};
	});
	afterEach(() => {
		delete (globalThis as { localStorage?: unknown }).localStorage;
	});

	it('opens with the detected currency when the user never chose one', () => {
		const i = new I18n();
		i.openDataset('d1', 'EUR');
		expect(i.currency).toBe('EUR');
		expect(i.currencyOf('d2', 'IRT')).toBe('IRT');
		i.openDataset('d3', null);
		expect(i.currency).toBe('none');
	});

	it('a choice, "none" included, is remembered and beats the detected currency after a reload', () => {
		const first = new I18n();
		first.openDataset('d1', 'EUR');
		first.setCurrency('d1', 'none');
		expect(first.currency).toBe('none');
		const reloaded = new I18n();
		reloaded.openDataset('d1', 'EUR');
		expect(reloaded.currency).toBe('none');
		reloaded.setCurrency('d1', 'IRR');
		expect(new I18n().currencyOf('d1', 'IRT')).toBe('IRR');
	});

	it('a stored value that is not a currency is ignored', () => {
		store.set('mandegar.currency.d1', 'XYZ');
		const i = new I18n();
		i.openDataset('d1', 'RUB');
		expect(i.currency).toBe('RUB');
	});
});
