/**
 * The shared vocabulary of Mandegar's engine: normalised order data, settings and the result
 * tables of METRICS.md. Pure types and a few constants; no DOM, no storage, no clock.
 */
import type { PackedStrings } from './packed-strings';

/** Days since 1970-01-01 of the calendar date as written in the file (METRICS.md §1, no time zones). */
export type Day = number;

export type Granularity = 'week' | 'month' | 'quarter' | 'year';
export type CalendarKind = 'gregorian' | 'persian';

/** Default activity window W per granularity (METRICS.md §3). */
export const DEFAULT_WINDOW: Record<Granularity, number> = { week: 13, month: 3, quarter: 1, year: 1 };

export interface AnalysisSettings {
	granularity: Granularity;
	/** Activity window W, in periods (≥ 1). */
	window: number;
	calendar: CalendarKind;
	/** "As of" date: rows after it are ignored entirely (METRICS.md §1). null = latest date of any row. */
	asOf: Day | null;
}

export function defaultSettings(granularity: Granularity = 'month'): AnalysisSettings {
	return { granularity, window: DEFAULT_WINDOW[granularity], calendar: 'gregorian', asOf: null };
}

/** Bits of OrderData.flags. */
export const FLAG_RETURN = 1;
/** The row's discount field is non-empty and not 0/false/no (METRICS.md §1). */
export const FLAG_DISCOUNT = 2;

/** A text dimension column (product, category, location, channel, or any mapped column). */
export interface DimensionColumn {
	name: string;
	/** Index into `values`; -1 = empty. */
	codes: Int32Array;
	values: string[];
}

/**
 * The normalised order lines of one dataset, columnar (ARCHITECTURE.md "Storage: columnar chunks").
 * Row i is (customer[i], order[i], day[i], amount[i], flags[i]). Rows are in file order.
 */
export interface OrderData {
	length: number;
	/** Index into customerIds; -1 = guest row (empty customer id). */
	customer: Int32Array;
	/** Index into orderIds; -1 for every row when the file has no order-id column (each row its own order). */
	order: Int32Array;
	day: Int32Array;
	/** Signed amount as written (or quantity × unit price); NaN for every row when no amount is mapped. */
	amount: Float64Array;
	flags: Uint8Array;
	customerIds: string[];
	/** Distinct order ids, packed (issue 5: a million strings are two typed arrays); `orderIds.length` is their number. */
	orderIds: PackedStrings;
	hasOrderId: boolean;
	hasAmount: boolean;
	dims: DimensionColumn[];
	/** 1-based physical line each row starts on in the source file (set by the importer; optional for other producers). */
	line?: Int32Array;
}

/** periods.csv (METRICS.md §3, §8). Ratios are null when their denominator is 0. */
export interface PeriodRow {
	period: string;
	start: number;
	end: number;
	new: number;
	lost: number;
	reactivated: number;
	customer_base: number;
	crr: number | null;
	churn_naive: number | null;
	churn_adjusted: number | null;
	retention_naive: number | null;
	orders: number;
	/** null when the dataset has no amounts. */
	revenue: number | null;
	partial: boolean;
}

/** cohorts.csv, one row per (cohort, offset) (METRICS.md §4). */
export interface CohortCell {
	cohort: string;
	size: number;
	offset: number;
	period: string;
	retained: number;
	retention: number;
	rolling: number;
	revenue: number | null;
	ltv: number | null;
	partial: boolean;
}

/** The average retention curve (METRICS.md §4): complete cells only. */
export interface CurvePoint {
	offset: number;
	retained: number;
	size: number;
	/** Σ retained ÷ Σ size, or null when no complete cell exists at this offset. */
	retention: number | null;
}

/** customers.csv (METRICS.md §5, §6). Dates are ISO `YYYY-MM-DD`. */
export interface CustomerRow {
	customer_id: string;
	orders: number;
	first_purchase: string;
	last_purchase: string;
	revenue: number | null;
	frequency: number;
	recency: number;
	T: number;
	monetary_value: number | null;
	r_score: number;
	f_score: number;
	m_score: number | null;
	rfm_segment: string;
	type: string;
	cohort: string;
}

/** segments.csv (METRICS.md §6, §8). */
export interface SegmentRow {
	kind: 'rfm' | 'type';
	segment: string;
	customers: number;
	revenue: number | null;
	revenue_share: number | null;
}

/** The data keys of summary.json that are computed from stored rows (after the as-of filter). */
export interface DataSummary {
	guest_rows: number;
	return_rows: number;
	customer_ids: number;
	orders: number;
	revenue: number | null;
	date_min: string | null;
	date_max: string | null;
}

/** The metric keys of summary.json (METRICS.md §5, §8). */
export interface MetricsSummary {
	customers: number;
	purchases: number;
	return_orders: number;
	customer_revenue: number | null;
	repeat_purchase_rate: number | null;
	gap_mean_days: number | null;
	gap_median_days: number | null;
	aov: number | null;
	clv_historical: number | null;
	return_rate: number | null;
	top20_share: number | null;
	gini: number | null;
	base_shape: 'broad' | 'balanced' | 'tall' | null;
	observation_end: string | null;
}

