import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import fs from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags Chromium needs on these machines (see DESIGN.md). */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

function checkChromium(): void {
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
}

export async function launchBrowser(): Promise<Browser> {
	checkChromium();
	return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A browser with a profile on disk (`userDataDir`), as a person's own browser has: its HTTP
 * cache and V8's code cache persist across pages, unlike the in-memory ones of a new context.
 */
export async function launchProfile(userDataDir: string): Promise<BrowserContext> {
	checkChromium();
	return chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1280, height: 800 }
	});
}

export async function openRoom(
	browser: Browser | BrowserContext,
	url: string
): Promise<{ context: BrowserContext; page: Page }> {
	const context =
		'newContext' in browser ? await browser.newContext({ viewport: { width: 1280, height: 800 } }) : browser;
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
	const page = await context.newPage();
	page.on('pageerror', (e) => console.error('[page error]', e.message));
	await gotoRoom(page, url);
	return { context, page };
}

/**
 * Opens a room's page and waits until it is connected and the editor is shown. When it does not
 * connect, the error says what the page showed and what its sockets did, instead of only the
 * locator that timed out.
 */
export async function gotoRoom(page: Page, url: string, serverOutput?: () => string): Promise<void> {
	const sockets: string[] = [];
	const started = Date.now();
	const at = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
	const onSocket = (ws: import('playwright-core').WebSocket) => {
		const name = new URL(ws.url()).pathname;
		sockets.push(`${at()} open ${name}`);
		ws.on('close', () => sockets.push(`${at()} close ${name}`));
		ws.on('socketerror', (e) => sockets.push(`${at()} error ${name}: ${e}`));
	};
	page.on('websocket', onSocket);
	try {
		await page.goto(url);
		await page.locator('[data-testid=connection][data-state=connected]').waitFor();
		await page.locator('.monaco-editor .view-lines').waitFor();
	} catch (err) {
		const shown = await page
			.evaluate(() => {
				const badge = document.querySelector('[data-testid=connection]');
				return badge
					? `badge ${badge.getAttribute('data-state')}: ${badge.getAttribute('title')}`
					: `no badge; the page shows: ${document.body.innerText.slice(0, 300)}`;
			})
			.catch((e: Error) => `page unreadable: ${e.message}`);
		const server = serverOutput ? `\nserver's last output:\n${serverOutput().slice(-2000)}` : '';
		throw new Error(`${(err as Error).message}\n${shown}\nsockets:\n${sockets.join('\n')}${server}`);
	} finally {
		page.off('websocket', onSocket);
	}
}

/** The editor's text as Monaco holds it (the model behind the view). */
export async function editorText(page: Page): Promise<string> {
	return page.evaluate(() => {
		const lines = [...document.querySelectorAll('.monaco-editor .view-line')] as HTMLElement[];
		return lines.map((l) => l.innerText.replace(/\u00a0/g, ' ')).join('\n');
	});
}

/** Replaces the whole buffer by pasting, as a person would (typing would auto-indent). */
export async function setBuffer(page: Page, text: string): Promise<void> {
	await focusEditor(page);
	await page.evaluate((t) => navigator.clipboard.writeText(t), text);
	await page.keyboard.press('ControlOrMeta+KeyA');
	await page.keyboard.press('ControlOrMeta+KeyV');
	await waitForEditorText(page, text.trim().split('\n').at(-1)!);
}

/** Waits until the editor shows `fragment` (Monaco renders spaces as no-break spaces). */
export async function waitForEditorText(page: Page, fragment: string, timeout = 30_000): Promise<void> {
	await page.waitForFunction(
		(f) =>
			[...document.querySelectorAll('.monaco-editor .view-line')]
				.map((l) => (l as HTMLElement).innerText.replace(/\u00a0/g, ' '))
				.join('\n')
				.includes(f),
		fragment,
		{ timeout }
	);
}

export async function focusEditor(page: Page): Promise<void> {
	// Monaco's word suggestions open a moment after the keys (its worker finds the words) and lie
	// over the lines: a click soon after typing lands on their row, and CI twice saw `span.left`
	// take it for 30 s. Checking for them first only narrows that race. A person whose caret is
	// already in the editor does not click it again, and the suggestions close when the editor
	// loses focus, so an editor without focus has none: only that one is clicked.
	const focused = page.locator('.monaco-editor.focused');
	if ((await focused.count()) > 0) return closeSuggestions(page);
	await page.locator('.monaco-editor .view-lines').first().click();
	await focused.waitFor();
}

/** Closes Monaco's open suggestions, as a person would, so that Enter does not accept one. */
async function closeSuggestions(page: Page): Promise<void> {
	const suggestions = page.locator('.suggest-widget.visible');
	if ((await suggestions.count()) === 0) return;
	await page.keyboard.press('Escape');
	await suggestions.waitFor({ state: 'hidden' });
}
