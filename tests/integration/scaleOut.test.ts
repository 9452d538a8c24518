import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';
import { codeText, connectY, roundTrip, waitFor, waitSynced, type YClient } from '../helpers/yclient.js';
import { nextRoomEvent } from '../helpers/roomEvents.js';
import { NEEDS_DATABASE, TEST_DATABASE_URL, TestSchemas } from '../../server/testing/postgresTestSchemas.js';
import type { LogEntry } from '../../server/domain/types.js';
import { failUnderCiWithoutServices } from '../helpers/scaleOutServices.js';

const REDIS_URL = process.env.PAIRBOARD_TEST_REDIS_URL;

const servers: TestServer[] = [];
const sockets: Socket[] = [];
const yclients: YClient[] = [];
afterEach(async () => {
	for (const s of sockets.splice(0)) s.close();
	for (const c of yclients.splice(0)) c.destroy();
	for (const s of servers.splice(0)) await s.stop();
});

async function health(s: TestServer): Promise<{ status: number; body: unknown }> {
	const res = await fetch(`${s.url}/api/health`);
	return { status: res.status, body: await res.json() };
}

function join(s: TestServer, interviewId: string, token: string): Promise<Socket> {
	const sock = ioClient(s.url, { path: '/socket.io', auth: { interviewId, token }, transports: ['websocket'] });
	sockets.push(sock);
	return new Promise((resolve) => sock.once('room:snapshot', () => resolve(sock)));
}

async function recording(s: TestServer, id: string): Promise<LogEntry[]> {
	const out: LogEntry[] = [];
	for await (const e of s.app.stores.log.readLog(id)) out.push(e);
	return out;
}

describe('health', () => {
	it('GET /api/health names the database and the bus, and says both are ok', async () => {
		const s = await startServer();
		servers.push(s);
		expect(await health(s)).toMatchObject({
			status: 200,
			body: { ok: true, database: { kind: 'sqlite', ok: true }, bus: { kind: 'in-process', ok: true } }
		});
	});
});

failUnderCiWithoutServices('The two-process scale-out tests');

describe.skipIf(!TEST_DATABASE_URL || !REDIS_URL)(
	`two processes on one PostgreSQL and one Redis (${NEEDS_DATABASE}, and PAIRBOARD_TEST_REDIS_URL)`,
	() => {
		const schemas = new TestSchemas(TEST_DATABASE_URL ?? '');
		afterAll(() => schemas.dropAll());

		/** Two servers sharing a fresh schema (through the URL's `options`) and the Redis. */
		async function pair(): Promise<[TestServer, TestServer]> {
			const schema = schemas.newName();
			await schemas.query(`CREATE SCHEMA ${schema}`);
			const url = new URL(TEST_DATABASE_URL!);
			url.searchParams.set('options', `-c search_path=${schema}`);
			const config = { databaseUrl: url.toString(), redisUrl: REDIS_URL };
			const both = await Promise.all([startServer({ config }), startServer({ config })]);
			servers.push(...both);
			return both;
		}

		it('each reports PostgreSQL and Redis ok on /api/health', async () => {
			const [a, b] = await pair();
			for (const s of [a, b]) {
				expect(await health(s)).toMatchObject({
					status: 200,
					body: { ok: true, database: { kind: 'postgres', ok: true }, bus: { kind: 'redis', ok: true } }
				});
			}
		});

		it('a run event and an edit made on one process reach a client on the other; the recording is whole from both', async () => {
			const [a, b] = await pair();
			const iv = await createInterview(a);

			const onB = await join(b, iv.id, iv.interviewer);
			const onA = await join(a, iv.id, iv.candidate);
			const started = nextRoomEvent(onB, 'run:start');
			expect(await onA.emitWithAck('run:start', { runId: 'run-x', problemId: 'moving-average' })).toEqual({ ok: true });
			expect((await started).data.runId).toBe('run-x');

			// The document opens on A first and its starter code is stored before B opens it (two
			// processes opening one empty document at the same moment both seed it: see README, Scale-out).
			const typist = connectY(a.wsUrl, iv.id, iv.candidate);
			yclients.push(typist);
			await waitSynced(typist);
			await a.app.recorder.drain();
			const reader = connectY(b.wsUrl, iv.id, iv.interviewer);
			yclients.push(reader);
			await waitSynced(reader);
			expect(codeText(reader.doc)?.toString()).toBe(codeText(typist.doc)?.toString());
			codeText(typist.doc)!.insert(0, '# typed on process A\n');
			await waitFor(reader.doc, () => codeText(reader.doc)?.toString().startsWith('# typed on process A\n'));
			await Promise.all([a.app.recorder.drain(), b.app.recorder.drain()]);

			// What one process recorded, the other reads the same, in one gapless sequence.
			const fromA = await recording(a, iv.id);
			const fromB = await recording(b, iv.id);
			expect(fromB).toEqual(fromA);
			expect(fromA.map((e) => e.seq)).toEqual(fromA.map((_, i) => i + 1));
			expect(fromA.some((e) => e.kind === 'event' && e.type === 'run:start')).toBe(true);
			expect(fromA.some((e) => e.kind === 'yjs' && e.doc === 'code')).toBe(true);
		});

		it('ROLE-4 on every process: an interview ended on A refuses the edits its candidate makes on B', async () => {
			const [a, b] = await pair();
			const iv = await createInterview(a);
			const intv = await join(a, iv.id, iv.interviewer);
			const typist = connectY(b.wsUrl, iv.id, iv.candidate);
			yclients.push(typist);
			await waitSynced(typist);

			const ended = nextRoomEvent(intv, 'interview:end');
			await intv.emitWithAck('interview:end', {});
			await ended;
			const room = b.app.rooms.get(iv.id, 'code')!;
			const refusedBefore = room.refusedUpdates;
			codeText(typist.doc)!.insert(0, '# typed after the end\n');
			await roundTrip(typist);

			expect(room.refusedUpdates).toBe(refusedBefore + 1);
			expect(codeText(room.doc)!.toString()).not.toContain('typed after the end');
		});

		// B's update guard must know A's edit (DocRoom hands relayed updates to its mirror), or it
		// would refuse B's client's edit that builds on it as "pending structs".
		it('an edit on B that builds on an edit made on A reaches A', async () => {
			const [a, b] = await pair();
			const iv = await createInterview(a);
			const onA = connectY(a.wsUrl, iv.id, iv.candidate);
			yclients.push(onA);
			await waitSynced(onA);
			await a.app.recorder.drain();
			const onB = connectY(b.wsUrl, iv.id, iv.interviewer);
			yclients.push(onB);
			await waitSynced(onB);
			codeText(onA.doc)!.insert(0, 'A\n');
			await waitFor(onB.doc, () => codeText(onB.doc)?.toString().startsWith('A\n'));
			codeText(onB.doc)!.insert(2, 'B\n');
			await waitFor(onA.doc, () => codeText(onA.doc)?.toString().startsWith('A\nB\n'), 5_000);
		});
	}
);
