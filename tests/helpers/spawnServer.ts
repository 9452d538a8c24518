import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { tempDataDir } from './startServer.js';
import { killOnExit } from './processes.js';

export interface SpawnedServer {
	proc: ChildProcess;
	port: number;
	url: string;
	wsUrl: string;
	dataDir: string;
	adminKey: string;
	/** Everything it printed so far (stdout and stderr). */
	output(): string;
	/** Graceful stop (SIGTERM: rooms are written out). */
	stop(): Promise<void>;
	/** kill -9: nothing gets a chance to flush. */
	kill9(): Promise<void>;
}

export const E2E_ADMIN_KEY = 'e2e-admin-key-Qm7vX2pL9cR4tY8wK3nB6hJ';

export interface SpawnOptions {
	dataDir?: string;
	port?: number;
	env?: Record<string, string>;
	/** Installed Python packages; an empty folder (none installed) unless given. */
	pythonPackagesDir?: string;
	problemsDir?: string;
}

/** Where scripts/buildServer.mjs compiles server/main.ts (package.json's `serve` runs it). */
const COMPILED_SERVER = 'build/pairboard/main.js';

/** The production server as `npm run serve` runs it (compiled by `npm run build`), as its own process. */
export function spawnServer(opts: SpawnOptions = {}): Promise<SpawnedServer> {
	if (!fs.existsSync(COMPILED_SERVER))
		throw new Error(`${COMPILED_SERVER} is missing: run \`npm run build\` first (npm run test:e2e does)`);
	return spawnEntry([COMPILED_SERVER], opts);
}

/**
 * The same server without the pages (tests/helpers/apiServerProcess.ts: no build needed), as its
 * own process: for the scale-out tests that run several, kill one with -9 and start it again.
 */
export function spawnApiServer(opts: SpawnOptions = {}): Promise<SpawnedServer> {
	return spawnEntry(['--import', 'tsx', 'tests/helpers/apiServerProcess.ts'], opts);
}

async function spawnEntry(nodeArgs: string[], opts: SpawnOptions): Promise<SpawnedServer> {
	const dataDir = opts.dataDir ?? tempDataDir();
	const proc = spawn(process.execPath, nodeArgs, {
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
		stdio: ['pipe', 'pipe', 'pipe']
	});
	killOnExit(proc);
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
	const exited = new Promise<void>((r) => {
		if (proc.exitCode !== null || proc.signalCode !== null) r();
		else proc.once('exit', () => r());
	});
	return {
		proc,
		port,
		url: `http://127.0.0.1:${port}`,
		wsUrl: `ws://127.0.0.1:${port}`,
		dataDir,
		adminKey: E2E_ADMIN_KEY,
		output: () => log,
		async stop() {
			if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
			await exited;
		},
		async kill9() {
			proc.kill('SIGKILL');
			await exited;
		}
	};
}
