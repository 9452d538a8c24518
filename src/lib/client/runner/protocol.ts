/** Typed commands between the page and the Python worker; replies carry the command's id. */
import type { RunOutcome } from '$lib/shared/protocol';

export type ToWorker =
	| { type: 'init'; baseUrl: string; interrupt: SharedArrayBuffer; stdin: SharedArrayBuffer; memoryLimitBytes: number }
	| { type: 'run'; id: number; code: string }
	| { type: 'tests'; id: number; module: string; tests: string; filename: string };

export type FromWorker =
	| { type: 'ready'; loadMs: number }
	| { type: 'output'; id: number; stream: 'stdout' | 'stderr'; text: string }
	| { type: 'stdin-request'; id: number }
	| { type: 'done'; id: number; outcome: RunOutcome; message?: string; durationMs: number; report?: string }
	| { type: 'fatal'; message: string };

/** stdin channel: Int32 [state, byteLength] then UTF-8 bytes of one line. */
export const STDIN_STATE = { EMPTY: 0, LINE: 1, EOF: 2 } as const;
export const STDIN_BYTES = 64 * 1024;
