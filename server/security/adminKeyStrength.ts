/** An operator's admin key: at least this long (a generated one is 32 base64url characters, 192 bits). */
export const MIN_ADMIN_KEY_CHARS = 32;
/**
 * And at least this many bits per character by the key's own character frequencies (Shannon). A
 * random 32-character hex key has about 3.5, base64 about 5; one character repeated has 0. With 3
 * here, about one random hex key in 10,000 was refused (none in 300,000 at 2.5); a repeated word or
 * pattern is caught by its repeated pieces instead (repeatsItself).
 */
export const MIN_ADMIN_KEY_BITS_PER_CHAR = 2.5;

/** Why `key` is too weak to be an admin key, in words; null when it is strong enough. Never echoes the key. */
export function adminKeyWeakness(key: string): string | null {
	const chars = [...key];
	if (chars.length < MIN_ADMIN_KEY_CHARS) {
		return `must be at least ${MIN_ADMIN_KEY_CHARS} characters (it has ${chars.length}); generate one with \`openssl rand -base64 32\``;
	}
	if (bitsPerChar(chars) < MIN_ADMIN_KEY_BITS_PER_CHAR || repeatsItself(chars)) {
		return 'is too predictable (repeated characters or a repeated pattern); generate one with `openssl rand -base64 32`';
	}
	return null;
}

/** Fewer than three in four of its three-character pieces are different: a piece repeated. */
function repeatsItself(chars: string[]): boolean {
	const pieces = new Set<string>();
	for (let i = 0; i + 3 <= chars.length; i++) pieces.add(chars.slice(i, i + 3).join(''));
	return pieces.size < 0.75 * (chars.length - 2);
}

function bitsPerChar(chars: string[]): number {
	const counts = new Map<string, number>();
	for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
	let h = 0;
	for (const n of counts.values()) {
		const p = n / chars.length;
		h -= p * Math.log2(p);
	}
	return h;
}
