// Copies runtime files the browser needs from npm packages into static/, so the app serves
// them itself and works offline (no CDN): Pyodide's interpreter and Excalidraw's fonts.
// Run before dev and build.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

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
for (const f of ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json']) {
	const from = path.join(pyodide, f);
	if (!fs.existsSync(from)) throw new Error(`pyodide package has no ${f}`);
	copyFile(from, path.join(pyodideDest, f));
}

// Excalidraw looks for fonts under window.EXCALIDRAW_ASSET_PATH + 'fonts/'.
// The package exports no package.json; its main entry is dist/prod/index.js.
const fonts = path.join(path.dirname(require.resolve('@excalidraw/excalidraw')), 'fonts');
if (!fs.existsSync(fonts)) throw new Error('@excalidraw/excalidraw has no dist/prod/fonts');
copyTree(fonts, path.resolve('static/excalidraw/fonts'));

console.log('Pyodide and Excalidraw font files ready in static/');
