/** Test helper: a dataset record to store beside test rows (the fields storage needs; `over` changes some). */
import { defaultSettings } from '../../../src/lib/core/types';
import type { DatasetRecord } from '../../../src/lib/db/schema';

export function datasetRecord(id: string, over: Partial<Omit<DatasetRecord, 'chunks'>> = {}): Omit<DatasetRecord, 'chunks'> {
	return {
		id,
		name: id,
		fileName: `${id}.csv`,
		fileSize: 1,
		fileHash: id,
		createdAt: Date.now(),
		rows: 0,
		hasOrderId: true,
		hasAmount: true,
		dimNames: [],
		mapping: {} as DatasetRecord['mapping'],
		options: {},
		facts: {} as DatasetRecord['facts'],
		settings: defaultSettings(),
		layout: 1,
		...over
	};
}
