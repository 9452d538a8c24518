import { describe, expect, it } from 'vitest';
import { decodeSparseSnapshot, encodeSparseSnapshot, SPARSE_PAGE_BYTES } from './sparseSnapshot.js';

const P = SPARSE_PAGE_BYTES;

/** Memory-like bytes: data here and there, whole pages of zeros between, an odd-sized tail. */
function memory(): Uint8Array {
	const m = new Uint8Array(10 * P + 123);
	m[0] = 1;
	m.fill(7, P + 10, 2 * P + 5); // spans two pages
	m[6 * P + P - 1] = 9; // last byte of a page
	m[10 * P + 122] = 3; // last byte of the tail
	return m;
}

const toBuffer = (u: Uint8Array) => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;

describe('sparse snapshot', () => {
	it('decodes to exactly the bytes it encoded', () => {
		for (const bytes of [memory(), new Uint8Array(0), new Uint8Array(3 * P), new Uint8Array(5).fill(2)]) {
			expect(decodeSparseSnapshot(toBuffer(encodeSparseSnapshot(bytes)))).toEqual(bytes);
		}
	});

	it('leaves out pages of zeros', () => {
		const encoded = encodeSparseSnapshot(memory());
		// pages 0–2 (adjacent runs merge), 6 and the tail are kept: 3 extents, 4 pages and the tail
		expect(encoded.byteLength).toBe((4 + 2 * 3) * 4 + 4 * P + 123);
	});

	it('refuses what is not a whole sparse snapshot', () => {
		const good = encodeSparseSnapshot(memory());
		expect(() => decodeSparseSnapshot(toBuffer(good.subarray(0, good.length - 1)))).toThrow(/out of range/);
		expect(() => decodeSparseSnapshot(toBuffer(new Uint8Array([...good, 0])))).toThrow(/trailing/);
		expect(() => decodeSparseSnapshot(toBuffer(new Uint8Array(64)))).toThrow(/not one/);
		expect(() => decodeSparseSnapshot(new ArrayBuffer(3))).toThrow(/too short/);
		const lying = good.slice();
		new DataView(lying.buffer).setUint32(8, 10, true); // total smaller than an extent's end
		expect(() => decodeSparseSnapshot(toBuffer(lying))).toThrow(/out of range/);
	});
});
