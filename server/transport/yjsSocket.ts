import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import { CLOSE, DOC_NAMES, MAX_MESSAGE_BYTES, type DocName } from '../../src/lib/shared/protocol.js';
import { DomainError } from '../domain/errors.js';
import type { RoomConnection } from '../domain/DocRoom.js';
import { toView, type InterviewService } from '../domain/InterviewService.js';
import type { RoomRegistry } from '../domain/RoomRegistry.js';
import type { ConnectionQuota } from '../domain/ConnectionQuota.js';
import type { RefusalStrikes } from '../domain/RefusalStrikes.js';
import type { FailedCredentialLimiter } from './rateLimit/FailedCredentialLimiter.js';
import { guardHandshake } from './rateLimit/guardHandshake.js';
import { clientAddress } from './rateLimit/clientAddress.js';
import type { AddressSockets } from './rateLimit/AddressSockets.js';
import { LINK_REPLACED_REASON } from '../../src/lib/shared/organizer.js';

const PATH = /^\/yjs\/([^/]+)\/([^/]+)$/;
/** LIMIT-3: bytes waiting for a slow or stalled reader before its connection is dropped. */
export const MAX_UNREAD_BYTES = 16 * 1024 * 1024;
/** Closes a connection whose peer stopped answering pings (half-open TCP). */
export const PING_INTERVAL_MS = 30_000;

const CLOSE_FOR: Record<DomainError['code'], number> = {
	unauthorized: CLOSE.UNAUTHORIZED,
	forbidden: CLOSE.FORBIDDEN,
	not_found: CLOSE.NOT_FOUND,
	invalid: CLOSE.MALFORMED,
	conflict: CLOSE.MALFORMED,
	too_many: CLOSE.TOO_MANY
};

/**
 * `/yjs/{interviewId}/{doc}?token=T`, speaking the y-websocket protocol. The upgrade is always
 * accepted so that a refusal can carry a close code and a reason the page can show.
 */
