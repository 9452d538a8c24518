import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackgroundThread } from './BackgroundThread.js';

type Job = { text?: string; fail?: string };
type Result = { text: string; threadId: number };

const threads: BackgroundThread<Job, Result>[] = [];
afterEach(async () => {
	for (const t of threads.splice(0)) await t.close();
});
function thread(idleMs?: number): BackgroundThread<Job, Result> {
	const t = new BackgroundThread<Job, Result>({
		main: new URL('./testing/echoThreadMain.ts', import.meta.url),
		failure: 'The echo could not be made',
		idleMs
	});
	threads.push(t);
	return t;
}

describe('BackgroundThread', () => {
	it('answers each job with its own result, on one thread that is not this one', async () => {
		const t = thread();
		const [a, b] = await Promise.all([t.run({ text: 'a' }), t.run(Promise.resolve({ text: 'b' }))]);
		expect([a.text, b.text]).toEqual(['a', 'b']);
		expect(a.threadId).toBe(b.threadId);
		expect(a.threadId).not.toBe(0);
		expect(t.jobs).toBe(2);
	});

	it("a job's error is answered in words and the thread goes on", async () => {
		const t = thread();
		await expect(t.run({ fail: 'the table is empty' })).rejects.toThrow(
			'The echo could not be made: the table is empty'
		);
		await expect(t.run(Promise.reject(new Error('no log')))).rejects.toThrow('The echo could not be made: no log');
		expect((await t.run({ text: 'still here' })).text).toBe('still here');
	});

	it('ends when idle, and the next job starts a new thread', async () => {
		const t = thread(50);
		await t.run({ text: 'one' });
		expect(t.alive).toBe(true);
		await vi.waitFor(() => expect(t.alive).toBe(false), { timeout: 5000, interval: 20 });
		expect((await t.run({ text: 'two' })).text).toBe('two');
		expect(t.started).toBe(2);
	});
});
