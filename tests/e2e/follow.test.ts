/**
 * Issue 17, item 3: follow mode between two browsers. Clicking a person follows their cursor
 * and tab; an interviewer presents and the room follows; Esc stops; everyone sees who follows whom.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createInterview } from '../helpers/startServer.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js';
import { launchBrowser, openRoom, setBuffer, waitForEditorText } from '../helpers/browser.js';

const SHOTS = process.env.FOLLOW_SHOTS_DIR ?? '/tmp/follow-shots';
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

/** Whether the editor shows a line with exactly this text now (Monaco only renders lines in view). */
const showsLine = (page: Page, line: string) =>
	page.evaluate(
		(l) =>
			[...document.querySelectorAll('.monaco-editor .view-line')].some(
				(e) => (e as HTMLElement).innerText.replace(/\u00a0/g, ' ') === l
			),
		line
	);

const designShown = (page: Page) => page.getByTestId('tab-design').getAttribute('aria-selected');

describe('follow mode', () => {
	it('follow a person’s cursor and tab, see who follows whom, stop with Esc; an interviewer presents', async () => {
		const iv = await createInterview(server);
		const url = (token: string) => `${server.url}/room/${iv.id}?token=${token}`;
		const cand = await openRoom(browser, url(iv.candidate));
		const intv = await openRoom(browser, url(iv.interviewer));
		const [c, i] = [cand.page, intv.page];
		try {
			await expect.poll(() => i.getByTestId('presence').innerText()).toMatch(/Casey Candidate/);
			// The candidate writes a long program; their cursor ends at the last line, far below the interviewer's view.
			const lines = Array.from({ length: 90 }, (_, n) => `x${n + 1} = ${n + 1}`);
			await setBuffer(c, lines.join('\n') + '\n# the end is here');
			await waitForEditorText(i, 'x1 = 1');
			expect(await showsLine(i, '# the end is here')).toBe(false);

			await i.getByRole('button', { name: /Follow Casey Candidate/ }).click();
			await i.getByTestId('following').waitFor();
			expect(await i.getByTestId('following').innerText()).toMatch(/Following\s+Casey Candidate[\s\S]*Esc/);
			await expect.poll(() => showsLine(i, '# the end is here')).toBe(true);
			// Everyone sees who follows whom: on the candidate's page, the interviewer "follows you".
			await expect
				.poll(() => c.locator('[data-testid=presence-person]', { hasText: 'Ines Interviewer' }).innerText())
				.toMatch(/follows you/);
			await i.setViewportSize({ width: 1400, height: 900 });
			await i.screenshot({ path: `${SHOTS}/following-1400.png` });

			// The candidate opens the Design tab: the follower's page shows it too.
			await c.getByTestId('tab-design').click();
			await expect.poll(() => designShown(i)).toBe('true');

			// Esc stops following; the candidate's page no longer says so.
			await i.keyboard.press('Escape');
			await i.getByTestId('following').waitFor({ state: 'detached' });
			await expect
				.poll(() => c.locator('[data-testid=presence-person]', { hasText: 'Ines Interviewer' }).innerText())
				.not.toMatch(/follows/);
			await c.getByTestId('tab-code').click();

			// The candidate has no Present button; the interviewer presents and the candidate follows.
			expect(await c.getByTestId('present').count()).toBe(0);
			await i.getByTestId('tab-code').click();
			await i.getByTestId('present').click();
			await c.getByTestId('following').waitFor();
			expect(await c.getByTestId('following').innerText()).toMatch(/Following\s+Ines Interviewer\s*\(presenting\)/);
			await expect.poll(() => i.getByTestId('presenting').innerText()).toMatch(/1 person follows/);
			await i.getByTestId('tab-design').click();
			await expect.poll(() => designShown(c)).toBe('true');
			await c.setViewportSize({ width: 1280, height: 720 });
			await c.screenshot({ path: `${SHOTS}/presenting-candidate-1280.png` });

			// The shown Stop button works like Esc; the presentation is not followed again until a new one.
			await c.getByTestId('stop-following').click();
			await c.getByTestId('following').waitFor({ state: 'detached' });
			await expect.poll(() => i.getByTestId('presenting').innerText()).toMatch(/0 people follow/);
			await i.getByTestId('present').click(); // stop presenting
			await i.getByTestId('present').click(); // present again: a new presentation
			await c.getByTestId('following').waitFor();
		} finally {
			await Promise.all([cand.context.close(), intv.context.close()]);
		}
	});
});
