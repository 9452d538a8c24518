/**
 * The skimmer against Yjs's decoder (issue 11): on every update of random sessions of the code
 * and canvas documents it gives Yjs's answer without falling back, and on damaged copies of them
 * it accepts only what Yjs reads, with the same answer.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { filesOf, stateOf, ACTIVE_PROBLEM } from '../codeDoc.js';
import { writeElements, tombstonesOf } from '../canvas/canvasDoc.js';
import { rect } from '../../../../tests/helpers/canvasElements.js';
import { skimUpdate } from './skimUpdate.js';
import { describeUpdate, describeWithYjs } from './updateInfo.js';

function rng(seed: number): () => number {
	return () => {
		seed = (seed * 1664525 + 1013904223) >>> 0;
		return seed / 2 ** 32;
	};
}

const PIECES = ['a', 'x = 1\n', 'é', 'ß∂', '中文', '😀', 'a😀b', '\t', '  return np.mean(x)\n', '\uFEFF'];

/** Two people typing in three buffers with stale copies, switching problems: every update v1. */
function codeSession(seed: number, steps: number): Uint8Array[] {
	const rand = rng(seed);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
	const docs = [new Y.Doc(), new Y.Doc()];
	const updates: Uint8Array[] = [];
	docs.forEach((d, i) => {
		d.clientID = 1000 + i + seed * 10;
		d.on('update', (u: Uint8Array, origin: unknown) => {
			if (origin !== 'sync') updates.push(u);
		});
	});
	docs[0].transact(() => {
		for (const p of ['p1', 'p2', 'p3']) filesOf(docs[0]).set(p, new Y.Text('def f():\n  pass\n'));
		stateOf(docs[0]).set(ACTIVE_PROBLEM, 'p1');
	});
	const sync = () => {
		const [a, b] = docs;
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'sync');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'sync');
	};
	sync();
	for (let i = 0; i < steps; i++) {
		const doc = pick(docs);
		const text = filesOf(doc).get(pick(['p1', 'p2', 'p3']));
		const roll = rand();
		if (!text) continue;
		if (roll < 0.55) text.insert(Math.floor(rand() * (text.length + 1)), pick(PIECES));
		else if (roll < 0.85 && text.length > 0) {
			const at = Math.floor(rand() * text.length);
			text.delete(at, Math.min(text.length - at, 1 + Math.floor(rand() * 4)));
		} else if (roll < 0.93) stateOf(doc).set(ACTIVE_PROBLEM, pick(['p1', 'p2', 'p3']));
		else if (roll < 0.95) filesOf(doc).set(pick(['p1', 'p2']), new Y.Text(pick(PIECES)));
		else doc.transact(() => text.insert(0, pick(PIECES).repeat(40)));
		if (rand() < 0.3) sync();
	}
	sync();
	// Whole states too (garbage-collected structs, deleted content), and merged runs (several structs).
	return [...updates, Y.encodeStateAsUpdate(docs[0]), Y.mergeUpdates(updates.slice(5, 40))];
}

/** Shapes drawn, moved and deleted, plus values of every kind lib0 writes. */
function canvasSession(seed: number, steps: number): Uint8Array[] {
	const rand = rng(seed);
	const doc = new Y.Doc();
	doc.clientID = 77 + seed;
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	for (let i = 0; i < steps; i++) {
		const id = `el${Math.floor(rand() * 12)}`;
		if (rand() < 0.85) writeElements(doc, [{ ...rect(id, Math.round(rand() * 500) - 250, i + 2), angle: rand() }]);
		else tombstonesOf(doc).set(id, i);
	}
	const misc = doc.getMap('misc');
	misc.set('bytes', new Uint8Array([1, 2, 3]));
	misc.set('values', [null, true, false, -12345678, 2 ** 40, 1.5, { a: [1, { b: 'ü' }] }, new Uint8Array([9])]);
	misc.set('big', BigInt(2) ** BigInt(60));
	misc.set('nothing', undefined);
	misc.set('nested', new Y.Map());
	const xml = doc.getXmlFragment('xml');
	xml.insert(0, [new Y.XmlElement('p'), new Y.XmlText('hi')]);
	misc.set('hook', new Y.XmlHook('hook'));
	return [...updates, Y.encodeStateAsUpdate(doc)];
}

/** Updates the skimmer leaves to Yjs: formatting and embeds in a rich text. */
function richTextSession(): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	const t = doc.getText('rich');
	t.insert(0, 'bold', { bold: true });
	t.insertEmbed(2, { image: 'x.png' });
	t.format(0, 2, { italic: true });
	return updates;
}

const outcome = (f: () => unknown) => {
	try {
		return { value: f() };
	} catch {
		return { threw: true };
	}
};

describe('skimUpdate: describeUpdate without Yjs decoding the update (issue 11)', () => {
	const sessions = [1, 2, 3].flatMap((s) => [...codeSession(s, 400), ...canvasSession(s, 150)]);

	it('gives Yjs’s answer on every update of random code and canvas sessions, and never needs Yjs for them', () => {
		expect(sessions.length).toBeGreaterThan(1400);
		const answers = sessions.map((u) => ({ skim: skimUpdate(u), yjs: describeWithYjs(u) }));
		expect(answers.filter((a) => a.skim === null)).toEqual([]);
		for (const a of answers) expect(a.skim).toEqual(a.yjs);
		// What the test covers: typing, deletions, problem switches, pastes.
		expect(answers.some((a) => a.yjs.activeProblem === 'p2')).toBe(true);
		expect(answers.some((a) => a.yjs.cursor?.after === false)).toBe(true);
		expect(answers.some((a) => a.yjs.insertedChars >= 80)).toBe(true);
	});

	it('leaves formats and embeds to Yjs, and describeUpdate still answers for them', () => {
		for (const u of richTextSession()) {
			expect(skimUpdate(u)).toBeNull();
			expect(describeUpdate(u)).toEqual(describeWithYjs(u));
		}
	});

	it('on damaged copies (cut short, a byte changed, a byte added) accepts only what Yjs reads, with Yjs’s answer', () => {
		const rand = rng(9);
		let accepted = 0;
		let refused = 0;
		const check = (bytes: Uint8Array) => {
			const skim = skimUpdate(bytes);
			const yjs = outcome(() => describeWithYjs(bytes));
			expect(outcome(() => describeUpdate(bytes))).toEqual(yjs);
			if (skim === null) return refused++;
			accepted++;
			expect(yjs).toEqual({ value: skim });
		};
		for (const u of sessions.filter((_, i) => i % 7 === 0)) {
			for (let cut = 0; cut < u.length; cut += 1 + Math.floor(u.length / 24)) check(u.slice(0, cut));
			for (let k = 0; k < 6; k++) {
				const bad = u.slice();
				bad[Math.floor(rand() * bad.length)] = Math.floor(rand() * 256);
				check(bad);
			}
			const longer = new Uint8Array(u.length + 1);
			longer.set(u);
			check(longer);
		}
		expect(accepted).toBeGreaterThan(100);
		expect(refused).toBeGreaterThan(100);
	});

	it('refuses text that is not UTF-8, as Yjs does', () => {
		const doc = new Y.Doc();
		let update: Uint8Array = new Uint8Array();
		doc.on('update', (u: Uint8Array) => (update = u));
		doc.getText('t').insert(0, 'é');
		const bad = update.slice();
		const at = bad.indexOf(0xa9); // é is C3 A9: its continuation byte
		bad[at] = 0x41;
		expect(skimUpdate(bad)).toBeNull();
		expect(() => describeUpdate(bad)).toThrow();
	});
});
