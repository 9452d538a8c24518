/**
 * Issue 13: what a cluster of real Pairboard processes does when a part fails: kill -9 of one
 * process, Redis stopped and restarted, PostgreSQL stopped and restarted. Outages are made on a
 * Redis or a PostgreSQL of the test's own (tests/helpers/ownRedis.ts, ownPostgres.ts), so the
 * other test files running meanwhile never notice.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createInterview } from '../helpers/startServer.js';
import { codeText, connectY, waitClosed, waitFor, waitSynced, type YClient } from '../helpers/yclient.js';
import {
	Cluster,
	freshSchemaUrl,
	healthUntil,
	parseRecording,
	recordingText,
	replayedCode
} from '../helpers/cluster.js';
import { converged, Typist } from '../helpers/typist.js';
import { OwnRedis } from '../helpers/ownRedis.js';
import { OwnPostgres } from '../helpers/ownPostgres.js';
import {
	failUnderCiWithoutServices,
	HAVE_SERVICES,
	NEEDS_SERVICES,
	TEST_REDIS_URL
} from '../helpers/scaleOutServices.js';
import { TEST_DATABASE_URL, TestSchemas } from '../../server/testing/postgresTestSchemas.js';
import { CLOSE } from '../../src/lib/shared/protocol.js';

/** Spawning servers (and a PostgreSQL cluster) on a busy two-core machine takes a while. */
const OUTAGE_TEST_MS = 180_000;

failUnderCiWithoutServices('The scale-out failure tests');

