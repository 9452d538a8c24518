import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { WorkerUpdateGuard } from './WorkerUpdateGuard.js';
import { scatteredInserts } from '../testing/scatteredInserts.js';

const scattered = (n: number, seed: number) => scatteredInserts(n, seed, (d) => d.getText('t'));

const guards: WorkerUpdateGuard[] = [];
function guard(options?: ConstructorParameters<typeof WorkerUpdateGuard>[0]): WorkerUpdateGuard {
	const g = new WorkerUpdateGuard(options);
	guards.push(g);
	return g;
}
afterAll(async () => {
	await Promise.all(guards.map((g) => g.close()));
});

/** The real document a guard mirrors; `edit` makes the update a client would send. */
class RealDoc {
	readonly doc = new Y.Doc();
	/** What the guard asks for when it reloads the mirror; counts reloads. */
	readonly snapshot = vi.fn(() => Y.encodeStateAsUpdate(this.doc));

	/** An update made on top of the current state, not yet applied here. */
	edit(text: string): Uint8Array {
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(this.doc));
		const before = Y.encodeStateVector(client);
		client.getText('t').insert(0, text);
		return Y.encodeStateAsUpdate(client, before);
	}

	accept(update: Uint8Array): void {
		Y.applyUpdate(this.doc, update);
	}
}

const GARBAGE: [string, Uint8Array][] = [
	['yjs #479: "garbagedoc" decoded as base64', Buffer.from('garbagedoc', 'base64')],
	['yjs #498: a zero-length update', new Uint8Array()],
	['a few stray bytes', new Uint8Array([1, 2, 3, 4, 5])]
];

