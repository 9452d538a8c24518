import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';
import { codeText, connectY, waitClosed, waitFor, waitSynced, type YClient } from '../helpers/yclient.js';
import { CLOSE } from '../../src/lib/shared/protocol.js';
import {
	LINK_REPLACED_REASON,
	type OrganizerInterview,
	type RenewedLinkReply
} from '../../src/lib/shared/organizer.js';

const servers: TestServer[] = [];
const sockets: Socket[] = [];
const ydocs: YClient[] = [];
const streams: http.ClientRequest[] = [];
afterEach(async () => {
	for (const r of streams.splice(0)) r.destroy();
	for (const y of ydocs.splice(0)) y.destroy();
	for (const s of sockets.splice(0)) s.close();
	for (const s of servers.splice(0)) await s.stop();
});

async function server(): Promise<TestServer> {
	const s = await startServer();
	servers.push(s);
	return s;
}

const admin = (s: TestServer) => ({ authorization: `Bearer ${s.adminKey}` });

async function list(s: TestServer, query = ''): Promise<OrganizerInterview[]> {
	const res = await fetch(`${s.url}/api/interviews${query}`, { headers: admin(s) });
	expect(res.status).toBe(200);
	return ((await res.json()) as { interviews: OrganizerInterview[] }).interviews;
}

async function row(s: TestServer, id: string): Promise<OrganizerInterview> {
	const found = (await list(s)).find((i) => i.id === id);
	if (!found) throw new Error(`interview ${id} is not listed`);
	return found;
}

/** A Socket.IO client, resolved once the server has sent its snapshot (it has joined by then). */
function join(s: TestServer, interviewId: string, token: string): Promise<Socket> {
	const sock = ioClient(s.url, { path: '/socket.io', auth: { interviewId, token }, transports: ['websocket'] });
	sockets.push(sock);
	return new Promise((resolve, reject) => {
		sock.once('room:snapshot', () => resolve(sock));
		sock.once('connect_error', reject);
	});
}

/** The organizer's event stream; `next()` resolves on the next "changed" after the stream is ready. */
async function organizerFeed(s: TestServer): Promise<{ next(): Promise<void> }> {
	const waiters: (() => void)[] = [];
	await new Promise<void>((ready, fail) => {
		const req = http.get(`${s.url}/api/interviews/events`, { headers: admin(s) }, (res) => {
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => {
				if (chunk.includes('event: ready')) ready();
				if (chunk.includes('event: changed')) for (const w of waiters.splice(0)) w();
			});
		});
		req.on('error', fail);
		streams.push(req);
	});
	return { next: () => new Promise<void>((resolve) => waiters.push(resolve)) };
}

describe('ORG-1: the organizer’s list shows each interview’s state and who is in the room', () => {
	it('waiting → live with the people present → back as people leave → ended, each change told on the feed', async () => {
		const s = await server();
		const iv = await createInterview(s);
		let r = await row(s, iv.id);
		expect(r.state).toBe('waiting');
		expect(r.present).toEqual([]);
		expect(r.people.map((p) => `${p.name} ${p.role}`)).toEqual([
			'Casey Candidate candidate',
			'Ines Interviewer interviewer',
			'Ivan Interviewer interviewer',
			'Olga Observer observer'
		]);
		expect(r.problems.map((p) => p.id)).toEqual(['moving-average', 'softmax-cross-entropy']);
		expect(r.problems[0].title).not.toBe('moving-average');

		const candidate = await join(s, iv.id, iv.candidate);
		r = await row(s, iv.id);
		expect(r.state).toBe('live');
		expect(r.present.map((p) => p.name)).toEqual(['Casey Candidate']);
		const interviewer = await join(s, iv.id, iv.interviewer);
		// A second tab of the same person is one person.
		await join(s, iv.id, iv.interviewer);
		r = await row(s, iv.id);
		expect(r.present.map((p) => `${p.name} ${p.role}`)).toEqual([
			'Casey Candidate candidate',
			'Ines Interviewer interviewer'
		]);

		const feed = await organizerFeed(s);
		const left = feed.next();
		candidate.close();
		await left;
		r = await row(s, iv.id);
		expect(r.state).toBe('live');
		expect(r.present.map((p) => p.name)).toEqual(['Ines Interviewer']);

		const ended = feed.next();
		const ack = await interviewer.emitWithAck('interview:end', {});
		expect(ack).toEqual({ ok: true });
		await ended;
		r = await row(s, iv.id);
		expect(r.state).toBe('ended');
		expect(r.endedAt).toEqual(expect.any(Number));
	});

	it('a take-home waits for its candidate, then is in progress with its deadline, told on the feed', async () => {
		const s = await server();
		const iv = await createInterview(s, { mode: 'take-home', timeBoxMinutes: 30 });
		expect((await row(s, iv.id)).state).toBe('waiting');
		const feed = await organizerFeed(s);
		const started = feed.next();
		const res = await fetch(`${s.url}/api/interviews/${iv.id}/start?token=${iv.candidate}`, { method: 'POST' });
		expect(res.status).toBe(200);
		await started;
		const r = await row(s, iv.id);
		expect(r.state).toBe('take-home');
		expect(r.deadline).toBe(r.startedAt! + 30 * 60_000);
	});

	it('shows the loops an interview belongs to, and no token of anyone', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const loop = await fetch(`${s.url}/api/loops`, {
			method: 'POST',
			headers: { ...admin(s), 'content-type': 'application/json' },
			body: JSON.stringify({ title: 'Casey loop', candidate: { name: 'Casey Candidate' }, interviews: [iv.id] })
		});
		expect(loop.status).toBe(201);
		const { id: loopId } = (await loop.json()) as { id: string };
		const res = await fetch(`${s.url}/api/interviews`, { headers: admin(s) });
		const text = await res.text();
		const r = (JSON.parse(text) as { interviews: OrganizerInterview[] }).interviews.find((i) => i.id === iv.id)!;
		expect(r.loops).toEqual([{ id: loopId, title: 'Casey loop' }]);
		for (const token of [iv.candidate, iv.interviewer, iv.interviewer2!, iv.observer!])
			expect(text).not.toContain(token);
	});
});

