import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { io, type Socket } from 'socket.io-client';
import { requestJson } from '$lib/client/http';
import { openDocProvider } from './openDocProvider';
import { OfflineEdits, offlineDocName } from './OfflineEdits';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { emptyRoom, fromSnapshot, reduceRoom, type RoomState as FoldedRoom } from '$lib/shared/room/reduceRoom';
import { roomEvent, type CommittedRoomEvent, type RoomEvent } from '$lib/shared/room/roomEvents';
import {
	type Ack,
	type ClientToServerEvents,
	type PresenceEntry,
	type RunView,
	type ServerToClientEvents,
	type SessionView,
	type RunEnd,
	type RunStart,
	type RunOutput,
	type TestRunView,
	type TestsResult,
	type TestsStart,
	type TestSuite,
	type PrivateProblemView,
	type CandidateSignal,
	type FocusState
} from '$lib/shared/protocol';

const OUTPUT_CHUNK_CHARS = 60_000;
/** How long a request waits for the server's acknowledgement. */
const ACK_TIMEOUT_MS = 5_000;

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

export interface RoomState {
	connection: ConnectionState;
	/** Why the server refused us, in words (bad link, ended…). */
	refusal: string | null;
	synced: boolean;
	/** Edits of this person the server has not confirmed (made offline, kept in the browser). */
	unsynced: number;
	presence: PresenceEntry[];
	run: RunView | null;
	/** Latest test run per suite; `hidden` only ever arrives in an interviewer's page. */
	tests: Partial<Record<TestSuite, TestRunView>>;
	/** What happened last, so the pane can show it. */
	lastActivity: 'run' | TestSuite | null;
	endedAt: number | null;
	/** SIG-2: the candidate's pastes and focus changes; only ever arrives in an interviewer's page. */
	signals: CandidateSignal[];
}

type Listener = (s: RoomState) => void;

const roomPath = (interviewId: string, what: string, token: string) =>
	`/api/interviews/${encodeURIComponent(interviewId)}/${what}?token=${encodeURIComponent(token)}`;

export function fetchSession(interviewId: string, token: string): Promise<SessionView> {
	return requestJson(roomPath(interviewId, 'session', token));
}

/** Take-home: the candidate starts the clock; answers with the new session. */
export function startTakeHome(interviewId: string, token: string): Promise<SessionView> {
	return requestJson(roomPath(interviewId, 'start', token), { method: 'POST' });
}

/** CONSENT-2: the candidate accepts the recording notice; answers with the new session. */
export function acceptRecording(interviewId: string, token: string): Promise<SessionView> {
	return requestJson(roomPath(interviewId, 'consent', token), { method: 'POST' });
}

/**
 * One participant's live connection to a room: the code document over the Yjs socket and
 * room events over Socket.IO. Components read `state` and call methods; they never touch
 * the sockets themselves.
 */
export class RoomClient {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	private listeners = new Set<Listener>();
	private everConnected = false;
	private ydocConnected = false;
	private state: RoomState = {
		connection: 'connecting',
		refusal: null,
		synced: false,
		unsynced: 0,
		presence: [],
		run: null,
		tests: {},
		lastActivity: null,
		endedAt: null,
		signals: []
	};
	private focusState: FocusState = 'visible';
	/** The browser's copy of the code document; only for people who edit, and not once it ended. */
	private readonly offline: OfflineEdits | null;
	/** Runs, tests and the end, as the shared reducer folds the room's events. */
	private folded: FoldedRoom;

