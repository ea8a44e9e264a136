/**
 * Keeping the data safe (a rune module): persistent storage and the space used/left, backup and
 * restore of the whole workspace, "delete all data", the backup reminder, and staying consistent
 * with other tabs (an import or delete in one shows up in the others; a schema upgrade or a
 * delete-all in another tab asks this one to reload instead of breaking).
 */
import { proxy } from 'comlink';
import { DB_NAME } from '../db/schema';
import { saveBlobFile } from '../ui/save-blob';
import { workspaceApi } from '../worker/workspace-client';
import { app } from './app.svelte';
import { t } from '../i18n/locale.svelte';
import { errorText, workerText } from '../ui/import-text';

/** localStorage key of the last backup's time (ms). */
export const LAST_BACKUP_KEY = 'mandegar.lastBackup';
/** Safari may wipe a site's data after 7 days without a visit: remind after that long. */
export const BACKUP_REMINDER_MS = 7 * 24 * 3600 * 1000;
const CHANNEL = 'mandegar-sync';

type SyncMessage = { type: 'datasets'; ids: string[] } | { type: 'deleted-all' };

function readLastBackup(): number | null {
	try {
		const v = Number(localStorage.getItem(LAST_BACKUP_KEY));
		return Number.isFinite(v) && v > 0 ? v : null;
	} catch {
		return null;
	}
}

/** App settings kept in localStorage (mandegar.*), carried in a backup. */
function appSettings(): Record<string, string> {
	const out: Record<string, string> = {};
	try {
		for (let i = 0; i < localStorage.length; i++) {
			const k = localStorage.key(i);
			if (k && k.startsWith('mandegar.') && k !== LAST_BACKUP_KEY) out[k] = localStorage.getItem(k) ?? '';
		}
	} catch {
		/* storage blocked: nothing to carry */
	}
	return out;
}

export class StorageState {
	/** The browser keeps this origin's storage persistently (null: unknown or not supported). */
	persisted = $state<boolean | null>(null);
	usage = $state<number | null>(null);
	quota = $state<number | null>(null);
	lastBackup = $state<number | null>(null);
	/** A service worker holds the app: it loads without a network. */
	offline = $state(false);
	busy = $state<'backup' | 'restore' | 'delete' | null>(null);
	/** Share done (0…1) of the backup or restore under way, from the worker's progress reports. */
	progress = $state(0);
	/** Cancel was asked for the backup or restore under way. */
	cancelling = $state(false);
	message = $state<string | null>(null);
	error = $state<string | null>(null);
	/** Another tab changed the database under this one: only a reload helps. */
	otherTab = $state<null | 'upgraded' | 'deleted'>(null);
	/** Everything was deleted in this tab. */
	deleted = $state(false);
	now = $state(Date.now());

	backupDue = $derived(
		app.datasets.length > 0 && (this.lastBackup == null || this.now - this.lastBackup > BACKUP_REMINDER_MS)
	);

	#channel: BroadcastChannel | null = null;
	#watcher: IDBDatabase | null = null;
	#deletingHere = false;
	#knownIds = '';
	#started = false;
	#asked = false;
	/** Bumped per backup/restore: a late report of an earlier one is ignored. */
	#longSeq = 0;

