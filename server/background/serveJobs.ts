import { parentPort } from 'node:worker_threads';
import type { JobReply } from './BackgroundThread.js';
import { lowerThisThreadsPriority } from './threadPriority.js';

/**
 * The thread's side of BackgroundThread: lowers its priority, then answers each job with `work`'s
 * result, or its error in words. Nothing else runs on the thread.
 */
export function serveJobs<Job, Result>(work: (job: Job) => Result): void {
	const port = parentPort;
	if (!port) throw new Error('serveJobs runs on a worker thread');
	const nice = lowerThisThreadsPriority();
	port.on('message', ({ id, job }: { id: number; job: Job }) => {
		let reply: JobReply<Result>;
		try {
			reply = { id, ok: true, result: work(job), nice };
		} catch (err) {
			reply = { id, ok: false, reason: err instanceof Error ? err.message : String(err) };
		}
		port.postMessage(reply);
	});
}
