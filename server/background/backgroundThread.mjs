// A background thread's entry: its work is TypeScript (some of it shared with the page), so the
// thread registers tsx's loader first, as `node --import tsx` does for the server (a worker's
// execArgv does not carry it), then loads the module it was started for.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.main);
