import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type { z } from 'zod';
import {
	MAX_MESSAGE_BYTES,
	RunEndSchema,
	RunOutputSchema,
	RunStartSchema,
	TestsResultSchema,
	TestsStartSchema,
	FocusSignalSchema,
	type Ack,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '../../src/lib/shared/protocol.js';
import { describeZodError } from '../../src/lib/shared/api.js';
import { DomainError } from '../domain/errors.js';
import type { InterviewService, Participant } from '../domain/InterviewService.js';
import type { RoomActivity } from '../domain/RoomActivity.js';
import { can } from '../../src/lib/shared/permissions.js';
import { audienceOf, type CommittedRoomEvent } from '../../src/lib/shared/room/roomEvents.js';
import type { CandidateSignals } from '../domain/CandidateSignals.js';
import type { InterviewDeletion } from '../domain/InterviewDeletion.js';
import type { ConnectionQuota } from '../domain/ConnectionQuota.js';
import type { FailedCredentialLimiter } from './rateLimit/FailedCredentialLimiter.js';
import { guardHandshake } from './rateLimit/guardHandshake.js';
import { clientAddress } from './rateLimit/clientAddress.js';
import type { AddressSockets } from './rateLimit/AddressSockets.js';
import { LINK_REPLACED_REASON } from '../../src/lib/shared/organizer.js';

interface SocketData {
	p: Participant;
	/** LIMIT-1: gives the participant's connection back to the quota. */
	release: () => void;
}

type RoomSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * Room events over Socket.IO: presence, runs, ending the interview. Each handler validates
 * its payload, calls one domain method and answers through the ack.
 */
export function attachSocketIo(
	httpServer: HttpServer,
	deps: {
		interviews: InterviewService;
		activity: RoomActivity;
		quota: ConnectionQuota;
		credentials: FailedCredentialLimiter;
		addressSockets: AddressSockets;
		trustProxy?: boolean;
		signals?: CandidateSignals;
		deletion?: InterviewDeletion;
		/** Socket.IO's Redis adapter when several processes serve the rooms (issue 13). */
		adapter?: ServerOptions['adapter'];
	}
) {
	const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, {
		path: '/socket.io',
		serveClient: false,
		maxHttpBufferSize: MAX_MESSAGE_BYTES,
		// Leaves /yjs/ upgrades alone (the default would close them after a second).
		destroyUpgrade: false,
		// LIMIT-8, for new sessions (polling or WebSocket); engine.io answers a refusal with 403 and
		// the reason as its JSON `message` (400 on a WebSocket upgrade).
		allowRequest: (req, answer) => {
			const admission = deps.addressSockets.admit(clientAddress(req, deps.trustProxy ?? false));
			answer(admission.ok ? null : admission.reason, admission.ok);
		},
		...(deps.adapter ? { adapter: deps.adapter } : {})
	});

	io.engine.on('connection', (raw: { request: IncomingMessage; once(e: 'close', f: () => void): void }) => {
		raw.once('close', deps.addressSockets.hold(clientAddress(raw.request, deps.trustProxy ?? false)));
	});

	io.use(async (socket, next) => {
		const { interviewId, token } = (socket.handshake.auth ?? {}) as { interviewId?: unknown; token?: unknown };
		if (typeof interviewId !== 'string' || typeof token !== 'string') {
			return next(new Error('unauthorized: interviewId and token are required'));
		}
		try {
			socket.data.p = await guardHandshake(deps.credentials, socket.request, deps.trustProxy ?? false, () =>
				deps.interviews.authenticate(interviewId, token)
			);
			deps.interviews.assertMayEnterRoom(socket.data.p);
			socket.data.release = deps.quota.acquire(socket.data.p.participant.id, 'socket');
			next();
		} catch (err) {
			next(new Error(err instanceof DomainError ? `${err.code}: ${err.message}` : 'server error'));
		}
	});

	/** The Socket.IO room a committed event goes to (PRIV-2: hidden test runs, interviewers only). */
	const audience = (interviewId: string, e: CommittedRoomEvent) =>
		audienceOf(e) === 'interviewers' ? interviewersOf(interviewId) : interviewId;
	// Events the server causes itself (an interview's end), recorded by the domain.
	const stopListening = deps.activity.onServerEvent((interviewId, e) =>
		io.to(audience(interviewId, e)).emit('room:event', e)
	);

	// SIG-2: candidate signals go to the interviewers' room only.
	const stopSignals = deps.signals?.onSignal((interviewId, signal) =>
		io.to(interviewersOf(interviewId)).emit('candidate:signal', signal)
	);
	// DEL-1: live rooms of a deleted interview are told why, then closed.
	const stopDeletion = deps.deletion?.onDeleting((interviewId, reason) => {
		io.to(interviewId).emit('interview:deleted', { reason });
		io.in(interviewId).disconnectSockets(true);
		deps.activity.forget(interviewId);
	});

	// ORG-3: a replaced link's sockets are told why, then closed (on every process, through the adapter).
	// Each process tells its own sockets (io.local): its list already holds the other processes' people.
	const stopPresence = deps.activity.onPresenceChanged((interviewId) =>
		io.local.to(interviewId).emit('presence:update', deps.activity.presence(interviewId))
	);
	const stopRenewals = deps.interviews.onLinkRenewed((_interviewId, participantId) => {
		io.to(participantRoom(participantId)).emit('link:revoked', { reason: LINK_REPLACED_REASON });
		io.in(participantRoom(participantId)).disconnectSockets(true);
	});

	io.on('connection', (socket: RoomSocket) => {
		const p = socket.data.p;
		const room = p.interview.id;
		// Joined at once, so a renewal from now on reaches this socket; one made since the handshake
		// is caught by the check below.
		void socket.join(participantRoom(p.participant.id));
		const ended = async () => deps.interviews.isOver(await deps.interviews.requireInterview(room));

		const relay = (e: CommittedRoomEvent | null) => {
			if (e) io.to(audience(room, e)).emit('room:event', e);
		};
		// The runner shows its own output and end as they happen; the others get them once stored.
		const relayToOthers = (e: CommittedRoomEvent | null) => {
			if (e) socket.to(audience(room, e)).emit('room:event', e);
		};
		on(socket, 'run:start', RunStartSchema, async (start) =>
			relay(await deps.activity.startRun(p, await ended(), start))
		);
		on(socket, 'run:output', RunOutputSchema, async (out) =>
			relayToOthers(await deps.activity.appendOutput(p, await ended(), out))
		);
		on(socket, 'run:end', RunEndSchema, async (end) =>
			relayToOthers(await deps.activity.endRun(p, await ended(), end))
		);
		on(socket, 'tests:start', TestsStartSchema, async (start) =>
			relay(await deps.activity.startTests(p, await ended(), start))
		);
		on(socket, 'tests:result', TestsResultSchema, async (result) => relay(await deps.activity.endTests(p, result)));
		on(socket, 'signal:focus', FocusSignalSchema, async ({ state }) => {
			if (!deps.signals) throw new DomainError('conflict', 'Signals are not recorded here');
			await deps.signals.focus(p, state);
		});
		socket.on('interview:end', async (_payload, ack) => {
			try {
				await deps.interviews.end(p);
				reply(ack, { ok: true });
			} catch (err) {
				reply(ack, { ok: false, error: messageOf(err) });
			}
		});

		// Handlers first, so that nothing the client sends right after connecting is missed.
		/** False when the socket was closed before joining (its link had been replaced). */
		const joined = (async () => {
			if (!(await deps.interviews.stillHolds(p))) {
				socket.emit('link:revoked', { reason: LINK_REPLACED_REASON });
				socket.disconnect(true);
				return false;
			}
			await socket.join(room);
			await deps.activity.join(p);
			const fresh = await deps.interviews.requireInterview(room);
			if (can(p.participant.role, 'seeHiddenTests')) await socket.join(interviewersOf(room));
			socket.emit('room:snapshot', deps.activity.snapshot(room, fresh.endedAt, p.participant.role));
			return true;
		})().catch((err) => {
			console.error('[pairboard] join failed:', err);
			return true;
		});

		socket.on('disconnect', async () => {
			socket.data.release();
			if (!(await joined)) return;
			await deps.activity.leave(p);
		});
	});

	return {
		io,
		close: async () => {
			stopListening();
			stopPresence();
			stopSignals?.();
			stopDeletion?.();
			stopRenewals();
			await io.close();
		}
	};
}

