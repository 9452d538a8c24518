import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { anonymiseRecording } from '../domain/anonymise/anonymiseRecording.js';
import type { LogEntry } from '../domain/types.js';
import { typedHistory } from '../../tests/helpers/typedHistory.js';
import { AnonymiserThread } from './AnonymiserThread.js';
import { BACKGROUND_NICE } from '../background/threadPriority.js';

const threads: AnonymiserThread[] = [];
afterEach(async () => {
	for (const t of threads.splice(0)) await t.close();
});
function thread(opts?: ConstructorParameters<typeof AnonymiserThread>[0]): AnonymiserThread {
	const t = new AnonymiserThread(opts);
	threads.push(t);
	return t;
}

const recording = (text: string): LogEntry[] =>
	typedHistory('iv', 'candidate', 'p1', text, 1000).map((e, i) => ({ ...e, seq: i + 1 }) as LogEntry);

describe('AnonymiserThread (REPLAY-7 off the main thread)', () => {
	it('answers what the rewrite answers in this thread, byte for byte', async () => {
		const entries = recording('# Dan An wrote this\nprint(1)\n');
		const at = [{ doc: 'code' as const, seq: 10 }];
		const got = await thread().anonymise(entries, 'Dan An', at);
		const want = anonymiseRecording(entries, 'Dan An', at);
		expect(got.lines).toEqual(want.lines);
		expect(got.checkpoints.map((c) => ({ ...c, state: Buffer.from(c.state).toString('base64') }))).toEqual(
			want.checkpoints.map((c) => ({ ...c, state: Buffer.from(c.state).toString('base64') }))
		);
		expect(got.lines.join('\n')).not.toContain('Dan');
	});

	it('runs at the lowest CPU priority on Linux, and leaves the server process as it was', async () => {
		const before = os.getPriority();
		const t = thread();
		await t.anonymise(recording('Dan An'), 'Dan An', []);
		expect(t.threadNice).toBe(process.platform === 'linux' ? BACKGROUND_NICE : null);
		expect(os.getPriority()).toBe(before);
	});

	it('runs jobs one after the other on one thread, each answered with its own result', async () => {
		const t = thread();
		const [a, b] = await Promise.all([
			t.anonymise(recording('Dan An: a'), 'Dan An', []),
			t.anonymise(recording('Ada Lovelace: b'), 'Ada Lovelace', [])
		]);
		expect(a.lines).toEqual(anonymiseRecording(recording('Dan An: a'), 'Dan An').lines);
		expect(b.lines).toEqual(anonymiseRecording(recording('Ada Lovelace: b'), 'Ada Lovelace').lines);
	});

	it('a recording too large for its heap fails in words, and the next job gets a new thread', async () => {
		const t = thread({ heapMb: 16 });
		const huge = recording(`# Dan An\n${'x'.repeat(3000)}\n`.repeat(20));
		await expect(t.anonymise(huge, 'Dan An', [])).rejects.toThrow(
			/The anonymised recording could not be prepared: .*memory/i
		);
		const small = recording('Dan An');
		expect((await t.anonymise(small, 'Dan An', [])).lines).toEqual(anonymiseRecording(small, 'Dan An').lines);
	});

	it('close() fails the jobs still waiting, and ends the thread', async () => {
		const t = thread();
		const failed = expect(t.anonymise(recording('Dan An '.repeat(500)), 'Dan An', [])).rejects.toThrow(/shutting down/);
		await t.close();
		await failed;
	});
});
