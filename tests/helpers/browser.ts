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
	await page.goto(url);
	await page.getByTestId('connection').and(page.locator('[data-state="connected"]')).waitFor();
	await page.locator('.monaco-editor .view-lines').waitFor();
	return { context, page };
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
	// Monaco's word suggestions, open after typing, lie over the lines and take the click (CI saw
	// `span.left` of the suggest widget intercept it for 30 s): close them as a person would.
	const suggestions = page.locator('.suggest-widget.visible');
	if ((await suggestions.count()) > 0) {
		await page.keyboard.press('Escape');
		await suggestions.waitFor({ state: 'hidden' });
	}
	await page.locator('.monaco-editor .view-lines').first().click();
	await page.locator('.monaco-editor.focused').waitFor();
}
