/** Typed commands between the page and the Python worker; replies carry the command's id. */
import type { RunOutcome } from '$lib/shared/protocol';

export type ToWorker =
	| {
			type: 'init';
			/** Pyodide's files (versioned), the served lock file, and where package files are. */
			indexUrl: string;
			lockUrl: string;
			packagesUrl: string;
			interrupt: SharedArrayBuffer;
			stdin: SharedArrayBuffer;
			memoryLimitBytes: number;
	  }
	/** Load a problem's declared packages ahead of its first run. */
	| { type: 'packages'; names: string[] }
	| { type: 'run'; id: number; code: string; packages: string[] }
	| { type: 'tests'; id: number; module: string; tests: string; filename: string; packages: string[] };

export type FromWorker =
	| { type: 'ready'; loadMs: number }
	/** What the worker is doing in words ("Loading numpy…"), or null when it is done. */
	| { type: 'status'; text: string | null }
	/** After a `packages` command: the declared packages this server cannot serve. */
	| { type: 'packages'; missing: string[]; loadMs: number }
	/** Packages are in place and the program itself starts now (its time limit starts here). */
	| { type: 'started'; id: number }
	| { type: 'output'; id: number; stream: 'stdout' | 'stderr'; text: string }
	| { type: 'stdin-request'; id: number }
	| { type: 'done'; id: number; outcome: RunOutcome; message?: string; durationMs: number; report?: string }
	| { type: 'fatal'; message: string };

/** stdin channel: Int32 [state, byteLength] then UTF-8 bytes of one line. */
export const STDIN_STATE = { EMPTY: 0, LINE: 1, EOF: 2 } as const;
export const STDIN_BYTES = 64 * 1024;
