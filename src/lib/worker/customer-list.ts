/**
 * Attaching a customer list to a stored dataset (issue 4, item 9): parse the whole list, join it to
 * the orders by customer id, and write the joined version and the list in one transaction.
 */
import { joinCustomerList, parseCustomerList, previewCustomerList, type CustomerListMapping } from '../core/import/customer-list';
import type { ImportOptions, OrderData } from '../core/types';
import { getDataset, loadData, loadReport, replaceDatasetData } from '../db/datasets';
import type { DatasetRecord, MandegarDB } from '../db/schema';
import { englishText, type UserMessageCode, type UserParams } from '../core/user-messages';

/** Import-report entries of a customer list carry the list's file name with this suffix. */
const LIST_SUFFIX = ' (customer list)';

export type AttachDone =
	| { ok: true; record: DatasetRecord; data: OrderData }
	/** `reason`: the English sentence; `code` and `params` translate it (core/user-messages.ts, or `reject.<code>` for a preview's). */
	| { ok: false; reason: string; code: string; params: UserParams };

/** A refusal: its English sentence without the file name the worker puts in front. */
function refuse(code: UserMessageCode, params: UserParams = {}): AttachDone {
	return { ok: false, reason: englishText(code, { ...params, name: '' }).slice(2), code, params };
}

export async function attachCustomerList(
	db: MandegarDB,
	req: { name: string; datasetId: string; mapping: CustomerListMapping; options: ImportOptions },
	bytes: Uint8Array,
	fileHash: string,
	/** `bytes` is the head of the file up to this many bytes: a list that fills it is refused, never cut. */
	maxBytes = Infinity
): Promise<AttachDone> {
	if (bytes.length >= maxBytes) return refuse('list_too_large', { mb: Math.round(maxBytes / (1 << 20)) });
	const pre = previewCustomerList(bytes.subarray(0, 1 << 20), req.name, req.options);
	if (!pre.ok) return { ok: false, reason: pre.reason, code: pre.code, params: {} };
	const p = pre.preview;
	if (req.mapping.id < 0 || req.mapping.id >= p.headers.length) return refuse('list_choose_id');
	let text: string;
	try {
		text = new TextDecoder(p.encoding, { fatal: false }).decode(bytes);
	} catch {
		return refuse('list_unreadable', { encoding: p.encoding });
	}
	const list = parseCustomerList(text, p, req.mapping, req.options.dateOrder);
	if (list.ids.length === 0) return refuse('list_no_ids', { column: p.headers[req.mapping.id] });
	const base = await getDataset(db, req.datasetId);
	if (!base) return refuse('list_target_gone');
	const data = await loadData(db, base.id);
	const joined = joinCustomerList(data, list, base.customerList?.dimNames ?? []);
	if (joined.matched === 0 && joined.notInList === data.customerIds.length)
		return refuse('list_no_match', { n: list.ids.length, dataset: base.name });
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