	/** Ask for persistent storage, measure, and start listening to other tabs. Call once on mount. */
	start(): () => void {
		if (this.#started) return () => {};
		this.#started = true;
		this.lastBackup = readLastBackup();
		void this.#persist();
		void navigator.serviceWorker?.ready.then(() => (this.offline = !this.deleted));
		const tick = setInterval(() => (this.now = Date.now()), 60_000);
		const stopEffects = $effect.root(() => {
			// Tell the other tabs when this tab's list of datasets changed (an import, a delete, a restore).
			$effect(() => {
				const ids = app.datasets.map((d) => d.id).join('\n');
				if (app.loading || this.deleted || this.otherTab) return;
				if (ids !== this.#knownIds) {
					this.#knownIds = ids;
					this.#post({ type: 'datasets', ids: app.datasets.map((d) => d.id) });
					void this.#persist(app.datasets.length > 0);
				}
				// The database exists once the app has listed it: watch it for other tabs' upgrades.
				void this.#watch();
			});
		});
		if (typeof BroadcastChannel !== 'undefined') {
			this.#channel = new BroadcastChannel(CHANNEL);
			this.#channel.onmessage = (e: MessageEvent<SyncMessage>) => void this.#onMessage(e.data);
		}
		return () => {
			clearInterval(tick);
			stopEffects();
			this.#channel?.close();
			this.#watcher?.close();
		};
	}

	/**
	 * Whether the storage is persistent; with `ask`, request it if not. Asked once there is data to
	 * keep (Firefox shows a permission prompt, which makes no sense on an empty first visit).
	 */
	async #persist(ask = false): Promise<void> {
		const s = navigator.storage;
		if (!s?.persisted) return this.refresh();
		try {
			this.persisted = await s.persisted();
			if (ask && !this.persisted && s.persist && !this.#asked) {
				this.#asked = true;
				this.persisted = await s.persist();
			}
		} catch {
			this.persisted = false;
		}
		await this.refresh();
	}

	/** Measure the space used and left (navigator.storage.estimate). */
	async refresh(): Promise<void> {
		try {
			const est = await navigator.storage?.estimate?.();
			if (!est) return;
			this.usage = est.usage ?? null;
			this.quota = est.quota ?? null;
		} catch {
			/* not available (old browser, private mode) */
		}
	}

