/**
 * `npm run python:packages [-- --only numpy,pandas] [-- --from ./pyodide-<version>.tar.bz2]`
 *
 * Installs Pyodide package files (numpy, pandas, ...) for the exact Pyodide version the app pins,
 * from Pyodide's official release archive: downloaded from its GitHub release page, or read from
 * a local copy with --from. Every file is checked against the sha256 in the pinned npm package's
 * pyodide-lock.json. See README ("Python packages").
 *   --only a,b       packages to install, with their dependencies (default: DEFAULT_PACKAGES)
 *   --target DIR     where to install (default: PAIRBOARD_PYTHON_PACKAGES or ./python-packages)
 *   --trust-lock F   the lock file to check against (default: the pyodide npm package's; tests
 *                    use it for packages they build themselves)
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { readConfig } from '../server/config.js';
import { installPackages, readLockFile } from '../server/python/installPackages.js';

/** What an ML coding interview reaches for; their dependencies come along. */
export const DEFAULT_PACKAGES = ['numpy', 'pandas', 'scipy', 'scikit-learn'];

const require = createRequire(import.meta.url);
const pyodideDir = path.dirname(require.resolve('pyodide/package.json'));
const version = (JSON.parse(fs.readFileSync(path.join(pyodideDir, 'package.json'), 'utf8')) as { version: string })
	.version;

const { values } = parseArgs({
	options: {
		from: { type: 'string' },
		only: { type: 'string' },
		target: { type: 'string' },
		'trust-lock': { type: 'string' }
	}
});

async function openArchive(): Promise<{ archive: Readable; archiveName: string }> {
	if (values.from) {
		const file = path.resolve(values.from);
		if (!fs.existsSync(file)) throw new Error(`${values.from}: no such file`);
		return { archive: fs.createReadStream(file), archiveName: path.basename(file) };
	}
	const url = `https://github.com/pyodide/pyodide/releases/download/${version}/pyodide-${version}.tar.bz2`;
	console.log(`Downloading ${url}`);
	let res: Response;
	try {
		res = await fetch(url);
	} catch (err) {
		throw new Error(
			`cannot reach ${url} (${(err as Error).message}). On a machine without internet, download pyodide-${version}.tar.bz2 elsewhere and run: npm run python:packages -- --from ./pyodide-${version}.tar.bz2`
		);
	}
	if (!res.ok || !res.body) throw new Error(`${url} answered ${res.status}`);
	return { archive: Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), archiveName: url };
}

try {
	const packages = values.only
		? values.only
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean)
		: DEFAULT_PACKAGES;
	const target = values.target ? path.resolve(values.target) : readConfig().pythonPackagesDir!;
	const trustedLock = readLockFile(values['trust-lock'] ?? path.join(pyodideDir, 'pyodide-lock.json'));
	const { archive, archiveName } = await openArchive();
	console.log(`Installing ${packages.join(', ')} and their dependencies for Pyodide ${version} into ${target}`);
	const t0 = performance.now();
	const result = await installPackages({ archive, archiveName, trustedLock, version, packages, target });
	console.log(
		`Installed ${result.installed.length} packages (${(result.bytes / 1e6).toFixed(1)} MB, every file checked against pyodide-lock.json) in ${((performance.now() - t0) / 1000).toFixed(1)} s:`
	);
	console.log(`  ${result.installed.map((p) => `${p.name} ${p.version}`).join(', ')}`);
	console.log('A running Pairboard serves them at once; no restart is needed.');
} catch (err) {
	console.error(`python:packages: ${(err as Error).message}`);
	process.exit(1);
}
