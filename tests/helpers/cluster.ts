import * as Y from 'yjs';
import { io as ioClient, type Socket } from 'socket.io-client';
import { spawnApiServer, type SpawnedServer } from './spawnServer.js';
import { tempDataDir } from './startServer.js';
import { codeText } from './yclient.js';
import type { TestSchemas } from '../../server/testing/postgresTestSchemas.js';
import type { PresenceEntry, RoomSnapshot } from '../../src/lib/shared/protocol.js';

/** Where a cluster stores and fans out: one PostgreSQL URL and one Redis URL for every process. */
export interface ClusterServices {
	databaseUrl: string;
	redisUrl: string;
}

/**
 * N Pairboard processes (tests/helpers/apiServerProcess.ts) on one PostgreSQL and one Redis, each
 * with a data folder of its own (only the admin key file is there: everything else is in
 * PostgreSQL). `restart(i)` starts process i again on its old port, as a supervisor would.
 */
export class Cluster {
	private constructor(
		readonly services: ClusterServices,
		readonly servers: SpawnedServer[]
	) {}

	static async start(n: number, services: ClusterServices): Promise<Cluster> {
		// Together: migrations must be safe when several processes start at once.
		const servers = await Promise.all(Array.from({ length: n }, () => spawnApiServer({ env: envOf(services) })));
		return new Cluster(services, servers);
	}

	async restart(i: number): Promise<SpawnedServer> {
		const old = this.servers[i];
		await old.stop();
		this.servers[i] = await spawnApiServer({ port: old.port, dataDir: tempDataDir(), env: envOf(this.services) });
		return this.servers[i];
	}

	async stop(): Promise<void> {
		await Promise.all(this.servers.map((s) => s.stop()));
	}
}

function envOf(s: ClusterServices): Record<string, string> {
	return { PAIRBOARD_DATABASE_URL: s.databaseUrl, PAIRBOARD_REDIS_URL: s.redisUrl };
}

/** The test database's URL with a fresh schema as the search path of every connection. */
export async function freshSchemaUrl(schemas: TestSchemas, databaseUrl: string): Promise<string> {
	const schema = schemas.newName();
	await schemas.query(`CREATE SCHEMA ${schema}`);
	const url = new URL(databaseUrl);
	url.searchParams.set('options', `-c search_path=${schema}`);
	return url.toString();
}

export interface Health {
	status: number;
	body: { ok: boolean; database: { kind: string; ok: boolean }; bus: { kind: string; ok: boolean } };
}

export async function health(s: { url: string }): Promise<Health> {
	const res = await fetch(`${s.url}/api/health`);
	return { status: res.status, body: (await res.json()) as Health['body'] };
}

/**
 * Resolves with the first health answer that satisfies `check`, asking again after each answer
 * (an outage is noticed by the process on its own schedule: there is no event to wait on here).
 * A request that fails is asked again too: under load the client can reuse a keep-alive socket
 * the server has just closed (ECONNRESET), which says nothing about the process's health.
 */
export async function healthUntil(
	s: { url: string },
	check: (h: Health) => boolean,
	timeoutMs = 20_000
): Promise<Health> {
	const deadline = Date.now() + timeoutMs;
	let last: Health | Error | undefined;
	while (Date.now() < deadline) {
		last = await health(s).catch((err: Error) => err);
		if (!(last instanceof Error) && check(last)) return last;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`health never matched; last answer: ${last instanceof Error ? String(last) : JSON.stringify(last)}`);
}

/** The recording as the HTTP API streams it (NDJSON), read from one process. */
export async function recordingText(s: { url: string }, interviewId: string, token: string): Promise<string> {
	const res = await fetch(`${s.url}/api/interviews/${interviewId}/recording?token=${token}`);
	if (res.status !== 200) throw new Error(`recording: ${res.status} ${await res.text()}`);
	return res.text();
}

interface RecordingLine {
	seq: number;
	kind: 'yjs' | 'event';
	doc?: string;
	update?: string;
	type?: string;
}

export function parseRecording(ndjson: string): RecordingLine[] {
	return ndjson
		.split('\n')
		.filter((l) => l.trim() !== '')
		.map((l) => JSON.parse(l) as RecordingLine);
}

/** The code buffer a replay of the recording ends with: every stored update of the code document, in order. */
export function replayedCode(lines: RecordingLine[], problem = 'moving-average'): string {
	const doc = new Y.Doc();
	for (const l of lines) {
		if (l.kind === 'yjs' && l.doc === 'code') Y.applyUpdate(doc, Buffer.from(l.update!, 'base64'));
	}
	const text = codeText(doc, problem)?.toString() ?? '';
	doc.destroy();
	return text;
}

/** A Socket.IO client in a room: its socket, the snapshot it joined with, the presence it shows now. */
export interface RoomSocket {
	sock: Socket;
	snapshot: RoomSnapshot;
	presence(): PresenceEntry[];
	/** Resolves once the presence it shows satisfies `check`. */
	presenceUntil(check: (list: PresenceEntry[]) => boolean): Promise<void>;
}

/** A real Socket.IO client in the room (websocket transport, as the page's RoomClient). */
export function joinRoom(
	s: { url: string },
	interviewId: string,
	token: string,
	sockets: Socket[]
): Promise<RoomSocket> {
	const sock = ioClient(s.url, { path: '/socket.io', auth: { interviewId, token }, transports: ['websocket'] });
	sockets.push(sock);
	let presence: PresenceEntry[] = [];
	sock.on('presence:update', (list: PresenceEntry[]) => (presence = list));
	return new Promise((resolve, reject) => {
		sock.once('connect_error', reject);
		sock.once('room:snapshot', (snapshot: RoomSnapshot) => {
			presence = snapshot.presence;
			resolve({
				sock,
				snapshot,
				presence: () => presence,
				presenceUntil: (check) =>
					new Promise<void>((done) => {
						if (check(presence)) return done();
						const on = (list: PresenceEntry[]) => {
							if (!check(list)) return;
							sock.off('presence:update', on);
							done();
						};
						sock.on('presence:update', on);
					})
			});
		});
	});
}

/** Rejects with `message` unless `p` settles within `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	return Promise.race([
		p.finally(() => clearTimeout(timer)),
		new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))
	]);
}
