import fs from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPairboard } from '../../server/app.js';
import { tempDataDir } from '../helpers/startServer.js';

describe('start-up', () => {
	it('refuses to start on a bad problem folder, naming the problem and the file', async () => {
		const root = tempDataDir();
		const problems = path.join(root, 'problems');
		fs.cpSync('problems/moving-average', path.join(problems, 'moving-average'), { recursive: true });
		fs.writeFileSync(path.join(problems, 'moving-average', 'meta.yaml'), 'title: X\nkind: quiz\n');
		const start = () =>
			createPairboard({
				config: { port: 0, host: '127.0.0.1', dataDir: path.join(root, 'data'), problemsDir: problems }
			});
		await expect(start()).rejects.toThrow(/Problem "moving-average", meta\.yaml: kind/);
		fs.rmSync(path.join(problems, 'moving-average', 'solution.py'));
		fs.writeFileSync(
			path.join(problems, 'moving-average', 'meta.yaml'),
			fs.readFileSync('problems/moving-average/meta.yaml')
		);
		await expect(start()).rejects.toThrow('Problem "moving-average", solution.py: file is missing');
	});

	it('generates an admin key on first start, keeps it in the data folder, and reuses it', async () => {
		const dataDir = tempDataDir();
		const first = await createPairboard({ config: { port: 0, host: '127.0.0.1', dataDir, problemsDir: 'problems' } });
		await first.close();
		expect(first.adminKeyGenerated).toBe(true);
		expect(first.adminKey.length).toBeGreaterThanOrEqual(32);
		expect(fs.readFileSync(path.join(dataDir, 'admin-key'), 'utf8').trim()).toBe(first.adminKey);
		const second = await createPairboard({ config: { port: 0, host: '127.0.0.1', dataDir, problemsDir: 'problems' } });
		await second.close();
		expect(second.adminKeyGenerated).toBe(false);
		expect(second.adminKey).toBe(first.adminKey);
	});
});

/**
 * `server/main.ts` from source (`npm run serve` runs its compiled form), with the environment
 * given. Answers its exit code and output once it exits, or `running` once it passed the
 * configuration check (the production build is looked for only after it), and then stops it.
 */
function serveWith(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
			env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PAIRBOARD_DATA: tempDataDir(), ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		const seen = (d: Buffer) => {
			output += d;
			if (/running at|No production build/.test(output)) proc.kill('SIGTERM');
		};
		proc.stdout.on('data', seen);
		proc.stderr.on('data', seen);
		proc.on('exit', (code) => resolve({ code, output }));
	});
}

describe('admin key strength (issue 12, item 8)', () => {
	it.each([
		['shorter than 32 characters', 'operator-key-2026-a8Fq'],
		['long but one repeated character', 'a'.repeat(40)],
		['long but a short pattern repeated', 'abcabcabcabcabcabcabcabcabcabcabc'],
		['long but a repeated word', 'passwordpasswordpasswordpassword']
	])('refuses to start with a PAIRBOARD_ADMIN_KEY %s, saying why in one line', async (_label, key) => {
		const { code, output } = await serveWith({ PAIRBOARD_ADMIN_KEY: key });
		expect(code).toBe(1);
		expect(output).toMatch(/^Pairboard cannot start: PAIRBOARD_ADMIN_KEY: (must be at least 32|is too predictable)/m);
		expect(output).not.toMatch(/\n\s+at /); // a message, not a stack trace
		expect(output).not.toContain(key); // the key itself is never printed
	});

	it('passes a strong key (openssl rand -hex 16, -base64 32) on to the next start-up step', async () => {
		for (const key of ['9f86d081884c7d659a2feaa0c55ad015', 'q3Zr0mYc8vP1xT6nLw2eKj9sHb4GdUfA+o7RtE5iNyM=']) {
			const { output } = await serveWith({ PAIRBOARD_ADMIN_KEY: key });
			expect(output).not.toMatch(/PAIRBOARD_ADMIN_KEY/);
			expect(output).toMatch(/running at|No production build/);
		}
	});
});
