/**
 * Hostile clients for bench/attacks.ts: each one loops on its attack, against rooms of its own,
 * until stopped, reconnecting whenever the server closes it. They speak the y-websocket wire
 * format directly, as a modified client would.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { sleep } from '../sync/log.js';
import { scatteredInserts } from '../../server/testing/scatteredInserts.js';

export interface AttackRoom {
	id: string;
	candidate: string;
	interviewer: string;
}

export interface AttackContext {
	wsUrl: string;
	/** A fresh interview (consent given) for the attacker. */
	newRoom(): Promise<AttackRoom>;
}

export interface Attack {
	name: string;
	what: string;
	/** Prepares (unmeasured), then starts the attack; the returned function stops it. */
	start(ctx: AttackContext): Promise<{ stop(): Promise<{ sent: number; closes: Record<string, number> }> }>;
}

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

function syncUpdate(update: Uint8Array): Uint8Array {
	return encoding.encode((enc) => {
		encoding.writeVarUint(enc, MESSAGE_SYNC);
		syncProtocol.writeUpdate(enc, update);
	});
}

function open(ctx: AttackContext, room: AttackRoom, token: string, doc = 'code'): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${ctx.wsUrl}/yjs/${room.id}/${doc}?token=${token}`);
		ws.binaryType = 'arraybuffer';
		ws.once('open', () => resolve(ws));
		ws.once('error', reject);
	});
}

/** Runs `round` again and again until stopped; counts messages sent and how the server closed. */
function looping(round: (tally: Tally, running: () => boolean) => Promise<void>) {
	const tally: Tally = { sent: 0, closes: {} };
	let running = true;
	const done = (async () => {
		while (running) {
			try {
				await round(tally, () => running);
			} catch (err) {
				const key = `error ${(err as Error).message}`.slice(0, 60);
				tally.closes[key] = (tally.closes[key] ?? 0) + 1;
				await sleep(50);
			}
		}
	})();
	return {
		async stop() {
			running = false;
			await done;
			return tally;
		}
	};
}

interface Tally {
	sent: number;
	closes: Record<string, number>;
}

/** Sends `frames()` on one connection until the server closes it (or `stillRunning` is false). */
async function sendUntilClosed(
	ws: WebSocket,
	tally: Tally,
	frames: () => Uint8Array | null,
	gapMs: number,
	stillRunning: () => boolean
): Promise<void> {
	const closed = new Promise<void>((resolve) =>
		ws.once('close', (code, reason) => {
			const key = `${code} ${reason.toString()}`.slice(0, 60);
			tally.closes[key] = (tally.closes[key] ?? 0) + 1;
			resolve();
		})
	);
	let open = true;
	void closed.then(() => (open = false));
	while (open && stillRunning()) {
		const f = frames();
		if (f === null) break;
		// Respect backpressure a little, as a real flood would be limited by its own socket.
		if (ws.bufferedAmount < 4 * 1024 * 1024) {
			ws.send(f);
			tally.sent++;
		}
		await sleep(gapMs);
	}
	ws.terminate();
	await closed;
}

/** Valid updates of `n` scattered inserts each, from one candidate's link, reconnecting whenever closed. */
function expensiveUpdates(name: string, n: number, what: string): Attack {
	return {
		name,
		what,
		async start(ctx) {
			const room = await ctx.newRoom();
			const updates = Array.from({ length: 6 }, (_, i) => scatteredInserts(n, 7 + i));
			let next = 0;
			return looping(async (tally, running) => {
				const ws = await open(ctx, room, room.candidate);
				await sendUntilClosed(ws, tally, () => syncUpdate(updates[next++ % updates.length]), 500, running);
			});
		}
	};
}

export const ATTACKS: Attack[] = [
	expensiveUpdates(
		'expensive-updates',
		40_000,
		"one candidate's link sending valid updates of 40k scattered inserts (~700 KB, ~140 ms each to apply on a quiet machine), reconnecting whenever closed"
	),
	expensiveUpdates(
		'expensive-updates-under-limit',
		12_000,
		"the same with 12k scattered inserts (~20 ms each at first, more as the text fragments): under LIMIT-6's 100 ms, so they are accepted and the main thread applies them again"
	),
	{
		name: 'forged-client-ids',
		what: "an interviewer's updates written under the candidate's Yjs client id (UPD-1), as fast as the server allows",
		async start(ctx) {
			const loop = looping(async (tally, running) => {
				const room = await ctx.newRoom();
				// The candidate writes first, so its client id is taken.
				const victim = new Y.Doc();
				const cand = await open(ctx, room, room.candidate);
				victim.getText('scatter').insert(0, 'mine');
				cand.send(syncUpdate(Y.encodeStateAsUpdate(victim)));
				await sleep(100);
				const forger = await open(ctx, room, room.interviewer);
				await sendUntilClosed(
					forger,
					tally,
					() => {
						const before = Y.encodeStateVector(victim);
						victim.getText('scatter').insert(0, 'x');
						return syncUpdate(Y.encodeStateAsUpdate(victim, before));
					},
					5,
					running
				);
				cand.terminate();
			});
			return loop;
		}
	},
	{
		name: 'sync-request-flood',
		what: 'sync step 1 with an empty state vector (asks for the whole 2 MB document) in a tight loop',
		async start(ctx) {
			const room = await ctx.newRoom();
			const setup = await open(ctx, room, room.candidate);
			const big = new Y.Doc();
			big.getText('scatter').insert(0, 'x'.repeat(2 * 1024 * 1024));
			setup.send(syncUpdate(Y.encodeStateAsUpdate(big)));
			await sleep(1_000);
			setup.close();
			const step1 = encoding.encode((enc) => {
				encoding.writeVarUint(enc, MESSAGE_SYNC);
				syncProtocol.writeSyncStep1(enc, new Y.Doc());
			});
			const loop = looping(async (tally, running) => {
				const ws = await open(ctx, room, room.candidate);
				await sendUntilClosed(ws, tally, () => step1, 1, running);
			});
			return loop;
		}
	},
	{
		name: 'awareness-flood',
		what: 'awareness updates of 8 KB (the largest allowed) as fast as the socket takes them',
		async start(ctx) {
			const room = await ctx.newRoom();
			let clock = 0;
			const state = JSON.stringify({ cursor: { anchor: 1 }, pad: 'p'.repeat(7_500) });
			const loop = looping(async (tally, running) => {
				const ws = await open(ctx, room, room.candidate);
				await sendUntilClosed(
					ws,
					tally,
					() => {
						const inner = encoding.encode((enc) => {
							encoding.writeVarUint(enc, 1);
							encoding.writeVarUint(enc, 4242);
							encoding.writeVarUint(enc, ++clock);
							encoding.writeVarString(enc, state);
						});
						return encoding.encode((enc) => {
							encoding.writeVarUint(enc, MESSAGE_AWARENESS);
							encoding.writeVarUint8Array(enc, inner);
						});
					},
					0,
					running
				);
			});
			return loop;
		}
	},
	{
		name: 'connection-flood',
		what: 'one participant opening connections as fast as it can (the quota allows 12 per document)',
		async start(ctx) {
			const room = await ctx.newRoom();
			const loop = looping(async (tally) => {
				const batch = await Promise.allSettled(Array.from({ length: 20 }, () => open(ctx, room, room.candidate)));
				tally.sent += batch.length;
				await sleep(20);
				for (const r of batch) if (r.status === 'fulfilled') r.value.terminate();
			});
			return loop;
		}
	}
];
