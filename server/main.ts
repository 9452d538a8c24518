import http from 'node:http';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readConfig } from './config.js';
import { createPairboard } from './app.js';

/** Production entry: `npm start` (after `vite build`). */
let config: ReturnType<typeof readConfig>;
try {
	config = readConfig();
} catch (err) {
	// A bad variable (a weak admin key, a malformed PAIRBOARD_DATABASE_URL…): one line naming it, no stack.
	console.error(`Pairboard cannot start: ${err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
}
const handlerPath = fileURLToPath(new URL('../build/handler.js', import.meta.url));
if (!fs.existsSync(handlerPath)) {
	console.error('No production build found. Run `npm run build` first (npm start does it for you).');
	process.exit(1);
}
const { handler: pages } = (await import(handlerPath)) as {
	handler: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
};

let app: Awaited<ReturnType<typeof createPairboard>>;
try {
	app = await createPairboard({ config });
} catch (err) {
	// A bad problem folder or an unreadable data folder: say which, in one line, and stop.
	console.error(`Pairboard cannot start: ${err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
}
const server = http.createServer((req, res) => {
	void app.handle(req, res, () =>
		pages(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		})
	);
});
app.attach(server);

server.listen(config.port, config.host, () => {
	const addr = server.address();
	const port = typeof addr === 'object' && addr ? addr.port : config.port;
	console.log(`Pairboard is running at http://localhost:${port}`);
	console.log(`Data folder: ${config.dataDir}`);
	if (app.adminKeyGenerated) {
		console.log(`\nAdmin key (shown once; kept in ${config.dataDir}/admin-key):\n\n  ${app.adminKey}\n`);
	}
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
	if (stopping) return;
	stopping = true;
	console.log(`\n${signal}: saving rooms and stopping…`);
	server.close();
	await app.close();
	process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
