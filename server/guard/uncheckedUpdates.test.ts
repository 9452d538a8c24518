/**
 * Issue 11: a room applies cheap edits without a check (cheapTextEdit); the guard's mirror must
 * still hold them before it checks what builds on them, or that would look pending and be refused.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { MIRROR_BEHIND_MAX, MIRROR_RELOAD_MAX_BYTES, WorkerUpdateGuard } from './WorkerUpdateGuard.js';

const guards: WorkerUpdateGuard[] = [];
afterAll(async () => {
	await Promise.all(guards.map((g) => g.close()));
});

/** The room's real document, and one client typing into it. */
async function room(initial = '') {
	const g = new WorkerUpdateGuard();
	guards.push(g);
	const real = new Y.Doc();
	if (initial) real.getText('t').insert(0, initial);
	const snapshot = vi.fn(() => Y.encodeStateAsUpdate(real));
	const key = `iv-${guards.length}/code`;
	await g.load(key, snapshot);
	const typist = new Y.Doc();
	Y.applyUpdate(typist, Y.encodeStateAsUpdate(real));
	/** A keystroke of the typist, made on what it has. */
	const keystroke = (text: string, from: Y.Doc = typist): Uint8Array => {
		const before = Y.encodeStateVector(from);
		from.getText('t').insert(from.getText('t').length, text);
		return Y.encodeStateAsUpdate(from, before);
	};
	/** Applied by the room without a check, as DocRoom does with a cheap edit. */
	const applyUnchecked = (update: Uint8Array) => {
		Y.applyUpdate(real, update);
		g.appliedUnchecked(key, update);
	};
	return { g, key, real, snapshot, typist, keystroke, applyUnchecked };
}

describe('the guard after updates the room applied without a check', () => {
	it('checks an edit that builds on them as valid (the mirror has them first)', async () => {
		const r = await room('start ');
		r.applyUnchecked(r.keystroke('a'));
		r.applyUnchecked(r.keystroke('b'));
		expect(await r.g.check(r.key, r.keystroke('c'))).toMatchObject({ ok: true, clients: [r.typist.clientID] });
	});

	it(`after ${MIRROR_BEHIND_MAX} of them, loads a small document's mirror again once instead of sending them`, async () => {
		const r = await room('start ');
		const loads = r.snapshot.mock.calls.length;
		for (let i = 0; i < MIRROR_BEHIND_MAX + 10; i++) r.applyUnchecked(r.keystroke('x'));
		expect(await r.g.check(r.key, r.keystroke('y'))).toMatchObject({ ok: true });
		expect(r.snapshot.mock.calls.length).toBe(loads + 1);
	});

	it('sends them on to the mirror of a document too large to encode whole, without a reload', async () => {
		const r = await room('z'.repeat(MIRROR_RELOAD_MAX_BYTES + 1024));
		const loads = r.snapshot.mock.calls.length;
		for (let i = 0; i < MIRROR_BEHIND_MAX * 2 + 3; i++) r.applyUnchecked(r.keystroke('x'));
		expect(await r.g.check(r.key, r.keystroke('y'))).toMatchObject({ ok: true });
		expect(r.snapshot.mock.calls.length).toBe(loads);
	});

	it('keeps them in order with updates another process stored (applyTrusted)', async () => {
		const r = await room('start ');
		r.applyUnchecked(r.keystroke('a'));
		// Another process's client saw the keystroke and typed after it.
		const elsewhere = new Y.Doc();
		Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(r.real));
		const remote = r.keystroke('R', elsewhere);
		Y.applyUpdate(r.real, remote);
		r.g.applyTrusted(r.key, remote);
		expect(await r.g.check(r.key, r.keystroke('b', elsewhere))).toMatchObject({ ok: true });
	});

	it('after a refusal reloads the mirror, still checks what builds on them as valid', async () => {
		const r = await room('start ');
		r.applyUnchecked(r.keystroke('a'));
		expect(await r.g.check(r.key, new Uint8Array([1, 2, 3, 4, 5]))).toMatchObject({ ok: false });
		r.applyUnchecked(r.keystroke('b'));
		expect(await r.g.check(r.key, r.keystroke('c'))).toMatchObject({ ok: true });
	});
});
