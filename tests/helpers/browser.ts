import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import fs from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
	if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
	});
}

export async function openRoom(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
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
		return lines.map((l) => l.innerText).join('\n');
	});
}

/** Replaces the whole buffer, the way a paste would (no auto-closing brackets). */
export async function setBuffer(page: Page, text: string): Promise<void> {
	await page.locator('.monaco-editor textarea').first().focus();
	await page.keyboard.press('ControlOrMeta+KeyA');
	await page.keyboard.insertText(text);
}
