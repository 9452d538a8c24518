/**
 * Pyodide's lock file (`pyodide-lock.json`): which packages exist for one Pyodide build, each
 * with its file name, sha256, dependencies and the modules it provides. The copy in the pinned
 * npm package is the trust anchor for every package file we install and serve.
 */
import { z } from 'zod';
import { normalizePackageName } from '../../src/lib/shared/python/packages.js';

export const LockPackageSchema = z
	.object({
		name: z.string().min(1),
		version: z.string().min(1),
		// A bare file name: it is joined to a folder on disk and to /pyodide/packages/.
		file_name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]*\.(whl|zip|tar)$/, 'is not a package file name'),
		sha256: z.string().regex(/^[0-9a-f]{64}$/, 'is not a sha256'),
		depends: z.array(z.string()),
		imports: z.array(z.string()),
		package_type: z.string(),
		install_dir: z.string()
	})
	.passthrough();

export const PyodideLockSchema = z
	.object({
		info: z.object({ python: z.string(), arch: z.string().optional(), platform: z.string().optional() }).passthrough(),
		packages: z.record(z.string(), LockPackageSchema)
	})
	.passthrough();

export type LockPackage = z.infer<typeof LockPackageSchema>;
export type PyodideLock = z.infer<typeof PyodideLockSchema>;

export const normalizeName = normalizePackageName;

export function parseLock(raw: unknown, source: string): PyodideLock {
	const parsed = PyodideLockSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new Error(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
	}
	return parsed.data;
}

/** The lock key for a package name or, failing that, for a module one package provides (`sklearn`). */
export function findPackage(lock: PyodideLock, name: string): string | null {
	const key = normalizeName(name);
	if (lock.packages[key]) return key;
	const byImport = Object.entries(lock.packages).filter(([, p]) => p.imports.includes(name.trim()));
	return byImport.length === 1 ? byImport[0][0] : null;
}

/** The packages asked for and everything they depend on, in the lock's own key order. */
export function resolvePackages(lock: PyodideLock, names: string[]): LockPackage[] {
	const wanted = new Set<string>();
	const unknown: string[] = [];
	const visit = (key: string) => {
		if (wanted.has(key)) return;
		wanted.add(key);
		for (const dep of lock.packages[key].depends) {
			const depKey = findPackage(lock, dep);
			if (!depKey) throw new Error(`pyodide-lock.json: ${key} depends on "${dep}", which it does not list`);
			visit(depKey);
		}
	};
	for (const name of names) {
		const key = findPackage(lock, name);
		if (key) visit(key);
		else unknown.push(name);
	}
	if (unknown.length > 0) {
		throw new Error(
			`Unknown Python package${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (not in pyodide-lock.json)`
		);
	}
	return Object.keys(lock.packages)
		.filter((k) => wanted.has(k))
		.map((k) => lock.packages[k]);
}
