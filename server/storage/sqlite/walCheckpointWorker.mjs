// Runs in a worker thread: copies the WAL into the database file (SQLite's checkpoint, with
// its fsyncs) on a connection of its own, so the main thread, which commits every keystroke,
// never waits for the disk. Plain JavaScript: it is started without the tsx loader.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, everyMs, catchUpPasses, restartAboveFrames, journalSizeLimit } = workerData;
const db = new Database(file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
db.pragma(`journal_size_limit = ${journalSizeLimit}`);

/**
 * A PASSIVE checkpoint never blocks the writer. It copies the frames there were when it began,
 * and the WAL starts again from its beginning (at the next commit) only once every frame is
 * copied: so more passes follow, each copying what was committed during the one before, until
 * one finds nothing new. If rooms commit too often for that (a pass with frames to copy syncs
 * the disk, and a commit may come before the WAL starts again), a WAL past `restartAboveFrames`
 * gets a RESTART, which holds the next commit until the last frames are copied (straight after a
 * pass: a few milliseconds) and keeps the file from growing without end.
 */
function checkpoint() {
	let r = db.pragma('wal_checkpoint(PASSIVE)')[0];
	let complete = false;
	for (let i = 0; i < catchUpPasses && !complete; i++) {
		const next = db.pragma('wal_checkpoint(PASSIVE)')[0];
		// `log` is the WAL's length when a pass began: unchanged means nothing came after the pass before.
		complete = next.log === r.log && next.checkpointed === next.log;
		r = next;
	}
	let restartMs = null;
	// Even a complete pass may be followed by a commit before the WAL starts again: past the
	// limit, RESTART makes sure it does.
	if (r.log > restartAboveFrames) {
		const started = performance.now();
		r = db.pragma('wal_checkpoint(RESTART)')[0];
		restartMs = performance.now() - started;
	}
	return { ...r, restartMs };
}

const timer = setInterval(() => {
	try {
		parentPort.postMessage({ op: 'checkpointed', ...checkpoint() });
	} catch (err) {
		parentPort.postMessage({ op: 'failed', reason: err instanceof Error ? err.message : String(err) });
	}
}, everyMs);

parentPort.on('message', (msg) => {
	if (msg.op !== 'close') return;
	clearInterval(timer);
	db.close();
	parentPort.postMessage({ op: 'closed' });
});