/** The Socket.IO room of one participant's sockets (every tab, on every process). */
function participantRoom(participantId: string): string {
	return `participant#${participantId}`;
}

/** The Socket.IO room of an interview's interviewers. */
function interviewersOf(interviewId: string): string {
	return `${interviewId}#interviewers`;
}

function on<T>(
	socket: RoomSocket,
	event: 'run:start' | 'run:output' | 'run:end' | 'tests:start' | 'tests:result' | 'signal:focus',
	schema: z.ZodType<T>,
	handler: (payload: T) => Promise<void>
): void {
	(socket.on as (e: string, h: (payload: unknown, ack?: Ack) => void) => void)(event, async (payload, ack) => {
		const parsed = schema.safeParse(payload);
		if (!parsed.success) return reply(ack, { ok: false, error: describeZodError(parsed.error).message });
		try {
			await handler(parsed.data);
			reply(ack, { ok: true });
		} catch (err) {
			reply(ack, { ok: false, error: messageOf(err) });
		}
	});
}

function reply(ack: unknown, value: Parameters<Ack>[0]): void {
	if (typeof ack === 'function') ack(value);
}

function messageOf(err: unknown): string {
	if (err instanceof DomainError) return err.message;
	console.error('[pairboard] socket handler error:', err);
	return 'Server error';
}
