/** The load generator's clients: real WebsocketProviders in this process. */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

const CONNECT_TIMEOUT_MS = 30_000;

/** Where one client connects; pairboard and reference only differ in these. */
export interface ClientSpec {
	serverUrl: string;
	roomname: string;
	params: Record<string, string>;
}

export interface RoomSpec {
	candidate: ClientSpec;
	interviewers: ClientSpec[];
}

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	destroy(): void;
}

export type TargetName = 'pairboard' | 'reference';

export interface Target {
	name: TargetName;
	rooms: RoomSpec[];
}

/** The problem whose buffer the candidate types into (Pairboard's server seeds it). */
export const PROBLEM = 'moving-average';

/** The shared text of a synced doc, or undefined while the server's seed has not arrived. */
export function textOf(name: TargetName, doc: Y.Doc): Y.Text | undefined {
	return name === 'pairboard' ? doc.getMap<Y.Text>('files').get(PROBLEM) : doc.getText('t');
}

/** Counts connection drops during the measured window (a healthy run has none). */
export const drops = { count: 0, codes: new Map<string, number>() };

export function connect(spec: ClientSpec): Client {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(spec.serverUrl, spec.roomname, doc, {
		params: spec.params,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		// Every client of a room lives in this process: BroadcastChannel would let them sync
		// with each other directly and bypass the server under test.
		disableBc: true,
		maxBackoffTime: 1_000
	});
	provider.on('connection-close', (e: { code: number; reason: string } | null) => {
		if (!e) return;
		drops.count++;
		const key = `${e.code} ${String(e.reason)}`.trim();
		drops.codes.set(key, (drops.codes.get(key) ?? 0) + 1);
	});
	return {
		doc,
		provider,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Resolves with the room's text once the provider is synced and the text exists. */
export function ready(c: Client, name: TargetName): Promise<Y.Text> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			cleanup();
			reject(new Error(`${name}: client not synced within ${CONNECT_TIMEOUT_MS} ms`));
		}, CONNECT_TIMEOUT_MS);
		const check = () => {
			const text = c.provider.synced ? textOf(name, c.doc) : undefined;
			if (!text) return;
			cleanup();
			resolve(text);
		};
		const cleanup = () => {
			clearTimeout(timer);
			c.provider.off('sync', check);
			c.doc.off('update', check);
		};
		c.provider.on('sync', check);
		c.doc.on('update', check);
		check();
	});
}

export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
	const out: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const i = next++;
			out[i] = await fn(items[i], i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return out;
}
