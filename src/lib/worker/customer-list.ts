/**
 * Attaching a customer list to a stored dataset (issue 4, item 9): parse the whole list, join it to
 * the orders by customer id, and write the joined version and the list in one transaction.
 */
import { joinCustomerList, parseCustomerList, previewCustomerList, type CustomerListMapping } from '../core/import/customer-list';
import type { ImportOptions, OrderData } from '../core/types';
import { getDataset, loadData, loadReport, replaceDatasetData } from '../db/datasets';
import type { DatasetRecord, MandegarDB } from '../db/schema';

/** Import-report entries of a customer list carry the list's file name with this suffix. */
const LIST_SUFFIX = ' (customer list)';

export type AttachDone =
	| { ok: true; record: DatasetRecord; data: OrderData }
	| { ok: false; reason: string };

export async function attachCustomerList(
	db: MandegarDB,
	req: { name: string; datasetId: string; mapping: CustomerListMapping; options: ImportOptions },
	bytes: Uint8Array,
	fileHash: string,
	/** `bytes` is the head of the file up to this many bytes: a list that fills it is refused, never cut. */
	maxBytes = Infinity
): Promise<AttachDone> {
	if (bytes.length >= maxBytes) return { ok: false, reason: `The list is larger than ${Math.round(maxBytes / (1 << 20))} MB; split it or keep only the columns you need.` };
	const pre = previewCustomerList(bytes.subarray(0, 1 << 20), req.name, req.options);
	if (!pre.ok) return { ok: false, reason: pre.reason };
	const p = pre.preview;
	if (req.mapping.id < 0 || req.mapping.id >= p.headers.length) return { ok: false, reason: 'Choose the column with the customer ids.' };
	let text: string;
	try {
		text = new TextDecoder(p.encoding, { fatal: false }).decode(bytes);
	} catch {
		return { ok: false, reason: `The file could not be read as ${p.encoding}.` };
	}
	const list = parseCustomerList(text, p, req.mapping, req.options.dateOrder);
	if (list.ids.length === 0) return { ok: false, reason: `No customer ids were found in the column “${p.headers[req.mapping.id]}”.` };
	const base = await getDataset(db, req.datasetId);
	if (!base) return { ok: false, reason: 'The dataset to join it to is no longer stored.' };
	const data = await loadData(db, base.id);
	const joined = joinCustomerList(data, list, base.customerList?.dimNames ?? []);
	if (joined.matched === 0 && joined.notInList === data.customerIds.length)
		return { ok: false, reason: `None of its ${list.ids.length.toLocaleString('en-US')} customer ids appear in the orders of “${base.name}”. Check the customer id column.` };
	const { chunks: _chunks, ...rest } = base;
	const record = await replaceDatasetData(
		db,
		{
			...rest,
			dimNames: joined.data.dims.map((d) => d.name),
			customerList: {
				fileName: req.name,
				fileHash,
				importedAt: Date.now(),
				customers: list.ids.length,
				matched: joined.matched,
				potential: joined.potential,
				notInList: joined.notInList,
				rowsRejected: list.report.length,
				dimNames: joined.dimNames
			},
			revision: (base.revision ?? 0) + 1
		},
		joined.data,
		// The list's skipped rows join the dataset's import report (an earlier list's are replaced).
		[
			...(await loadReport(db, base.id)).filter((e) => !e.file?.endsWith(LIST_SUFFIX)),
			...list.report.map((e) => ({ ...e, file: `${req.name}${LIST_SUFFIX}` }))
		],
		undefined,
		undefined,
		{ ...list, datasetId: base.id, fileName: req.name, mapping: req.mapping }
	);
	return { ok: true, record, data: joined.data };
}
