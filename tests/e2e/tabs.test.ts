import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createInterview } from '../helpers/startServer.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js';
import { launchBrowser, openRoom } from '../helpers/browser.js';

let browser: Browser;
let server: SpawnedServer;

beforeAll(async () => {
	[browser, server] = await Promise.all([launchBrowser(), spawnServer()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** The selected tab of a tab list, and whether it has the keyboard focus. */
async function selectedTab(page: Page, list: string) {
	return page.evaluate((name) => {
		const tablist = document.querySelector(`[role=tablist][aria-label="${name}"]`)!;
		const tab = tablist.querySelector('[role=tab][aria-selected=true]') as HTMLElement;
		const panel = document.getElementById(tab.getAttribute('aria-controls')!);
		return {
			text: tab.innerText.trim(),
			focused: document.activeElement === tab,
			inTabOrder: [...tablist.querySelectorAll('[role=tab]')].filter((t) => t.getAttribute('tabindex') === '0').length,
			panelLabelledBy: panel?.getAttribute('aria-labelledby') === tab.id
		};
	}, list);
}

describe('tab lists follow the ARIA tabs pattern', () => {
	it('arrow keys, Home and End move between tabs and select them; one tab is in the Tab order; the panel names its tab', async () => {
		const iv = await createInterview(server);
		const { context, page } = await openRoom(browser, `${server.url}/room/${iv.id}?token=${iv.interviewer}`);
		try {
			await page.getByRole('tab', { name: 'Output' }).focus();
			expect(await selectedTab(page, 'Results')).toEqual({
				text: 'Output',
				focused: true,
				inTabOrder: 1,
				panelLabelledBy: true
			});
			await page.keyboard.press('ArrowRight');
			expect(await selectedTab(page, 'Results')).toMatchObject({ text: 'Tests', focused: true, inTabOrder: 1 });
			await page.getByText('No test run yet').waitFor();
			await page.keyboard.press('End');
			expect((await selectedTab(page, 'Results')).text).toMatch(/^Hidden tests/);
			await page.keyboard.press('ArrowRight'); // wraps around
			expect(await selectedTab(page, 'Results')).toMatchObject({ text: 'Output', panelLabelledBy: true });
			await page.keyboard.press('ArrowLeft');
			expect((await selectedTab(page, 'Results')).text).toMatch(/^Hidden tests/);
			await page.keyboard.press('Home');
			expect((await selectedTab(page, 'Results')).text).toBe('Output');

			// The workspace tabs: each tab has a panel of its own.
			await page.getByTestId('tab-code').focus();
			await page.keyboard.press('ArrowRight');
			expect(await page.getByTestId('tab-design').getAttribute('aria-selected')).toBe('true');
			expect(await selectedTab(page, 'Workspace')).toMatchObject({ focused: true, panelLabelledBy: true });
			await page.locator('[data-testid=design-canvas]').waitFor();
		} finally {
			await context.close();
		}
	});
});
