import { ANONYMOUS_CANDIDATE as REDACTED_NAME } from '../../../src/lib/shared/replay/bundle.js';

/** Name words shorter than this (initials) are not redacted alone: "J" would hit every `j` of the code. */
const MIN_PART_CHARS = 2;
const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}_]`;

/**
 * REPLAY-7: finds the candidate's name in text, as whole words only, case-insensitively: the full
 * name (any whitespace between its words) and each word of it, hyphenated parts included. "Dan An"
 * hits "dan", "AN" and "Dan  An", never "ranking", "Danny" or "candidate".
 */
export class NameRedactor {
	private readonly pattern: RegExp;
	private readonly parts: string[];

	constructor(name: string) {
		const words = name.trim().split(/\s+/).filter(Boolean);
		const parts = new Set<string>();
		for (const w of words) {
			parts.add(w);
			for (const piece of w.split(/[-'’.]/)) if ([...piece].length >= MIN_PART_CHARS) parts.add(piece);
		}
		this.parts = [...parts].filter((p) => [...p].length >= MIN_PART_CHARS).map((p) => p.toLowerCase());
		const alternatives = [words.map(escape).join(String.raw`\s+`), ...[...parts].map(escape)]
			.filter(Boolean)
			.sort((a, b) => b.length - a.length);
		this.pattern = new RegExp(`(?<!${WORD_CHAR})(?:${alternatives.join('|')})(?!${WORD_CHAR})`, 'giu');
	}

	/** Whether `s` holds the name or a word of it. */
	test(s: string): boolean {
		this.pattern.lastIndex = 0;
		return this.pattern.test(s);
	}

	/** Where the name and its words are in `s`: [start, end) in UTF-16 units. */
	matches(s: string): [number, number][] {
		return [...s.matchAll(this.pattern)].map((m) => [m.index, m.index + m[0].length]);
	}

	redact(s: string): string {
		return s.replace(this.pattern, REDACTED_NAME);
	}

	/**
	 * Also replaces words that begin a word of the name ("D", "Da" of "Dan"), for a text that holds
	 * the name at some time: while it was being typed, its first letters must not show either.
	 */
	redactWithPrefixes(s: string): string {
		return this.redact(s).replace(new RegExp(`${WORD_CHAR}+`, 'gu'), (word) =>
			word !== REDACTED_NAME && this.isNamePrefix(word) ? REDACTED_NAME : word
		);
	}

	private isNamePrefix(word: string): boolean {
		const w = word.toLowerCase();
		return this.parts.some((p) => p.startsWith(w));
	}
}

function escape(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
