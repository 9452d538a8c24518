// Runs in a worker thread: keeps a mirror of every live document and applies each untrusted
// update to the mirror first. If Yjs hangs or runs out of memory here, the main thread
// kills this worker; the real documents and the other rooms never notice.
// Plain JavaScript so that it loads the same way under tsx, Vite and Vitest.
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

const mirrors = new Map();

function mirror(key) {
	let doc = mirrors.get(key);
	if (!doc) {
		doc = new Y.Doc({ gc: true });
		mirrors.set(key, doc);
	}
	return doc;
}

parentPort.on('message', (msg) => {
	const { id, op, key } = msg;
	try {
		if (op === 'load') {
			mirrors.get(key)?.destroy();
			mirrors.delete(key);
			Y.applyUpdate(mirror(key), msg.update);
			parentPort.postMessage({ id, ok: true });
		} else if (op === 'check') {
			if (!mirrors.has(key)) throw new Error(`no mirror for ${key}`);
			Y.applyUpdate(mirror(key), msg.update);
			parentPort.postMessage({ id, ok: true });
		} else if (op === 'drop') {
			mirrors.get(key)?.destroy();
			mirrors.delete(key);
			parentPort.postMessage({ id, ok: true });
		}
	} catch (err) {
		// A throw may leave the mirror half-changed: the guard reloads it from the real document.
		parentPort.postMessage({ id, ok: false, reason: err instanceof Error ? err.message : String(err), reload: true });
	}
});

parentPort.postMessage({ ready: true });
