/**
 * The anonymiser's worker thread: rewrites one recording at a time without the candidate's name
 * (REPLAY-7) and posts the result back. Nothing else runs here, so the seconds a long recording
 * takes are this thread's, not the rooms' (see AnonymiserThread).
 */
import { parentPort } from 'node:worker_threads';
import { anonymiseRecording } from '../domain/anonymise/anonymiseRecording.js';
import type { AnonymiseJob, AnonymiseReply } from './AnonymiserThread.js';
import { unpackEntries } from './packedEntries.js';
import { lowerThisThreadsPriority } from './threadPriority.js';

const port = parentPort;
if (!port) throw new Error('anonymiserThreadMain runs as a worker thread');
const nice = lowerThisThreadsPriority();
port.on('message', (job: AnonymiseJob) => {
	let reply: AnonymiseReply;
	try {
		const recording = anonymiseRecording(unpackEntries(job.entries), job.candidateName, job.checkpointsAt);
		reply = { id: job.id, ok: true, recording, nice };
	} catch (err) {
		reply = { id: job.id, ok: false, reason: err instanceof Error ? err.message : String(err) };
	}
	port.postMessage(reply);
});
