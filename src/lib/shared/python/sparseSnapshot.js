// Pyodide's memory snapshot is the interpreter's whole WebAssembly memory (31 MB), about half of
// it pages of zeros. Compression hides them on the wire, but the browser still moves all 31 MB
// from its cache into the worker on every visit. This format keeps only the non-zero pages, so
// the worker reads about 15 MB and rebuilds the rest as fresh (zeroed) memory.
// Plain JavaScript because scripts/copy-assets.mjs writes it under Node at build time and the
// Python worker reads it.

const MAGIC = 0x53534250; // "PBSS", little-endian
const VERSION = 1;
const HEADER_WORDS = 4; // magic, version, total length, extent count
/** Zero runs shorter than a page are kept: fewer extents, and a page copy costs nothing. */
export const SPARSE_PAGE_BYTES = 4096;

/**
 * Keeps the runs of pages of `bytes` that hold anything but zeros.
 * @param {Uint8Array} bytes
 * @returns {Uint8Array}
 */
export function encodeSparseSnapshot(bytes) {
	/** @type {[number, number][]} */
	const extents = [];
	for (let start = 0; start < bytes.length; start += SPARSE_PAGE_BYTES) {
		const end = Math.min(start + SPARSE_PAGE_BYTES, bytes.length);
		if (!hasNonZero(bytes, start, end)) continue;
		const last = extents.at(-1);
		if (last && last[0] + last[1] === start) last[1] += end - start;
		else extents.push([start, end - start]);
	}
	const dataBytes = extents.reduce((n, [, len]) => n + len, 0);
	const headerBytes = (HEADER_WORDS + 2 * extents.length) * 4;
	const out = new Uint8Array(headerBytes + dataBytes);
	const words = new DataView(out.buffer);
	words.setUint32(0, MAGIC, true);
	words.setUint32(4, VERSION, true);
	words.setUint32(8, bytes.length, true);
	words.setUint32(12, extents.length, true);
	let at = headerBytes;
	extents.forEach(([offset, len], i) => {
		words.setUint32(16 + i * 8, offset, true);
		words.setUint32(20 + i * 8, len, true);
		out.set(bytes.subarray(offset, offset + len), at);
		at += len;
	});
	return out;
}

/**
 * The snapshot as it was: the kept pages in place, zeros elsewhere. Throws on anything that is
 * not a well-formed sparse snapshot (the worker then starts Python without one).
 * @param {ArrayBuffer} buffer
 * @returns {Uint8Array}
 */
export function decodeSparseSnapshot(buffer) {
	if (buffer.byteLength < HEADER_WORDS * 4) throw new Error('sparse snapshot: too short');
	const words = new DataView(buffer);
	if (words.getUint32(0, true) !== MAGIC) throw new Error('sparse snapshot: not one');
	if (words.getUint32(4, true) !== VERSION) throw new Error('sparse snapshot: unknown version');
	const total = words.getUint32(8, true);
	const count = words.getUint32(12, true);
	let at = (HEADER_WORDS + 2 * count) * 4;
	if (at > buffer.byteLength) throw new Error('sparse snapshot: truncated header');
	const out = new Uint8Array(total);
	const source = new Uint8Array(buffer);
	for (let i = 0; i < count; i++) {
		const offset = words.getUint32(16 + i * 8, true);
		const len = words.getUint32(20 + i * 8, true);
		if (offset + len > total || at + len > buffer.byteLength) throw new Error('sparse snapshot: extent out of range');
		out.set(source.subarray(at, at + len), offset);
		at += len;
	}
	if (at !== buffer.byteLength) throw new Error('sparse snapshot: trailing bytes');
	return out;
}

/**
 * @param {Uint8Array} bytes
 * @param {number} start
 * @param {number} end
 */
function hasNonZero(bytes, start, end) {
	for (let i = start; i < end; i++) if (bytes[i] !== 0) return true;
	return false;
}
