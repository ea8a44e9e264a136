/**
 * The IndexedDB schema (Dexie): every version in this one file, newest last. Nothing else in the app
 * knows table names. A dataset is stored as columnar chunks (ARCHITECTURE.md "Storage").
 */
import type { PackedStrings } from '../core/packed-strings';
import Dexie, { type Table } from 'dexie';
import type { AnalysisSettings, ImportFacts, ImportOptions, Mapping, ReportEntry } from '../core/types';
import type { CustomerList, CustomerListMapping } from '../core/import/customer-list';

export const DB_NAME = 'mandegar';
/** Rows per stored chunk: ~50 k rows per record keeps writes near 1 s per million rows. */
export const CHUNK_ROWS = 50_000;
/** Report entries per stored record. */
export const REPORT_CHUNK = 5_000;

/** One source file of a dataset (a dataset built by appending monthly exports has several). */
export interface DatasetFile {
	fileName: string;
	fileSize: number;
	fileHash: string;
	importedAt: number;
	rowsImported: number;
	rowsRejected: number;
	/** Lines skipped because the dataset already held the same order line (appended files). */
	duplicateOrders: number;
}

/** What the dataset list shows of an attached customer list. */
export interface CustomerListSummary {
	fileName: string;
	fileHash: string;
	importedAt: number;
	/** Distinct ids in the list. */
	customers: number;
	/** Ids of the list with a purchase, and without one ("potential", METRICS.md §6). */
	matched: number;
	potential: number;
	/** Customer ids of the orders that the list does not hold. */
	notInList: number;
	/** List rows skipped (no id, repeated id). */
	rowsRejected: number;
	/** Dimension names the list's columns became. */
	dimNames: string[];
}

/** A customer list joined to a dataset (schema version 2): kept whole so a later append joins again. */
export interface CustomerListRecord extends CustomerList {
	datasetId: string;
	fileName: string;
	mapping: CustomerListMapping;
}

export interface DatasetRecord {
	id: string;
	name: string;
	fileName: string;
	fileSize: number;
	fileHash: string;
	createdAt: number;
	rows: number;
	chunks: number;
	hasOrderId: boolean;
	hasAmount: boolean;
	/** Names of the dimension columns, in the order of ChunkRecord.dims. */
	dimNames: string[];
	mapping: Mapping;
	options: ImportOptions;
	facts: ImportFacts;
	settings: AnalysisSettings;
	/** Storage layout version of this dataset's records. */
	layout: number;
	/** Source files, oldest first, when files were appended (absent: the one file named above). */
	files?: DatasetFile[];
	/** Incremented each time the dataset's rows are rewritten (an append). */
	revision?: number;
	/** The customer list joined to the orders, if any. */
	customerList?: CustomerListSummary;
}

export interface ChunkRecord {
	datasetId: string;
	index: number;
	length: number;
	customer: Int32Array;
	order: Int32Array;
	day: Int32Array;
	amount: Float64Array;
	flags: Uint8Array;
	dims: Int32Array[];
}

/** Distinct strings of a text column; the ints in chunks index into them. */
export interface DictionaryRecord {
	datasetId: string;
	/** 'customer', 'order' or 'dim:<n>'. */
	kind: string;
	values: string[];
	/**
	 * The values packed (order ids since issue 5: two typed arrays instead of a million strings; `values`
	 * is then empty). Datasets stored before have `values` only; both are read.
	 */
	packed?: PackedStrings;
}

export interface ReportRecord {
	datasetId: string;
	index: number;
	entries: ReportEntry[];
}

/**
 * The last dashboard result computed for a dataset (schema version 3), so a reopen draws it without
 * loading the rows. One record per dataset; `key` says which settings, thresholds and dataset
 * revision it was computed for (resultKey in worker/api.ts); a different key means recompute.
 */
export interface ResultRecord {
	datasetId: string;
	key: string;
	/** The worker's DashboardResult (structured-cloneable), stored as it was returned. */
	result: unknown;
	savedAt: number;
}

export class MandegarDB extends Dexie {
	datasets!: Table<DatasetRecord, string>;
	chunks!: Table<ChunkRecord, [string, number]>;
	dictionaries!: Table<DictionaryRecord, [string, string]>;
	reports!: Table<ReportRecord, [string, number]>;
	customerLists!: Table<CustomerListRecord, string>;
	results!: Table<ResultRecord, string>;

	constructor(name = DB_NAME) {
		super(name);
		this.version(1).stores({
			datasets: 'id, createdAt, fileHash',
			chunks: '[datasetId+index], datasetId',
			dictionaries: '[datasetId+kind], datasetId',
			reports: '[datasetId+index], datasetId'
		});
		// Version 2 adds the customer lists (issue 4, item 9). Existing tables and records are kept
		// as they are: no record needs rewriting, so the upgrade only creates the new table.
		this.version(2)
			.stores({ customerLists: 'datasetId' })
			.upgrade(() => {});
		// Version 3 adds the stored last dashboard result per dataset (fast reopen, issue 5). A cache:
		// nothing is rewritten, an empty table just means the first open computes as before.
		this.version(3)
			.stores({ results: 'datasetId' })
			.upgrade(() => {});
	}
}

/** Current storage layout of a dataset's records (bump with a Dexie upgrade when it changes). */
export const LAYOUT_VERSION = 1;
