import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocTrack, type TrackUpdate } from './DocTrack.js';

/** A typed text of `n` updates, with a v2 checkpoint of the whole document every `every` updates. */
function typedTrack(n: number, every: number) {
	const doc = new Y.Doc({ gc: true });
	const text = doc.getText('t');
	const updates: TrackUpdate[] = [];
	const checkpoints: { seq: number; state: Uint8Array; v2: boolean }[] = [];
	doc.on('update', (update: Uint8Array) => updates.push({ seq: updates.length + 1, update }));
	const texts: string[] = [''];
	for (let i = 0; i < n; i++) {
		if (i % 7 === 6) text.delete(text.length - 1, 1);
		else text.insert(text.length, String.fromCharCode(97 + (i % 26)));
		texts.push(text.toString());
		if ((i + 1) % every === 0) checkpoints.push({ seq: i + 1, state: Y.encodeStateAsUpdateV2(doc), v2: true });
	}
	return { updates, checkpoints, texts };
}

describe('DocTrack', () => {
	it('keeps the documents the idle work stood beside the one shown: seeking to them decodes nothing', () => {
		const { updates, checkpoints, texts } = typedTrack(400, 20);
		const track = new DocTrack(updates, checkpoints);
		while (track.prepareStep());
		const before = track.decodes;
		for (const at of [0.5, 0.25, 0.75, 0.5]) {
			const count = Math.floor(at * updates.length);
			track.seekCount(count);
			expect(track.doc.getText('t').toString()).toBe(texts[count]);
		}
		expect(track.decodes).toBe(before);
	});

	it('starts a seek from the nearest checkpoint: no update it covers is applied again', () => {
		const { updates, checkpoints, texts } = typedTrack(400, 20);
		// The update just before the checkpoint at 380, damaged: a seek from any earlier base would apply it and stop.
		updates[379] = { seq: updates[379].seq, update: Uint8Array.of(1, 2, 3) };
		const track = new DocTrack(updates, checkpoints);
		track.seekCount(390);
		expect(track.failedSeq).toBeNull();
		expect(track.doc.getText('t').toString()).toBe(texts[390]);
		expect(track.decodes).toBe(2);
		// Forward from there: the document already stands before 395, so nothing is decoded.
		track.seekCount(395);
		expect(track.decodes).toBe(2);
		expect(track.doc.getText('t').toString()).toBe(texts[395]);
	});
});
