/**
 * Issue 17, item 6: edits made offline are kept in IndexedDB (y-indexeddb); closing the tab
 * while offline and opening it again later merges them into the room. Run says at once why it
 * waits. The interviewer's page sees the merged edit; the server's document holds it.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createInterview } from '../helpers/startServer.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js';
import { focusEditor, launchBrowser, openRoom, waitForEditorText } from '../helpers/browser.js';
import { codeText, connectY, waitFor, waitSynced } from '../helpers/yclient.js';

const SHOTS = process.env.OFFLINE_SHOTS_DIR ?? '/tmp/offline-shots';
let browser: Browser;
let server: SpawnedServer;

beforeAll(async () => {
	fs.mkdirSync(SHOTS, { recursive: true });
	[browser, server] = await Promise.all([launchBrowser(), spawnServer()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** How many updates the page's offline copy holds in IndexedDB (y-indexeddb's `updates` store). */
function storedUpdates(page: Page): Promise<number> {
	return page.evaluate(async () => {
		const dbs = await indexedDB.databases();
		const name = dbs.map((d) => d.name).find((n) => n?.endsWith(':code'));
		if (!name) return 0;
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open(name);
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		try {
			return await new Promise<number>((resolve, reject) => {
				const req = db.transaction('updates').objectStore('updates').count();
				req.onsuccess = () => resolve(req.result);
				req.onerror = () => reject(req.error);
			});
		} finally {
			db.close();
		}
	});
}

describe('offline edits', () => {
	it('an edit made offline survives closing the tab and is merged when the room is opened again', async () => {
		const iv = await createInterview(server);
		const url = (token: string) => `${server.url}/room/${iv.id}?token=${token}`;
		const cand = await openRoom(browser, url(iv.candidate));
		const intv = await openRoom(browser, url(iv.interviewer));
		const watcher = connectY(server.url.replace(/^http/, 'ws'), iv.id, iv.interviewer);
		try {
			await waitSynced(watcher);
			await cand.context.setOffline(true);
			await cand.page.locator('[data-testid=connection][data-state=offline]').waitFor();

			const before = await storedUpdates(cand.page);
			await focusEditor(cand.page);
			await cand.page.keyboard.press('ControlOrMeta+Home');
			await cand.page.keyboard.type('# written offline\n');
			await cand.page.locator('[data-testid=connection]:not([data-unsynced="0"])').waitFor();
			expect(await cand.page.getByTestId('unsynced').innerText()).toMatch(/\d+ unsynced change/);
			await expect.poll(() => storedUpdates(cand.page)).toBeGreaterThan(before);

			// Run says at once, in words, why it waits; nothing starts.
			await cand.page
				.getByTestId('runner-state')
				.and(cand.page.locator('[data-state=ready]'))
				.waitFor({ timeout: 60_000 });
			await cand.page.getByTestId('run').click();
			await expect
				.poll(() => cand.page.getByTestId('runner-state').innerText())
				.toMatch(/Offline: Run waits for the connection/);
			expect(await cand.page.getByTestId('stop').count()).toBe(0);
			await cand.page.setViewportSize({ width: 1400, height: 900 });
			await cand.page.screenshot({ path: `${SHOTS}/offline-1400.png` });
			await cand.page.setViewportSize({ width: 1280, height: 720 });
			await cand.page.screenshot({ path: `${SHOTS}/offline-1280.png` });

			// Nobody else has the edit; the tab is closed while still offline.
			expect(codeText(watcher.doc)?.toString()).not.toContain('# written offline');
			await cand.page.close();

			// Later, back online, the candidate opens the room again in the same browser.
			await cand.context.setOffline(false);
			const page = await cand.context.newPage();
			await page.goto(url(iv.candidate));
			await waitFor(watcher.doc, () => codeText(watcher.doc)?.toString().includes('# written offline'), 30_000);
			await waitForEditorText(intv.page, '# written offline');
			await waitForEditorText(page, '# written offline');
			await page.locator('[data-testid=connection][data-state=connected][data-unsynced="0"]').waitFor();
			expect(
				codeText(watcher.doc)!
					.toString()
					.match(/# written offline/g)
			).toHaveLength(1);
		} finally {
			watcher.destroy();
			await Promise.all([cand.context.close(), intv.context.close()]);
		}
	});
});
