/**
 * UPD-1 (issue 12, item 1): a connection adds structs only under Yjs client ids it owns, and an
 * update that would leave pending structs is refused, not held. Attacks made as a modified
 * client would make them: hand-built updates under the interviewer's client id, sent on the
 * candidate's own connection.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';
import { codeText, connectY, roundTrip, waitClosed, waitFor, waitSynced, type YClient } from '../helpers/yclient.js';
import { rect } from '../helpers/canvasElements.js';
import { elementsOf, writeElements } from '../../src/lib/shared/canvas/canvasDoc.js';
import { CLOSE } from '../../src/lib/shared/protocol.js';

const servers: TestServer[] = [];
const clients: YClient[] = [];
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const s of servers.splice(0)) await s.stop();
});

async function client(s: TestServer, id: string, token: string, doc = 'code'): Promise<YClient> {
	const c = connectY(s.wsUrl, id, token, doc);
	clients.push(c);
	await waitSynced(c);
	return c;
}

/** A document that writes under `victim`'s client id, holding everything the victim has. */
function impersonate(victim: Y.Doc): Y.Doc {
	const forged = new Y.Doc();
	Y.applyUpdate(forged, Y.encodeStateAsUpdate(victim));
	// Set after loading: Yjs gives a document a new id when it receives structs under its own.
	forged.clientID = victim.clientID;
	return forged;
}

/** The updates `change` makes on `doc`, one per transaction. */
function updatesOf(doc: Y.Doc, change: () => void): Uint8Array[] {
	const out: Uint8Array[] = [];
	const on = (u: Uint8Array) => out.push(u);
	doc.on('update', on);
	change();
	doc.off('update', on);
	return out;
}

function sendRaw(c: YClient, update: Uint8Array): void {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, 0);
	syncProtocol.writeUpdate(enc, update);
	(c.provider.ws as unknown as { send(d: Uint8Array): void }).send(encoding.toUint8Array(enc));
}

/** The interviewer has typed once (so their client id is on the server); then the candidate joins. */
async function interviewerTypedThenCandidateJoined() {
	const s = await startServer();
	servers.push(s);
	const iv = await createInterview(s);
	const ines = await client(s, iv.id, iv.interviewer);
	const text = await waitFor(ines.doc, () => codeText(ines.doc));
	text.insert(0, 'I');
	await roundTrip(ines);
	const cand = await client(s, iv.id, iv.candidate);
	return { s, iv, ines, text, cand };
}

