/** Progress goes to stderr: stdout carries only the JSON result. */
export function log(msg: string): void {
	process.stderr.write(`[bench] ${msg}\n`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
