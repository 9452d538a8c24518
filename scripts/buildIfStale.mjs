// `npm start` builds only when the production build is missing or older than what it is built
// from; a restart with nothing changed serves at once instead of rebuilding for a minute or two.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What the client and server bundles are made from (server/ runs from source under tsx). */
export const BUILD_INPUTS = [
	'src',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json',
	'scripts/copy-assets.mjs'
];
/** The file `vite build` writes last. */
export const BUILD_OUTPUT = 'build/handler.js';

/**
 * The newest modification time under `p` (a file or a folder), or 0 when it does not exist.
 * @param {string} p
 * @returns {number}
 */
export function newestMtime(p) {
	if (!fs.existsSync(p)) return 0;
	const stat = fs.statSync(p);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
	return newest;
}

/**
 * Why a build is needed in `root`, in words, or null when the build is current.
 * @param {string} root
 * @returns {string | null}
 */
export function staleReason(root) {
	const output = path.join(root, BUILD_OUTPUT);
	if (!fs.existsSync(output)) return 'there is no build yet';
	const built = fs.statSync(output).mtimeMs;
	const changed = BUILD_INPUTS.find((p) => newestMtime(path.join(root, p)) > built);
	return changed ? `${changed} changed since the last build` : null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
	const reason = staleReason(root);
	if (reason === null) {
		console.log('[pairboard] the build is up to date; starting');
	} else {
		console.log(`[pairboard] building: ${reason}`);
		const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
		if (r.status !== 0) process.exit(r.status ?? 1);
	}
}
