import { describe, expect, it } from 'vitest';
import { AdminQuery } from './AdminQuery.svelte';

function deferred<T>() {
	let resolve!: (v: T) => void;
	const promise = new Promise<T>((r) => (resolve = r));
	return { promise, resolve };
}

describe('AdminQuery', () => {
	it('shows the answer of the last request even when an earlier one answers after it', async () => {
		const q = new AdminQuery<string>();
		const first = deferred<string>();
		const second = deferred<string>();
		const a = q.run(() => first.promise);
		const b = q.run(() => second.promise);
		second.resolve('last 30 days');
		await b;
		first.resolve('last year');
		await a;
		expect(q.phase).toEqual({ name: 'ready', data: 'last 30 days', refreshing: false });
	});

	it('keeps the data while refreshing and says why a request failed', async () => {
		const q = new AdminQuery<number>();
		await q.run(async () => 1);
		const next = deferred<number>();
		const run = q.run(() => next.promise);
		expect(q.phase).toEqual({ name: 'ready', data: 1, refreshing: true });
		next.resolve(2);
		await run;
		await q.run(() => Promise.reject(new Error('The admin key is not valid')));
		expect(q.phase).toEqual({ name: 'error', message: 'The admin key is not valid' });
	});
});
