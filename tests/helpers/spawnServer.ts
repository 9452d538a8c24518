import { spawn, type ChildProcess } from 'node:child_process';
import { tempDataDir } from './startServer.js';

export interface SpawnedServer {
	proc: ChildProcess;
	port: number;
	url: string;
	dataDir: string;
	adminKey: string;
	/** Graceful stop (SIGTERM: rooms are written out). */
	stop(): Promise<void>;
	/** kill -9: nothing gets a chance to flush. */
	kill9(): Promise<void>;
}

export const E2E_ADMIN_KEY = 'e2e-admin-key-Qm7vX2pL9cR4tY8wK3nB6hJ';

/** The production server (`npm run serve`, needs `npm run build`) as its own process. */
export async function spawnServer(
	opts: {
		dataDir?: string;
		port?: number;
		env?: Record<string, string>;
		/** Installed Python packages; an empty folder (none installed) unless given. */
		pythonPackagesDir?: string;
		problemsDir?: string;
	} = {}
): Promise<SpawnedServer> {
	const dataDir = opts.dataDir ?? tempDataDir();
	const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
		env: {
			...process.env,
			PORT: String(opts.port ?? 0),
			HOST: '127.0.0.1',
			PAIRBOARD_DATA: dataDir,
			PAIRBOARD_ADMIN_KEY: E2E_ADMIN_KEY,
			PAIRBOARD_PYTHON_PACKAGES: opts.pythonPackagesDir ?? tempDataDir(),
			...(opts.problemsDir ? { PAIRBOARD_PROBLEMS: opts.problemsDir } : {}),
			...opts.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	proc.stderr!.on('data', (d) => (log += d));
	const port = await new Promise<number>((resolve, reject) => {
		proc.stdout!.on('data', (d) => {
			log += d;
			const m = log.match(/running at http:\/\/localhost:(\d+)/);
			if (m) resolve(Number(m[1]));
		});
		proc.on('exit', (code) => reject(new Error(`server exited (${code}):\n${log}`)));
	});
	const exited = new Promise<void>((r) => proc.on('exit', () => r()));
	return {
		proc,
		port,
		url: `http://127.0.0.1:${port}`,
		dataDir,
		adminKey: E2E_ADMIN_KEY,
		async stop() {
			if (proc.exitCode === null) proc.kill('SIGTERM');
			await exited;
		},
		async kill9() {
			proc.kill('SIGKILL');
			await exited;
		}
	};
}
