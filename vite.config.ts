import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { pairboardDev } from './server/dev/vitePlugin';

export default defineConfig({
	plugins: [sveltekit(), pairboardDev()],
	resolve: {
		// One copy of each: a second Yjs breaks documents ("Yjs was already imported").
		dedupe: ['yjs', 'y-protocols', 'lib0']
	},
	worker: { format: 'es' },
	server: {
		headers: {
			'Cross-Origin-Opener-Policy': 'same-origin',
			'Cross-Origin-Embedder-Policy': 'require-corp'
		}
	},
	build: { chunkSizeWarningLimit: 4000 }
});
