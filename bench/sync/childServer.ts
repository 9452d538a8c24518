/** The servers under test, each in a child process so that /proc gives its CPU and memory alone. */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { log, sleep } from './log.js';
import { buildServer, SERVER_ENTRIES } from '../../scripts/buildServer.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ChildServer<Info> {
	info: Info;
	pid: number;
	/** stderr lines of the server: warnings and errors are part of the result. */
	stderr: string[];
	stop(): Promise<void>;
}

/**
 * Node's flags in package.json's `serve` script (`node [flags] build/pairboard/main.js`; none
 * today), so that the benchmark runs Pairboard the way `npm start` does; the stock server keeps
 * Node's defaults, as it ships.
 */
export function serveNodeFlags(): string[] {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { serve: string } };
	const words = pkg.scripts.serve.split(/\s+/);
	if (words[0] !== 'node')
		throw new Error(`package.json's serve script does not start with node: ${pkg.scripts.serve}`);
	const flags: string[] = [];
	for (let i = 1; i < words.length && words[i].startsWith('-'); i++) flags.push(words[i]);
	return flags;
}

const compiled = new Map<string, Promise<string>>();

/**
 * `script` compiled ahead of time, as `npm run build` compiles the server (scripts/buildServer.mjs),
 * into build/bench/{name}/: both servers then run as plain JavaScript on Node, as they do when
 * deployed (the stock one ships as JavaScript). Under tsx each would also carry its loader's
 * thread, some 45 MB of RSS that neither has in production.
 */
function compiledScript(script: string): Promise<string> {
	let js = compiled.get(script);
	if (!js) {
		const name = path.basename(script, '.ts');
		// The background threads' modules come along: they are loaded by URL, not imported.
		const { main: _server, ...threads } = SERVER_ENTRIES;
		js = buildServer(path.join('build/bench', name), { ...threads, [name]: script }).then((out) =>
			path.join(out, `${name}.js`)
		);
		compiled.set(script, js);
	}
	return js;
}

const children = new Set<ChildProcessByStdio<Writable, Readable, Readable>>();

/**
 * Compiles `script` and runs it with `node` (not `npx`, which would put npm and a shell between us
 * and the server and make the spawned pid the wrong one to sample). The script announces itself
 * with one JSON line on stdout.
 */
export async function spawnServer<Info extends { pid: number }>(
	script: string,
	label: string,
	extraEnv: Record<string, string> = {},
	nodeFlags: string[] = []
): Promise<ChildServer<Info>> {
	const env = { ...process.env, ...extraEnv };
	// The reference server would switch to LevelDB persistence if this were set.
	delete env.YPERSISTENCE;
	// BENCH_CPU_PROF=<dir>: each server writes a .cpuprofile there when it exits (for `node --cpu-prof`).
	const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
	const js = await compiledScript(script);
	const child = spawn(process.execPath, [...prof, ...nodeFlags, js], {
		cwd: ROOT,
		env,
		stdio: ['pipe', 'pipe', 'pipe']
	});
	children.add(child);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	void exited.then(() => children.delete(child));

	const stderr: string[] = [];
	readline.createInterface({ input: child.stderr }).on('line', (line) => {
		stderr.push(line);
		process.stderr.write(`[${label}] ${line}\n`);
	});

	const info = await new Promise<Info>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${label} did not start in time`)), 60_000);
		const lines = readline.createInterface({ input: child.stdout });
		lines.once('line', (line) => {
			clearTimeout(timer);
			try {
				resolve(JSON.parse(line) as Info);
			} catch {
				reject(new Error(`${label} printed ${line}`));
			}
		});
		child.once('exit', (code) => reject(new Error(`${label} exited with ${code} before starting`)));
	});

	return {
		info,
		pid: info.pid,
		stderr,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.stdin.end();
			child.kill('SIGTERM');
			const killed = await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)]);
			if (killed) {
				log(`${label} ignored SIGTERM; killing it`);
				child.kill('SIGKILL');
				await exited;
			}
		}
	};
}

export function killChildren(): void {
	for (const c of children) c.kill('SIGKILL');
}
