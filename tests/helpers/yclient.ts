import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';

export interface YClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	closes: { code: number; reason: string }[];
	destroy(): void;
}

/**
 * The stock y-websocket provider, in Node, as a browser would use it. Pass `ydoc` to connect a
 * document that already has edits (a tab sent to another server by the load balancer).
 */
export function connectY(wsUrl: string, interviewId: string, token: string, doc = 'code', ydoc = new Y.Doc()): YClient {
	const closes: { code: number; reason: string }[] = [];
	const provider = new WebsocketProvider(`${wsUrl}/yjs/${interviewId}`, doc, ydoc, {
		params: { token },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 300
	});
	provider.on('connection-close', (e: { code: number; reason: string } | null) => {
		if (e) closes.push({ code: e.code, reason: String(e.reason) });
	});
	return {
		doc: ydoc,
		provider,
		closes,
		destroy() {
			provider.destroy();
			ydoc.destroy();
		}
	};
}

/** Resolves when `check` holds, re-checking on every change of any of the documents (no polling sleeps). */
export function waitFor<T>(docs: Y.Doc | Y.Doc[], check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
	const list = Array.isArray(docs) ? docs : [docs];
	return new Promise((resolve, reject) => {
		const off = () => list.forEach((d) => d.off('update', done));
		const done = () => {
			const v = check();
			if (v) {
				off();
				clearTimeout(timer);
				resolve(v);
				return true;
			}
			return false;
		};
		const timer = setTimeout(() => {
			off();
			reject(new Error('condition not met in time'));
		}, timeoutMs);
		if (!done()) list.forEach((d) => d.on('update', done));
	});
}

export function waitSynced(c: YClient, timeoutMs = 10_000): Promise<void> {
	if (c.provider.synced) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const t = setTimeout(() => reject(new Error('not synced in time')), timeoutMs);
		const on = (s: boolean) => {
			if (!s) return;
			clearTimeout(t);
			c.provider.off('sync', on);
			resolve();
		};
		c.provider.on('sync', on);
	});
}

export function waitClosed(c: YClient, timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
	if (c.closes.length) return Promise.resolve(c.closes[0]);
	return new Promise((resolve, reject) => {
		const t = setTimeout(() => reject(new Error('not closed in time')), timeoutMs);
		c.provider.on('connection-close', (e: { code: number; reason: string } | null) => {
			clearTimeout(t);
			resolve({ code: e?.code ?? 0, reason: String(e?.reason ?? '') });
		});
	});
}

export function codeText(doc: Y.Doc, problem = 'moving-average'): Y.Text | undefined {
	return doc.getMap<Y.Text>('files').get(problem);
}

/**
 * Resolves once the server has handled everything this client sent so far: the server handles
 * a room's messages in order, so the answer to a fresh sync step 1 comes after them.
 */
export function roundTrip(c: YClient, timeoutMs = 10_000): Promise<void> {
	const ws = c.provider.ws as unknown as WebSocket & {
		addEventListener(t: 'message', f: (e: { data: ArrayBuffer | Buffer }) => void): void;
		removeEventListener(t: 'message', f: (e: { data: ArrayBuffer | Buffer }) => void): void;
	};
	if (!ws) return Promise.reject(new Error('not connected'));
	return new Promise((resolve, reject) => {
		const t = setTimeout(() => reject(new Error('no answer in time')), timeoutMs);
		const on = (e: { data: ArrayBuffer | Buffer }) => {
			const d = new Uint8Array(e.data as ArrayBuffer);
			if (d[0] === 0 && d[1] === 1) {
				clearTimeout(t);
				ws.removeEventListener('message', on);
				resolve();
			}
		};
		ws.addEventListener('message', on);
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, 0);
		syncProtocol.writeSyncStep1(enc, c.doc);
		ws.send(encoding.toUint8Array(enc));
	});
}
