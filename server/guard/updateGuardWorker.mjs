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

/** Whether `type` is nested somewhere under `ancestor`. */
function isInside(type, ancestor) {
	for (let t = type._item?.parent; t; t = t._item?.parent) if (t === ancestor) return true;
	return false;
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
			const doc = mirror(key);
			const guarded = (msg.protect ?? []).map((name) => doc.getMap(name));
			let touched = null;
			const watch = (tr) => {
				for (const type of tr.changed.keys()) {
					const hit = guarded.find((g) => g === type || isInside(type, g));
					if (hit) touched = hit;
				}
			};
			doc.on('afterTransaction', watch);
			try {
				Y.applyUpdate(doc, msg.update);
			} finally {
				doc.off('afterTransaction', watch);
			}
			if (touched) {
				// The mirror now holds a change the real document will not: reload it.
				const name = msg.protect.find((n) => doc.getMap(n) === touched);
				parentPort.postMessage({ id, ok: false, reason: `this role may not change "${name}"`, reload: true });
			} else {
				parentPort.postMessage({ id, ok: true });
			}
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
