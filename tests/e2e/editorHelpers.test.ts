import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createInterview } from '../helpers/startServer.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js';
import { editorText, focusEditor, launchBrowser, openRoom, setBuffer } from '../helpers/browser.js';

let browser: Browser;
let server: SpawnedServer;

beforeAll(async () => {
	[browser, server] = await Promise.all([launchBrowser(), spawnServer()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** Words the editor will offer back as suggestions once their first letters are typed. */
const WORDS = 'moving_average = 1\nmovie = 2\nmovies = 3\nmover = 4\nmoving = 5\n\n\n\npass\n';

describe("the tests' editor helpers", () => {
	it('focusEditor, called right after typing, is not stopped by the word suggestions opening over the lines', async () => {
		const iv = await createInterview(server);
		const { context, page } = await openRoom(browser, `${server.url}/room/${iv.id}?token=${iv.candidate}`);
		try {
			// With these lines above the caret, the suggestions open over the middle of the lines,
			// where a click lands: they open a moment after the keys, as they did in CI.
			await setBuffer(page, WORDS);
			await page.keyboard.press('ControlOrMeta+End');
			await page.keyboard.type('movi');
			await focusEditor(page);
			await setBuffer(page, 'x = 2\n');
			expect((await editorText(page)).trim()).toBe('x = 2');
		} finally {
			await context.close();
		}
	}, 60_000);
});