describe('ORG-2: finding an interview again', () => {
	it('by candidate or title, problem and state, together; newest first', async () => {
		const s = await server();
		const a = await createInterview(s, { candidate: { name: 'Ana Ruiz' }, problems: ['moving-average'] });
		const b = await createInterview(s, { candidate: { name: 'Bo Chen' }, problems: ['softmax-cross-entropy'] });
		const c = await createInterview(s, {
			candidate: { name: 'Ana Bell' },
			title: 'Design round',
			problems: ['softmax-cross-entropy']
		});
		await join(s, b.id, b.candidate);
		const ids = async (q: string) => (await list(s, q)).map((i) => i.id);
		expect(await ids('')).toEqual([c.id, b.id, a.id]);
		expect(await ids('?q=ana')).toEqual([c.id, a.id]);
		expect(await ids('?q=DESIGN')).toEqual([c.id]);
		expect(await ids('?problem=softmax-cross-entropy')).toEqual([c.id, b.id]);
		expect(await ids('?problem=softmax-cross-entropy&q=ana')).toEqual([c.id]);
		expect(await ids('?state=live')).toEqual([b.id]);
		expect(await ids('?state=waiting')).toEqual([c.id, a.id]);
		expect(await ids('?state=waiting&limit=1')).toEqual([c.id]);
		expect(await ids('?state=ended')).toEqual([]);
		expect(await ids('?q=nobody-like-this')).toEqual([]);
	});

	it('bad input gets 400 naming the field, and no admin key 401 or 403', async () => {
		const s = await server();
		const iv = await createInterview(s);
		for (const [query, field] of [
			['?state=running', 'state'],
			['?limit=0', 'limit'],
			['?limit=abc', 'limit'],
			['?limit=1.5', 'limit'],
			[`?q=${'x'.repeat(81)}`, 'q']
		]) {
			const res = await fetch(`${s.url}/api/interviews${query}`, { headers: admin(s) });
			expect(res.status, query).toBe(400);
			expect(((await res.json()) as { field: string }).field).toBe(field);
		}
		for (const path of ['/api/interviews', '/api/interviews/events']) {
			expect((await fetch(`${s.url}${path}`)).status).toBe(401);
			expect((await fetch(`${s.url}${path}?token=${iv.interviewer}`)).status).toBe(403);
			expect((await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${iv.interviewer}` } })).status).toBe(
				401
			);
		}
	});
});

describe('ORG-3: a new link replaces the old one everywhere', () => {
	async function renew(
		s: TestServer,
		interviewId: string,
		participantId: string,
		headers: Record<string, string> = admin(s)
	) {
		return fetch(`${s.url}/api/interviews/${interviewId}/participants/${participantId}/link`, {
			method: 'POST',
			headers
		});
	}

	it('the old token is refused on HTTP, the Yjs socket and Socket.IO; its open connections are closed; the new one works', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const session = await (await fetch(`${s.url}/api/interviews/${iv.id}/session?token=${iv.candidate}`)).json();
		const candidateId = session.me.id as string;

		// The candidate is in the room on both sockets, and has typed; an interviewer is there too.
		const oldCode = connectY(s.wsUrl, iv.id, iv.candidate);
		const oldCanvas = connectY(s.wsUrl, iv.id, iv.candidate, 'canvas');
		const interviewerCode = connectY(s.wsUrl, iv.id, iv.interviewer);
		ydocs.push(oldCode, oldCanvas, interviewerCode);
		await Promise.all([waitSynced(oldCode), waitSynced(oldCanvas), waitSynced(interviewerCode)]);
		codeText(oldCode.doc)!.insert(0, '# typed before the new link\n');
		await waitFor(interviewerCode.doc, () => codeText(interviewerCode.doc)?.toString().startsWith('# typed before'));
		const oldSocket = await join(s, iv.id, iv.candidate);
		const interviewerSocket = await join(s, iv.id, iv.interviewer);
		const revoked = new Promise<string>((resolve) => oldSocket.once('link:revoked', (e) => resolve(e.reason)));
		const dropped = new Promise<string>((resolve) => oldSocket.once('disconnect', resolve));

		const res = await renew(s, iv.id, candidateId);
		expect(res.status).toBe(201);
		const reply = (await res.json()) as RenewedLinkReply;
		expect(reply.person).toEqual({ id: candidateId, name: 'Casey Candidate', role: 'candidate' });
		const fresh = new URL(reply.url).searchParams.get('token')!;
		expect(reply.url).toBe(`${s.url}/room/${iv.id}?token=${fresh}`);
		expect(fresh).not.toBe(iv.candidate);
		expect(fresh.length).toBeGreaterThanOrEqual(22);

		// Open connections with the old token are closed, with the reason.
		expect(await waitClosed(oldCode)).toEqual({ code: CLOSE.UNAUTHORIZED, reason: LINK_REPLACED_REASON });
		expect(await waitClosed(oldCanvas)).toEqual({ code: CLOSE.UNAUTHORIZED, reason: LINK_REPLACED_REASON });
		expect(await revoked).toBe(LINK_REPLACED_REASON);
		expect(await dropped).toBe('io server disconnect');
		oldCode.provider.disconnect();
		oldCanvas.provider.disconnect();

		// The old token opens nothing any more.
		expect((await fetch(`${s.url}/api/interviews/${iv.id}/session?token=${iv.candidate}`)).status).toBe(401);
		const again = connectY(s.wsUrl, iv.id, iv.candidate);
		ydocs.push(again);
		expect((await waitClosed(again)).code).toBe(CLOSE.UNAUTHORIZED);
		again.provider.disconnect();
		await expect(join(s, iv.id, iv.candidate)).rejects.toThrow(/^unauthorized/);

		// The new one opens the same participant, with what they typed.
		const now = await (await fetch(`${s.url}/api/interviews/${iv.id}/session?token=${fresh}`)).json();
		expect(now.me.id).toBe(candidateId);
		const newCode = connectY(s.wsUrl, iv.id, fresh);
		ydocs.push(newCode);
		await waitSynced(newCode);
		expect(codeText(newCode.doc)?.toString()).toMatch(/^# typed before the new link/);
		await join(s, iv.id, fresh);

		// Nobody else was touched.
		expect(interviewerSocket.connected).toBe(true);
		expect(interviewerCode.closes).toEqual([]);
		expect((await fetch(`${s.url}/api/interviews/${iv.id}/session?token=${iv.interviewer}`)).status).toBe(200);
	});

	it('works for each interviewer on their own, and tells the organizer’s feed', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const r = await row(s, iv.id);
		const ivan = r.people.find((p) => p.name === 'Ivan Interviewer')!;
		const feed = await organizerFeed(s);
		const told = feed.next();
		expect((await renew(s, iv.id, ivan.id)).status).toBe(201);
		await told;
		expect((await fetch(`${s.url}/api/interviews/${iv.id}/session?token=${iv.interviewer2}`)).status).toBe(401);
		expect((await fetch(`${s.url}/api/interviews/${iv.id}/session?token=${iv.interviewer}`)).status).toBe(200);
	});

	it('refuses anyone but the admin key, and bad or foreign ids, changing nothing', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const other = await createInterview(s);
		const people = (await row(s, iv.id)).people;
		const candidate = people[0];
		const otherCandidate = (await row(s, other.id)).people[0];
		const status = async (id: string, pid: string, headers: Record<string, string> = admin(s)) =>
			(await renew(s, id, pid, headers)).status;

		expect(await status(iv.id, candidate.id, {})).toBe(401);
		expect(await status(iv.id, candidate.id, { authorization: `Bearer ${iv.interviewer}` })).toBe(401);
		const asRoom = await fetch(
			`${s.url}/api/interviews/${iv.id}/participants/${candidate.id}/link?token=${iv.interviewer}`,
			{ method: 'POST' }
		);
		expect(asRoom.status).toBe(403);
		expect(await status(iv.id, 'a%20b')).toBe(400);
		expect(await status(iv.id, 'x'.repeat(65))).toBe(400);
		expect(await status('no-such-interview', candidate.id)).toBe(404);
		// Another interview's participant is not this one's.
		expect(await status(iv.id, otherCandidate.id)).toBe(404);
		expect(await status(iv.id, 'nobody')).toBe(404);
		const get = await fetch(`${s.url}/api/interviews/${iv.id}/participants/${candidate.id}/link`, {
			headers: admin(s)
		});
		expect(get.status).toBe(405);

		for (const [id, token] of [
			[iv.id, iv.candidate],
			[iv.id, iv.interviewer],
			[other.id, other.candidate]
		]) {
			expect((await fetch(`${s.url}/api/interviews/${id}/session?token=${token}`)).status).toBe(200);
		}
	});
});
