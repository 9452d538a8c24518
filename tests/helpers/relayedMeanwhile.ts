import { codeText, connectY, waitFor, waitSynced, type YClient } from './yclient.js';

/** A candidate and an interviewer of a live interview, both synced, with the code document there. */
export async function liveRoomPair(
	wsUrl: string,
	live: { id: string; candidate: string; interviewer: string }
): Promise<{ typist: YClient; watcher: YClient }> {
	const typist = connectY(wsUrl, live.id, live.candidate);
	const watcher = connectY(wsUrl, live.id, live.interviewer);
	await Promise.all([waitSynced(typist), waitSynced(watcher)]);
	await waitFor(watcher.doc, () => codeText(watcher.doc));
	return { typist, watcher };
}

/**
 * For a test whose work runs on a background thread: at nice 19 it gets about 1.5 % of a core
 * while other processes keep both busy (a loaded CI machine), so a second of work can take a minute.
 */
export const BACKGROUND_WORK_TIMEOUT_MS = 120_000;

/** A mark every 50 ms at most: a fast typist (20 a second), inside LIMIT-6's budget even on a loaded machine. */
const MARK_EVERY_MS = 50;

/**
 * Types a mark at a time, each waiting until the other screen has it, while `work` runs; answers
 * `work`'s result and how many marks got through before it ended. Work that holds the rooms'
 * thread lets none through. Paced: typing back to back (hundreds a second) spends most of
 * LIMIT-6's budget of apply time on its own, and on a loaded machine the typist ran out of it and
 * was closed.
 */
export async function keystrokesRelayedDuring<T>(
	typist: YClient,
	watcher: YClient,
	work: Promise<T>
): Promise<{ result: T; relayed: number }> {
	let done = false;
	const finished = work.finally(() => {
		done = true;
	});
	let relayed = 0;
	for (let k = 0; !done; k++) {
		const paced = new Promise((resolve) => setTimeout(resolve, MARK_EVERY_MS));
		const mark = `#${k};`;
		const buffer = codeText(typist.doc)!;
		buffer.insert(buffer.length, mark);
		await waitFor(watcher.doc, () => codeText(watcher.doc)!.toString().endsWith(mark));
		if (!done) relayed++;
		await paced;
	}
	return { result: await finished, relayed };
}
