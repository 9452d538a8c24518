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
}

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
