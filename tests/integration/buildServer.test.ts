import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../scripts/buildServer.mjs';

// Inside the repository, as build/pairboard/ is: the compiled files find node_modules from there.
const OUT = `build/test-server-${process.pid}`;
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

/** Every `new URL('…', import.meta.url)` in the compiled files, resolved from the file it is in. */
function fileUrls(dir: string): { in: string; to: string }[] {
	const found: { in: string; to: string }[] = [];
	for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.js'))) {
		const file = path.join(dir, name);
		const here = pathToFileURL(file);
		for (const m of fs.readFileSync(file, 'utf8').matchAll(/new URL\("([^"]+)", import\.meta\.url\)/g)) {
			found.push({ in: name, to: path.resolve(fileURLToPath(new URL(m[1], here))) });
		}
	}
	return found;
}

describe('the compiled server (npm run build → build/pairboard/)', () => {
	it('reaches every worker script, thread module and asset folder its sources name beside themselves', async () => {
		const out = await buildServer(OUT);
		const urls = fileUrls(out);
		expect(urls.map((u) => path.relative('.', u.to)).sort()).toEqual(
			[
				'build/handler.js',
				`${OUT}/anonymiserThreadMain.js`,
				`${OUT}/statisticsThreadMain.js`,
				'server/background/backgroundThread.mjs',
				'server/guard/updateGuardWorker.mjs',
				'server/storage/sqlite/walCheckpointWorker.mjs',
				'static/pyodide'
			].sort()
		);
		// The pages' build and the copied Pyodide come from `npm run build`, which need not have run yet.
		const madeByTheBuild = new Set([path.resolve('build/handler.js'), path.resolve('static/pyodide')]);
		const missing = urls.filter((u) => !madeByTheBuild.has(u.to) && !fs.existsSync(u.to));
		expect(missing).toEqual([]);
	});

	it('refuses a TypeScript module loaded by URL that is not one of its entries (it would not be compiled)', async () => {
		await expect(
			buildServer(`${OUT}-partial`, { main: 'server/main.ts' }).finally(() =>
				fs.rmSync(`${OUT}-partial`, { recursive: true, force: true })
			)
		).rejects.toThrow(/anonymiserThreadMain\.ts is TypeScript but not an entry/);
	});
});
