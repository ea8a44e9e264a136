/**
 * The worker's workspace calls (backup and restore of everything stored), merged into the exposed
 * API in analytics.worker.ts. Kept apart from api.ts so the analysis API and this can change
 * independently.
 */
import { BackupError, exportWorkspace, isQuotaError, restoreWorkspace } from '../db/backup';
import type { MandegarDB } from '../db/schema';
import { userMessage } from '../core/user-messages';

export type RestoreResponse =
	| { ok: true; datasets: number; skipped: number; records: number; app: Record<string, string>; createdAt: number }
	/** `code` and `params` translate `message` (core/user-messages.ts). */
	| { ok: false; message: string; code: string; params: Record<string, string | number> };

export interface WorkspaceApi {
	/** The whole workspace as one gzip-compressed file (a Blob: it crosses to the page without a copy). */
	backupWorkspace(app: Record<string, string>): Promise<{ blob: Blob; fileName: string; createdAt: number }>;
	/** Add a backup's datasets to this browser (datasets already here are kept). */
	restoreWorkspace(file: Blob): Promise<RestoreResponse>;
}

export const FREE_SPACE_ADVICE =
	'Free space by deleting datasets you no longer need (after a backup), or by clearing other sites’ data in the browser settings, then try again.';

function stamp(ms: number): string {
	return new Date(ms).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
}

export function createWorkspaceApi(db: MandegarDB): WorkspaceApi {
	return {
		async backupWorkspace(app) {
			const createdAt = Date.now();
			const blob = await exportWorkspace(db, app, createdAt);
			return { blob, fileName: `mandegar-backup-${stamp(createdAt)}.mandegar.gz`, createdAt };
		},
		async restoreWorkspace(file) {
			try {
				const r = await restoreWorkspace(db, file);
				return { ok: true, ...r };
			} catch (e) {
				if (isQuotaError(e)) return { ok: false, ...userMessage('backup_storage_full') };
				if (e instanceof BackupError) return { ok: false, ...userMessage(e.code) };
				return { ok: false, ...userMessage('backup_failed', { error: e instanceof Error ? e.message : String(e) }) };
			}
		}
	};
}
