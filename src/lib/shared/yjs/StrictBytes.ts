/**
 * A strict reader of Yjs's update encoding (v1) for the readers that must not run Yjs's own
 * decoder on bytes from outside: every length is bounded by what is left, varints are at most 8
 * bytes, strings must be valid UTF-8. Anything else throws NOT_READ, and the caller gives up
 * (hands the bytes to Yjs, or to the guard). Used by cheapTextEdit (the server's keystrokes) and
 * skimUpdate (the replay's load).
 */
/** Yjs's struct info byte (lib0's BIT8, BIT7, BIT6): origin, right origin, parent key; the low five bits are the content. */
export const HAS_ORIGIN = 0x80;
export const HAS_RIGHT_ORIGIN = 0x40;
export const HAS_PARENT_SUB = 0x20;
export const CONTENT = 0x1f;

/** Thrown at the first byte a StrictBytes does not read; its callers catch it and give up. */
export const NOT_READ = new Error('not read by the strict reader');

/** lib0's decoder options: invalid UTF-8 makes Yjs throw, so the strict reader refuses it too. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class StrictBytes {
	pos = 0;
	constructor(private readonly a: Uint8Array) {}

	get done(): boolean {
		return this.pos === this.a.length;
	}

	byte(): number {
		if (this.pos >= this.a.length) throw NOT_READ;
		return this.a[this.pos++];
	}

	peek(): number {
		if (this.pos >= this.a.length) throw NOT_READ;
		return this.a[this.pos];
	}

	/** lib0's unsigned varint, at most 8 bytes (what lib0 reads without overflow). */
	uint(): number {
		let n = 0;
		let scale = 1;
		for (let i = 0; i < 8; i++) {
			const b = this.byte();
			n += (b & 0x7f) * scale;
			if (b < 0x80) return n;
			scale *= 128;
		}
		throw NOT_READ;
	}

	/** lib0's signed varint, skipped. */
	skipInt(): void {
		for (let i = 0; i < 8; i++) if (this.byte() < 0x80) return;
		throw NOT_READ;
	}

	skip(n: number): void {
		if (n > this.a.length - this.pos) throw NOT_READ;
		this.pos += n;
	}

	/** A string as lib0 reads it (fatal UTF-8): its length in UTF-16 units, decoded only when not ASCII. */
	stringLength(): number {
		const bytes = this.uint();
		const start = this.pos;
		this.skip(bytes);
		for (let i = start; i < this.pos; i++) if (this.a[i] >= 0x80) return this.decode(start).length;
		return bytes;
	}

	string(): string {
		const bytes = this.uint();
		const from = this.pos;
		this.skip(bytes);
		return this.decode(from);
	}

	/** An id (client, clock), skipped. */
	skipId(): void {
		this.uint();
		this.uint();
	}

	private decode(from: number): string {
		try {
			return UTF8.decode(this.a.subarray(from, this.pos));
		} catch {
			throw NOT_READ;
		}
	}
}
