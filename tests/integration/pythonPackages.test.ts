import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFixtureArchive, FIXTURE_WHEELS, PINNED_PYODIDE, runInstaller } from '../helpers/pyodideArchive.js';
import { tempDataDir } from '../helpers/startServer.js';

/** The target's parent holds nothing but the target once an install is over (no partial folder). */
function leftovers(target: string): string[] {
	return fs.readdirSync(path.dirname(target)).filter((f) => f !== path.basename(target));
}

describe('npm run python:packages --from <archive>', () => {
	it('installs a package and its dependency, each file checked, with a lock listing just them', () => {
		const fx = buildFixtureArchive();
		const target = path.join(tempDataDir(), 'pkgs');
		const r = runInstaller([
			'--from',
			fx.archive,
			'--only',
			'pb-fixture-stats',
			'--target',
			target,
			'--trust-lock',
			fx.trustLock
		]);
		expect(r.out).toContain('Installed 2 packages');
		expect(r.code).toBe(0);
		const lock = JSON.parse(fs.readFileSync(path.join(target, 'pyodide-lock.json'), 'utf8'));
		expect(Object.keys(lock.packages).sort()).toEqual(['pb-fixture-core', 'pb-fixture-stats']);
		for (const p of Object.values(lock.packages) as { file_name: string }[]) {
			expect(fs.existsSync(path.join(target, p.file_name))).toBe(true);
		}
		expect(leftovers(target)).toEqual([]);
	});

	it('installs only what was asked for (the dependency alone leaves the other out)', () => {
		const fx = buildFixtureArchive();
		const target = path.join(tempDataDir(), 'pkgs');
		const r = runInstaller([
			'--from',
			fx.archive,
			'--only',
			'pbcore',
			'--target',
			target,
			'--trust-lock',
			fx.trustLock
		]);
		expect(r.code).toBe(0);
		const lock = JSON.parse(fs.readFileSync(path.join(target, 'pyodide-lock.json'), 'utf8'));
		expect(Object.keys(lock.packages)).toEqual(['pb-fixture-core']);
	});

	it('refuses a tampered file, names it, and leaves the earlier installation as it was', () => {
		const good = buildFixtureArchive();
		const target = path.join(tempDataDir(), 'pkgs');
		expect(
			runInstaller([
				'--from',
				good.archive,
				'--only',
				'pb-fixture-core',
				'--target',
				target,
				'--trust-lock',
				good.trustLock
			]).code
		).toBe(0);
		const before = fs.readdirSync(target).sort();

		const bad = buildFixtureArchive({ tamper: 'pb-fixture-stats' });
		const r = runInstaller([
			'--from',
			bad.archive,
			'--only',
			'pb-fixture-stats',
			'--target',
			target,
			'--trust-lock',
			bad.trustLock
		]);
		expect(r.code).toBe(1);
		expect(r.out).toMatch(
			/pb_fixture_stats-2\.1\.0-py3-none-any\.whl: its sha256 is [0-9a-f]{64}, but pyodide-lock\.json says/
		);
		expect(fs.readdirSync(target).sort()).toEqual(before);
		expect(leftovers(target)).toEqual([]);
	});

	it('refuses a truncated archive and leaves nothing behind', () => {
		const fx = buildFixtureArchive();
		const cut = path.join(fx.dir, `pyodide-${PINNED_PYODIDE}-cut.tar.bz2`);
		const bytes = fs.readFileSync(fx.archive);
		fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
		const target = path.join(tempDataDir(), 'pkgs');
		const r = runInstaller([
			'--from',
			cut,
			'--target',
			target,
			'--only',
			'pb-fixture-stats',
			'--trust-lock',
			fx.trustLock
		]);
		expect(r.code).toBe(1);
		expect(r.out).toContain(`pyodide-${PINNED_PYODIDE}-cut.tar.bz2 is truncated or damaged`);
		expect(fs.existsSync(target)).toBe(false);
		expect(leftovers(target)).toEqual([]);
	});

	it('refuses the archive of another Pyodide version, naming both', () => {
		const fx = buildFixtureArchive({ version: '313.0.0' });
		const target = path.join(tempDataDir(), 'pkgs');
		const r = runInstaller([
			'--from',
			fx.archive,
			'--target',
			target,
			'--only',
			'pb-fixture-core',
			'--trust-lock',
			fx.trustLock
		]);
		expect(r.code).toBe(1);
		expect(r.out).toContain(`pyodide-313.0.0.tar.bz2 is Pyodide 313.0.0, but this app pins Pyodide ${PINNED_PYODIDE}`);
		expect(fs.existsSync(target)).toBe(false);
	});

	it('checks against the pinned npm package lock by default: a fixture wheel is unknown there', () => {
		const fx = buildFixtureArchive();
		const target = path.join(tempDataDir(), 'pkgs');
		const r = runInstaller(['--from', fx.archive, '--target', target, '--only', FIXTURE_WHEELS[0].name]);
		expect(r.code).toBe(1);
		expect(r.out).toContain('Unknown Python package: pb-fixture-core');
	});

	it('refuses numpy from an archive that lacks it (the real lock names the file it needs)', () => {
		const fx = buildFixtureArchive();
		const target = path.join(tempDataDir(), 'pkgs');
		const r = runInstaller(['--from', fx.archive, '--target', target, '--only', 'numpy']);
		expect(r.code).toBe(1);
		expect(r.out).toMatch(/has no pyodide\/numpy-2\.4\.6-.*\.whl \(package numpy\)/);
		expect(fs.existsSync(target)).toBe(false);
	});
});
