/**
 * Issue 11: keystrokes in a code buffer are checked by the room itself (cheapTextEdit) instead of
 * the guard's worker; everything the guard enforced still holds for them.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { buildCodeSeed, FILES, filesOf, STATE, stateOf } from '../../src/lib/shared/codeDoc.js';
import { CLOSE } from '../../src/lib/shared/protocol.js';
import { WorkerUpdateGuard } from '../guard/WorkerUpdateGuard.js';
import { FakeConnection, InterviewHarness, updateFrame } from '../testing/docRoomHarness.js';
import type { DocRoom } from './DocRoom.js';
import { cheapTextEdit } from './cheapTextEdit.js';

const harness = new InterviewHarness();
afterEach(() => harness.closeOpen());
afterAll(() => harness.close());

/** A code room as RoomRegistry opens one: seeded, cheap edits on, `state` protected from the candidate. */
async function codeRoom() {
	const iv = harness.interview();
	const room = await iv.open(
		async () => buildCodeSeed([{ problemId: 'p', text: 'def solve(xs):\n    return xs\n' }]),
		undefined,
		undefined,
		{
			cheapTextsIn: FILES,
			protectedFor: (c) => (c.participant.role === 'candidate' ? [STATE] : undefined)
		}
	);
	const candidate = await iv.connect(room, 'candidate');
	const interviewer = await iv.connect(room, 'interviewer');
	const type = (conn: FakeConnection, at: number, text: string) =>
		iv.send(room, conn, updateFrame(conn.edit(() => buffer(conn.doc).insert(at, text))));
	return { iv, room, candidate, interviewer, type };
}

const buffer = (doc: Y.Doc) => filesOf(doc).get('p')!;
const code = (room: DocRoom) => buffer(room.doc).toString();
const checks = () => vi.spyOn(WorkerUpdateGuard.prototype, 'check');
afterEach(() => vi.restoreAllMocks());

describe('DocRoom: cheap edits of the code buffers', () => {
	it("applies, stores and relays keystrokes without asking the guard's worker", async () => {
		const { iv, room, candidate, interviewer, type } = await codeRoom();
		const check = checks();
		const stored = iv.store.batches.flat().length;
		for (const [i, ch] of [...'sorted('].entries()) await type(candidate, 26 + i, ch);
		expect(code(room)).toBe('def solve(xs):\n    return sorted(xs\n');
		expect(buffer(interviewer.doc).toString()).toBe(code(room));
		expect(iv.store.batches.flat().length - stored).toBe(7);
		expect(check).not.toHaveBeenCalled();
	});

	it('checks what builds on them with the guard, whose mirror has them by then', async () => {
		const { room, candidate, interviewer, type, iv } = await codeRoom();
		await type(candidate, 26, 'sorted(');
		const check = checks();
		// Two insertions in one update: not a cheap edit; one follows the candidate's text.
		const both = interviewer.edit(
			() => (buffer(interviewer.doc).insert(33, 'X'), buffer(interviewer.doc).insert(0, '#'))
		);
		await iv.send(room, interviewer, updateFrame(both));
		expect(check).toHaveBeenCalledTimes(1);
		expect(interviewer.closedWith).toBeNull();
		expect(code(room)).toBe('#def solve(xs):\n    return sorted(Xxs\n');
	});

	it('still refuses the candidate a change of problem (the guard checks it)', async () => {
		const { room, candidate, iv } = await codeRoom();
		await iv.send(room, candidate, updateFrame(candidate.edit(() => stateOf(candidate.doc).set('activeProblem', 'q'))));
		expect(candidate.closedWith?.code).toBe(CLOSE.UPDATE_REJECTED);
		expect(stateOf(room.doc).get('activeProblem')).toBe('p');
	});

	it("refuses a keystroke under another participant's client id (UPD-1)", async () => {
		const { room, candidate, interviewer, type, iv } = await codeRoom();
		await type(interviewer, 0, '#');
		const forger = new Y.Doc();
		Y.applyUpdate(forger, Y.encodeStateAsUpdate(room.doc));
		// Set after loading: Yjs gives a document a new id when an update holds its own.
		forger.clientID = interviewer.doc.clientID;
		const before = Y.encodeStateVector(forger);
		buffer(forger).insert(1, '!');
		const forged = Y.encodeStateAsUpdate(forger, before);
		expect(cheapTextEdit(room.doc, forged, FILES)).toEqual({ clients: [interviewer.doc.clientID] });
		await iv.send(room, candidate, updateFrame(forged));
		expect(candidate.closedWith?.code).toBe(CLOSE.UPDATE_REJECTED);
		expect(code(room)).not.toContain('!');
	});

	it('counts what a cheap edit cost against LIMIT-6, and closes a link past its budget', async () => {
		const { room, candidate, type, iv } = await codeRoom();
		const spend = vi.spyOn(iv.workBudget, 'spend');
		spend.mockImplementationOnce(() => null).mockImplementationOnce(() => 'these changes take too long to apply');
		// Each reading of the clock comes 1.5 ms after the one before: the apply takes 1.5 ms.
		let now = 1_000;
		vi.spyOn(performance, 'now').mockImplementation(() => (now += 1.5));
		await type(candidate, 0, '#');
		expect(spend).toHaveBeenCalledTimes(2);
		expect(spend.mock.calls[0][1]).toBe(0);
		expect(spend.mock.calls[1]).toEqual([candidate.participant.id, 1.5, 'code']);
		expect(candidate.closedWith).toEqual({
			code: CLOSE.UPDATE_REJECTED,
			reason: 'Update rejected: these changes take too long to apply'
		});
		// Applied and kept: it was valid and cheap; the budget stops what comes next.
		expect(code(room).startsWith('#def')).toBe(true);
		expect(room.connectionCount).toBe(1);
	});
});