describe.skipIf(!HAVE_SERVICES)(`failures in a cluster (${NEEDS_SERVICES})`, () => {
	const schemas = new TestSchemas(TEST_DATABASE_URL ?? '');
	const clusters: Cluster[] = [];
	const yclients: YClient[] = [];
	const typists: Typist[] = [];
	const services: { stop(): Promise<void> }[] = [];

	afterEach(async () => {
		for (const t of typists.splice(0)) t.stop();
		for (const c of yclients.splice(0)) c.destroy();
		for (const c of clusters.splice(0)) await c.stop();
		for (const s of services.splice(0)) await s.stop();
	});
	afterAll(() => schemas.dropAll());

	async function cluster(n: number, svc: { databaseUrl?: string; redisUrl?: string } = {}): Promise<Cluster> {
		const c = await Cluster.start(n, {
			databaseUrl: svc.databaseUrl ?? (await freshSchemaUrl(schemas, TEST_DATABASE_URL!)),
			redisUrl: svc.redisUrl ?? TEST_REDIS_URL!
		});
		clusters.push(c);
		return c;
	}
	const y = (s: { wsUrl: string }, interviewId: string, token: string, doc?: YClient['doc']): YClient => {
		const c = connectY(s.wsUrl, interviewId, token, 'code', doc);
		yclients.push(c);
		return c;
	};
	const typist = (c: YClient, label: string) => {
		const t = new Typist(c.doc, label);
		typists.push(t);
		return t;
	};
	const text = (c: YClient) => codeText(c.doc)?.toString() ?? '';

	it(
		'kill -9 of a process: its client reconnects to another and loses nothing the dead one acknowledged; restarted, it rejoins',
		async () => {
			const cl = await cluster(2);
			const [a, b] = cl.servers;
			const iv = await createInterview(a);
			const writer = y(a, iv.id, iv.candidate);
			const reader = y(b, iv.id, iv.interviewer);
			await Promise.all([waitSynced(writer), waitSynced(reader)]);
			await waitFor([writer.doc, reader.doc], () => codeText(writer.doc) && text(writer) === text(reader));

			// Acknowledged: stored by A, so relayed to B (stored before broadcast).
			const t = typist(writer, 'w');
			for (let i = 0; i < 10; i++) t.typeOne();
			await waitFor(reader.doc, () => text(reader).includes(t.typed.at(-1)!));
			const acknowledged = text(reader);
			// Typed just before the crash: A may or may not have stored these; the client still has them.
			for (let i = 0; i < 5; i++) t.typeOne();
			await a.kill9();

			// The load balancer sends the tab to B: the same document, a new connection.
			writer.provider.destroy();
			const moved = y(b, iv.id, iv.candidate, writer.doc);
			await waitSynced(moved);
			for (let i = 0; i < 5; i++) t.typeOne();
			const final = await converged([moved.doc, reader.doc], [t]);
			expect(final.startsWith(acknowledged)).toBe(true);
			expect(replayedCode(parseRecording(await recordingText(b, iv.id, iv.interviewer)))).toBe(final);

			// A comes back on its port: it serves the room again, from what B stored, and relays.
			const a2 = await cl.restart(0);
			const back = y(a2, iv.id, iv.interviewer2!);
			await waitSynced(back);
			await waitFor(back.doc, () => text(back) === final);
			const t2 = typist(back, 'r');
			t2.typeOne();
			await converged([back.doc, moved.doc, reader.doc], [t, t2]);
		},
		OUTAGE_TEST_MS
	);

	it(
		'Redis stopped and restarted mid-typing: /api/health says the bus is down (503) meanwhile; once it is back no two clients stay divergent',
		async () => {
			const redis = await OwnRedis.start();
			services.push(redis);
			const cl = await cluster(2, { redisUrl: redis.url });
			const [a, b] = cl.servers;
			const iv = await createInterview(a);
			const onA = y(a, iv.id, iv.candidate);
			const onB = y(b, iv.id, iv.interviewer);
			await Promise.all([waitSynced(onA), waitSynced(onB)]);
			// Typing from the first moment is scaleOutCluster.test.ts's; this one is about the outage.
			await waitFor([onA.doc, onB.doc], () => codeText(onA.doc) && text(onA) === text(onB));
			const ta = typist(onA, 'a').start();
			const tb = typist(onB, 'b').start();
			await Promise.all([ta.typedMore(10), tb.typedMore(10)]);
			await converged([onA.doc, onB.doc], [ta, tb]);

			await redis.stop();
			for (const s of [a, b]) {
				const h = await healthUntil(s, (h) => !h.body.bus.ok);
				expect(h).toMatchObject({ status: 503, body: { ok: false, bus: { kind: 'redis', ok: false } } });
			}
			// Both keep serving their own clients (and storing) while the processes cannot talk.
			await Promise.all([ta.typedMore(15), tb.typedMore(15)]);

			await redis.restart();
			for (const s of [a, b]) await healthUntil(s, (h) => h.status === 200 && h.body.bus.ok);
			await Promise.all([ta.typedMore(10), tb.typedMore(10)]);
			ta.stop();
			tb.stop();
			const final = await converged([onA.doc, onB.doc], [ta, tb]);
			// And a client opening the room now, on either process, gets the same text.
			for (const s of [a, b]) {
				const fresh = y(s, iv.id, iv.interviewer2!);
				await waitSynced(fresh);
				await waitFor(fresh.doc, () => text(fresh) === final);
			}
			expect(replayedCode(parseRecording(await recordingText(b, iv.id, iv.interviewer)))).toBe(final);
		},
		OUTAGE_TEST_MS
	);

	it(
		'PostgreSQL stopped: an edit is refused with 4500 and never reaches the other process, joining is refused with 4500; once it is back the client sends it again and the recording has it',
		async () => {
			const pg = await OwnPostgres.start();
			services.push({ stop: () => pg.destroy() });
			const cl = await cluster(2, { databaseUrl: pg.url });
			const [a, b] = cl.servers;
			const iv = await createInterview(a);
			const writer = y(a, iv.id, iv.candidate);
			const reader = y(b, iv.id, iv.interviewer);
			await Promise.all([waitSynced(writer), waitSynced(reader)]);
			await waitFor([writer.doc, reader.doc], () => codeText(writer.doc) && text(writer) === text(reader));
			codeText(writer.doc)!.insert(0, '# stored\n');
			await waitFor(reader.doc, () => text(reader).startsWith('# stored\n'));

			await pg.stop();
			let down = true;
			let seenWhileDown = false;
			reader.doc.on('update', () => (seenWhileDown ||= down && text(reader).includes('# while down')));
			await healthUntil(a, (h) => !h.body.database.ok);

			codeText(writer.doc)!.insert(0, '# while down\n');
			expect((await waitClosed(writer)).code).toBe(CLOSE.SERVER_ERROR);
			const joiner = y(a, iv.id, iv.interviewer2!);
			expect((await waitClosed(joiner)).code).toBe(CLOSE.SERVER_ERROR);
			expect(text(reader)).not.toContain('# while down');

			// Down ends as the restart begins: PostgreSQL accepts connections (and the edit may be
			// stored and relayed) a moment before `pg_ctl -w` notices and returns.
			down = false;
			await pg.restart();
			// The stock provider reconnects by itself and sends what the server lacks.
			await waitFor(reader.doc, () => text(reader).startsWith('# while down\n# stored\n'), 20_000);
			expect(seenWhileDown).toBe(false);
			const final = await waitFor([writer.doc, reader.doc], () => text(writer) === text(reader) && text(writer));
			for (const s of [a, b]) {
				expect(replayedCode(parseRecording(await recordingText(s, iv.id, iv.interviewer)))).toBe(final);
			}
		},
		OUTAGE_TEST_MS
	);
});
