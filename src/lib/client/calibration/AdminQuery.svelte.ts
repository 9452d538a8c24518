/** One admin-key request a page shows: loading, an error in words, or its data (kept while a new one loads). */
export type QueryPhase<T> =
	{ name: 'loading' } | { name: 'error'; message: string } | { name: 'ready'; data: T; refreshing: boolean };

export class AdminQuery<T> {
	phase = $state<QueryPhase<T>>({ name: 'loading' });
	private latest = 0;

	/** Runs `fetch`; an answer overtaken by a later call is dropped, so the page shows the last asked. */
	async run(fetch: () => Promise<T>): Promise<void> {
		const mine = ++this.latest;
		if (this.phase.name === 'ready') this.phase = { ...this.phase, refreshing: true };
		try {
			const data = await fetch();
			if (mine === this.latest) this.phase = { name: 'ready', data, refreshing: false };
		} catch (err) {
			if (mine === this.latest) this.phase = { name: 'error', message: (err as Error).message };
		}
	}
}
