/** The analytics web worker: exposes the API over Comlink; owns parsing, storage and computation. */
import { expose, releaseProxy, type Remote } from 'comlink';
import { MandegarDB } from '../db/schema';
import { createApi } from './api';
import type { AnalyticsApi, HoldoutRequest, ImportProgress, ImportRequest, PredictionsRequest } from './api-types';
import { createWorkspaceApi, type WorkspaceApi } from './workspace';

const db = new MandegarDB();
const api = createApi(db);

expose({
	...api,
	...createWorkspaceApi(db),
	// The progress callback arrives as a Comlink proxy: release it once the import ends, so its port closes.
	async importFile(req: ImportRequest, onProgress?: (p: ImportProgress) => void) {
		try {
			return await api.importFile(req, onProgress);
		} finally {
			(onProgress as Remote<(p: ImportProgress) => void> | undefined)?.[releaseProxy]?.();
		}
	},
	async predictions(req: PredictionsRequest, onProgress?: (fraction: number) => void) {
		try {
			return await api.predictions(req, onProgress);
		} finally {
			(onProgress as Remote<(fraction: number) => void> | undefined)?.[releaseProxy]?.();
		}
	},
	async holdout(req: HoldoutRequest, onProgress?: (fraction: number) => void) {
		try {
			return await api.holdout(req, onProgress);
		} finally {
			(onProgress as Remote<(fraction: number) => void> | undefined)?.[releaseProxy]?.();
		}
	}
} satisfies AnalyticsApi & WorkspaceApi);
