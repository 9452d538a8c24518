/**
 * A share of the rooms in a process of its own (`--client-processes N`): at hundreds of rooms
 * one process's clients saturate its core before the server is measured. A room's candidate
 * and interviewers stay in one process, so each latency is still read off one clock.
 *
 * Run as a child (fork) it serves a RoomGroup over IPC; imported, ClientProcess is the parent's
 * handle on one such child, with RoomGroup's methods.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RoomSpec, TargetName } from './clients.js';
import { RoomGroup, type GroupTally } from './roomGroup.js';

type Op = 'connect' | 'startMeasuring' | 'type' | 'drain' | 'tally' | 'close';
interface Request {
	id: number;
	op: Op | 'init';
	args: unknown[];
}
interface Reply {
	id: number;
	ok: boolean;
	value?: unknown;
	error?: string;
}

export class ClientProcess {
	private readonly child: ChildProcess;
	private nextId = 1;
	private readonly waiting = new Map<number, (r: Reply) => void>();
	private readonly ready: Promise<unknown>;

	constructor(name: TargetName, specs: RoomSpec[], firstIndex: number, totalRooms: number) {
		this.child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
		this.child.on('message', (r: Reply) => this.waiting.get(r.id)?.(r));
		this.child.once('exit', (code) => {
			for (const w of this.waiting.values()) w({ id: 0, ok: false, error: `client process exited (${code})` });
		});
		this.ready = this.call('init', name, specs, firstIndex, totalRooms);
	}

	connect = () => this.after('connect') as Promise<void>;
	startMeasuring = () => this.after('startMeasuring') as Promise<void>;
	type = (seconds: number) => this.after('type', seconds) as Promise<void>;
	drain = (ms: number) => this.after('drain', ms) as Promise<void>;
	tally = () => this.after('tally') as Promise<GroupTally>;
	async close(): Promise<void> {
		await this.after('close');
		this.child.disconnect();
	}

	private async after(op: Op, ...args: unknown[]): Promise<unknown> {
		await this.ready;
		return this.call(op, ...args);
	}

	private call(op: Request['op'], ...args: unknown[]): Promise<unknown> {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.waiting.set(id, (r) => {
				this.waiting.delete(id);
				if (r.ok) resolve(r.value);
				else reject(new Error(`client process, ${op}: ${r.error}`));
			});
			this.child.send({ id, op, args } satisfies Request);
		});
	}
}

/** The child's side: one RoomGroup, driven by the parent's requests in order. */
function serve(): void {
	let group: RoomGroup | null = null;
	// y-websocket's provider adds a process 'exit' listener each; hundreds are expected here.
	process.setMaxListeners(0);
	process.on('message', async ({ id, op, args }: Request) => {
		try {
			let value: unknown;
			if (op === 'init') {
				const [name, specs, firstIndex, totalRooms] = args as [TargetName, RoomSpec[], number, number];
				group = new RoomGroup(name, specs, firstIndex, totalRooms);
			} else if (!group) throw new Error('not initialised');
			else if (op === 'type' || op === 'drain') value = await group[op](args[0] as number);
			else value = await group[op]();
			process.send?.({ id, ok: true, value } satisfies Reply);
		} catch (err) {
			process.send?.({ id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies Reply);
		}
	});
	process.on('disconnect', () => process.exit(0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) serve();
