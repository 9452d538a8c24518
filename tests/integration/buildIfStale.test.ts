import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_OUTPUT, staleReason } from '../../scripts/buildIfStale.mjs';

/** A project folder with a source file and, optionally, a build written `buildAgeMs` after it. */
function project(opts: { build?: boolean; sourceNewer?: boolean }): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-build-'));
	const source = path.join(root, 'src', 'lib', 'a.ts');
	fs.mkdirSync(path.dirname(source), { recursive: true });
	fs.writeFileSync(source, 'export {}');
	if (opts.build) {
		const out = path.join(root, BUILD_OUTPUT);
		fs.mkdirSync(path.dirname(out), { recursive: true });
		fs.writeFileSync(out, '');
		const t = Date.now() / 1000;
		fs.utimesSync(source, t - 60, t - 60);
		for (const dir of [path.dirname(source), path.join(root, 'src')]) fs.utimesSync(dir, t - 60, t - 60);
		fs.utimesSync(out, t - 30, t - 30);
		if (opts.sourceNewer) fs.utimesSync(source, t, t);
	}
	return root;
}

describe('npm start builds only when it must', () => {
	it('builds when there is no build', () => {
		expect(staleReason(project({}))).toBe('there is no build yet');
	});

	it('builds when a source changed after the build', () => {
		expect(staleReason(project({ build: true, sourceNewer: true }))).toBe('src changed since the last build');
	});

	it('starts at once when the build is newer than every source', () => {
		expect(staleReason(project({ build: true }))).toBeNull();
	});
});
