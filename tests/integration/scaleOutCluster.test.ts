/**
 * Issue 13: three real Pairboard processes (each its own OS process) on one PostgreSQL and one
 * Redis, with stock y-websocket clients and real Socket.IO clients spread across them.
 * The outages (kill -9, Redis and PostgreSQL down) are in scaleOutFailures.test.ts.
 */
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { createInterview } from '../helpers/startServer.js';
import { codeText, connectY, waitFor, waitSynced, type YClient } from '../helpers/yclient.js';
import { nextRoomEvent } from '../helpers/roomEvents.js';
import {
	Cluster,
	freshSchemaUrl,
	health,
	joinRoom,
	parseRecording,
	recordingText,
	replayedCode,
	withTimeout
} from '../helpers/cluster.js';
import { converged, Typist } from '../helpers/typist.js';
import {
	failUnderCiWithoutServices,
	HAVE_SERVICES,
	NEEDS_SERVICES,
	TEST_REDIS_URL
} from '../helpers/scaleOutServices.js';
import { TEST_DATABASE_URL, TestSchemas } from '../../server/testing/postgresTestSchemas.js';
import type { PresenceEntry } from '../../src/lib/shared/protocol.js';

const STARTER = fs.readFileSync('problems/moving-average/starter.py', 'utf8');
/** Spawning three servers under tsx on a busy two-core machine takes a while. */
const START_MS = 120_000;

failUnderCiWithoutServices('The three-process scale-out tests');

