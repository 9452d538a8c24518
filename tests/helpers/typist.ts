import type * as Y from 'yjs';
import { codeText, waitFor } from './yclient.js';

/**
 * Someone typing into a client's code buffer: a distinct token (`<label><n>;`) at the end every
 * `everyMs`, so that the tests can name each keystroke and check that none is lost. The timer
 * only makes the load; the tests wait on documents, never on it.
 */
export class Typist {
	readonly typed: string[] = [];
	private timer: ReturnType<typeof setInterval> | null = null;

	constructor(
		readonly doc: Y.Doc,
		private readonly label: string,
		private readonly everyMs = 30
	) {}

	start(): this {
		this.timer ??= setInterval(() => this.typeOne(), this.everyMs);
		return this;
	}

	stop(): void {
		if (this.timer) clearInterval(this.timer);
		this.timer = null;
	}

	typeOne(): string {
		const text = codeText(this.doc);
		if (!text) throw new Error('the code buffer is not there yet (not synced?)');
		const token = `${this.label}${this.typed.length};`;
		text.insert(text.length, token);
		this.typed.push(token);
		return token;
	}

	/** Resolves once `n` more tokens than now have been typed. */
	typedMore(n: number, timeoutMs = 20_000): Promise<unknown> {
		const target = this.typed.length + n;
		return waitFor(this.doc, () => this.typed.length >= target, timeoutMs);
	}
}

/** Whether `doc`'s code buffer holds every token of every typist. */
export function hasAll(doc: Y.Doc, typists: Typist[]): boolean {
	const text = codeText(doc)?.toString() ?? '';
	return typists.every((t) => t.typed.every((tok) => text.includes(tok)));
}

/**
 * Resolves once every document holds the same code buffer, with every token of every typist;
 * on timeout the error says, per document, how long its buffer is and which tokens it lacks.
 */
export async function converged(docs: Y.Doc[], typists: Typist[], timeoutMs = 15_000): Promise<string> {
	try {
		return await waitFor(
			docs,
			() => {
				const texts = docs.map((d) => codeText(d)?.toString());
				return texts.every((t) => t === texts[0]) && docs.every((d) => hasAll(d, typists)) && texts[0];
			},
			timeoutMs
		);
	} catch {
		const report = docs.map((d, i) => {
			const text = codeText(d)?.toString() ?? '';
			const missing = typists.flatMap((t) => t.typed.filter((tok) => !text.includes(tok)));
			return `client ${i}: ${text.length} chars, ${missing.length} tokens missing (${missing.slice(0, 8).join(' ')})`;
		});
		throw new Error(`the clients did not converge in ${timeoutMs} ms:\n${report.join('\n')}`);
	}
}