	#post(m: SyncMessage): void {
		try {
			this.#channel?.postMessage(m);
		} catch {
			/* channel closed */
		}
	}

	async #onMessage(m: SyncMessage): Promise<void> {
		if (this.otherTab || this.deleted) return;
		if (m.type === 'deleted-all') {
			this.#stopWatching();
			this.otherTab = 'deleted';
			return;
		}
		if (m.type === 'datasets' && m.ids.join('\n') !== this.#knownIds) {
			this.#knownIds = m.ids.join('\n');
			try {
				await app.refreshDatasets();
				if (app.currentId && !app.datasets.some((d) => d.id === app.currentId)) {
					app.currentId = null;
					app.result = null;
					if (app.datasets[0]) await app.open(app.datasets[0].id);
				} else if (!app.currentId && app.datasets[0] && app.stage !== 'mapping' && app.stage !== 'importing') {
					await app.open(app.datasets[0].id);
				}
			} catch (e) {
				this.error = t('st.otherTabReadError', { error: errorText(e) });
			}
		}
	}

	/** A connection of our own that only listens: another tab's upgrade or delete fires `versionchange` on it. */
	async #watch(): Promise<void> {
		if (this.#watcher || this.otherTab || this.deleted || typeof indexedDB === 'undefined') return;
		try {
			const dbs = await indexedDB.databases?.();
			if (dbs && !dbs.some((d) => d.name === DB_NAME)) return;
		} catch {
			return;
		}
		if (this.#watcher) return;
		const req = indexedDB.open(DB_NAME);
		req.onsuccess = () => {
			const db = req.result;
			if (this.#watcher || this.otherTab || this.deleted) return db.close();
			this.#watcher = db;
			db.onversionchange = (ev) => {
				// Close at once so the other tab's upgrade or delete is not blocked by us.
				this.#stopWatching();
				if (this.#deletingHere) return;
				this.otherTab = ev.newVersion == null ? 'deleted' : 'upgraded';
			};
		};
		req.onerror = () => {};
	}

	#stopWatching(): void {
		this.#watcher?.close();
		this.#watcher = null;
	}

	/* ------------------------------------------------------------ backup */

	#startLong(kind: 'backup' | 'restore'): void {
		this.busy = kind;
		this.progress = 0;
		this.cancelling = false;
		this.error = null;
		this.message = null;
	}

	/** The worker's progress reports (a Comlink proxy; the worker releases it when done). */
	#onProgress() {
		const seq = ++this.#longSeq;
		return proxy((fraction: number) => {
			if (seq === this.#longSeq && this.busy) this.progress = Math.max(this.progress, fraction);
		});
	}

	/** Stop the backup or restore under way: no file is saved, a restore writes nothing. */
	async cancel(): Promise<void> {
		if (this.busy !== 'backup' && this.busy !== 'restore') return;
		this.cancelling = true;
		await workspaceApi.cancelWorkspace();
	}

	async backup(): Promise<void> {
		if (this.busy) return;
		this.#startLong('backup');
		try {
			const res = await workspaceApi.backupWorkspace(appSettings(), this.#onProgress());
			if (res.ok === 'cancelled') {
				this.message = t('st.backupCancelled');
				return;
			}
			const { blob, fileName, createdAt } = res;
			saveBlobFile(fileName, blob);
			localStorage.setItem(LAST_BACKUP_KEY, String(createdAt));
			this.lastBackup = createdAt;
			this.message = t('st.backupSaved', { name: fileName });
		} catch (e) {
			this.error = t('st.backupFailed', { error: errorText(e) });
		} finally {
			this.busy = null;
			this.cancelling = false;
		}
	}

	async restore(file: Blob): Promise<void> {
		if (this.busy) return;
		this.#startLong('restore');
		try {
			const res = await workspaceApi.restoreWorkspace(file, this.#onProgress());
			if (res.ok === 'cancelled') {
				this.message = t('st.restoreCancelled');
				return;
			}
			if (!res.ok) {
				this.error = workerText(res);
				return;
			}
			for (const [k, v] of Object.entries(res.app)) if (k.startsWith('mandegar.') && localStorage.getItem(k) == null) localStorage.setItem(k, v);
			// The restored data exists in that file: it counts as backed up as of then.
			if (res.createdAt > (this.lastBackup ?? 0)) {
				localStorage.setItem(LAST_BACKUP_KEY, String(res.createdAt));
				this.lastBackup = res.createdAt;
			}
			await app.refreshDatasets();
			if (!app.currentId && app.datasets[0]) await app.open(app.datasets[0].id);
			this.message = t('st.restored', { n: res.datasets, skipped: res.skipped });
		} catch (e) {
			this.error = t('st.restoreFailed', { error: errorText(e) });
		} finally {
			this.busy = null;
			this.cancelling = false;
			await this.refresh();
		}
	}

	/* -------------------------------------------------------- delete all */

	/**
	 * Delete every trace of the app in this browser: all IndexedDB databases, the service worker's
	 * caches and registration, localStorage and sessionStorage. Other tabs are told first.
	 */
	async deleteAll(): Promise<void> {
		if (this.busy) return;
		this.busy = 'delete';
		this.error = null;
		this.message = null;
		this.#deletingHere = true;
		this.#post({ type: 'deleted-all' });
		this.#stopWatching();
		try {
			const names = (await indexedDB.databases?.())?.map((d) => d.name).filter((n): n is string => !!n) ?? [DB_NAME];
			for (const name of names) await deleteDatabase(name);
			if (typeof caches !== 'undefined') for (const k of await caches.keys()) await caches.delete(k);
			if (navigator.serviceWorker) for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
			localStorage.clear();
			sessionStorage.clear();
			app.currentId = null;
			app.result = null;
			app.datasets = [];
			app.message = null;
			app.warnings = [];
			this.lastBackup = null;
			this.offline = false;
			this.deleted = true;
		} catch (e) {
			this.error = t('st.deleteFailed', { error: errorText(e) });
		} finally {
			this.busy = null;
			await this.refresh();
		}
	}
}

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.deleteDatabase(name);
		req.onsuccess = () => resolve();
		req.onerror = () => reject(req.error ?? new Error(`${name} could not be deleted`));
		// Blocked: another connection has not closed yet; the request goes on once it does.
		req.onblocked = () => {};
	});
}

export const storage = new StorageState();