	constructor(
		readonly session: SessionView,
		private readonly token: string
	) {
		this.state.endedAt = session.interview.endedAt;
		this.folded = { ...emptyRoom([session.me]), endedAt: session.interview.endedAt };
		this.provider = openDocProvider(session, token, 'code', this.doc, (refusal) => this.set({ refusal }));
		this.provider.on('status', ({ status }: { status: string }) => {
			this.ydocConnected = status === 'connected';
			if (this.ydocConnected) this.everConnected = true;
			this.refresh();
		});
		this.provider.on('sync', (synced: boolean) => {
			this.set({ synced });
			this.confirmOffline();
		});
		this.offline =
			session.can.edit && session.interview.endedAt === null
				? new OfflineEdits(
						this.doc,
						offlineDocName(session.interview.id, session.me.id),
						{
							live: () => this.ydocConnected && this.state.synced && navigator.onLine,
							isRemote: (origin) => origin === this.provider,
							flush: () => this.flushEdits()
						},
						(unsynced) => this.set({ unsynced })
					)
				: null;

		this.socket = io({
			path: '/socket.io',
			auth: { interviewId: session.interview.id, token },
			transports: ['websocket']
		});
		this.socket.on('connect', () => this.refresh());
		this.socket.on('disconnect', () => this.refresh());
		this.socket.on('connect_error', (err) => {
			if (/^(unauthorized|not_found|too_many)/.test(err.message))
				this.set({ refusal: err.message.replace(/^\w+: /, '') });
			this.refresh();
		});
		this.socket.on('room:snapshot', (snap) => {
			this.folded = fromSnapshot(snap, session.me);
			this.set({ presence: snap.presence, ...this.shown(this.state.lastActivity) });
		});
		this.socket.on('presence:update', (presence) => this.set({ presence }));
		this.socket.on('room:event', (e) => this.fold(e));
		this.socket.on('interview:deleted', (e) => this.set({ refusal: e.reason }));
		this.socket.on('link:revoked', (e) => this.set({ refusal: e.reason }));
		this.socket.on('candidate:signal', (sig) => this.set({ signals: [...this.state.signals, sig] }));
		if (session.me.role === 'candidate') {
			document.addEventListener('visibilitychange', this.onFocusChange);
			window.addEventListener('blur', this.onFocusChange);
			window.addEventListener('focus', this.onFocusChange);
		}
		window.addEventListener('online', this.refresh);
		window.addEventListener('offline', this.refresh);
	}

	/** SIG-1: the candidate's page tells the room when it loses or regains focus (recorded, shown to interviewers). */
	private onFocusChange = (): void => {
		const state: FocusState = document.visibilityState === 'hidden' || !document.hasFocus() ? 'hidden' : 'visible';
		if (state === this.focusState) return;
		this.focusState = state;
		this.socket.emit('signal:focus', { state });
	};

	/** Connected and synced again: the kept edits went out; the server confirms them. */
	private confirmOffline(): void {
		if (!this.offline || !this.state.synced || !this.ydocConnected || !navigator.onLine) return;
		this.offline.confirm().catch(() => undefined); // still counted; the next sync tries again
	}

	private refresh = (): void => {
		let connection: ConnectionState;
		if (this.state.refusal) connection = 'refused';
		else if (!navigator.onLine) connection = 'offline';
		else if (this.ydocConnected && this.socket.connected) connection = 'connected';
		else connection = this.everConnected ? 'reconnecting' : 'connecting';
		this.set({ connection });
		if (connection === 'connected') this.confirmOffline();
	};

	private set(patch: Partial<RoomState>): void {
		this.state = { ...this.state, ...patch };
		if (patch.refusal) this.state.connection = 'refused';
		for (const l of this.listeners) l(this.state);
	}

	subscribe(fn: Listener): () => void {
		this.listeners.add(fn);
		fn(this.state);
		return () => this.listeners.delete(fn);
	}

	get current(): RoomState {
		return this.state;
	}

	/** Folds one event, the server's or this page's own, with the room's shared reducer. */
	private fold(e: RoomEvent & { t: number }): void {
		this.folded = reduceRoom(this.folded, e);
		this.set(this.shown(this.folded.lastActivity));
		if (e.type === 'interview:end') void this.offline?.forget().catch(() => undefined);
	}

	private shown(lastActivity: RoomState['lastActivity']): Partial<RoomState> {
		const f = this.folded;
		return { run: f.run, tests: f.tests, endedAt: f.endedAt, lastActivity };
	}

