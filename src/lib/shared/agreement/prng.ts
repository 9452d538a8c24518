/**
 * mulberry32: a 32-bit seeded generator. It is written out here rather than taken from a package
 * because the bootstrap interval must stay the same for the same data and seed across releases;
 * a pinned ten-line algorithm cannot change under us with a dependency upgrade.
 */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
