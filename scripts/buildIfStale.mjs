// `npm start` builds only when the production build is missing or older than what it is built
// from; a restart with nothing changed serves at once instead of rebuilding for a minute or two,
// and a change to the server alone recompiles the server (a second or two), not the pages.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What the pages (SvelteKit's client and server bundles) are made from. */
export const BUILD_INPUTS = [
	'src',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json',
	'scripts/copy-assets.mjs'
];
/** The file `vite build` writes last. */
export const BUILD_OUTPUT = 'build/handler.js';
/** What scripts/buildServer.mjs compiles the server from (it shares src/lib/shared with the pages). */
export const SERVER_INPUTS = ['server', 'src/lib/shared', 'package-lock.json', 'scripts/buildServer.mjs'];
/** The file scripts/buildServer.mjs writes last. */
export const SERVER_OUTPUT = 'build/pairboard/main.js';

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
	return staleAgainst(root, BUILD_OUTPUT, BUILD_INPUTS);
}

/**
 * Why the compiled server in `root` needs compiling again, in words, or null when it is current.
 * @param {string} root
 * @returns {string | null}
 */
export function serverStaleReason(root) {
	return staleAgainst(root, SERVER_OUTPUT, SERVER_INPUTS);
}

/**
 * @param {string} root
 * @param {string} output
 * @param {string[]} inputs
 * @returns {string | null}
 */
function staleAgainst(root, output, inputs) {
	const file = path.join(root, output);
	if (!fs.existsSync(file)) return 'there is no build yet';
	const built = fs.statSync(file).mtimeMs;
	const changed = inputs.find((p) => newestMtime(path.join(root, p)) > built);
	return changed ? `${changed} changed since the last build` : null;
}

/**
 * @param {string} root
 * @param {string[]} args
 */
function run(root, args) {
	const r = spawnSync(args[0], args.slice(1), { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
	const reason = staleReason(root);
	const serverReason = serverStaleReason(root);
	if (reason !== null) {
		console.log(`[pairboard] building: ${reason}`);
		run(root, ['npm', 'run', 'build']);
	} else if (serverReason !== null) {
		console.log(`[pairboard] compiling the server: ${serverReason}`);
		run(root, [process.execPath, 'scripts/buildServer.mjs']);
	} else {
		console.log('[pairboard] the build is up to date; starting');
	}
}
