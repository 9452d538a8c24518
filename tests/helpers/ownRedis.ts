import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, killOnExit } from './processes.js';

/**
 * A Redis of the test's own (`redis-server` from Debian's package), so that stopping it for an
 * outage test disturbs no other test file. It keeps nothing on disk and comes back on the same
 * port, as a restarted Redis behind a fixed address does.
 */
export class OwnRedis {
	private proc: ChildProcess | null = null;

	private constructor(readonly port: number) {}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	static async start(): Promise<OwnRedis> {
		const redis = new OwnRedis(await freePort());
		await redis.restart();
		return redis;
	}

	/** Starts it (again) on its port; resolves once it accepts connections. */
	async restart(): Promise<void> {
		if (this.proc) throw new Error('Redis is already running');
		const proc = spawn(
			'redis-server',
			['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			{ stdio: ['ignore', 'pipe', 'pipe'] }
		);
		killOnExit(proc);
		this.proc = proc;
		let out = '';
		await new Promise<void>((resolve, reject) => {
			const onData = (d: Buffer) => {
				out += d;
				if (out.includes('Ready to accept connections')) resolve();
			};
			proc.stdout!.on('data', onData);
			proc.stderr!.on('data', onData);
			proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${out}`)));
			proc.once('error', reject);
		});
	}

	/** Stops it abruptly (SIGKILL: clients see the connection drop, as in a crash). */
	async stop(): Promise<void> {
		const proc = this.proc;
		if (!proc) return;
		this.proc = null;
		if (proc.exitCode === null && proc.signalCode === null) {
			const exited = new Promise<void>((r) => proc.once('exit', () => r()));
			proc.kill('SIGKILL');
			await exited;
		}
	}
}
