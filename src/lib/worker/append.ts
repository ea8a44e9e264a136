/**
 * Appending a file to a stored dataset (issue 4, item 7): the new file's rows after the dataset's,
 * order lines already stored reported as duplicates, the whole new version written in one transaction.
 */
import { appendOrders, mergeFacts } from '../core/import/append';
import { joinCustomerList } from '../core/import/customer-list';
import type { ImportResult } from '../core/import/types';
import type { OrderData } from '../core/types';
import { getCustomerList, loadData, loadReport, replaceDatasetData } from '../db/datasets';
import type { DatasetFile, DatasetRecord, MandegarDB } from '../db/schema';

export type AppendDone =
	| { ok: true; record: DatasetRecord; data: OrderData; duplicateOrders: number }
	/** `code` translates `reason` (core/user-messages.ts). */
	| { ok: false; reason: string; code: string };

/** The files of a dataset, the first one taken from the record when it was never appended to. */
export function filesOf(r: DatasetRecord): DatasetFile[] {
	return (
		r.files ?? [
			{
				fileName: r.fileName,
				fileSize: r.fileSize,
				fileHash: r.fileHash,
				importedAt: r.createdAt,
				rowsImported: r.facts.rows_imported,
				rowsRejected: r.facts.rows_rejected,
				duplicateOrders: 0
			}
		]
	);
}

export async function appendToDataset(
	db: MandegarDB,
	base: DatasetRecord,
	result: ImportResult & { data: OrderData },
	file: { name: string; size: number; hash: string },
	onChunk: (done: number, total: number) => void,
	shouldAbort: () => boolean
): Promise<AppendDone> {
	const baseData = await loadData(db, base.id);
	const out = appendOrders(baseData, result.data, file.name);
	if (!out.ok) return out;
	// A joined customer list gives the new rows its columns too (and the potential count changes).
	let data = out.data;
	let customerList = base.customerList;
	const list = base.customerList ? await getCustomerList(db, base.id) : undefined;
	if (list && customerList) {
		const j = joinCustomerList(data, list, customerList.dimNames);
		data = j.data;
		customerList = { ...customerList, matched: j.matched, potential: j.potential, notInList: j.notInList, dimNames: j.dimNames };
	}
	const baseFiles = filesOf(base);
	const firstFile = baseFiles[0]?.fileName ?? base.fileName;
	const baseReport = (await loadReport(db, base.id)).map((e) => (e.file ? e : { ...e, file: firstFile }));
	const report = [...baseReport, ...result.report.map((e) => ({ ...e, file: file.name })), ...out.duplicates];
	const facts = mergeFacts(base.facts, result.facts, out.duplicates.length);
	const { chunks: _chunks, ...rest } = base;
	const record = await replaceDatasetData(
		db,
		{
			...rest,
			rows: data.length,
			dimNames: data.dims.map((d) => d.name),
			customerList,
			facts,
			files: [
				...baseFiles,
				{
					fileName: file.name,
					fileSize: file.size,
					fileHash: file.hash,
					importedAt: Date.now(),
					rowsImported: result.facts.rows_imported - out.duplicates.length,
					rowsRejected: result.facts.rows_rejected + out.duplicates.length,
					duplicateOrders: out.duplicates.length
				}
			],
			revision: (base.revision ?? 0) + 1
		},
		data,
		report,
		onChunk,
		shouldAbort
	);
	return { ok: true, record, data, duplicateOrders: out.duplicates.length };
}
