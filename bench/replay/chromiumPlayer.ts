/**
 * One cold player in Chromium, the runtime the replay page really runs in: a fresh browser per
 * run (so V8 starts cold, as on a page just opened), the player's work (playerWork.ts) bundled
 * by esbuild and given the text the page downloads. Its V8 is newer than Node's, so it is
 * measured beside the Node player rather than guessed from it.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { launchBrowser } from '../../tests/helpers/browser.js';
import { readPlayerInput } from './playerInput.js';
import type { PlayerInput, PlayerMode, PlayerRun } from './playerWork.js';

let bundle: Promise<string> | null = null;
/** The version of the browser the runs used (known after the first). */
let version: string | null = null;

function pageScript(): Promise<string> {
	bundle ??= build({
		entryPoints: [path.join(import.meta.dirname, 'playerPage.ts')],
		bundle: true,
		format: 'iife',
		platform: 'browser',
		target: 'es2022',
		minify: true,
		write: false
	}).then((out) => out.outputFiles[0].text);
	return bundle;
}

export async function runChromiumPlayer(dir: string, seeks: number, mode: PlayerMode): Promise<PlayerRun> {
	const input = readPlayerInput(dir, seeks, mode);
	const browser = await launchBrowser();
	version = browser.version();
	try {
		const page = await browser.newPage();
		await page.addScriptTag({ content: await pageScript() });
		return await page.evaluate(
			(i) => (globalThis as unknown as { runPlayer: (x: PlayerInput) => PlayerRun }).runPlayer(i),
			input
		);
	} finally {
		await browser.close();
	}
}

export function chromiumVersion(): string | null {
	return version;
}
