import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_OUTPUT, SERVER_OUTPUT, serverStaleReason, staleReason } from '../../scripts/buildIfStale.mjs';

/**
 * A project folder with a page source and a server source and, optionally, both builds written
 * after them; `newer` names a source then touched after the builds.
 */
function project(opts: { build?: boolean; newer?: 'page' | 'server' }): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-build-'));
	const sources = { page: path.join(root, 'src', 'lib', 'a.ts'), server: path.join(root, 'server', 'b.ts') };
	for (const file of Object.values(sources)) {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, 'export {}');
	}
	if (opts.build) {
		const t = Date.now() / 1000;
		for (const file of Object.values(sources)) {
			for (let p = file; p !== root; p = path.dirname(p)) fs.utimesSync(p, t - 60, t - 60);
		}
		for (const built of [BUILD_OUTPUT, SERVER_OUTPUT]) {
			const out = path.join(root, built);
			fs.mkdirSync(path.dirname(out), { recursive: true });
			fs.writeFileSync(out, '');
			fs.utimesSync(out, t - 30, t - 30);
		}
		if (opts.newer) fs.utimesSync(sources[opts.newer], t, t);
	}
	return root;
}

describe('npm start builds only when it must', () => {
	it('builds when there is no build', () => {
		expect(staleReason(project({}))).toBe('there is no build yet');
		expect(serverStaleReason(project({}))).toBe('there is no build yet');
	});

	it('builds when a page source changed after the build', () => {
		expect(staleReason(project({ build: true, newer: 'page' }))).toBe('src changed since the last build');
	});

	it('only compiles the server again when only a server source changed', () => {
		const root = project({ build: true, newer: 'server' });
		expect(staleReason(root)).toBeNull();
		expect(serverStaleReason(root)).toBe('server changed since the last build');
	});

	it('starts at once when the build is newer than every source', () => {
		expect(staleReason(project({ build: true }))).toBeNull();
		expect(serverStaleReason(project({ build: true }))).toBeNull();
	});
});
