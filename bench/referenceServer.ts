/**
 * The baseline for bench/sync.ts: the stock y-websocket 1.5.4 server (in-memory, no
 * persistence, no auth, no update checking), i.e. the floor a relay of this protocol costs.
 * Runs in its own process for the same reason as pairboardServer.ts.
 *
 * Prints one JSON line to stdout once it listens: {url, wsUrl, pid}. The room is the URL
 * path (`ws://HOST/{room}`), which is what WebsocketProvider(serverUrl, room) connects to.
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

/** bin/utils is CommonJS without type declarations; this is the one function we use. */
interface LegacyUtils {
	setupWSConnection(conn: WebSocket, req: IncomingMessage, opts?: { docName?: string; gc?: boolean }): void;
}
const require = createRequire(import.meta.url);
const { setupWSConnection } = require('y-websocket-legacy/bin/utils') as LegacyUtils;

const server = http.createServer((_req, res) => {
	res.writeHead(200, { 'content-type': 'text/plain' });
	res.end('okay');
});
const wss = new WebSocketServer({ server });
wss.on('connection', (conn, req) => {
	const docName = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname.slice(1));
	setupWSConnection(conn, req, { docName });
});

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;

let stopping = false;
function shutdown(why: string): void {
	if (stopping) return;
	stopping = true;
	console.error(`[referenceServer] stopping (${why})`);
	for (const ws of wss.clients) ws.terminate();
	wss.close();
	server.closeAllConnections();
	server.close(() => process.exit(0));
	// setupWSConnection keeps a ping interval per connection until its close handler runs.
	setTimeout(() => process.exit(0), 2_000).unref();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
process.stdin.on('end', () => shutdown('stdin closed'));
process.stdin.resume();

process.stdout.write(
	JSON.stringify({ url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}`, pid: process.pid }) + '\n'
);
