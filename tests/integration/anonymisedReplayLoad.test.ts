import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromBase64 } from '../../src/lib/shared/recording.js';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';
import { BACKGROUND_WORK_TIMEOUT_MS, keystrokesRelayedDuring, liveRoomPair } from '../helpers/relayedMeanwhile.js';
import { codeText, type YClient } from '../helpers/yclient.js';
import { typedHistory } from '../helpers/typedHistory.js';

const servers: TestServer[] = [];
const clients: YClient[] = [];
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const s of servers.splice(0)) await s.stop();
});

const NAME = 'Dan An';

/** An anonymised reviewer link of the interview, made by the organizer; answers its token. */
async function anonymisedLink(s: TestServer, interviewId: string): Promise<string> {
	const made = await fetch(`${s.url}/api/interviews/${interviewId}/reviewer-links`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminKey}` },
		body: JSON.stringify({ anonymised: true })
	});
	expect(made.status).toBe(201);
	return new URL(((await made.json()) as { url: string }).url).searchParams.get('token')!;
}

describe('an anonymised replay is prepared beside the live rooms (issue 11, REPLAY-7)', () => {
	it(
		'keystrokes in another interview keep arriving while a long recording with the name in its code is rewritten',
		async () => {
			const s = await startServer();
			servers.push(s);
			// A recording of 6,000 keystrokes whose code holds the candidate's name on every line: its
			// rewrite replays every one of them (about a second of work on this machine).
			const recorded = await createInterview(s, { candidate: { name: NAME } });
			const line = `x = rolling(values, window)  # ${NAME}\n`;
			const text = line.repeat(Math.ceil(6000 / line.length));
			const history = typedHistory(recorded.id, 'candidate', 'moving-average', text);
			await s.app.stores.log.appendBatch(history);
			const token = await anonymisedLink(s, recorded.id);

			const { typist, watcher } = await liveRoomPair(s.wsUrl, await createInterview(s));
			clients.push(typist, watcher);
			// Answered with the response's head, which comes with its first line: once the rewrite is done.
			const { result: res, relayed } = await keystrokesRelayedDuring(
				typist,
				watcher,
				fetch(`${s.url}/api/interviews/${recorded.id}/replay/log?token=${token}`)
			);
			// The rewrite ran on the main thread before: no keystroke moved until it ended (0–2 got through).
			expect(relayed).toBeGreaterThanOrEqual(10);

			if (res.status !== 200) throw new Error(`${res.status}: ${await res.text()}`);
			const updates = (await res.text())
				.split('\n')
				.filter(Boolean)
				.map((l) => JSON.parse(l) as { kind: string; update?: string })
				.filter((e) => e.kind === 'yjs');
			expect(updates).toHaveLength(history.length);
			// What the reviewer replays is the code as typed, minus the name.
			const replayed = new Y.Doc();
			for (const e of updates) Y.applyUpdate(replayed, fromBase64(e.update!));
			expect(codeText(replayed)!.toString()).toBe(text.replaceAll(NAME, 'Candidate'));
		},
		BACKGROUND_WORK_TIMEOUT_MS
	);

	it("a page's log and checkpoints, and a second reviewer opening it at once, share one rewrite", async () => {
		const s = await startServer();
		servers.push(s);
		const recorded = await createInterview(s, { candidate: { name: NAME } });
		await s.app.stores.log.appendBatch(
			typedHistory(recorded.id, 'candidate', 'moving-average', `# ${NAME}\n`.repeat(50))
		);
		const token = await anonymisedLink(s, recorded.id);
		const get = (p: string) => fetch(`${s.url}/api/interviews/${recorded.id}/replay${p}?token=${token}`);
		const answers = await Promise.all([get('/log'), get('/checkpoints'), get('/log')]);
		expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
		const [first, , second] = await Promise.all(answers.map((r) => r.text()));
		expect(second).toBe(first);
		expect(s.app.anonymiser.jobs).toBe(1);
		// Once the log grows, it is rewritten again.
		await s.app.stores.log.appendBatch(typedHistory(recorded.id, 'candidate', 'moving-average', 'x'));
		expect((await get('/log')).status).toBe(200);
		expect(s.app.anonymiser.jobs).toBe(2);
	});
});
