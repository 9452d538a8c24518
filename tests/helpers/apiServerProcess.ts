/**
 * server/main.ts without the SvelteKit pages (they need `npm run build`), for the tests that run
 * Pairboard as several real processes: the same config reader (process.env), the same
 * createPairboard, the same start-up line and graceful SIGTERM. It also stops when its stdin
 * closes, so a test runner that dies leaves no server behind.
 */
import http from 'node:http';
import { readConfig } from '../../server/config.js';
import { createPairboard } from '../../server/app.js';

const config = readConfig();
const app = await createPairboard({ config });
const server = http.createServer((req, res) => {
	void app.handle(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});
app.attach(server);
server.listen(config.port, config.host, () => {
	const addr = server.address();
	const port = typeof addr === 'object' && addr ? addr.port : config.port;
	console.log(`Pairboard is running at http://localhost:${port}`);
});

let stopping = false;
async function shutdown(): Promise<void> {
	if (stopping) return;
	stopping = true;
	server.closeAllConnections();
	server.close();
	await app.close();
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.stdin.on('end', () => void shutdown());
process.stdin.resume();
