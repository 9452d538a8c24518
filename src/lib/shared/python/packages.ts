/**
 * Where the browser finds Pyodide and its packages on our own server (never a CDN), and the one
 * sentence shown wherever a problem needs a package this server does not have.
 */

/** Pyodide's own files, under a URL that changes with the version so they can be cached for good. */
export const pyodideIndexPath = (version: string) => `/pyodide/v${version}/`;
/** The lock file the browser loads: the pinned lock limited to the installed packages. */
export const PYODIDE_LOCK_PATH = '/pyodide/pyodide-lock.json';
/** Installed package files (wheels and shared libraries), by their lock file name. */
export const PYODIDE_PACKAGES_PATH = '/pyodide/packages/';

/**
 * What the served lock carries beside Pyodide's own fields (under `tool.pairboard`): the modules
 * of packages Pyodide knows but this server has not installed, so the room can say so in words
 * instead of showing a ModuleNotFoundError.
 */
export interface ServedLockExtras {
	notInstalled: Record<string, string>;
	/** Whether `PYODIDE_SNAPSHOT_FILE` exists beside Pyodide's files (made at build time). */
	snapshot?: boolean;
}

/** A memory snapshot of a started interpreter, stored sparse (scripts/copy-assets.mjs makes it). */
export const PYODIDE_SNAPSHOT_FILE = 'pyodide.sparse-snapshot';

export const INSTALL_COMMAND = 'npm run python:packages';

/** "needs numpy — not installed on this server: run `npm run python:packages`" */
export function missingPackagesMessage(names: string[]): string {
	return `needs ${names.join(', ')} — not installed on this server: run \`${INSTALL_COMMAND}\``;
}

/** PEP 503 names, as lock files key them (`Scikit_Learn` → `scikit-learn`). */
export function normalizePackageName(name: string): string {
	return name
		.trim()
		.toLowerCase()
		.replace(/[-_.]+/g, '-');
}

export interface ServedPackages {
	/** Installed packages by lock key, with the modules each provides. */
	installed: Record<string, { name: string; imports: string[] }>;
	/** Modules of packages Pyodide knows but this server has not installed → package name. */
	notInstalled: Record<string, string>;
}

/**
 * What a run needs before it starts: the problem's declared packages and those its code
 * imports. Installed ones are loaded; the rest are named, so the room can say what to install
 * instead of showing a traceback. An import nobody provides (the standard library, a typo) is
 * left to Python.
 */
export function planPackages(
	served: ServedPackages,
	declared: string[],
	imports: string[]
): { load: string[]; missing: string[] } {
	const load = new Set<string>();
	const missing = new Set<string>();
	const providers = new Map<string, string>();
	for (const [key, p] of Object.entries(served.installed)) for (const m of p.imports) providers.set(m, key);
	for (const name of declared) {
		const key = normalizePackageName(name);
		const found = served.installed[key] ? key : providers.get(name);
		if (found) load.add(found);
		else missing.add(name);
	}
	for (const mod of imports) {
		const top = mod.split('.')[0];
		const key = providers.get(top);
		if (key) load.add(key);
		else if (served.notInstalled[top]) missing.add(served.notInstalled[top]);
	}
	return { load: [...load], missing: [...missing] };
}
