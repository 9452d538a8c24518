import type { Plugin } from 'vite';
import type { Server as HttpServer } from 'node:http';
import { readConfig } from '../config.js';
import { createPairboard } from '../app.js';

/** `npm run dev` runs the same transports and API as production, on Vite's HTTP server. */
export function pairboardDev(): Plugin {
	return {
		name: 'pairboard-dev',
		apply: 'serve',
		async configureServer(server) {
			const app = await createPairboard({ config: readConfig(), dev: true });
			if (app.adminKeyGenerated) console.log(`\nPairboard admin key (shown once): ${app.adminKey}\n`);
			if (server.httpServer) app.attach(server.httpServer as HttpServer);
			server.middlewares.use((req, res, next) => void app.handle(req, res, next));
			server.httpServer?.on('close', () => void app.close());
		}
	};
}
