import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { io as ioClient } from 'socket.io-client';
import { fromBase64 } from '../../src/lib/shared/recording.js';
import type { RaterView } from '../../src/lib/shared/calibration/calibrationApi.js';
import {
	call,
	cleanUp,
	createSession,
	NAME,
	NAME_WORD,
	raterCard,
	recordedInterview,
	submit
} from '../helpers/calibration.js';
import { aborts, sockets } from '../helpers/scorecards.js';
import type { TestServer } from '../helpers/startServer.js';

afterEach(cleanUp);

/** Every string an encoded Yjs update or state carries, as the rater could decode it. */
function stringsOf(update: Uint8Array, v2 = false): string {
	const { structs } = (v2 ? Y.decodeUpdateV2(update) : Y.decodeUpdate(update)) as unknown as {
		structs: { content?: { str?: string; arr?: unknown[]; key?: string } }[];
	};
	return structs.map((s) => JSON.stringify(s.content?.str ?? s.content?.arr ?? '')).join('\n');
}

/** The bodies a page on a rater link fetches, as text, with the Yjs content decoded. */
async function raterBodies(s: TestServer, interviewId: string, sessionId: string, token: string): Promise<string[]> {
	const q = `?token=${encodeURIComponent(token)}`;
	const get = async (p: string) => (await fetch(`${s.url}${p}${q}`)).text();
	const bundle = await get(`/api/interviews/${interviewId}/replay`);
	const log = await get(`/api/interviews/${interviewId}/replay/log`);
	const checkpoints = await get(`/api/interviews/${interviewId}/replay/checkpoints`);
	const decoded = log
		.split('\n')
		.filter(Boolean)
		.map((l) => JSON.parse(l))
		.map((l) => (l.kind === 'yjs' ? stringsOf(fromBase64(l.update)) : JSON.stringify(l.data)));
	const states = checkpoints
		.split('\n')
		.filter(Boolean)
		.map((l) => JSON.parse(l))
		.map((c) => stringsOf(fromBase64(c.state), c.v2 === true));
	const view = await get(`/api/calibrations/${sessionId}/rater`);
	return [bundle, log, ...decoded, ...states, view];
}

/** The SSE stream's text until `until` appears, while `cause` runs. */
async function streamUntil(url: string, until: string, cause: () => Promise<unknown>): Promise<string> {
	const abort = new AbortController();
	aborts.push(abort);
	const res = await fetch(url, { signal: abort.signal });
	const reader = res.body!.getReader();
	const decoder = new TextDecoder();
	let text = '';
	const read = async (s: string) => {
		while (!text.includes(s)) {
			const { value, done } = await reader.read();
			if (done) throw new Error('stream ended');
			text += decoder.decode(value);
		}
	};
	await read('event: ready');
	await cause();
	await read(until);
	return text;
}

