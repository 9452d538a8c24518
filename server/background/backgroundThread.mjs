// A background thread's entry. Run from source, its work is TypeScript (some of it shared with
// the page), so the thread registers tsx's loader first, as `node --import tsx` does for the
// server (a worker's execArgv does not carry it). The compiled server (build/pairboard/) hands it
// JavaScript, which needs no loader.
import { workerData } from 'node:worker_threads';

if (String(workerData.main).endsWith('.ts')) {
	const { register } = await import('tsx/esm/api');
	register();
}
await import(workerData.main);
