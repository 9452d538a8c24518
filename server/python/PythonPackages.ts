/**
 * The Python packages this server can serve: those `npm run python:packages` installed in its
 * packages folder, as the lock file there lists them. An entry the pinned lock also names must
 * match it (file and sha256), so files left from another Pyodide version are never offered; an
 * entry the pinned lock does not know (a package built locally, the tests' stand-ins) is served
 * as its installer verified it. The folder is read again when its lock file changes, so an
 * install takes effect without a restart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { INSTALLED_LOCK } from './installPackages.js';
import { findPackage, parseLock, type LockPackage, type PyodideLock } from './pyodideLock.js';
import type { ServedLockExtras } from '../../src/lib/shared/python/packages.js';

interface Installed {
	stamp: string;
	packages: Record<string, LockPackage>;
	files: Map<string, string>;
	problem: string | null;
}

export interface PackageSummary {
	name: string;
	version: string;
}

export class PythonPackages {
	private installed: Installed = { stamp: '', packages: {}, files: new Map(), problem: null };

	constructor(
		readonly version: string,
		private readonly pinned: PyodideLock,
		private readonly dir: string | null
	) {}

	/** The installed set, read again if the folder's lock file was replaced. */
	private current(): Installed {
		const lockFile = this.dir ? path.join(this.dir, INSTALLED_LOCK) : null;
		let stamp = 'none';
		try {
			if (lockFile) {
				const st = fs.statSync(lockFile);
				stamp = `${st.ino}:${st.mtimeMs}:${st.size}`;
			}
		} catch {
			stamp = 'none';
		}
		if (stamp !== this.installed.stamp) this.installed = this.read(stamp, lockFile);
		return this.installed;
	}

	private read(stamp: string, lockFile: string | null): Installed {
		const empty: Installed = { stamp, packages: {}, files: new Map(), problem: null };
		if (!lockFile || stamp === 'none') return empty;
		let lock: PyodideLock;
		try {
			lock = parseLock(JSON.parse(fs.readFileSync(lockFile, 'utf8')), lockFile);
		} catch (err) {
			return { ...empty, problem: (err as Error).message };
		}
		const packages: Record<string, LockPackage> = {};
		const files = new Map<string, string>();
		for (const [key, pkg] of Object.entries(lock.packages)) {
			const pinned = this.pinned.packages[key];
			if (pinned && (pinned.sha256 !== pkg.sha256 || pinned.file_name !== pkg.file_name)) continue;
			const file = path.join(this.dir!, pkg.file_name);
			if (!fs.existsSync(file)) continue;
			packages[key] = pkg;
			files.set(pkg.file_name, file);
		}
		return { stamp, packages, files, problem: null };
	}

	/** The lock file the browser loads: only what is installed, plus what is known but missing. */
	servedLock(): PyodideLock & { tool: { pairboard: ServedLockExtras } } {
		const { packages } = this.current();
		const notInstalled: Record<string, string> = {};
		for (const [key, pkg] of Object.entries(this.pinned.packages)) {
			if (packages[key]) continue;
			for (const mod of pkg.imports) notInstalled[mod] = pkg.name;
		}
		return { info: this.pinned.info, packages, tool: { pairboard: { notInstalled } } };
	}

	available(): PackageSummary[] {
		return Object.values(this.current().packages)
			.filter((p) => p.package_type === 'package')
			.map((p) => ({ name: p.name, version: p.version }));
	}

	/** The names among `names` (as a problem declares them) this server cannot serve. */
	missing(names: string[]): string[] {
		const { packages } = this.current();
		const lock: PyodideLock = { info: this.pinned.info, packages };
		return names.filter((n) => findPackage(lock, n) === null);
	}

	/** The path of an installed file, or null for anything else (no other path reaches the disk). */
	filePath(fileName: string): string | null {
		return this.current().files.get(fileName) ?? null;
	}

	/** Why the packages folder could not be read, if it could not. */
	problem(): string | null {
		return this.current().problem;
	}
}
