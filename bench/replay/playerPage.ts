/**
 * The measured player in Chromium: bench/replay/chromiumPlayer.ts bundles this file and calls
 * `runPlayer` in a fresh browser. As on the page (src/hooks.client.ts): zod's interpreter.
 */
import { z } from 'zod';
import { playPlayer, type PlayerInput, type PlayerRun } from './playerWork.js';

z.config({ jitless: true });

interface ChromeMemory {
	memory?: { usedJSHeapSize: number };
}

(globalThis as unknown as { runPlayer: (input: PlayerInput) => PlayerRun }).runPlayer = (input) =>
	playPlayer(
		input,
		() => null,
		() => {
			const m = (performance as unknown as ChromeMemory).memory;
			return m ? m.usedJSHeapSize / 1e6 : null;
		}
	);