describe('blind calibration (CAL-2, CAL-3, CAL-5)', () => {
	it('CAL-2: nothing a rater receives holds the candidate’s name: rater view, replay, Yjs content, card replies, events, the reveal, and every refusal', async () => {
		const { s, id } = await recordedInterview();
		// The organizer's own title names the candidate too.
		const session = await createSession(s, [id], ['Rita Rater', 'Raj Rater'], { title: `Calibration: ${NAME}` });
		const [rita, raj] = session.tokens;
		// The test can fail: the interviewer's replay of the same interview carries the name.
		const plain = await fetch(
			`${s.url}/api/interviews/${id}/replay/log?token=${(await recordedPlainToken(s, id)) ?? ''}`
		);
		expect(await plain.text()).toMatch(/Hi Dana Quist/);

		const received: string[] = [];
		received.push(...(await raterBodies(s, id, session.id, rita)));
		const draft = await call(
			s,
			'PUT',
			`/api/calibrations/${session.id}/interviews/${id}/draft`,
			{ token: rita },
			{
				ratings: { problem_solving: { level: 3, notes: [{ id: 'a', text: 'Clear plan', t: 1 }] } }
			}
		);
		expect(draft.status).toBe(200);
		received.push(draft.text);
		received.push(
			await streamUntil(`${s.url}/api/calibrations/${session.id}/events?token=${rita}`, 'event: changed', async () => {
				received.push((await submit(s, session.id, id, rita, raterCard(3))).text);
			})
		);
		// Every refusal body a rater can provoke, each checked for its status too.
		for (const [method, path] of [
			['GET', `/api/interviews/${id}/session`],
			['GET', `/api/interviews/${id}/scorecards`],
			['GET', `/api/interviews/${id}/private`],
			['GET', `/api/interviews/${id}/recording`],
			['GET', '/api/interviews'],
			['GET', `/api/calibrations/${session.id}`],
			['GET', `/api/calibrations/${session.id}/reveal`]
		] as const) {
			const r = await call(s, method, path, { token: rita });
			expect({ path, status: r.status }).toEqual({ path, status: 403 });
			received.push(r.text);
		}
		received.push((await submit(s, session.id, id, raj, raterCard(2))).text);
		const reveal = await call(s, 'GET', `/api/calibrations/${session.id}/reveal`, { token: rita });
		expect(reveal.status).toBe(200);
		received.push(reveal.text);
		received.push(...(await raterBodies(s, id, session.id, raj)));

		received.forEach((text, i) => expect({ i, text }).not.toEqual({ i, text: expect.stringMatching(NAME_WORD) }));
		const view = JSON.parse(received.at(-1)!) as RaterView;
		expect(view.session.title).toBe('Calibration: Candidate');
		expect(view.session.interviews[0].title).toBe('Candidate — ML round');
		// The names that are not the candidate's stay: the raters, and the interviewers of the replay.
		expect(received.join('\n')).toContain('Rita Rater');
	});

	it('CAL-3: a rater token opens no Yjs document and no Socket.IO room (4403, forbidden), and receives nothing of the room', async () => {
		const { s, id } = await recordedInterview();
		const { tokens } = await createSession(s, [id], ['Rita Rater', 'Raj Rater']);
		for (const doc of ['code', 'canvas']) {
			const frames: string[] = [];
			const ws = new WebSocket(`${s.wsUrl}/yjs/${id}/${doc}?token=${tokens[0]}`);
			ws.on('message', (d) => frames.push(Buffer.from(d as Buffer).toString('latin1')));
			const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
				ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
			);
			expect(closed.code).toBe(4403);
			expect(closed.reason).not.toMatch(NAME_WORD);
			expect(frames).toEqual([]);
		}
		const sock = ioClient(s.url, {
			path: '/socket.io',
			auth: { interviewId: id, token: tokens[0] },
			transports: ['websocket'],
			reconnection: false
		});
		sockets.push(sock);
		const events: string[] = [];
		sock.onAny((name, ...args) => events.push(`${name} ${JSON.stringify(args)}`));
		const error = await new Promise<Error>((resolve) => sock.once('connect_error', resolve));
		expect(error.message).toMatch(/^forbidden:/);
		expect(events).toEqual([]);
	});

	it('CAL-2: a session made with blind off shows the name (the blind default is what hides it)', async () => {
		const { s, id } = await recordedInterview();
		const { tokens } = await createSession(s, [id], ['Rita Rater', 'Raj Rater'], { blind: false });
		const bodies = await raterBodies(s, id, 'unused', tokens[0]);
		expect(bodies[0]).toMatch(NAME_WORD);
		expect(bodies[1]).toMatch(/Hi Dana Quist/);
	});

	it('CAL-5: before the reveal the rater view holds no one’s levels or the original interviewers’ scorecards', async () => {
		const { s, id } = await recordedInterview();
		const session = await createSession(s, [id], ['Rita Rater', 'Raj Rater']);
		expect((await submit(s, session.id, id, session.tokens[1], raterCard(2, 'strong-no-hire'))).status).toBe(201);
		const view = await call(s, 'GET', `/api/calibrations/${session.id}/rater`, { token: session.tokens[0] });
		expect(view.status).toBe(200);
		expect(view.text).not.toContain('strong-no-hire');
		expect(view.text).not.toContain('names the leakage risk');
		expect((view.body as unknown as RaterView).progress.map((p) => p.done)).toEqual([false, true]);
		const theirs = await call(s, 'GET', `/api/interviews/${id}/scorecards`, { token: session.tokens[0] });
		expect(theirs.status).toBe(403);
	});
});

/** An interviewer's token of the interview, through the admin's people-free path: a reviewer link that is not anonymised. */
async function recordedPlainToken(s: TestServer, id: string): Promise<string | null> {
	const r = await call(s, 'POST', `/api/interviews/${id}/reviewer-links`, { admin: true }, { anonymised: false });
	return r.status === 201 ? new URL((r.body as { url: string }).url).searchParams.get('token') : null;
}
