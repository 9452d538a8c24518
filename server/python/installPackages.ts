/**
 * Installs Pyodide package files from Pyodide's release archive (`pyodide-<version>.tar.bz2`,
 * everything under a `pyodide/` folder). Only the files of the packages asked for are kept, and
 * each is checked against the sha256 in the trusted lock file (the pinned npm package's), never
 * against anything the archive or the network says. The files are written to a temporary folder
 * beside the target and moved into place only once all of them are verified, so a bad archive
 * leaves the previous installation as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import bz2 from 'unbzip2-stream';
import { parseLock, resolvePackages, type LockPackage, type PyodideLock } from './pyodideLock.js';

/** The file the server reads to know what is installed (a lock file limited to those packages). */
export const INSTALLED_LOCK = 'pyodide-lock.json';
const ARCHIVE_ROOT = 'pyodide/';
/** Lock and package.json are small; anything bigger under those names is not Pyodide's. */
const MAX_META_BYTES = 8 * 1024 * 1024;

export interface InstallOptions {
	/** The archive's bytes, and a name for it in messages (its path or URL). */
	archive: Readable;
	archiveName: string;
	/** The lock file every installed file must match. */
	trustedLock: PyodideLock;
	/** The Pyodide version the app pins; the archive must be the same release. */
	version: string;
	packages: string[];
	target: string;
	log?: (line: string) => void;
}

export interface InstallResult {
	installed: LockPackage[];
	bytes: number;
}

export class InstallError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InstallError';
	}
}

interface Extracted {
	files: Map<string, { sha256: string; bytes: number }>;
	packageJson: string | null;
	lock: string | null;
}

async function readSmall(entry: AsyncIterable<Buffer>, name: string): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of entry) {
		size += chunk.length;
		if (size > MAX_META_BYTES) throw new InstallError(`${name} in the archive is too large to be Pyodide's`);
		chunks.push(chunk);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** Writes one archive member to `to` while hashing it. */
async function writeHashed(entry: AsyncIterable<Buffer>, to: string): Promise<{ sha256: string; bytes: number }> {
	const hash = createHash('sha256');
	let bytes = 0;
	await pipeline(
		entry,
		async function* (chunks: AsyncIterable<Buffer>) {
			for await (const chunk of chunks) {
				hash.update(chunk);
				bytes += chunk.length;
				yield chunk;
			}
		},
		fs.createWriteStream(to, { flags: 'wx' })
	);
	return { sha256: hash.digest('hex'), bytes };
}

async function extract(opts: InstallOptions, wanted: Map<string, LockPackage>, into: string): Promise<Extracted> {
	const result: Extracted = { files: new Map(), packageJson: null, lock: null };
	const untar = tar.extract();
	const piping = pipeline(opts.archive, bz2(), untar);
	// The for-await below sees the same failure; this keeps it from being reported twice.
	piping.catch(() => undefined);
	try {
		for await (const entry of untar) {
			const name = entry.header.name.replace(/^\.\//, '');
			const bytes = entry as AsyncIterable<Buffer>;
			const inRoot = name.startsWith(ARCHIVE_ROOT) ? name.slice(ARCHIVE_ROOT.length) : null;
			if (entry.header.type !== 'file' || inRoot === null) entry.resume();
			else if (inRoot === 'package.json') result.packageJson = await readSmall(bytes, name);
			else if (inRoot === 'pyodide-lock.json') result.lock = await readSmall(bytes, name);
			else if (wanted.has(inRoot) && !result.files.has(inRoot)) {
				result.files.set(inRoot, await writeHashed(bytes, path.join(into, inRoot)));
				opts.log?.(`  ${inRoot}`);
			} else entry.resume();
		}
		await piping;
	} catch (err) {
		if (err instanceof InstallError) throw err;
		throw new InstallError(
			`${opts.archiveName} is truncated or damaged (${(err as Error).message}); nothing was installed`
		);
	}
	return result;
}

/** Refuses an archive of another Pyodide release, or files that are not the ones the lock names. */
function verify(opts: InstallOptions, wanted: Map<string, LockPackage>, got: Extracted): void {
	if (got.packageJson === null || got.lock === null) {
		throw new InstallError(
			`${opts.archiveName} is not a Pyodide release archive (no ${ARCHIVE_ROOT}package.json and ${ARCHIVE_ROOT}pyodide-lock.json)`
		);
	}
	let version: unknown;
	try {
		version = (JSON.parse(got.packageJson) as { version?: unknown }).version;
	} catch {
		throw new InstallError(`${opts.archiveName}: ${ARCHIVE_ROOT}package.json is not valid JSON`);
	}
	if (version !== opts.version) {
		throw new InstallError(
			`${opts.archiveName} is Pyodide ${String(version)}, but this app pins Pyodide ${opts.version}: use pyodide-${opts.version}.tar.bz2`
		);
	}
	const theirs = parseLock(JSON.parse(got.lock), `${opts.archiveName}: ${ARCHIVE_ROOT}pyodide-lock.json`);
	if (theirs.info.python !== opts.trustedLock.info.python) {
		throw new InstallError(
			`${opts.archiveName} is built for Python ${theirs.info.python}, this app's Pyodide runs Python ${opts.trustedLock.info.python}`
		);
	}
	for (const [file, pkg] of wanted) {
		const f = got.files.get(file);
		if (!f) throw new InstallError(`${opts.archiveName} has no ${ARCHIVE_ROOT}${file} (package ${pkg.name})`);
		if (f.sha256 !== pkg.sha256) {
			throw new InstallError(
				`${file}: its sha256 is ${f.sha256}, but pyodide-lock.json says ${pkg.sha256}; the archive was altered or damaged, nothing was installed`
			);
		}
	}
}

/** Swaps the verified folder into place; the old one is removed only after. */
function moveIntoPlace(staged: string, target: string): void {
	const old = fs.existsSync(target) ? `${target}.old-${process.pid}-${Date.now()}` : null;
	if (old) fs.renameSync(target, old);
	try {
		fs.renameSync(staged, target);
	} catch (err) {
		if (old) fs.renameSync(old, target);
		throw err;
	}
	if (old) fs.rmSync(old, { recursive: true, force: true });
}

export async function installPackages(opts: InstallOptions): Promise<InstallResult> {
	const selected = resolvePackages(opts.trustedLock, opts.packages);
	const wanted = new Map(selected.map((p) => [p.file_name, p]));
	const target = path.resolve(opts.target);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	// Beside the target, so the final rename stays on one file system.
	const staged = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}.partial-`));
	try {
		const got = await extract(opts, wanted, staged);
		verify(opts, wanted, got);
		const lock: PyodideLock = {
			...opts.trustedLock,
			packages: Object.fromEntries(Object.entries(opts.trustedLock.packages).filter(([, p]) => wanted.has(p.file_name)))
		};
		fs.writeFileSync(path.join(staged, INSTALLED_LOCK), JSON.stringify(lock, null, 1));
		moveIntoPlace(staged, target);
		return { installed: selected, bytes: [...got.files.values()].reduce((n, f) => n + f.bytes, 0) };
	} catch (err) {
		fs.rmSync(staged, { recursive: true, force: true });
		throw err;
	}
}

export function readLockFile(file: string): PyodideLock {
	let raw: unknown;
	try {
		raw = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (err) {
		throw new InstallError(`${file}: cannot be read as JSON (${(err as Error).message})`);
	}
	return parseLock(raw, file);
}