	/** A request the server acknowledges; a refusal or silence becomes an Error in words. */
	private async ask(event: 'run:start' | 'tests:start' | 'interview:end', payload: unknown): Promise<void> {
		let reply: Parameters<Ack>[0];
		try {
			reply = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload as never);
		} catch {
			throw new Error('The server did not answer');
		}
		if (!reply.ok) throw new Error(reply.error);
	}

	/** Announces a local run to the room; resolves with the server's view of it. */
	async startRun(start: RunStart): Promise<RunView> {
		// Listen first: the server relays the start before it acknowledges it.
		let onEvent!: (e: CommittedRoomEvent) => void;
		const started = new Promise<void>((resolve) => {
			onEvent = (e) => {
				if (e.type === 'run:start' && e.data.runId === start.runId) resolve();
			};
			this.socket.on('room:event', onEvent);
		});
		try {
			await this.ask('run:start', start);
			await started;
		} finally {
			this.socket.off('room:event', onEvent);
		}
		const run = this.folded.run;
		if (!run || run.runId !== start.runId) throw new Error('Another run started at the same moment');
		return run;
	}

	/** Local output: shown at once here, relayed to the room. */
	reportOutput(out: RunOutput): void {
		const me = this.session.me.id;
		this.fold({ ...roomEvent('run:output', me, { ...out, truncated: false }), t: Date.now() });
		// Payloads are capped at 64 KiB of text; one print() can be larger.
		for (let i = 0; i < out.text.length; i += OUTPUT_CHUNK_CHARS) {
			this.socket.emit('run:output', { ...out, text: out.text.slice(i, i + OUTPUT_CHUNK_CHARS) });
		}
	}

	reportEnd(end: RunEnd): void {
		this.fold({ ...roomEvent('run:end', this.session.me.id, end), t: Date.now() });
		this.socket.emit('run:end', end);
	}

	/** Announces a local test run; resolves once the server accepted it. */
	startTests(start: TestsStart): Promise<void> {
		return this.ask('tests:start', start);
	}

	reportTests(result: TestsResult): void {
		this.socket.emit('tests:result', result);
	}

	/** Interviewer material (solutions, hidden tests, notes). The server refuses anyone else. */
	async fetchPrivate(): Promise<PrivateProblemView[]> {
		const body = await requestJson<{ problems: PrivateProblemView[] }>(
			roomPath(this.session.interview.id, 'private', this.token)
		);
		return body.problems;
	}

	/**
	 * Resolves once the server has handled every edit this page sent: it answers a sync step 1
	 * after the messages before it, in order. Used before ending, so the last keystrokes count.
	 */
	flushEdits(timeoutMs = 5000): Promise<void> {
		const ws = this.provider.ws;
		if (!ws || ws.readyState !== WebSocket.OPEN)
			return Promise.reject(new Error('Not connected: your last edits are not saved yet'));
		return new Promise((resolve, reject) => {
			const timer = setTimeout(
				() => (ws.removeEventListener('message', onMessage), reject(new Error('The server did not answer'))),
				timeoutMs
			);
			const onMessage = (e: MessageEvent) => {
				const d = new Uint8Array(e.data as ArrayBuffer);
				if (d[0] !== 0 || d[1] !== 1) return; // sync step 2
				clearTimeout(timer);
				ws.removeEventListener('message', onMessage);
				resolve();
			};
			ws.addEventListener('message', onMessage);
			const enc = encoding.createEncoder();
			encoding.writeVarUint(enc, 0);
			syncProtocol.writeSyncStep1(enc, this.doc);
			ws.send(encoding.toUint8Array(enc));
		});
	}

	async endInterview(): Promise<void> {
		await this.flushEdits();
		await this.ask('interview:end', {});
	}

	destroy(): void {
		document.removeEventListener('visibilitychange', this.onFocusChange);
		window.removeEventListener('blur', this.onFocusChange);
		window.removeEventListener('focus', this.onFocusChange);
		window.removeEventListener('online', this.refresh);
		window.removeEventListener('offline', this.refresh);
		this.offline?.destroy();
		this.provider.destroy();
		this.socket.close();
		this.doc.destroy();
	}
}
