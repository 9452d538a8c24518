/**
 * Serves Pyodide to the browser from this server, in production and under Vite alike (it runs
 * in front of both, after the security headers):
 * - `/pyodide/v<version>/<file>`: the interpreter, from static/pyodide (copied and compressed by
 *   scripts/copy-assets.mjs), gzip or brotli as the browser accepts, cached for good because the
 *   URL changes with the version; `.wasm` as application/wasm so it compiles while downloading;
 * - `/pyodide/pyodide-lock.json`: the lock file limited to what is installed (PythonPackages);
 * - `/pyodide/packages/<file>`: installed package files, only those the served lock lists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PythonPackages } from '../python/PythonPackages.js';
import {
	PYODIDE_LOCK_PATH,
	PYODIDE_PACKAGES_PATH,
	PYODIDE_SNAPSHOT_FILE,
	pyodideIndexPath
} from '../../src/lib/shared/python/packages.js';

export const STATIC_PYODIDE_DIR = fileURLToPath(new URL('../../static/pyodide/', import.meta.url));
/** The files of Pyodide's core a page loads; nothing else under the versioned path exists. */
export const PYODIDE_CORE_FILES = [
	'pyodide.mjs',
	'pyodide.asm.mjs',
	'pyodide.asm.wasm',
	'python_stdlib.zip',
	PYODIDE_SNAPSHOT_FILE
] as const;
const IMMUTABLE = 'public, max-age=31536000, immutable';

const TYPES: Record<string, string> = {
	'.mjs': 'text/javascript; charset=utf-8',
	'.wasm': 'application/wasm',
	'.zip': 'application/zip',
	'.whl': 'application/zip'
};

/** Encodings the request accepts (q=0 means refused). */
function accepts(req: IncomingMessage, coding: string): boolean {
	const header = String(req.headers['accept-encoding'] ?? '');
	return header.split(',').some((part) => {
		const [name, ...params] = part.trim().split(';');
		if (name.trim() !== coding) return false;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return !q || Number(q.slice(2)) > 0;
	});
}

async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, headers: Record<string, string>) {
	const stat = fs.statSync(file);
	res.writeHead(200, { ...headers, 'Content-Length': String(stat.size) });
	if (req.method === 'HEAD') return void res.end();
	try {
		await pipeline(fs.createReadStream(file), res);
	} catch {
		// The browser went away mid-download (a closed tab), or the file could not be read after
		// the headers went out: either way this response is over, and the process must not fail.
		res.destroy();
	}
}

export function createPyodideAssets(deps: { packages: PythonPackages; dir?: string }) {
	const dir = deps.dir ?? STATIC_PYODIDE_DIR;
	const corePrefix = pyodideIndexPath(deps.packages.version);

	async function serveCore(req: IncomingMessage, res: ServerResponse, name: string): Promise<boolean> {
		if (!(PYODIDE_CORE_FILES as readonly string[]).includes(name)) return false;
		const plain = path.join(dir, name);
		if (!fs.existsSync(plain)) return false;
		const headers: Record<string, string> = {
			'Content-Type': TYPES[path.extname(name)] ?? 'application/octet-stream',
			'Cache-Control': IMMUTABLE,
			Vary: 'Accept-Encoding'
		};
		for (const [coding, ext] of [
			['br', '.br'],
			['gzip', '.gz']
		] as const) {
			if (accepts(req, coding) && fs.existsSync(plain + ext)) {
				await sendFile(req, res, plain + ext, { ...headers, 'Content-Encoding': coding });
				return true;
			}
		}
		await sendFile(req, res, plain, headers);
		return true;
	}

	function serveLock(req: IncomingMessage, res: ServerResponse): void {
		const lock = deps.packages.servedLock();
		// The worker restores the interpreter from the snapshot only when the build made one.
		lock.tool.pairboard.snapshot = fs.existsSync(path.join(dir, PYODIDE_SNAPSHOT_FILE));
		const body = JSON.stringify(lock);
		const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
		const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache', ETag: etag };
		if (req.headers['if-none-match'] === etag) {
			res.writeHead(304, headers);
			return void res.end();
		}
		res.writeHead(200, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
		res.end(req.method === 'HEAD' ? undefined : body);
	}

	/** True when the request was for Pyodide's files and has been answered. */
	return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
		if (req.method !== 'GET' && req.method !== 'HEAD') return false;
		const pathname = new URL(req.url ?? '/', 'http://x').pathname;
		if (!pathname.startsWith('/pyodide/')) return false;
		if (pathname === PYODIDE_LOCK_PATH) {
			serveLock(req, res);
			return true;
		}
		if (pathname.startsWith(corePrefix)) return serveCore(req, res, pathname.slice(corePrefix.length));
		if (pathname.startsWith(PYODIDE_PACKAGES_PATH)) {
			let name: string;
			try {
				name = decodeURIComponent(pathname.slice(PYODIDE_PACKAGES_PATH.length));
			} catch {
				name = '';
			}
			const file = deps.packages.filePath(name);
			if (!file) {
				res.writeHead(404, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ error: 'This Python package is not installed on this server' }));
				return true;
			}
			await sendFile(req, res, file, { 'Content-Type': 'application/zip', 'Cache-Control': IMMUTABLE });
			return true;
		}
		return false;
	};
}