describe.skipIf(!HAVE_SERVICES)(`three processes on one PostgreSQL and one Redis (${NEEDS_SERVICES})`, () => {
	const schemas = new TestSchemas(TEST_DATABASE_URL ?? '');
	let cluster: Cluster;
	const yclients: YClient[] = [];
	const sockets: Socket[] = [];
	const typists: Typist[] = [];

	beforeAll(async () => {
		const databaseUrl = await freshSchemaUrl(schemas, TEST_DATABASE_URL!);
		cluster = await Cluster.start(3, { databaseUrl, redisUrl: TEST_REDIS_URL! });
	}, START_MS);
	afterEach(() => {
		for (const t of typists.splice(0)) t.stop();
		for (const s of sockets.splice(0)) s.close();
		for (const c of yclients.splice(0)) c.destroy();
	});
	afterAll(async () => {
		await cluster?.stop();
		await schemas.dropAll();
	});

	const y = (i: number, interviewId: string, token: string): YClient => {
		const c = connectY(cluster.servers[i].wsUrl, interviewId, token);
		yclients.push(c);
		return c;
	};
	const typist = (c: YClient, label: string) => {
		const t = new Typist(c.doc, label);
		typists.push(t);
		return t;
	};

	it('every process reports PostgreSQL and Redis ok on /api/health', async () => {
		for (const s of cluster.servers) {
			expect(await health(s)).toMatchObject({
				status: 200,
				body: { ok: true, database: { kind: 'postgres', ok: true }, bus: { kind: 'redis', ok: true } }
			});
		}
	});

	it('new rooms opened on two processes at the same moment hold their starter code once', async () => {
		// Several rooms at once: the race (both processes find the log empty and seed) is a matter of
		// milliseconds, and one room alone often misses it.
		const rooms = await Promise.all(Array.from({ length: 4 }, () => createInterview(cluster.servers[0])));
		const texts = await Promise.all(
			rooms.map(async (iv) => {
				const [a, b] = [y(0, iv.id, iv.candidate), y(1, iv.id, iv.interviewer)];
				await Promise.all([waitSynced(a), waitSynced(b)]);
				return waitFor([a.doc, b.doc], () => {
					const [ta, tb] = [codeText(a.doc)?.toString(), codeText(b.doc)?.toString()];
					return ta !== undefined && ta === tb && ta;
				});
			})
		);
		for (const text of texts) expect(text).toBe(STARTER);
	});

	it('two people typing from the first moment in a new room, on two processes, converge', async () => {
		const iv = await createInterview(cluster.servers[0]);
		const clients = [y(0, iv.id, iv.candidate), y(1, iv.id, iv.interviewer)];
		const ts = await Promise.all(
			clients.map(async (c, i) => {
				await waitSynced(c);
				await waitFor(c.doc, () => codeText(c.doc));
				return typist(c, 'ab'[i]).start();
			})
		);
		await Promise.all(ts.map((t) => t.typedMore(20)));
		for (const t of ts) t.stop();
		await converged(
			clients.map((c) => c.doc),
			ts
		);
	});

	it('three people typing at once on three processes converge; the recording is identical from each process and replays to that text', async () => {
		const iv = await createInterview(cluster.servers[0]);
		const clients = [y(0, iv.id, iv.candidate), y(1, iv.id, iv.interviewer), y(2, iv.id, iv.interviewer2!)];
		for (const c of clients) await waitSynced(c);
		await waitFor(
			clients.map((c) => c.doc),
			() => clients.every((c) => codeText(c.doc)?.toString() === STARTER)
		);
		const ts = [typist(clients[0], 'a'), typist(clients[1], 'b'), typist(clients[2], 'c')];
		for (const t of ts) t.start();
		await Promise.all(ts.map((t) => t.typedMore(40)));
		for (const t of ts) t.stop();
		const text = await converged(
			clients.map((c) => c.doc),
			ts
		);

		// Stored before broadcast: what every client shows is in the log, whichever process reads it.
		const recordings = await Promise.all(cluster.servers.map((s) => recordingText(s, iv.id, iv.interviewer)));
		expect(recordings[1]).toBe(recordings[0]);
		expect(recordings[2]).toBe(recordings[0]);
		const lines = parseRecording(recordings[0]);
		expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
		expect(replayedCode(lines)).toBe(text);
	});

	it('a cursor (awareness) set by a client on one process shows on clients of the other two', async () => {
		const iv = await createInterview(cluster.servers[0]);
		const clients = [y(0, iv.id, iv.candidate), y(1, iv.id, iv.interviewer), y(2, iv.id, iv.interviewer2!)];
		for (const c of clients) await waitSynced(c);
		const author = clients[0];
		const cursorOf = (c: YClient) =>
			(c.provider.awareness.getStates().get(author.doc.clientID) as { cursor?: { anchor: number } } | undefined)
				?.cursor;
		const seen = clients.slice(1).map(
			(c) =>
				new Promise<void>((resolve) => {
					const check = () => cursorOf(c)?.anchor === 7 && (c.provider.awareness.off('change', check), resolve());
					c.provider.awareness.on('change', check);
					check();
				})
		);
		author.provider.awareness.setLocalStateField('cursor', { anchor: 7 });
		await withTimeout(Promise.all(seen), 5_000, 'the cursor never reached the clients of the other processes');
	});

	it('a run started on A, and its output, reach Socket.IO clients on B and C', async () => {
		const iv = await createInterview(cluster.servers[0]);
		const { sock: onA } = await joinRoom(cluster.servers[0], iv.id, iv.candidate, sockets);
		const { sock: onB } = await joinRoom(cluster.servers[1], iv.id, iv.interviewer, sockets);
		const { sock: onC } = await joinRoom(cluster.servers[2], iv.id, iv.interviewer2!, sockets);
		const started = [nextRoomEvent(onB, 'run:start'), nextRoomEvent(onC, 'run:start')];
		expect(await onA.emitWithAck('run:start', { runId: 'run-1', problemId: 'moving-average' })).toEqual({ ok: true });
		for (const e of await Promise.all(started)) expect(e.data.runId).toBe('run-1');

		const output = nextRoomEvent(onC, 'run:output');
		expect(await onA.emitWithAck('run:output', { runId: 'run-1', stream: 'stdout', text: '42\n' })).toEqual({
			ok: true
		});
		expect((await output).data.text).toBe('42\n');
	});

	it('someone joining on C after a run on A sees it as the last run, as a joiner on A would', async () => {
		const iv = await createInterview(cluster.servers[0]);
		const { sock: onA } = await joinRoom(cluster.servers[0], iv.id, iv.candidate, sockets);
		expect(await onA.emitWithAck('run:start', { runId: 'run-1', problemId: 'moving-average' })).toEqual({ ok: true });
		expect(await onA.emitWithAck('run:output', { runId: 'run-1', stream: 'stdout', text: '42\n' })).toEqual({
			ok: true
		});
		const onSameProcess = await joinRoom(cluster.servers[0], iv.id, iv.interviewer, sockets);
		expect(onSameProcess.snapshot.lastRun).toMatchObject({ runId: 'run-1', output: [{ text: '42\n' }] });
		const late = await joinRoom(cluster.servers[2], iv.id, iv.observer!, sockets);
		expect(late.snapshot.lastRun).toMatchObject({ runId: 'run-1', output: [{ text: '42\n' }] });
	});

	it('presence lists everyone in the room, whichever process each joined', async () => {
		const iv = await createInterview(cluster.servers[0]);
		const tokens = [iv.candidate, iv.interviewer, iv.interviewer2!];
		const joined = [];
		for (let i = 0; i < 3; i++) joined.push(await joinRoom(cluster.servers[i], iv.id, tokens[i], sockets));
		const everyone = (list: PresenceEntry[]) => list.length === 3;
		await withTimeout(
			Promise.all(joined.map((s) => s.presenceUntil(everyone))),
			5_000,
			'a client was never shown all three people'
		);
	});

	it('a late joiner on C, while people on A and B keep typing, ends with exactly their text', async () => {
		const iv = await createInterview(cluster.servers[0]);
		const a = y(0, iv.id, iv.candidate);
		const b = y(1, iv.id, iv.interviewer);
		await Promise.all([waitSynced(a), waitSynced(b)]);
		await waitFor([a.doc, b.doc], () => codeText(a.doc) && codeText(b.doc));
		const ts = [typist(a, 'a').start(), typist(b, 'b').start()];
		await Promise.all(ts.map((t) => t.typedMore(20)));

		const late = y(2, iv.id, iv.interviewer2!);
		await waitSynced(late);
		await Promise.all(ts.map((t) => t.typedMore(20)));
		for (const t of ts) t.stop();
		await converged([a.doc, b.doc, late.doc], ts);
	});
});
