/** A background thread for BackgroundThread's tests: answers a job's text, or throws the text of `fail`. */
import { threadId } from 'node:worker_threads';
import { serveJobs } from '../serveJobs.js';

serveJobs((job: { text?: string; fail?: string }) => {
	if (job.fail) throw new Error(job.fail);
	return { text: job.text, threadId };
});
