/**
 * The UI language and display settings (a rune module): language (the URL's `?lang=`, else the one
 * remembered in localStorage, else navigator.languages, else English), digits for Persian, the
 * calendar (Persian by default for fa) and each dataset's currency. `t()` and the formatters read
 * it, so everything shown re-renders when it changes. It also keeps `<html lang dir>` in step.
 */
import type { CalendarKind, Day } from '../core/types';
import {
	CURRENCIES,
	formatDay,
	formatDayLong,
	formatMoneyIn,
	formatPeriodLabel,
	isLang,
	numberFormat,
	numberLocale,
	type Currency,
	type Digits,
	type Lang
} from './format';
import { formatMessage, type Params } from './message-format';
import { MESSAGES, type MessageKey } from './messages';

const KEY_LANG = 'mandegar.lang';
const KEY_DIGITS = 'mandegar.digits';
const KEY_CALENDAR = 'mandegar.calendar';
const KEY_CURRENCY = 'mandegar.currency.';

function stored(key: string): string | null {
	try {
		return globalThis.localStorage?.getItem(key) ?? null;
	} catch {
		return null;
	}
}
function store(key: string, value: string | null): void {
	try {
		if (value === null) globalThis.localStorage?.removeItem(key);
		else globalThis.localStorage?.setItem(key, value);
	} catch {
		// Private mode or storage disabled: the choice lasts for this page only.
	}
}

function storedCurrency(datasetId: string): Currency | null {
	const c = stored(KEY_CURRENCY + datasetId);
	return (CURRENCIES as readonly string[]).includes(c ?? '') ? (c as Currency) : null;
}

/** The language to start in: `?lang=` overrides, then the remembered choice, then the browser's languages. */
export function initialLang(search: string, remembered: string | null, languages: readonly string[]): Lang {
	const fromUrl = new URLSearchParams(search).get('lang');
	if (isLang(fromUrl)) return fromUrl;
	if (isLang(remembered)) return remembered;
	for (const l of languages) {
		const base = l.toLowerCase().split('-')[0];
		if (isLang(base)) return base;
	}
	return 'en';
}

export class I18n {
	lang = $state<Lang>('en');
	digits = $state<Digits>('native');
	/** null = the language's default (Persian for fa, Gregorian otherwise). */
	calendarChoice = $state<CalendarKind | null>(null);
	/** The open dataset, whose currency `money()` uses. */
	datasetId = $state<string | null>(null);
	#currencies = $state<Record<string, Currency>>({});

	dir = $derived<'rtl' | 'ltr'>(this.lang === 'fa' ? 'rtl' : 'ltr');
	locale = $derived(numberLocale(this.lang, this.digits));
	calendar = $derived<CalendarKind>(this.calendarChoice ?? (this.lang === 'fa' ? 'persian' : 'gregorian'));
	currency = $derived<Currency>((this.datasetId && this.#currencies[this.datasetId]) || 'none');

	/** Read the choices from the URL, localStorage and the browser (call once, in the page). */
	init(): void {
		const nav = globalThis.navigator;
		this.lang = initialLang(globalThis.location?.search ?? '', stored(KEY_LANG), nav?.languages ?? (nav?.language ? [nav.language] : []));
		this.digits = stored(KEY_DIGITS) === 'latn' ? 'latn' : 'native';
		const cal = stored(KEY_CALENDAR);
		this.calendarChoice = cal === 'persian' || cal === 'gregorian' ? cal : null;
		this.#applyDocument();
	}

	setLang(lang: Lang): void {
		this.lang = lang;
		store(KEY_LANG, lang);
		this.#applyDocument();
	}

	setDigits(d: Digits): void {
		this.digits = d;
		store(KEY_DIGITS, d);
	}

	setCalendar(c: CalendarKind): void {
		this.calendarChoice = c;
		store(KEY_CALENDAR, c);
	}

	/** The user's choice for a dataset, else the currency detected in its file (import facts), else none. */
	currencyOf(datasetId: string, detected: Currency | null = null): Currency {
		return this.#currencies[datasetId] ?? storedCurrency(datasetId) ?? detected ?? 'none';
	}

	/** The user's choice ('none' too is remembered, so it outlasts a detected currency). */
	setCurrency(datasetId: string, c: Currency): void {
		this.#currencies = { ...this.#currencies, [datasetId]: c };
		store(KEY_CURRENCY + datasetId, c);
	}

	/** Make the open dataset's remembered currency current; `detected` (from its import) is the default. */
	openDataset(datasetId: string | null, detected: Currency | null = null): void {
		this.datasetId = datasetId;
		if (datasetId && !(datasetId in this.#currencies)) {
			const c = storedCurrency(datasetId) ?? detected;
			if (c) this.#currencies = { ...this.#currencies, [datasetId]: c };
		}
	}

	#applyDocument(): void {
		const root = globalThis.document?.documentElement;
		if (!root) return;
		root.lang = this.lang;
		root.dir = this.dir;
	}

	t = (key: MessageKey, params: Params = {}): string => {
		const source = MESSAGES[this.lang][key] || MESSAGES.en[key];
		return formatMessage(source, params, this.lang, (n) => numberFormat(this.locale, { maximumFractionDigits: 2 }).format(n));
	};

	/** A METRICS.md §2 period label for display in the UI language. */
	period = (label: string, calendar: CalendarKind = this.calendar): string => formatPeriodLabel(label, calendar, this.lang, this.locale, this.t);

	day = (day: Day, calendar: CalendarKind = this.calendar): string => formatDay(day, calendar, this.lang, this.locale);

	/** A day written out («۱۵ آذر ۱۳۸۹»), for the text beside a date input. */
	dayLong = (day: Day, calendar: CalendarKind = this.calendar): string => formatDayLong(day, calendar, this.lang, this.locale, this.t);

	money = (v: number): string => formatMoneyIn(v, this.currency, this.locale, (amount) => this.t('money.toman', { amount }));
}

export const i18n = new I18n();
/** Shorthand for templates: `t('kpi.customers')`. */
export const t = (key: MessageKey, params?: Params): string => i18n.t(key, params);
