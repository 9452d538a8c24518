// Copies runtime files the browser needs from npm packages into static/, so the app serves
// them itself and works offline (no CDN): Pyodide's interpreter and Excalidraw's fonts.
// Pyodide's big files also get .gz and .br copies made here, once, so the server sends them
// compressed without compressing on every request (server/transport/pyodideAssets.ts).
// Run before dev and build. Installed Python packages live elsewhere (PAIRBOARD_PYTHON_PACKAGES)
// and are served from there, so a build never touches them.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { encodeSparseSnapshot } from '../src/lib/shared/python/sparseSnapshot.js';

const require = createRequire(import.meta.url);

/** Copies `from` to `to` unless a file of the same size is already there. */
function copyFile(from, to) {
	if (fs.existsSync(to) && fs.statSync(to).size === fs.statSync(from).size) return;
	fs.mkdirSync(path.dirname(to), { recursive: true });
	fs.copyFileSync(from, to);
}

function copyTree(from, to) {
	for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
		const a = path.join(from, entry.name);
		const b = path.join(to, entry.name);
		if (entry.isDirectory()) copyTree(a, b);
		else copyFile(a, b);
	}
}

const pyodide = path.dirname(require.resolve('pyodide/package.json'));
const pyodideDest = path.resolve('static/pyodide');
for (const f of ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip']) {
	const from = path.join(pyodide, f);
	if (!fs.existsSync(from)) throw new Error(`pyodide package has no ${f}`);
	copyFile(from, path.join(pyodideDest, f));
}
// The server answers /pyodide/pyodide-lock.json with the installed packages only; a copy of the
// full lock here would list packages this server does not have.
fs.rmSync(path.join(pyodideDest, 'pyodide-lock.json'), { force: true });

/** Writes `file.gz` and `file.br` unless they are newer than `file`; skips what does not shrink. */
function precompress(file) {
	const source = fs.readFileSync(file);
	// Brotli 9 makes the 9.6 MB wasm a third in 2 s (11 saves 10 % more and takes a minute);
	// the 30 MB snapshot gets lighter settings to keep the build short.
	const big = source.length > 20e6;
	const variants = [
		['.gz', () => zlib.gzipSync(source, { level: big ? 6 : 9 })],
		[
			'.br',
			() =>
				zlib.brotliCompressSync(source, {
					params: {
						[zlib.constants.BROTLI_PARAM_QUALITY]: big ? 5 : 9,
						[zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length
					}
				})
		]
	];
	for (const [ext, compress] of variants) {
		const out = file + ext;
		if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= fs.statSync(file).mtimeMs) continue;
		const packed = compress();
		if (packed.length < source.length * 0.9) fs.writeFileSync(out, packed);
		else fs.rmSync(out, { force: true });
	}
}
/**
 * A memory snapshot of a freshly started interpreter, made here under Node with the same files the
 * browser loads: the worker restores it instead of running Python's start-up (about six times
 * faster). The modules the run and test harnesses import (src/lib/shared/python/) are imported
 * first, so the worker finds them in memory instead of unpacking them from the standard library.
 * Stored sparse (zero pages left out, src/lib/shared/python/sparseSnapshot.js). Remade when the
 * interpreter or this script changes.
 */
const SNAPSHOT_FILE = 'pyodide.sparse-snapshot'; // PYODIDE_SNAPSHOT_FILE in src/lib/shared/python/packages.ts
const WARM_IMPORTS = 'import ast, importlib, io, json, linecache, os, sys, time, traceback, pyodide.code';
async function makeSnapshot() {
	const out = path.join(pyodideDest, SNAPSHOT_FILE);
	const newest = Math.max(
		fs.statSync(path.join(pyodideDest, 'pyodide.asm.wasm')).mtimeMs,
		fs.statSync(import.meta.filename).mtimeMs
	);
	if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= newest) return;
	const { loadPyodide } = await import('pyodide');
	const py = await loadPyodide({ _makeSnapshot: true });
	py.runPython(WARM_IMPORTS);
	fs.writeFileSync(out, encodeSparseSnapshot(py.makeMemorySnapshot()));
}
// The dense snapshot of earlier builds.
for (const ext of ['', '.gz', '.br']) fs.rmSync(path.join(pyodideDest, 'pyodide.snapshot' + ext), { force: true });
await makeSnapshot();

// python_stdlib.zip is compressed already.
for (const f of ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', SNAPSHOT_FILE])
	precompress(path.join(pyodideDest, f));

// Excalidraw looks for fonts under window.EXCALIDRAW_ASSET_PATH + 'fonts/'.
// The package exports no package.json; its main entry is dist/prod/index.js.
const fonts = path.join(path.dirname(require.resolve('@excalidraw/excalidraw')), 'fonts');
if (!fs.existsSync(fonts)) throw new Error('@excalidraw/excalidraw has no dist/prod/fonts');
copyTree(fonts, path.resolve('static/excalidraw/fonts'));

console.log('Pyodide and Excalidraw font files ready in static/');
