// The worker thread's entry: the rewrite is TypeScript shared with the page, so the thread registers
// tsx's loader first, as `node --import tsx` does for the server (a worker's execArgv does not carry it).
import { register } from 'tsx/esm/api';

register();
await import('./anonymiserThreadMain.ts');
