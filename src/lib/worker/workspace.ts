/**
 * The worker's workspace calls (backup and restore of everything stored), merged into the exposed
 * API in analytics.worker.ts. Kept apart from api.ts so the analysis API and this can change
 * independently.
 */
import { releaseProxy, type Remote } from 'comlink';
import { BackupCancelled, BackupError, exportWorkspace, isQuotaError, restoreWorkspace } from '../db/backup';
import type { MandegarDB } from '../db/schema';
import { userMessage } from '../core/user-messages';

export type RestoreResponse =
	| { ok: true; datasets: number; skipped: number; records: number; app: Record<string, string>; createdAt: number }
	/** `code` and `params` translate `message` (core/user-messages.ts). */
	| { ok: false; message: string; code: string; params: Record<string, string | number> }
	/** Cancelled (cancelWorkspace): nothing was written. Not a failure: the page says so in its own words. */
	| { ok: 'cancelled' };

/** `ok: 'cancelled'`: cancelWorkspace stopped it; no file was made. */
export type BackupResponse = { ok: true; blob: Blob; fileName: string; createdAt: number } | { ok: 'cancelled' };

export interface WorkspaceApi {
	/**
	 * The whole workspace as one gzip-compressed file (a Blob: it crosses to the page without a copy).
	 * `onProgress` (a Comlink proxy from the page) gets the share done, rising, ending at 1.
	 */
	backupWorkspace(app: Record<string, string>, onProgress?: (fraction: number) => void): Promise<BackupResponse>;
	/** Add a backup's datasets to this browser (datasets already here are kept); all or nothing. */
	restoreWorkspace(file: Blob, onProgress?: (fraction: number) => void): Promise<RestoreResponse>;
	/** Stop the backup or restore under way at its next record: no file, nothing written. */
	cancelWorkspace(): Promise<void>;
}

export const FREE_SPACE_ADVICE =
	'Free space by deleting datasets you no longer need (after a backup), or by clearing other sites’ data in the browser settings, then try again.';

function stamp(ms: number): string {
	return new Date(ms).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
}

/** Let go of a progress callback that came as a Comlink proxy (a plain function in tests: nothing to do). */
function release(onProgress?: (fraction: number) => void): void {
	(onProgress as Remote<(fraction: number) => void> | undefined)?.[releaseProxy]?.();
}

/** Send progress without waiting for the page; a page that went away must not stop the work. */
function sender(onProgress?: (fraction: number) => void) {
	return onProgress && ((f: number) => void Promise.resolve(onProgress(f)).catch(() => {}));
}

export function createWorkspaceApi(db: MandegarDB): WorkspaceApi {
	let cancelRequested = false;
	const control = (onProgress?: (fraction: number) => void) => ({ onProgress: sender(onProgress), isCancelled: () => cancelRequested });
	return {
		async backupWorkspace(app, onProgress) {
			cancelRequested = false;
			const createdAt = Date.now();
			try {
				const blob = await exportWorkspace(db, app, createdAt, control(onProgress));
				return { ok: true, blob, fileName: `mandegar-backup-${stamp(createdAt)}.mandegar.gz`, createdAt };
			} catch (e) {
				if (e instanceof BackupCancelled) return { ok: 'cancelled' };
				throw e;
			} finally {
				cancelRequested = false;
				release(onProgress);
			}
		},
		async restoreWorkspace(file, onProgress) {
			cancelRequested = false;
			try {
				const r = await restoreWorkspace(db, file, control(onProgress));
				return { ok: true, ...r };
			} catch (e) {
				if (e instanceof BackupCancelled) return { ok: 'cancelled' };
				if (isQuotaError(e)) return { ok: false, ...userMessage('backup_storage_full') };
				if (e instanceof BackupError) return { ok: false, ...userMessage(e.code) };
				return { ok: false, ...userMessage('backup_failed', { error: e instanceof Error ? e.message : String(e) }) };
			} finally {
				cancelRequested = false;
				release(onProgress);
			}
		},
		async cancelWorkspace() {
			cancelRequested = true;
		}
	};
}
