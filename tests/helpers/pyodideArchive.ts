/**
 * A stand-in for Pyodide's release archive, for tests: small pure-Python wheels we build here
 * (the real archive is hundreds of MB and cannot be downloaded on these machines), packed with a
 * lock file the way `pyodide-<version>.tar.bz2` is, under a `pyodide/` folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { zipSync, strToU8 } from 'fflate';
import type { LockPackage, PyodideLock } from '../../server/python/pyodideLock.js';
import { tempDataDir } from './startServer.js';

const require = createRequire(import.meta.url);
const pyodideDir = path.dirname(require.resolve('pyodide/package.json'));
export const PINNED_PYODIDE: string = JSON.parse(
	fs.readFileSync(path.join(pyodideDir, 'package.json'), 'utf8')
).version;
const realLock = JSON.parse(fs.readFileSync(path.join(pyodideDir, 'pyodide-lock.json'), 'utf8')) as PyodideLock;

export interface FixtureWheel {
	name: string;
	version: string;
	module: string;
	source: string;
	depends?: string[];
}

/** `pbstats` needs `pbcore`: loading the first must bring the second. */
export const FIXTURE_WHEELS: FixtureWheel[] = [
	{
		name: 'pb-fixture-core',
		version: '1.0.0',
		module: 'pbcore',
		source: 'def total(xs):\n    s = 0\n    for x in xs:\n        s += x\n    return s\n'
	},
	{
		name: 'pb-fixture-stats',
		version: '2.1.0',
		module: 'pbstats',
		depends: ['pb-fixture-core'],
		source: 'from pbcore import total\n\ndef mean(xs):\n    return total(xs) / len(xs)\n'
	}
];

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A wheel as pip builds one: the module, then `<dist>.dist-info/` with METADATA, WHEEL, RECORD. */
export function buildWheel(w: FixtureWheel): { fileName: string; bytes: Uint8Array } {
	const dist = `${w.name.replace(/-/g, '_')}-${w.version}`;
	const files: Record<string, string> = {
		[`${w.module}/__init__.py`]: w.source,
		[`${dist}.dist-info/METADATA`]: [
			'Metadata-Version: 2.1',
			`Name: ${w.name}`,
			`Version: ${w.version}`,
			...(w.depends ?? []).map((d) => `Requires-Dist: ${d}`),
			''
		].join('\n'),
		[`${dist}.dist-info/WHEEL`]:
			'Wheel-Version: 1.0\nGenerator: pairboard-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
		[`${dist}.dist-info/top_level.txt`]: `${w.module}\n`
	};
	const record = Object.entries(files).map(([p, text]) => {
		const digest = createHash('sha256').update(text).digest('base64url');
		return `${p},sha256=${digest},${Buffer.byteLength(text)}`;
	});
	files[`${dist}.dist-info/RECORD`] = [...record, `${dist}.dist-info/RECORD,,`, ''].join('\n');
	const bytes = zipSync(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, strToU8(t)])));
	return { fileName: `${dist}-py3-none-any.whl`, bytes };
}

export interface FixtureArchive {
	/** The .tar.bz2 file. */
	archive: string;
	/** The lock file listing the fixture wheels (what --trust-lock points at). */
	trustLock: string;
	lock: PyodideLock;
	dir: string;
}

/**
 * Builds `pyodide-<version>.tar.bz2` with the fixture wheels, a lock file naming them and the
 * pinned package.json. `tamper` changes one wheel after its hash went into the trust lock.
 */
export function buildFixtureArchive(
	opts: { version?: string; tamper?: string; wheels?: FixtureWheel[] } = {}
): FixtureArchive {
	const dir = tempDataDir();
	const root = path.join(dir, 'src', 'pyodide');
	fs.mkdirSync(root, { recursive: true });
	const packages: Record<string, LockPackage> = {};
	for (const w of opts.wheels ?? FIXTURE_WHEELS) {
		const { fileName, bytes } = buildWheel(w);
		packages[w.name] = {
			name: w.name,
			version: w.version,
			file_name: fileName,
			sha256: sha256(bytes),
			depends: w.depends ?? [],
			imports: [w.module],
			package_type: 'package',
			install_dir: 'site'
		};
		const written = opts.tamper === w.name ? Buffer.concat([bytes, Buffer.from('tampered')]) : bytes;
		fs.writeFileSync(path.join(root, fileName), written);
	}
	const lock: PyodideLock = { info: realLock.info, packages };
	fs.writeFileSync(path.join(root, 'pyodide-lock.json'), JSON.stringify(lock));
	fs.writeFileSync(
		path.join(root, 'package.json'),
		JSON.stringify({ name: 'pyodide', version: opts.version ?? PINNED_PYODIDE })
	);
	fs.writeFileSync(path.join(root, 'pyodide.mjs'), '// stand-in\n');
	const trustLock = path.join(dir, 'trusted-lock.json');
	fs.writeFileSync(trustLock, JSON.stringify(lock));
	const archive = path.join(dir, `pyodide-${opts.version ?? PINNED_PYODIDE}.tar.bz2`);
	// GNU tar with bzip2, as Pyodide's own release is made.
	execFileSync('tar', ['-cjf', archive, '-C', path.join(dir, 'src'), 'pyodide']);
	return { archive, trustLock, lock, dir };
}

/** Runs `npm run python:packages -- ...args` (the script itself, through tsx) and returns its output. */
export function runInstaller(args: string[]): { code: number; out: string } {
	try {
		const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/pythonPackages.ts', ...args], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe']
		});
		return { code: 0, out };
	} catch (err) {
		const e = err as { status: number; stdout: string; stderr: string };
		return { code: e.status, out: `${e.stdout}${e.stderr}` };
	}
}

/**
 * `npm run python:packages -- --from <fixture archive> --only <only> --target <target>`, trusting
 * the fixture's own lock: the stand-in packages installed the way an operator installs numpy.
 */
export function installFixturePackages(target: string, only: string): { code: number; out: string } {
	const fx = buildFixtureArchive();
	return runInstaller(['--from', fx.archive, '--only', only, '--target', target, '--trust-lock', fx.trustLock]);
}
