import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFixturePackages, PINNED_PYODIDE } from '../helpers/pyodideArchive.js';
import { startServer, tempDataDir, type TestServer } from '../helpers/startServer.js';
import { createPyodideAssets } from '../../server/transport/pyodideAssets.js';
import { PythonPackages } from '../../server/python/PythonPackages.js';
import { readPinnedLock } from '../../server/python/pinnedPyodide.js';

let s: TestServer;
let target: string;
let problemsDir: string;

/** A copy of one real problem that declares `packages` in its meta.yaml. */
export function problemDeclaring(root: string, id: string, packages: string[]): void {
	const dir = path.join(root, id);
	fs.cpSync(path.resolve('problems/moving-average'), dir, { recursive: true });
	fs.appendFileSync(path.join(dir, 'meta.yaml'), `\npackages: [${packages.join(', ')}]\n`);
}

beforeAll(async () => {
	target = path.join(tempDataDir(), 'pkgs');
	const r = installFixturePackages(target, 'pb-fixture-stats');
	if (r.code !== 0) throw new Error(r.out);
	problemsDir = tempDataDir();
	problemDeclaring(problemsDir, 'uses-fixture', ['pb-fixture-stats']);
	problemDeclaring(problemsDir, 'uses-numpy', ['numpy', 'pb-fixture-core']);
	s = await startServer({ pythonPackagesDir: target, problemsDir });
});
afterAll(() => s?.stop());

describe('Python packages served from /pyodide/', () => {
	it('the lock file lists the installed packages only, and what Pyodide knows but is missing', async () => {
		const res = await fetch(`${s.url}/pyodide/pyodide-lock.json`);
		expect(res.status).toBe(200);
		expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
		const lock = await res.json();
		expect(Object.keys(lock.packages).sort()).toEqual(['pb-fixture-core', 'pb-fixture-stats']);
		expect(lock.info).toEqual(readPinnedLock().info);
		expect(lock.tool.pairboard.notInstalled.numpy).toBe('numpy');
		expect(lock.tool.pairboard.notInstalled.sklearn).toBe('scikit-learn');
	});

	it('serves an installed file with its lock hash, cross-origin isolated and cached for good', async () => {
		const lock = await (await fetch(`${s.url}/pyodide/pyodide-lock.json`)).json();
		const pkg = lock.packages['pb-fixture-stats'];
		const res = await fetch(`${s.url}/pyodide/packages/${pkg.file_name}`);
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toContain('immutable');
		expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
		const bytes = Buffer.from(await res.arrayBuffer());
		expect(createHash('sha256').update(bytes).digest('hex')).toBe(pkg.sha256);
	});

	it.each([
		'numpy-2.4.6-cp314-cp314-pyemscripten_2026_0_wasm32.whl',
		'..%2Fpyodide-lock.json',
		'..%2F..%2Fetc%2Fpasswd',
		'%E0%A4%A'
	])('answers 404 with a JSON error for anything not installed (%s)', async (name) => {
		const res = await fetch(`${s.url}/pyodide/packages/${name}`);
		expect(res.status).toBe(404);
		expect((await res.json()).error).toMatch(/not installed/);
	});

	it('GET /api/health keeps ok and lists the packages this server can serve', async () => {
		const health = await (await fetch(`${s.url}/api/health`)).json();
		expect(health.ok).toBe(true);
		expect(health.python.pyodide).toBe(PINNED_PYODIDE);
		expect(health.python.packages).toEqual([
			{ name: 'pb-fixture-core', version: '1.0.0' },
			{ name: 'pb-fixture-stats', version: '2.1.0' }
		]);
		expect(health.database.kind).toBe('sqlite');
		expect(health.bus.kind).toBe('in-process');
	});

	it('the organizer list marks the declared packages that are not installed', async () => {
		const res = await fetch(`${s.url}/api/problems`, { headers: { authorization: `Bearer ${s.adminKey}` } });
		const { problems } = await res.json();
		const byId = Object.fromEntries(problems.map((p: { id: string }) => [p.id, p]));
		expect(byId['uses-fixture']).toMatchObject({ packages: ['pb-fixture-stats'], missingPackages: [] });
		expect(byId['uses-numpy']).toMatchObject({ packages: ['numpy', 'pb-fixture-core'], missingPackages: ['numpy'] });
	});

	it('an installed entry that disagrees with the pinned lock (another Pyodide version) is not served', () => {
		const dir = tempDataDir();
		const pinned = readPinnedLock();
		const numpy = { ...pinned.packages.numpy, sha256: '0'.repeat(64) };
		fs.writeFileSync(path.join(dir, numpy.file_name), 'old numpy');
		fs.writeFileSync(path.join(dir, 'pyodide-lock.json'), JSON.stringify({ info: pinned.info, packages: { numpy } }));
		const packages = new PythonPackages(PINNED_PYODIDE, pinned, dir);
		expect(packages.available()).toEqual([]);
		expect(packages.filePath(numpy.file_name)).toBeNull();
		expect(packages.missing(['numpy'])).toEqual(['numpy']);
	});

	it('a new installation is served without a restart', async () => {
		const r = installFixturePackages(target, 'pb-fixture-core');
		expect(r.code).toBe(0);
		const lock = await (await fetch(`${s.url}/pyodide/pyodide-lock.json`)).json();
		expect(Object.keys(lock.packages)).toEqual(['pb-fixture-core']);
	});
});