describe('WorkerUpdateGuard', () => {
	it('accepts valid updates in sequence', async () => {
		const g = guard();
		const real = new RealDoc();
		await g.load('iv/valid', real.snapshot);
		for (const text of ['a', 'b', 'c']) {
			const update = real.edit(text);
			expect(await g.check('iv/valid', update)).toMatchObject({ ok: true });
			real.accept(update);
		}
		expect(real.doc.getText('t').toString()).toBe('cba');
	});

	it.each(GARBAGE)(
		'refuses %s with a reason, reloads the mirror, and a valid update still passes',
		async (what, garbage) => {
			const g = guard();
			const real = new RealDoc();
			real.accept(real.edit('hello'));
			const key = `iv/${what}`;
			await g.load(key, real.snapshot);
			const loads = real.snapshot.mock.calls.length;

			const verdict = await g.check(key, garbage);
			expect(verdict.ok).toBe(false);
			expect(!verdict.ok && verdict.reason.length).toBeGreaterThan(0);
			expect(real.snapshot.mock.calls.length).toBe(loads + 1);

			const update = real.edit('ok ');
			expect(await g.check(key, update)).toMatchObject({ ok: true });
			expect(g.restarts).toBe(0);
		}
	);

	it('refuses a check for a key it does not mirror', async () => {
		const g = guard();
		const real = new RealDoc();
		await g.load('iv/dropped', real.snapshot);
		g.drop('iv/dropped');
		const verdict = await g.check('iv/dropped', real.edit('x'));
		expect(verdict).toMatchObject({ ok: false, reason: expect.stringContaining('no mirror') });
	});

	describe('with a 60 ms budget', () => {
		let heavy: Uint8Array;
		beforeAll(() => {
			heavy = scattered(40_000, 1);
			expect(heavy.length).toBeGreaterThan(256 * 1024);
			expect(heavy.length).toBeLessThan(1024 * 1024);
		});

		it('refuses an update that takes too long, restarts the worker and answers the checks queued behind it', async () => {
			const onRestart = vi.fn();
			const g = guard({ timeoutMs: 60, onRestart });
			const slow = new RealDoc();
			const other = new RealDoc();
			const broken = new RealDoc();
			other.accept(other.edit('other room'));
			await Promise.all([
				g.load('iv1/code', slow.snapshot),
				g.load('iv2/code', other.snapshot),
				g.load('iv3/code', broken.snapshot)
			]);

			const otherUpdate = other.edit('still served ');
			// Sent back to back: the two behind the heavy one wait in the worker's queue.
			const [heavyVerdict, otherVerdict, brokenVerdict] = await Promise.all([
				g.check('iv1/code', heavy),
				g.check('iv2/code', otherUpdate),
				g.check('iv3/code', GARBAGE[0][1])
			]);

			expect(heavyVerdict).toMatchObject({ ok: false, reason: expect.stringMatching(/took longer than 60 ms/) });
			expect(g.restarts).toBe(1);
			expect(onRestart).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/took longer/));
			expect(otherVerdict).toMatchObject({ ok: true });
			expect(brokenVerdict.ok).toBe(false);
			expect(!brokenVerdict.ok && brokenVerdict.reason).not.toMatch(/took longer/);

			// The restarted worker mirrors every room again, the heavy one without the heavy update.
			other.accept(otherUpdate);
			expect(await g.check('iv2/code', other.edit('and after '))).toMatchObject({ ok: true });
			expect(await g.check('iv1/code', slow.edit('small'))).toMatchObject({ ok: true });
			expect(g.restarts).toBe(1);
		});

		// Loading a mirror is not a client's doing: a check queued behind a slow reload (a big, valid
		// document refused one bad update) must not be blamed for the reload's time.
		it('does not count loading or reloading a big mirror against the update queued behind it', async () => {
			const onRestart = vi.fn();
			const g = guard({ timeoutMs: 60, onRestart });
			const big = { snapshot: () => heavy };
			const other = new RealDoc();
			await g.load('big/code', big.snapshot);
			await g.load('small/code', other.snapshot);

			const [bad, small] = await Promise.all([
				g.check('big/code', GARBAGE[2][1]),
				g.check('small/code', other.edit('typed behind the reload'))
			]);
			expect(bad.ok).toBe(false);
			expect(small).toMatchObject({ ok: true });
			expect(g.restarts).toBe(0);
			expect(onRestart).not.toHaveBeenCalled();
		});
	});

	describe('ISO-1: a long check holds up only its own room', () => {
		let heavy: Uint8Array;
		beforeAll(() => {
			heavy = scattered(40_000, 3);
		});

		it('moves a room waiting behind a stalled check to another worker, which answers first', async () => {
			const g = guard({ workers: 2, stallMs: 10, timeoutMs: 30_000 });
			const slow = new RealDoc();
			const spare = new RealDoc();
			const waiting = new RealDoc();
			// Documents all go to the first worker; the second is spare.
			await g.load('slow/code', slow.snapshot);
			await g.load('spare/code', spare.snapshot);
			await g.load('waiting/code', waiting.snapshot);

			const answered: string[] = [];
			const heavyVerdict = g.check('slow/code', heavy).then((v) => (answered.push('heavy'), v));
			const keystroke = waiting.edit('typed while the other room is stuck ');
			const keystrokeVerdict = g.check('waiting/code', keystroke).then((v) => (answered.push('keystroke'), v));

			expect(await keystrokeVerdict).toMatchObject({ ok: true });
			expect(await heavyVerdict).toMatchObject({ ok: true });
			expect(answered).toEqual(['keystroke', 'heavy']);
			expect(g.moves).toBe(1);

			// The moved mirror carries on from the real document.
			waiting.accept(keystroke);
			expect(await g.check('waiting/code', waiting.edit('and after '))).toMatchObject({ ok: true });
			expect(g.restarts).toBe(0);
		});

		it('starts another worker when every worker is stalled, up to the maximum', async () => {
			const g = guard({ workers: 1, maxWorkers: 2, stallMs: 10, timeoutMs: 30_000 });
			const slow = new RealDoc();
			const other = new RealDoc();
			await g.load('slow/code', slow.snapshot);
			await g.load('other/code', other.snapshot);

			const [heavyVerdict, otherVerdict] = await Promise.all([
				g.check('slow/code', heavy),
				g.check('other/code', other.edit('x'))
			]);
			expect(heavyVerdict).toMatchObject({ ok: true });
			expect(otherVerdict).toMatchObject({ ok: true });
			expect(g.workerCount).toBe(2);
			expect(g.moves).toBe(1);
		});
	});

	it('answers pending and later checks with a refusal once closed', async () => {
		const g = guard();
		const real = new RealDoc();
		await g.load('iv/closing', real.snapshot);
		const pending = g.check('iv/closing', real.edit('x'));
		await g.close();
		expect(await pending).toMatchObject({ ok: false, reason: expect.stringMatching(/shutting down/) });
		expect(await g.check('iv/closing', real.edit('y'))).toMatchObject({ ok: false });
	});
});
