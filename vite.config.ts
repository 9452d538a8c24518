import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { pairboardDev } from './server/dev/vitePlugin';

export default defineConfig({
	plugins: [sveltekit(), pairboardDev()],
	resolve: {
		// One copy of each: a second Yjs breaks documents ("Yjs was already imported").
		dedupe: ['yjs', 'y-protocols', 'lib0'],
		alias: [
			// monaco-vim and monaco-emacs import Monaco by its package name or without `.js`:
			// point them at the same editor API the app loads, not Monaco's every-language bundle.
			{ find: /^monaco-editor$/, replacement: 'monaco-editor/esm/vs/editor/editor.api.js' },
			{ find: /^(monaco-editor\/esm\/[^?]+?)(?<!\.js)$/, replacement: '$1.js' }
		]
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