/** Pyodide's files from `dir`, served as the app serves them (without awaiting the handler). */
async function serveAssets(dir: string): Promise<{ server: http.Server; url: string }> {
	const assets = createPyodideAssets({ packages: new PythonPackages(PINNED_PYODIDE, readPinnedLock(), null), dir });
	const server = http.createServer((req, res) => {
		void assets(req, res).then((done) => {
			if (!done) res.writeHead(404).end();
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('a download of Pyodide cut off by the browser', () => {
	// Pyodide's files of its own (a fresh clone has no copied assets before its first build), large
	// enough that the stream is still open when the page goes away.
	let server: http.Server;
	let url: string;
	beforeAll(async () => {
		const dir = tempDataDir();
		fs.writeFileSync(path.join(dir, 'pyodide.asm.wasm'), Buffer.alloc(16 * 1024 * 1024, 7));
		({ server, url } = await serveAssets(dir));
	});
	afterAll(() => new Promise<void>((r) => server.close(() => r())));

	it('harms nothing: the server keeps answering (the stream error is not left unhandled)', async () => {
		const unhandled: unknown[] = [];
		const record = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', record);
		const closed = new Promise<void>((resolve) => server.once('request', (_req, res) => res.once('close', resolve)));
		await new Promise<void>((resolve, reject) => {
			const req = http.get(
				`${url}/pyodide/v${PINNED_PYODIDE}/pyodide.asm.wasm`,
				{ headers: { 'accept-encoding': 'identity' } },
				(res) => {
					if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
					res.once('data', () => {
						req.destroy();
						resolve();
					});
				}
			);
			req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
		});
		// The server has seen the socket close; then whatever its stream does next has happened too.
		await closed;
		await new Promise((r) => setImmediate(r));
		process.off('unhandledRejection', record);
		expect(unhandled).toEqual([]);
		const again = await fetch(`${url}/pyodide/v${PINNED_PYODIDE}/pyodide.asm.wasm`, { method: 'HEAD' });
		expect(again.status).toBe(200);
	});
});

describe("Pyodide's own files under a versioned URL", () => {
	let server: http.Server;
	let url: string;
	const dir = tempDataDir();
	const wasm = Buffer.alloc(64 * 1024, 7);

	beforeAll(async () => {
		fs.writeFileSync(path.join(dir, 'pyodide.asm.wasm'), wasm);
		fs.writeFileSync(path.join(dir, 'pyodide.asm.wasm.gz'), (await import('node:zlib')).gzipSync(wasm));
		({ server, url } = await serveAssets(dir));
	});
	afterAll(() => new Promise<void>((r) => server.close(() => r())));

	const get = (p: string, encoding: string) =>
		new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
			http
				.get(`${url}${p}`, { headers: { 'accept-encoding': encoding } }, (res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c) => chunks.push(c));
					res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
				})
				.on('error', reject);
		});

	it('sends the gzip copy to a browser that accepts gzip, as application/wasm, immutable', async () => {
		const r = await get(`/pyodide/v${PINNED_PYODIDE}/pyodide.asm.wasm`, 'gzip, deflate');
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toBe('application/wasm');
		expect(r.headers['content-encoding']).toBe('gzip');
		expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
		expect(r.headers.vary).toBe('Accept-Encoding');
		expect(gunzipSync(r.body).equals(wasm)).toBe(true);
	});

	it('sends the plain file when the browser accepts no compression we have', async () => {
		const r = await get(`/pyodide/v${PINNED_PYODIDE}/pyodide.asm.wasm`, 'br;q=0, identity');
		expect(r.headers['content-encoding']).toBeUndefined();
		expect(r.body.equals(wasm)).toBe(true);
	});

	it('knows only the current version and only its core files', async () => {
		expect((await get(`/pyodide/v1.0.0/pyodide.asm.wasm`, 'gzip')).status).toBe(404);
		expect((await get(`/pyodide/v${PINNED_PYODIDE}/package.json`, 'gzip')).status).toBe(404);
	});
});
