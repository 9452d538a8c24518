// The server compiled ahead of time into build/pairboard/ (beside SvelteKit's build/server/), so
// that `npm start` runs plain JavaScript on Node instead of loading tsx's TypeScript loader. That
// loader runs on a thread of its own for the life of the process (Node's module hooks are
// off-thread): about 45 MB of resident memory, every process, for nothing once the modules are
// loaded (issue 11).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_OUT = 'build/pairboard';

/**
 * Entry points, by output name: the server, and the TypeScript modules its background threads
 * load by URL (they are not imported, so the bundle would not otherwise hold them).
 */
export const SERVER_ENTRIES = {
	main: 'server/main.ts',
	anonymiserThreadMain: 'server/anonymiser/anonymiserThreadMain.ts',
	statisticsThreadMain: 'server/statistics/statisticsThreadMain.ts'
};

const URL_OF_FILE = /new URL\(\s*'([^']+)'\s*,\s*import\.meta\.url\s*\)/g;

/**
 * `new URL('./x', import.meta.url)` means "x beside this source file". In a bundle,
 * import.meta.url is the bundle's, so each such URL is rewritten to reach the same file from
 * the output folder: a plain-JavaScript worker or asset stays where it is in the tree; a
 * TypeScript entry points at its compiled output.
 * @param {string} outDir
 * @param {Record<string, string>} entries
 * @returns {import('esbuild').Plugin}
 */
function fileUrlsFromOutput(outDir, entries) {
	const compiled = new Map(
		Object.entries(entries).map(([name, src]) => [path.join(ROOT, src), path.join(outDir, `${name}.js`)])
	);
	return {
		name: 'file-urls-from-output',
		setup(build) {
			build.onLoad({ filter: /\.ts$/ }, async (args) => {
				if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
				const source = await fs.promises.readFile(args.path, 'utf8');
				const contents = source.replace(URL_OF_FILE, (/** @type {string} */ whole, /** @type {string} */ rel) => {
					if (!rel.startsWith('.')) return whole;
					const target = path.resolve(path.dirname(args.path), rel);
					if (target.endsWith('.ts') && !compiled.has(target))
						throw new Error(`${args.path}: ${rel} is TypeScript but not an entry of the server build`);
					const to = compiled.get(target) ?? target;
					let fromOut = path.relative(outDir, to).split(path.sep).join('/');
					if (!fromOut.startsWith('.')) fromOut = `./${fromOut}`;
					if (rel.endsWith('/')) fromOut += '/';
					return `new URL(${JSON.stringify(fromOut)}, import.meta.url)`;
				});
				return { contents, loader: 'ts' };
			});
		}
	};
}

/**
 * Compiles `entries` (output name → source, from the repository's root) into `outDir` (absolute
 * or from the root); answers the output folder's absolute path.
 * @param {string} [outDir]
 * @param {Record<string, string>} [entries]
 * @returns {Promise<string>}
 */
export async function buildServer(outDir = SERVER_OUT, entries = SERVER_ENTRIES) {
	const out = path.resolve(ROOT, outDir);
	fs.rmSync(out, { recursive: true, force: true });
	await esbuild.build({
		absWorkingDir: ROOT,
		entryPoints: Object.fromEntries(Object.entries(entries).map(([name, src]) => [name, path.join(ROOT, src)])),
		outdir: out,
		bundle: true,
		splitting: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		// Dependencies load from node_modules as they do under tsx: native ones (better-sqlite3)
		// cannot be bundled, and one copy of yjs must be shared with the plain-JS guard worker.
		packages: 'external',
		sourcemap: true,
		logLevel: 'warning',
		plugins: [fileUrlsFromOutput(out, entries)]
	});
	return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const out = await buildServer(process.argv[2]);
	console.log(`server compiled into ${path.relative(ROOT, out) || out}`);
}