/**
 * The whole-base figures of METRICS.md §5 per period (parallel to the period table), for the overview's
 * cards and sparklines. METRICS is silent per period; the reading (core/period-kpis.ts): repeat purchase
 * rate and historical CLV are stocks as of the period's end, AOV and return rate flows within the period.
 */
export interface PeriodKpiRow {
	period: string;
	/** Customers with a first purchase on or before the period's end (= customer_base). */
	customers: number;
	/** Of those, customers with ≥ 2 purchases by the period's end. */
	repeat_customers: number;
	repeat_purchase_rate: number | null;
	/** Net revenue of those customers' rows dated on or before the period's end; null without amounts. */
	customer_revenue: number | null;
	clv_historical: number | null;
	/** Purchases dated in the period (= orders of the period table). */
	purchases: number;
	/** Sum of the amounts of those purchases; null without amounts. */
	purchase_amount: number | null;
	aov: number | null;
	/** Return orders dated in the period (the earliest date of their rows). */
	return_orders: number;
	return_rate: number | null;
}

export interface Analysis {
	settings: AnalysisSettings;
	periods: PeriodRow[];
	periodKpis: PeriodKpiRow[];
	cohorts: CohortCell[];
	curve: CurvePoint[];
	customers: CustomerRow[];
	segments: SegmentRow[];
	data: DataSummary;
	metrics: MetricsSummary;
}

/* ------------------------------------------------------------------ import */

/** Canonical fields of an orders file (METRICS.md §1). */
export const FIELDS = [
	'customer_id',
	'order_id',
	'date',
	'amount',
	'quantity',
	'unit_price',
	'product',
	'category',
	'location',
	'channel',
	'discount',
	'status'
] as const;
export type Field = (typeof FIELDS)[number];

/** Field → 0-based column index after parsing. */
export type Mapping = Partial<Record<Field, number>>;

export type DateOrder = 'dmy' | 'mdy' | 'ymd';

/** Answers the user (or the report's flags) may give; anything left undefined is detected. */
export interface ImportOptions {
	/** WHATWG encoding label. */
	encoding?: string;
	/** The delimiter character, or 'whitespace' for runs of spaces (CDNOW). */
	delimiter?: string;
	/** 1-based physical line of the header; null = the file has no header. */
	headerLine?: number | null;
	dateOrder?: 'dmy' | 'mdy';
	decimal?: '.' | ',';
	/** Identical duplicate rows: default skip when an order id is mapped, keep otherwise. */
	duplicates?: 'skip' | 'keep';
	/** C-prefixed order ids are cancellations: default detected (METRICS.md §1). */
	cPrefixReturns?: boolean;
	/** What the file holds: orders (default), or a customer list joined to stored orders (no date needed). */
	fileKind?: 'orders' | 'customers';
}

export type QuestionKind = 'date_order' | 'decimal' | 'header' | 'encoding' | 'mapping';

/** Something the data cannot decide; the app asks, the report exits 3 (METRICS.md §8). */
export interface Question {
	kind: QuestionKind;
	/** Plain-language question (English; the UI translates by kind). */
	message: string;
	/** The values the answer can take, e.g. ['dmy', 'mdy']. */
	options: string[];
	/** Example raw values that show why it cannot be decided. */
	examples?: string[];
}

/** One skipped or flagged record (import-report.csv). */
export interface ReportEntry {
	line: number;
	column: string;
	value: string;
	reason: string;
	/** true = the record was skipped; false = imported but flagged. */
	skipped: boolean;
	/** The file the line is in, when a dataset was built from several files (appended). */
	file?: string;
}

export type Outcome = 'import' | 'import-with-warnings' | 'reject' | 'needs-answer';

/** The import keys of summary.json that come from the importer itself. */
export interface ImportFacts {
	outcome: Outcome;
	warnings: string[];
	question: Question | null;
	rows_imported: number;
	rows_rejected: number;
	duplicate_rows: number;
	encoding: string;
	delimiter: string;
	decimal: '.' | ',';
	date_order: DateOrder | null;
	header_line: number | null;
	/** Plain-language reason when outcome is 'reject'. */
	reject_reason?: string;
	/** Its code, which the UI translates (`worker.<code>` or a preview's `reject.<code>`; core/user-messages.ts). */
	reject_code?: string;
	/** The amounts' currency as written in the file, and why (core/import/currency.ts); absent in datasets imported before. */
	currency?: CurrencyDetection;
}

/** A currency a dataset can be shown in (IRT = toman, which has no ISO code). */
export type CurrencyCode = 'USD' | 'EUR' | 'RUB' | 'GBP' | 'IRR' | 'IRT';

/** What currency detection found (core/import/currency.ts). */
export interface CurrencyDetection {
	/** The detected currency, or null. */
	currency: CurrencyCode | null;
	/** 'detected'; 'none' = no marker anywhere; 'mixed' = markers of different (or unsupported) currencies. */
	reason: 'detected' | 'none' | 'mixed';
	/** What the amount column's header named ('other' = a currency we do not format, or several). */
	fromHeader: CurrencyCode | 'other' | null;
	/** Amount values that carried a marker, per currency ('other' = one we do not format). */
	valueCounts: Partial<Record<CurrencyCode | 'other', number>>;
	/** Amount values examined. */
	values: number;
	/** A few raw values with markers, for the report. */
	examples: string[];
}
