import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import path from 'node:path';

export default defineConfig({
	// Compiles .svelte files so component tests can render them with svelte/server.
	plugins: [svelte()],
	resolve: {
		alias: { $lib: path.resolve('src/lib') },
		dedupe: ['yjs', 'y-protocols', 'lib0']
	},
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['server/**/*.test.ts', 'src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
					testTimeout: 30_000,
					hookTimeout: 30_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					testTimeout: 120_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			}
		]
	}
});
