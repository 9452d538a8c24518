// Copies Pyodide's runtime files from the npm package into static/pyodide so the app serves
// them itself (no CDN). Run before dev and build.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const src = path.dirname(require.resolve('pyodide/package.json'));
const dest = path.resolve('static/pyodide');
const files = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];
fs.mkdirSync(dest, { recursive: true });
for (const f of files) {
	const from = path.join(src, f);
	const to = path.join(dest, f);
	if (!fs.existsSync(from)) throw new Error(`pyodide package has no ${f}`);
	const a = fs.statSync(from);
	if (fs.existsSync(to) && fs.statSync(to).size === a.size) continue;
	fs.copyFileSync(from, to);
}
console.log(`Pyodide files ready in ${path.relative(process.cwd(), dest)}`);
