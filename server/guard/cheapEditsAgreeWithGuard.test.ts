/**
 * Issue 11: the room skips the guard's worker for a cheap edit (cheapTextEdit), so what it lets
 * through must be what the guard accepts, with the same clients (UPD-1 claims them). Three people
 * edit two buffers at random, with concurrent edits, stale copies, changes of problem and of
 * buffers; every update goes to the real guard, and each one taken as cheap must pass it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildCodeSeed, FILES, filesOf, STATE, stateOf } from '../../src/lib/shared/codeDoc.js';
import { cheapTextEdit } from '../domain/cheapTextEdit.js';
import { WorkerUpdateGuard } from './WorkerUpdateGuard.js';

const guard = new WorkerUpdateGuard();
afterAll(() => guard.close());

/** A small seeded generator (mulberry32), so a failure is repeatable. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function change(doc: Y.Doc, rnd: () => number): void {
	const files = filesOf(doc);
	const names = [...files.keys()];
	const text = files.get(names[Math.floor(rnd() * names.length)] ?? 'p');
	const r = rnd();
	const at = (t: Y.Text) => Math.floor(rnd() * (t.length + 1));
	if (!text || r > 0.95) {
		if (r > 0.985) files.set(`b${Math.floor(rnd() * 3)}`, new Y.Text('new'));
		else if (r > 0.97) stateOf(doc).set('activeProblem', names[0] ?? 'p');
		else if (names.length > 1) files.delete(names[names.length - 1]);
		return;
	}
	if (r < 0.7) text.insert(at(text), 'abc\n'.slice(0, 1 + Math.floor(rnd() * 3)));
	else if (r < 0.85 && text.length > 0) text.delete(Math.floor(rnd() * text.length), 1 + Math.floor(rnd() * 4));
	else if (r < 0.9) text.insert(at(text), 'x'.repeat(Math.floor(rnd() * 300)) || 'y');
	else {
		const p = at(text);
		text.insert(p, '(');
		text.insert(at(text), ')');
	}
}

describe('cheap edits and the guard', () => {
	it.each([1, 2, 3])('agree on every update of a random session (seed %i)', async (seed) => {
		const rnd = random(seed);
		const key = `iv-agree-${seed}/code`;
		const server = new Y.Doc({ gc: true });
		Y.applyUpdate(
			server,
			buildCodeSeed([
				{ problemId: 'p', text: 'def f():\n    pass\n' },
				{ problemId: 'q', text: '' }
			])
		);
		await guard.load(key, () => Y.encodeStateAsUpdate(server));
		const people = [0, 1, 2].map(() => {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
			const outbox: Uint8Array[] = [];
			doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'server' && outbox.push(u));
			return { doc, outbox };
		});
		let cheapOnes = 0;
		let delivered = 0;
		for (let step = 0; step < 500; step++) {
			const who = Math.floor(rnd() * 3);
			const person = people[who];
			if (rnd() < 0.6) person.doc.transact(() => change(person.doc, rnd));
			if (rnd() < 0.25)
				Y.applyUpdate(person.doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(person.doc)), 'server');
			const update = person.outbox.shift();
			if (!update) continue;
			delivered++;
			const cheap = cheapTextEdit(server, update, FILES);
			// The candidate (person 0) may not change `state`, as RoomRegistry has it.
			const verdict = await guard.check(key, update, who === 0 ? [STATE] : undefined);
			if (cheap) {
				cheapOnes++;
				expect(verdict, `step ${step}`).toMatchObject({ ok: true, clients: cheap.clients });
			}
			if (verdict.ok) Y.applyUpdate(server, update);
			expect(server.store.pendingStructs, `step ${step}`).toBeNull();
		}
		// Most of a session is typing: the cheap path is not an empty promise.
		expect(cheapOnes).toBeGreaterThan(delivered * 0.3);
		guard.drop(key);
	});
});
