import type * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';

/** Where the count of unsent edits is kept, beside the document's updates. */
const UNSYNCED_KEY = 'pairboard:unsynced';

/** What the offline copy needs of the connection. */
export interface OfflineLink {
	/** The document is connected and synced: a local edit goes out at once. */
	live(): boolean;
	/** An update that came from the server, not from this person. */
	isRemote(origin: unknown): boolean;
	/** Resolves once the server has handled every edit sent so far. */
	flush(): Promise<void>;
}

/** The IndexedDB database of one person's copy of an interview's code document. */
export const offlineDocName = (interviewId: string, participantId: string) =>
	`pairboard:${interviewId}:${participantId}:code`;

/**
 * The browser's copy of the shared code document (nothing private: the code document holds
 * only what everyone in the room sees), kept in IndexedDB with y-indexeddb. Edits made without
 * a connection survive closing the tab; opened again, the stored updates are merged into the
 * document and sent like any edit. Counts the edits the server has not confirmed yet.
 */
export class OfflineEdits {
	private readonly persistence: IndexeddbPersistence;
	private count = 0;
	private destroyed = false;
	/** The stored document and count are loaded. */
	readonly loaded: Promise<void>;

	constructor(
		private readonly doc: Y.Doc,
		name: string,
		private readonly link: OfflineLink,
		private readonly onCount: (unsynced: number) => void
	) {
		this.persistence = new IndexeddbPersistence(name, doc);
		this.loaded = this.persistence.whenSynced.then(async () => {
			const stored = Number(await this.persistence.get(UNSYNCED_KEY)) || 0;
			if (stored > 0) this.setCount(this.count + stored);
		});
		doc.on('update', this.onUpdate);
	}

	get unsynced(): number {
		return this.count;
	}

	private onUpdate = (_update: Uint8Array, origin: unknown): void => {
		if (origin === this.persistence || this.link.isRemote(origin) || this.link.live()) return;
		this.setCount(this.count + 1);
	};

	/**
	 * The connection is back: once the stored edits are loaded (and so sent), ask the server to
	 * confirm it handled them; only then the count goes back to zero.
	 */
	async confirm(): Promise<void> {
		await this.loaded;
		if (this.count === 0 || this.destroyed) return;
		await this.link.flush();
		if (!this.destroyed) this.setCount(0);
	}

	/** The interview is over and everything is on the server: nothing needs keeping here. */
	async forget(): Promise<void> {
		await this.loaded;
		if (this.count === 0) await this.persistence.clearData();
	}

	private setCount(n: number): void {
		this.count = n;
		if (this.destroyed) return;
		this.persistence.set(UNSYNCED_KEY, n).catch(() => undefined);
		this.onCount(n);
	}

	destroy(): void {
		this.destroyed = true;
		this.doc.off('update', this.onUpdate);
		void this.persistence.destroy();
	}
}