export function createYjsSocket(deps: {
	interviews: InterviewService;
	rooms: RoomRegistry;
	quota: ConnectionQuota;
	strikes: RefusalStrikes;
	credentials: FailedCredentialLimiter;
	addressSockets: AddressSockets;
	trustProxy?: boolean;
}) {
	const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
	const sockets = new Set<WebSocket>();

	const ping = setInterval(() => {
		for (const ws of sockets) {
			const alive = (ws as WebSocket & { alive?: boolean }).alive;
			if (alive === false) ws.terminate();
			else {
				(ws as WebSocket & { alive?: boolean }).alive = false;
				ws.ping();
			}
		}
	}, PING_INTERVAL_MS);
	ping.unref();

	function handles(req: IncomingMessage): boolean {
		return (req.url ?? '').startsWith('/yjs/');
	}

	function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		// LIMIT-8: refused before the handshake, which is the cost a flood of openings aims at.
		const address = clientAddress(req, deps.trustProxy ?? false);
		const admission = deps.addressSockets.admit(address);
		if (!admission.ok) return refuseUpgrade(socket, admission.retryAfterS, admission.reason);
		socket.once('close', deps.addressSockets.hold(address));
		wss.handleUpgrade(req, socket, head, (ws) => void accept(ws, req));
	}

	async function accept(ws: WebSocket, req: IncomingMessage): Promise<void> {
		sockets.add(ws);
		ws.on('close', () => sockets.delete(ws));
		ws.on('pong', () => ((ws as WebSocket & { alive?: boolean }).alive = true));
		// Frames that arrive while we authenticate and load are kept, in order.
		const early: RawData[] = [];
		const collect = (d: RawData) => early.push(d);
		ws.on('message', collect);
		ws.on('error', () => ws.terminate());

		const url = new URL(req.url ?? '/', 'http://localhost');
		const m = url.pathname.match(PATH);
		if (!m || !(DOC_NAMES as readonly string[]).includes(m[2])) {
			ws.close(CLOSE.NOT_FOUND, 'Unknown document: use /yjs/{interviewId}/code or /canvas');
			return;
		}
		const interviewId = decodePathPart(m[1]);
		if (interviewId === null) {
			ws.close(CLOSE.MALFORMED, 'Malformed interview id in the path (a bad percent-escape)');
			return;
		}
		const docName = m[2] as DocName;
		let participant;
		let release: () => void;
		try {
			// The query's token is what browsers can send; tools may use the header instead.
			const token = url.searchParams.get('token') ?? bearerToken(req);
			participant = await guardHandshake(deps.credentials, req, deps.trustProxy ?? false, () =>
				deps.interviews.authenticate(interviewId, token)
			);
			deps.interviews.assertMayEnterRoom(participant);
			const waitMs = deps.strikes.blockedForMs(participant.participant.id);
			if (waitMs > 0) {
				ws.close(CLOSE.TOO_MANY, `Too many refused updates from this link; try again in ${Math.ceil(waitMs / 1000)} s`);
				return;
			}
			release = deps.quota.acquire(participant.participant.id, docName);
		} catch (err) {
			if (err instanceof DomainError) ws.close(CLOSE_FOR[err.code], err.message.slice(0, 120));
			else ws.close(CLOSE.SERVER_ERROR, 'Server error');
			return;
		}

		ws.on('close', release);
		const conn: RoomConnection = {
			id: randomUUID(),
			participant: toView(participant.participant),
			send(message) {
				if (ws.readyState !== ws.OPEN) return;
				ws.send(message);
				// LIMIT-3: a peer that does not read would make the server hold everything sent to it.
				if (ws.bufferedAmount > MAX_UNREAD_BYTES) ws.terminate();
			},
			close(code, reason) {
				if (code === CLOSE.UPDATE_REJECTED) deps.strikes.record(participant.participant.id);
				ws.close(code, reason);
				// A peer that has not read what is queued would not read the close frame either.
				if (ws.bufferedAmount > MAX_UNREAD_BYTES / 16) ws.terminate();
			}
		};
		let room;
		try {
			room = await deps.rooms.open(participant, docName);
			await room.join(conn);
		} catch (err) {
			console.error('[pairboard] could not open room:', err);
			ws.close(CLOSE.SERVER_ERROR, 'The document could not be loaded');
			return;
		}
		// ORG-3: a renewal made since the token was checked would have missed this connection.
		if (ws.readyState !== ws.OPEN || !(await deps.interviews.stillHolds(participant))) {
			if (ws.readyState === ws.OPEN) ws.close(CLOSE.UNAUTHORIZED, LINK_REPLACED_REASON);
			room.leave(conn);
			return;
		}
		const joined = room;
		ws.off('message', collect);
		const onMessage = (data: RawData, isBinary: boolean) => {
			if (!isBinary) {
				ws.close(CLOSE.MALFORMED, 'Malformed message: text frames are not part of the protocol');
				return;
			}
			void joined.receive(conn, toBytes(data));
		};
		for (const d of early) onMessage(d, true);
		ws.on('message', onMessage);
		ws.on('close', () => joined.leave(conn));
	}

	function close(): void {
		clearInterval(ping);
		for (const ws of sockets) ws.terminate();
		wss.close();
	}

	return { handles, upgrade, close, sockets };
}

/** An HTTP answer on the raw socket: a WebSocket client reports the status, curl shows all of it. */
function refuseUpgrade(socket: Duplex, retryAfterS: number, reason: string): void {
	socket.on('error', () => undefined);
	const body = `${reason}\n`;
	socket.end(
		'HTTP/1.1 429 Too Many Requests\r\n' +
			`Retry-After: ${retryAfterS}\r\n` +
			'Content-Type: text/plain; charset=utf-8\r\n' +
			`Content-Length: ${Buffer.byteLength(body)}\r\n` +
			'Connection: close\r\n\r\n' +
			body
	);
}

/** A path segment, percent-decoded; null when its escapes are malformed. */
function decodePathPart(part: string): string | null {
	try {
		return decodeURIComponent(part);
	} catch {
		return null;
	}
}

function bearerToken(req: IncomingMessage): string | null {
	const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
	return m ? m[1] : null;
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
