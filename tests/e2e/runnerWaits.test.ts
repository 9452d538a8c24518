/**
 * The run bar while it waits, in real Chromium: for Python to load (Run disabled, the reason in
 * words), and for the person to type a line for input() (the time limit counts running, not
 * waiting, and the Input box has the focus). A traceback shows the candidate's own lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { createInterview } from '../helpers/startServer.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js';
import { launchBrowser, openRoom, setBuffer } from '../helpers/browser.js';
import { RUN_TIME_LIMIT_MS } from '../../src/lib/shared/protocol.js';

const SHOTS = 'test-results/runner';
/** How long the person takes to type: longer than the 10 s a program may run. */
const TYPING_MS = 15_000;

let browser: Browser;
let server: SpawnedServer;

beforeAll(async () => {
	[browser, server] = await Promise.all([launchBrowser(), spawnServer()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

async function candidateRoom() {
	const iv = await createInterview(server);
	return openRoom(browser, `${server.url}/room/${iv.id}?token=${iv.candidate}`);
}

const state = (page: Page) => page.getByTestId('runner-state');

async function pythonReady(page: Page) {
	await page.locator('[data-testid=runner-state][data-state=ready]').waitFor({ timeout: 60_000 });
}

describe('the run bar while it waits', () => {
	it('Run is disabled while Python loads, with the reason shown, and enabled once it is ready', async () => {
		const iv = await createInterview(server);
		const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
		// Pyodide's loader is held until the disabled button has been seen, so "loading" is not a race.
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		let asked!: () => void;
		const requested = new Promise<void>((r) => (asked = r));
		await context.route('**/pyodide/v*/pyodide.mjs', async (route: Route) => {
			asked();
			await held;
			await route.continue();
		});
		try {
			const page = await context.newPage();
			await page.goto(`${server.url}/room/${iv.id}?token=${iv.candidate}`);
			await requested;
			await page.locator('.monaco-editor .view-lines').waitFor();
			await page.locator('[data-testid=runner-state][data-state=loading]').waitFor();
			expect(await page.getByTestId('run').isDisabled()).toBe(true);
			expect(await page.getByTestId('run-tests').isDisabled()).toBe(true);
			expect(await state(page).innerText()).toBe('Python is loading…');
			expect(await page.getByTestId('run').getAttribute('aria-describedby')).toBe('runner-state');
			await page.screenshot({ path: `${SHOTS}/loading-1280x720.png` });
			// Ctrl+Enter does not start a run either while Python loads.
			await page.keyboard.press('Control+Enter');
			expect(await page.getByTestId('run-status').getAttribute('data-run-id')).toBe('');
			release();
			await pythonReady(page);
			expect(await page.getByTestId('run').isDisabled()).toBe(false);
		} finally {
			release();
			await context.close();
		}
	});

	it('input() waits 15 s for the person, past the 10 s limit, with the Input box focused; then the program finishes', async () => {
		expect(TYPING_MS).toBeGreaterThan(RUN_TIME_LIMIT_MS);
		const { context, page } = await candidateRoom();
		try {
			await pythonReady(page);
			await setBuffer(page, 'name = input("Your name? ")\nprint("Hello,", name)\n');
			await page.getByTestId('run').click();
			// The program asks: the status says so and the cursor is in the Input box.
			await page.locator('[data-testid=runner-state][data-state=waiting-input]').waitFor();
			await page.locator('[data-testid=stdin]:focus').waitFor();
			expect(await state(page).innerText()).toMatch(/limit is paused.*10 min/);
			for (const viewport of [
				{ width: 1400, height: 900 },
				{ width: 1280, height: 720 }
			]) {
				await page.setViewportSize(viewport);
				await page.screenshot({ path: `${SHOTS}/waiting-input-${viewport.width}x${viewport.height}.png` });
			}
			// The person thinks for longer than a program may run (real time: the limit is measured by the page's own timers).
			await new Promise((r) => setTimeout(r, TYPING_MS));
			expect(await state(page).getAttribute('data-state')).toBe('waiting-input');
			expect(await page.getByTestId('run-outcome').getAttribute('data-outcome')).toBe('running');
			// Typing goes where the focus is: no click on the box first.
			await page.keyboard.type('Ada');
			await page.keyboard.press('Enter');
			await page.locator('[data-testid=run-outcome][data-outcome=ok]').waitFor();
			expect(await page.getByTestId('output').innerText()).toContain('Hello, Ada');
		} finally {
			await context.close();
		}
	});

	it("a traceback in the output shows the lines of the candidate's code", async () => {
		const { context, page } = await candidateRoom();
		try {
			await pythonReady(page);
			await setBuffer(page, 'def ratio(a, b):\n    return a / b\n\nprint(ratio(1, 0))\n');
			await page.getByTestId('run').click();
			await page.locator('[data-testid=run-outcome][data-outcome=error]').waitFor();
			const output = await page.getByTestId('output').innerText();
			expect(output).toContain('File "main.py", line 2, in ratio\n    return a / b');
			expect(output).toContain('ZeroDivisionError: division by zero');
		} finally {
			await context.close();
		}
	});
});
