/** The Pyodide the app pins: its npm package's folder, version and lock file (the trust anchor). */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { readLockFile } from './installPackages.js';
import type { PyodideLock } from './pyodideLock.js';

const require = createRequire(import.meta.url);

export const PYODIDE_DIR = path.dirname(require.resolve('pyodide/package.json'));
export const PYODIDE_VERSION: string = (
	JSON.parse(fs.readFileSync(path.join(PYODIDE_DIR, 'package.json'), 'utf8')) as { version: string }
).version;

export function readPinnedLock(): PyodideLock {
	return readLockFile(path.join(PYODIDE_DIR, 'pyodide-lock.json'));
}
