// Lint = the architecture's boundaries (STYLE.md), enforced rather than remembered, plus
// typescript-eslint's recommended rules. Svelte files are checked by svelte-check.
import tseslint from 'typescript-eslint';

const browserOnly = ['monaco-editor', 'monaco-editor/*', 'y-monaco', 'y-websocket', 'socket.io-client', 'pyodide'];
const serverOnly = ['socket.io', 'ws', 'better-sqlite3', 'node:*', 'fs', 'http', 'path', 'crypto', 'worker_threads'];

export default tseslint.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'static/', 'data/'] },
	...tseslint.configs.recommended,
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
		}
	},
	{
		files: ['src/lib/shared/**/*.{ts,js}'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [...browserOnly, ...serverOnly, 'svelte', 'svelte/*', '$app/*'],
							message: 'src/lib/shared is pure: no DOM, Node, Svelte, sockets or storage.'
						}
					]
				}
			]
		}
	},
	{
		files: ['server/domain/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [...serverOnly, ...browserOnly, '**/storage/**', '**/transport/**', '@sveltejs/*'],
							message: 'server/domain takes its I/O through ports.ts, never a driver, socket or fs.'
						}
					]
				}
			],
			'no-restricted-globals': [
				'error',
				{ name: 'process', message: 'Only server/config.ts reads the environment.' },
				...['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval'].map((name) => ({
					name,
					message: 'The domain takes time through the Scheduler port (ports.ts), so tests can drive it.'
				})),
				{ name: 'console', message: 'The domain reports through the Logger port (ports.ts).' }
			]
		}
	},
	{
		// Tests of the domain may wait on real time where they drive real components.
		files: ['server/domain/**/*.test.ts'],
		rules: { 'no-restricted-globals': ['error', { name: 'process', message: 'Tests take config as arguments.' }] }
	},
	{
		files: ['server/transport/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/storage/**', 'better-sqlite3'],
							message: 'A transport calls the domain; it never touches storage.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/lib/components/**/*', 'src/routes/**/*'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [{ group: browserOnly, message: 'Components use src/lib/client, not sockets or Pyodide directly.' }]
				}
			]
		}
	}
);
