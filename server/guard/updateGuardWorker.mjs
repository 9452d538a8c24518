// Runs in a worker thread: keeps a mirror of every live document and applies each untrusted
// update to the mirror first. If Yjs hangs or runs out of memory here, the main thread
// kills this worker; the real documents and the other rooms never notice.
// Plain JavaScript so that it loads the same way under tsx, Vite and Vitest.
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { CANVAS_MAPS, canvasEntryProblem, canvasSizeProblem } from '../../src/lib/shared/canvas/canvasRules.js';
import { CPU_CLOCK_ABOVE_MS, threadCpuClock, updateCost } from './threadCpuClock.mjs';

const cpuClock = threadCpuClock();

const mirrors = new Map();
/** key → the schema its document follows ('canvas'), when it has one to check. */
const schemas = new Map();

function mirror(key) {
	let doc = mirrors.get(key);
	if (!doc) {
		doc = new Y.Doc({ gc: true });
		// Typed before any update arrives: typing a root later replaces its object, and the
		// checks compare a transaction's changed types with these.
		if (schemas.get(key) === 'canvas') for (const name of CANVAS_MAPS) doc.getMap(name);
		mirrors.set(key, doc);
	}
	return doc;
}

/** The first reason the transaction breaks the canvas schema, or null. */
function canvasProblem(doc, tr) {
	const maps = new Map(CANVAS_MAPS.map((name) => [doc.getMap(name), name]));
	for (const [type, keys] of tr.changed) {
		const name = maps.get(type);
		if (name === undefined) {
			const root = [...doc.share.entries()].find(([, t]) => t === type || isInside(type, t));
			return root && maps.has(root[1])
				? `${maps.get(root[1])} holds plain values only`
				: `"${root?.[0] ?? '?'}" is not part of the canvas document`;
		}
		for (const key of keys) {
			if (key === null) return `${name} is a map`;
			const problem = canvasEntryProblem(name, key, type.get(key));
			if (problem) return problem;
		}
	}
	return canvasSizeProblem(doc.getMap('elements').size, doc.getMap('files').size);
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
			if (msg.schema) schemas.set(key, msg.schema);
			Y.applyUpdate(mirror(key), msg.update);
			parentPort.postMessage({ id, ok: true });
		} else if (op === 'check') {
			if (!mirrors.has(key)) throw new Error(`no mirror for ${key}`);
			const doc = mirror(key);
			const guarded = (msg.protect ?? []).map((name) => doc.getMap(name));
			let touched = null;
			let invalid = null;
			/** Client ids whose structs this update added (their clock moved). */
			const added = new Set();
			const schema = schemas.get(key);
			/** Time spent in the checks below: the guard's own cost, which the real document does not pay. */
			let checkingMs = 0;
			const watch = (tr) => {
				const checkStarted = performance.now();
				for (const [client, clock] of tr.afterState) if (clock > (tr.beforeState.get(client) ?? 0)) added.add(client);
				for (const type of tr.changed.keys()) {
					const hit = guarded.find((g) => g === type || isInside(type, g));
					if (hit) touched = hit;
				}
				if (schema === 'canvas') invalid ??= canvasProblem(doc, tr);
				checkingMs += performance.now() - checkStarted;
			};
			doc.on('afterTransaction', watch);
			const started = performance.now();
			const cpuStarted = cpuClock?.() ?? null;
			try {
				Y.applyUpdate(doc, msg.update);
			} finally {
				doc.off('afterTransaction', watch);
			}
			// LIMIT-6: what applying it cost, which the real document will pay again.
			const wallMs = performance.now() - started;
			const cpuMs = cpuStarted !== null && wallMs > CPU_CLOCK_ABOVE_MS ? cpuClock() - cpuStarted : null;
			const costMs = updateCost(wallMs, cpuMs, checkingMs);
			const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
			if (pending) {
				// Yjs would hold such structs until what they follow arrives, and let the next update of
				// that client complete them: a forged edit in someone else's name. Refused whole instead.
				parentPort.postMessage({
					id,
					ok: false,
					reason: 'it builds on changes the server does not have (pending structs)',
					reload: true
				});
			} else if (invalid) {
				parentPort.postMessage({ id, ok: false, reason: invalid, reload: true });
			} else if (touched) {
				// The mirror now holds a change the real document will not: reload it.
				const name = msg.protect.find((n) => doc.getMap(n) === touched);
				parentPort.postMessage({ id, ok: false, reason: `this role may not change "${name}"`, reload: true });
			} else {
				parentPort.postMessage({ id, ok: true, clients: [...added], costMs });
			}
		} else if (op === 'apply') {
			// Applied by the real document (checked by another process, or a cheap edit): the mirror follows.
			if (mirrors.has(key)) for (const update of msg.updates) Y.applyUpdate(mirror(key), update);
			parentPort.postMessage({ id, ok: true });
		} else if (op === 'drop') {
			mirrors.get(key)?.destroy();
			mirrors.delete(key);
			schemas.delete(key);
			parentPort.postMessage({ id, ok: true });
		}
	} catch (err) {
		// A throw may leave the mirror half-changed: the guard reloads it from the real document.
		parentPort.postMessage({ id, ok: false, reason: err instanceof Error ? err.message : String(err), reload: true });
	}
});

parentPort.postMessage({ ready: true });
