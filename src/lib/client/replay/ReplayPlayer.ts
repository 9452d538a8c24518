/**
 * The replay player in the browser: loads an interview's recording (bundle, log and
 * checkpoints), rebuilds the room at any moment with the pure ReplayModel, and plays it at a
 * chosen speed. Components read frames from `subscribe` and call methods.
 */
import { requestJson } from '$lib/client/http';
import { parseCheckpointLines } from '$lib/shared/replay/checkpointLines';
import { IDLE_GAP_MS, ReplayModel, type ReplayFrame } from '$lib/shared/replay/ReplayModel';
import type { ReplayBundle } from '$lib/shared/replay/bundle';

export const SPEEDS = [1, 2, 4, 8, 16] as const;
export type Speed = (typeof SPEEDS)[number];
/** Where "skip idle" lands before the next thing that happens, so it is seen arriving. */
const SKIP_LEAD_MS = 800;
/** Background preparation stops a slice with this much of the browser's idle period left. */
const IDLE_MARGIN_MS = 3;
/** Where requestIdleCallback is missing (Safari): a slice this long after this delay. */
const IDLE_FALLBACK_DELAY_MS = 50;
const IDLE_FALLBACK_SLICE_MS = 8;

/** A token from a room or reviewer link, or the organizer's admin key. */
export type ReplayAuth = { token: string } | { adminKey: string };

export interface PlayerState {
	t: number;
	playing: boolean;
	speed: Speed;
	skipIdle: boolean;
}

type Listener = (frame: ReplayFrame, state: PlayerState) => void;

function request(path: string, auth: ReplayAuth): { url: string; init: RequestInit } {
	if ('token' in auth) return { url: `${path}?token=${encodeURIComponent(auth.token)}`, init: {} };
	return { url: path, init: { headers: { authorization: `Bearer ${auth.adminKey}` } } };
}

async function fetchText(path: string, auth: ReplayAuth): Promise<string> {
	const { url, init } = request(path, auth);
	let res: Response;
	try {
		res = await fetch(url, init);
	} catch {
		throw new Error('Could not reach the server. Check your connection and try again.');
	}
	if (!res.ok) {
		const body = await res.json().catch(() => ({}));
		throw new Error(body.error ?? `The server answered ${res.status}`);
	}
	return res.text();
}

export async function loadReplay(interviewId: string, auth: ReplayAuth): Promise<ReplayPlayer> {
	const base = `/api/interviews/${encodeURIComponent(interviewId)}/replay`;
	const { url, init } = request(base, auth);
	const [bundle, ndjson, cps] = await Promise.all([
		requestJson<ReplayBundle>(url, init),
		fetchText(`${base}/log`, auth),
		fetchText(`${base}/checkpoints`, auth)
	]);
	const checkpoints = parseCheckpointLines(cps);
	const model = new ReplayModel({
		interviewId,
		ndjson,
		checkpoints,
		participants: bundle.participants,
		problems: bundle.interview.problems
	});
	return new ReplayPlayer(bundle, model);
}

export class ReplayPlayer {
	private state: PlayerState;
	private frame: ReplayFrame;
	private readonly listeners = new Set<Listener>();
	private raf = 0;
	private lastTick = 0;
	private idle: (() => void) | null = null;

	constructor(
		readonly bundle: ReplayBundle,
		readonly model: ReplayModel
	) {
		this.state = { t: model.start, playing: false, speed: 1, skipIdle: false };
		this.frame = model.seek(model.start);
		this.scheduleIdle();
	}

	/** Decoded documents at a few moments, while the page has nothing else to do (ReplayModel.prepare). */
	private scheduleIdle(): void {
		const run = (hasTime: () => boolean) => {
			this.idle = null;
			if (this.model.prepare(hasTime)) this.scheduleIdle();
		};
		if (typeof requestIdleCallback === 'function') {
			const id = requestIdleCallback((d) => run(() => d.timeRemaining() > IDLE_MARGIN_MS));
			this.idle = () => cancelIdleCallback(id);
		} else {
			const id = setTimeout(() => {
				const until = performance.now() + IDLE_FALLBACK_SLICE_MS;
				run(() => performance.now() < until);
			}, IDLE_FALLBACK_DELAY_MS);
			this.idle = () => clearTimeout(id);
		}
	}

	get start(): number {
		return this.model.start;
	}

	get end(): number {
		return this.model.end;
	}

	get current(): { frame: ReplayFrame; state: PlayerState } {
		return { frame: this.frame, state: this.state };
	}

	subscribe(fn: Listener): () => void {
		this.listeners.add(fn);
		fn(this.frame, this.state);
		return () => this.listeners.delete(fn);
	}

	seek(t: number): void {
		const clamped = Math.min(this.end, Math.max(this.start, t));
		this.state = { ...this.state, t: clamped };
		this.frame = this.model.seek(clamped);
		this.emit();
	}

	play(): void {
		if (this.state.playing) return;
		if (this.state.t >= this.end) this.seek(this.start);
		this.state = { ...this.state, playing: true };
		this.lastTick = performance.now();
		this.raf = requestAnimationFrame(this.tick);
		this.emit();
	}

	pause(): void {
		cancelAnimationFrame(this.raf);
		this.state = { ...this.state, playing: false };
		this.emit();
	}

	toggle(): void {
		if (this.state.playing) this.pause();
		else this.play();
	}

	setSpeed(speed: Speed): void {
		this.state = { ...this.state, speed };
		this.emit();
	}

	setSkipIdle(skipIdle: boolean): void {
		this.state = { ...this.state, skipIdle };
		this.emit();
	}

	destroy(): void {
		cancelAnimationFrame(this.raf);
		this.idle?.();
		this.idle = null;
		this.listeners.clear();
	}

	private tick = (now: number): void => {
		const dt = (now - this.lastTick) * this.state.speed;
		this.lastTick = now;
		let t = this.state.t + dt;
		if (this.state.skipIdle) {
			const next = this.model.nextActivity(this.state.t);
			if (next !== null && next - this.state.t > IDLE_GAP_MS) t = Math.max(t, next - SKIP_LEAD_MS);
		}
		if (t >= this.end) {
			this.seek(this.end);
			this.pause();
			return;
		}
		this.seek(t);
		this.raf = requestAnimationFrame(this.tick);
	};

	private emit(): void {
		for (const l of this.listeners) l(this.frame, this.state);
	}
}