describe('UPD-1: nobody writes under another participant’s Yjs client id', () => {
	it('a forged pending struct in the interviewer’s name is refused, and the interviewer’s next keystrokes all count', async () => {
		const { s, iv, ines, text, cand } = await interviewerTypedThenCandidateJoined();

		// Two changes in the interviewer's name; only the second is sent, one clock ahead.
		const forged = impersonate(ines.doc);
		const [, switchProblem] = updatesOf(forged, () => {
			forged.transact(() => codeText(forged)!.insert(0, 'x'));
			forged.transact(() => forged.getMap('state').set('activeProblem', 'forged-problem'));
		});
		sendRaw(cand, switchProblem);
		const closed = await waitClosed(cand);
		expect(closed.code).toBe(CLOSE.UPDATE_REJECTED);
		expect(closed.reason).toMatch(/pending/);

		for (const ch of 'nes') text.insert(text.length, ch);
		await roundTrip(ines);
		const room = s.app.rooms.get(iv.id, 'code')!;
		expect(codeText(room.doc)!.toString()).toBe(text.toString());
		expect(room.doc.getMap('state').get('activeProblem')).not.toBe('forged-problem');
		const fresh = await client(s, iv.id, iv.interviewer2!);
		expect(codeText(fresh.doc)!.toString()).toBe(text.toString());
		expect(Y.encodeStateVector(room.doc)).toEqual(Y.encodeStateVector(ines.doc));
	});

	it('a forged struct at the interviewer’s very next clock is refused; the interviewer’s own edit at that clock is kept', async () => {
		const { s, iv, ines, text, cand } = await interviewerTypedThenCandidateJoined();

		const forged = impersonate(ines.doc);
		const [insert] = updatesOf(forged, () => codeText(forged)!.insert(0, 'FORGED '));
		sendRaw(cand, insert);
		const closed = await waitClosed(cand);
		expect(closed).toMatchObject({ code: CLOSE.UPDATE_REJECTED, reason: expect.stringMatching(/another participant/) });

		text.insert(1, 'nes');
		await roundTrip(ines);
		const fresh = await client(s, iv.id, iv.interviewer2!);
		expect(codeText(fresh.doc)!.toString()).toBe(text.toString());
		expect(codeText(fresh.doc)!.toString()).not.toContain('FORGED');
	});

	it('on the canvas: a forged element in the interviewer’s name is refused and the interviewer’s next drawing is accepted', async () => {
		const s = await startServer();
		servers.push(s);
		const iv = await createInterview(s);
		const ines = await client(s, iv.id, iv.interviewer, 'canvas');
		writeElements(ines.doc, [rect('box', 1)]);
		await roundTrip(ines);
		const cand = await client(s, iv.id, iv.candidate, 'canvas');

		const forged = impersonate(ines.doc);
		const [draw] = updatesOf(forged, () => writeElements(forged, [rect('forged', 1)]));
		sendRaw(cand, draw);
		expect((await waitClosed(cand)).code).toBe(CLOSE.UPDATE_REJECTED);

		writeElements(ines.doc, [rect('box', 1, 2)]);
		await roundTrip(ines);
		expect(ines.closes).toEqual([]);
		const fresh = await client(s, iv.id, iv.interviewer2!, 'canvas');
		expect([...elementsOf(fresh.doc).keys()].sort()).toEqual(['box']);
		expect(elementsOf(fresh.doc).get('box')?.version).toBe(2);
	});

	it('ownership survives a server restart (kept with the checkpoint)', async () => {
		const s = await startServer();
		servers.push(s);
		const iv = await createInterview(s);
		const ines = await client(s, iv.id, iv.interviewer);
		const text = await waitFor(ines.doc, () => codeText(ines.doc));
		text.insert(0, 'before restart');
		await roundTrip(ines);
		const inesDoc = ines.doc;
		ines.provider.disconnect();
		await s.stop();
		servers.splice(0);

		const again = await startServer({ dataDir: s.dataDir });
		servers.push(again);
		const cand = await client(again, iv.id, iv.candidate);
		const forged = impersonate(inesDoc);
		const [insert] = updatesOf(forged, () => codeText(forged)!.insert(0, 'FORGED '));
		sendRaw(cand, insert);
		expect((await waitClosed(cand)).reason).toMatch(/another participant/);
	});

	it('the same person’s reconnecting tab keeps writing under its client id', async () => {
		const s = await startServer();
		servers.push(s);
		const iv = await createInterview(s);
		const cara = await client(s, iv.id, iv.candidate);
		const text = await waitFor(cara.doc, () => codeText(cara.doc));
		text.insert(0, 'one ');
		await roundTrip(cara);
		cara.provider.disconnect();
		text.insert(text.length, 'offline ');
		cara.provider.connect();
		await waitSynced(cara);
		text.insert(text.length, 'online');
		await roundTrip(cara);
		expect(cara.closes.filter((c) => c.code === CLOSE.UPDATE_REJECTED)).toEqual([]);
		expect(codeText(s.app.rooms.get(iv.id, 'code')!.doc)!.toString()).toBe(text.toString());
	});

	it('a tab reopened from its offline copy (y-indexeddb) delivers the closed tab’s unsent edits; another participant with that copy is refused', async () => {
		const s = await startServer();
		servers.push(s);
		const iv = await createInterview(s);
		const cara = await client(s, iv.id, iv.candidate);
		const text = await waitFor(cara.doc, () => codeText(cara.doc));
		text.insert(0, 'one ');
		await roundTrip(cara);
		// Offline: typed under the old tab's client id, never sent; the tab is closed.
		cara.provider.disconnect();
		text.insert(text.length, 'typed offline ');
		const stored = Y.encodeStateAsUpdate(cara.doc);
		cara.destroy();
		clients.splice(clients.indexOf(cara), 1);

		// Someone else holding that copy may not hand in Cara's edits.
		const ines = await client(s, iv.id, iv.interviewer);
		Y.applyUpdate(ines.doc, stored, 'indexeddb');
		expect((await waitClosed(ines)).reason).toMatch(/another participant/);
		ines.provider.disconnect();

		// Cara's reopened tab: a new document (a new client id) loads the stored copy after syncing.
		const reopened = await client(s, iv.id, iv.candidate);
		expect(reopened.doc.clientID).not.toBe(cara.doc.clientID);
		Y.applyUpdate(reopened.doc, stored, 'indexeddb');
		const server = s.app.rooms.get(iv.id, 'code')!.doc;
		await waitFor(server, () => codeText(server)?.toString().includes('typed offline'));
		await roundTrip(reopened);
		expect(codeText(server)!.toString()).toBe(codeText(reopened.doc)!.toString());
	});
});
