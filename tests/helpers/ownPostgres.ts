import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './processes.js';

const run = promisify(execFile);

/** Where Debian keeps PostgreSQL's server programs (initdb, pg_ctl are not on PATH). */
async function binDir(): Promise<string> {
	const { stdout } = await run('pg_config', ['--bindir']);
	return stdout.trim();
}

/**
 * A PostgreSQL cluster of the test's own, under /tmp, so that stopping it for an outage test
 * disturbs no other test file. Tests run as root and PostgreSQL refuses to, so the cluster
 * belongs to the `postgres` user; `trust` authentication on its own port and socket folder.
 * `fsync=off`: nothing here must survive a power cut, and it keeps start-up fast.
 */
export class OwnPostgres {
	private constructor(
		readonly port: number,
		private readonly dir: string,
		private readonly bin: string
	) {}

	/** postgres://postgres@127.0.0.1:PORT/postgres */
	get url(): string {
		return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
	}

	static async start(): Promise<OwnPostgres> {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-pg-'));
		fs.mkdirSync(path.join(dir, 'data'));
		fs.mkdirSync(path.join(dir, 'socket'));
		await run('chown', ['-R', 'postgres:postgres', dir]);
		const pg = new OwnPostgres(await freePort(), dir, await binDir());
		try {
			await pg.asPostgres('initdb', [
				'-D',
				pg.dataDir,
				'-U',
				'postgres',
				'-A',
				'trust',
				'--no-sync',
				'--no-instructions'
			]);
			await pg.restart();
		} catch (err) {
			await pg.destroy();
			throw err;
		}
		return pg;
	}

	private get dataDir(): string {
		return path.join(this.dir, 'data');
	}

	private asPostgres(tool: string, args: string[]) {
		const cmd = path.join(this.bin, tool);
		return process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args);
	}

	/** Starts it (again) on its port; `pg_ctl -w` returns once it accepts connections. */
	async restart(): Promise<void> {
		const options = `-p ${this.port} -k ${path.join(this.dir, 'socket')} -c listen_addresses=127.0.0.1 -c fsync=off`;
		await this.asPostgres('pg_ctl', [
			'start',
			'-w',
			'-D',
			this.dataDir,
			'-l',
			path.join(this.dir, 'log'),
			'-o',
			options
		]);
	}

	/** Stops it as a crash would (`-m immediate`): every connection is cut at once. */
	async stop(): Promise<void> {
		await this.asPostgres('pg_ctl', ['stop', '-w', '-D', this.dataDir, '-m', 'immediate']);
	}

	/** Stops it if it runs and removes the cluster. */
	async destroy(): Promise<void> {
		await this.stop().catch(() => undefined);
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}
