import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createInterview } from '../helpers/startServer.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js';
import { gotoRoom, launchBrowser } from '../helpers/browser.js';

let browser: Browser;
let server: SpawnedServer;
/** Screenshots for a person to look at (not compared by the test). */
const SHOTS = process.env.A11Y_SHOTS_DIR ?? '/tmp/a11y-shots';

beforeAll(async () => {
	fs.mkdirSync(SHOTS, { recursive: true });
	[browser, server] = await Promise.all([launchBrowser(), spawnServer()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const LAPTOP = { width: 1280, height: 720 };
const DESKTOP = { width: 1400, height: 900 };

const room = (page: Page, id: string, token: string) =>
	gotoRoom(page, `${server.url}/room/${id}?token=${token}`, server.output);

/** Two animation frames: the layout and Monaco's automatic layout have caught up. */
const settled = (page: Page) =>
	page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

describe('panes on a laptop screen', () => {
	it('LAYOUT-1: at 1280×720 the interviewer’s editor is comfortable: wide, tall, no horizontal scroll, nothing in the header clipped', async () => {
		const iv = await createInterview(server);
		const ctx = await browser.newContext({ viewport: LAPTOP });
		try {
			await room(await ctx.newPage(), iv.id, iv.candidate);
			const page = await ctx.newPage();
			await room(page, iv.id, iv.interviewer);
			await page.getByTestId('rubric-panel').getByTestId('save-state').waitFor();
			await page.locator('[data-testid=presence] li').nth(1).waitFor(); // the candidate is in the header too
			await settled(page);
			const editor = await box(page, '[data-testid=editor]');
			expect(editor.width).toBeGreaterThanOrEqual(640);
			expect(editor.height).toBeGreaterThanOrEqual(330);
			const overflow = await page.evaluate(() => {
				const clipped = (el: Element) => el.scrollWidth > el.clientWidth + 1;
				// Monaco's horizontal slider spans the whole bar (or is absent) when nothing scrolls sideways.
				const bar = document.querySelector<HTMLElement>('[data-testid=editor] .scrollbar.horizontal')!;
				const slider = bar.querySelector<HTMLElement>('.slider');
				return {
					page: document.documentElement.scrollWidth > window.innerWidth,
					editor: !!slider && slider.offsetWidth > 0 && slider.offsetWidth < bar.offsetWidth - 1,
					title: clipped(document.querySelector('header h1')!),
					presence: clipped(document.querySelector('[data-testid=presence]')!),
					names: [...document.querySelectorAll('[data-testid=presence] .name')].filter(clipped).length
				};
			});
			expect(overflow).toEqual({ page: false, editor: false, title: false, presence: false, names: 0 });
		} finally {
			await ctx.close();
		}
	});

	it('LAYOUT-2: panes resize with the keyboard and fold; each role’s layout is kept in the browser and does not move another role’s', async () => {
		const iv = await createInterview(server);
		const ctx = await browser.newContext({ viewport: DESKTOP });
		try {
			const page = await ctx.newPage();
			await room(page, iv.id, iv.interviewer);
			const problem = () => box(page, '#pane-problem');
			const start = (await problem()).width;

			// Resize the problem column with the arrow keys on its divider.
			await page.getByRole('separator', { name: 'Resize the problem column' }).focus();
			for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
			const wider = (await problem()).width;
			expect(wider).toBeGreaterThan(start + 30);

			// Fold the scorecard (its own Hide) and the editor widens.
			const work = (await box(page, '#pane-work')).width;
			await page.getByTestId('rubric-panel').getByRole('button', { name: 'Hide' }).click();
			await expect.poll(async () => (await box(page, '#pane-score')).width).toBeLessThan(60);
			expect((await box(page, '#pane-work')).width).toBeGreaterThan(work + 200);

			// Fold the problem column: a rail is left to open it again.
			// paneforge stores a layout a moment after each change, as {panes: {layout: [sizes %]}}.
			const storedFolded = () =>
				page.evaluate(() =>
					Object.entries(localStorage).some(([k, v]) => {
						if (!k.includes('pairboard:layout:interviewer')) return false;
						const groups = Object.values(JSON.parse(v) as Record<string, { layout?: number[] }>);
						return groups.some((g) => g.layout?.length === 3 && g.layout[0] < 10 && g.layout[2] < 10);
					})
				);
			await page.getByTestId('fold-problem').click();
			await page.getByTestId('problem-rail').waitFor();
			expect((await problem()).width).toBeLessThan(60);

			// A reload keeps this person's layout: once both folds are stored.
			await expect.poll(storedFolded).toBe(true);
			await room(page, iv.id, iv.interviewer);
			await page.getByTestId('problem-rail').waitFor();
			await expect.poll(async () => (await box(page, '#pane-score')).width).toBeLessThan(60);
			await page.getByTestId('problem-rail').click();
			await page.getByTestId('statement').waitFor();
			expect(Math.abs((await problem()).width - wider)).toBeLessThan(3);

			// The candidate, in the same browser, has a layout of their own (the defaults).
			const cand = await ctx.newPage();
			await room(cand, iv.id, iv.candidate);
			const candProblem = (await box(cand, '#pane-problem')).width;
			expect(Math.abs(candProblem - DESKTOP.width * 0.3)).toBeLessThan(12);
		} finally {
			await ctx.close();
		}
	});
});

describe('the replay on a laptop screen', () => {
	it('LAYOUT-3: the replay’s code and canvas columns resize with the keyboard, and the layout is kept after a reload', async () => {
		const iv = await createInterview(server);
		const ctx = await browser.newContext({ viewport: LAPTOP });
		try {
			const page = await ctx.newPage();
			const open = async () => {
				await page.goto(`${server.url}/replay/${iv.id}?token=${iv.interviewer}`);
				await page.locator('[data-testid=replay-editor] .monaco-editor .view-lines').waitFor();
			};
			await open();
			const work = async () => (await box(page, '#replay-pane-work')).width;
			const start = await work();
			expect(Math.abs(start - LAPTOP.width * 0.64)).toBeLessThan(12);

			await page.getByRole('separator', { name: 'Resize the code and the canvas' }).focus();
			for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
			const wider = await work();
			expect(wider).toBeGreaterThan(start + 60);
			// The editor follows its pane (Monaco lays itself out again).
			await expect
				.poll(async () => (await box(page, '[data-testid=replay-editor] .monaco-editor')).width)
				.toBeGreaterThan(start);

			// paneforge stores the layout a moment after the change.
			const stored = () =>
				page.evaluate(() =>
					Object.entries(localStorage).some(
						([k, v]) =>
							k.includes('pairboard:layout:replay') &&
							Object.values(JSON.parse(v) as Record<string, { layout?: number[] }>).some(
								(g) => (g.layout?.[0] ?? 0) > 70
							)
					)
				);
			await expect.poll(stored).toBe(true);
			await open();
			expect(Math.abs((await work()) - wider)).toBeLessThan(3);
		} finally {
			await ctx.close();
		}
	});
});

describe('themes and editor settings', () => {
	async function settings(page: Page) {
		await page.getByTestId('settings-button').click();
		await page.getByTestId('settings-menu').waitFor();
	}
	const isDark = (page: Page) => page.evaluate(() => document.documentElement.classList.contains('dark'));

	it('THEME-1: the system theme is followed until a choice is made; the choice, the font size and the keys are kept; Monaco and Excalidraw follow', async () => {
		const iv = await createInterview(server);
		const ctx = await browser.newContext({ viewport: DESKTOP, colorScheme: 'dark' });
		try {
			const page = await ctx.newPage();
			await room(page, iv.id, iv.candidate);
			expect(await isDark(page)).toBe(true); // "system", and the system is dark
			await page.locator('.monaco-editor.vs-dark').waitFor();

			await settings(page);
			await page.getByTestId('theme-light').check();
			// mode-watcher changes the class after the click's handlers have run: wait for it.
			await expect.poll(() => isDark(page)).toBe(false);
			await page.locator('.monaco-editor.vs').waitFor();
			await page.getByTestId('font-size').selectOption('18');
			await expect
				.poll(() => page.locator('.monaco-editor .view-lines').evaluate((el) => getComputedStyle(el).fontSize))
				.toBe('18px');
			await page.getByTestId('keymap').selectOption('vim');
			await page.getByTestId('editor-hint').getByText('Vim keys').waitFor();
			await page
				.getByTestId('editor-hint')
				.getByText(/NORMAL/)
				.waitFor();

			// Kept after a reload, though the system is still dark.
			await room(page, iv.id, iv.candidate);
			expect(await isDark(page)).toBe(false);
			expect(await page.locator('.monaco-editor .view-lines').evaluate((el) => getComputedStyle(el).fontSize)).toBe(
				'18px'
			);
			await page
				.getByTestId('editor-hint')
				.getByText(/NORMAL/)
				.waitFor();

			// Dark, chosen: the canvas follows too.
			await settings(page);
			await page.getByTestId('theme-dark').check();
			await page.getByTestId('keymap').selectOption('emacs');
			await page.getByTestId('editor-hint').getByText('Emacs keys').waitFor();
			await page.keyboard.press('Escape'); // closes the menu
			await page.getByTestId('tab-design').click();
			await page.locator('.excalidraw.theme--dark').waitFor();
			await page.getByTestId('settings-button').click();
			await page.getByTestId('theme-light').check();
			await expect.poll(() => page.locator('.excalidraw.theme--dark').count()).toBe(0);
		} finally {
			await ctx.close();
		}
	});
});

describe('screenshots to look at', () => {
	it('SHOTS: room (candidate, interviewer), replay and organizer at 1400×900 and 1280×720, light and dark', async () => {
		const iv = await createInterview(server);
		const taken: string[] = [];
		for (const scheme of ['light', 'dark'] as const) {
			const ctx: BrowserContext = await browser.newContext({ viewport: DESKTOP, colorScheme: scheme });
			try {
				const pages: [string, (p: Page) => Promise<void>][] = [
					['room-candidate', (p) => room(p, iv.id, iv.candidate)],
					[
						'room-interviewer',
						async (p) => {
							await room(p, iv.id, iv.interviewer);
							await p.getByTestId('rubric-panel').getByTestId('save-state').waitFor();
						}
					],
					[
						'room-interviewer-design',
						async (p) => {
							await room(p, iv.id, iv.interviewer);
							await p.getByTestId('tab-design').click();
							await p.locator('[data-testid=design-canvas][data-ready=true]').waitFor();
						}
					],
					[
						'replay',
						async (p) => {
							await p.goto(`${server.url}/replay/${iv.id}?token=${iv.interviewer}`);
							await p.locator('[data-testid=replay-editor] .monaco-editor .view-lines').waitFor();
						}
					],
					[
						'organizer',
						async (p) => {
							await p.goto(server.url);
							await p.locator('#admin-key').fill(server.adminKey);
							await p.getByRole('button', { name: 'Continue' }).click();
							await p.getByRole('button', { name: 'Create interview' }).waitFor();
						}
					]
				];
				for (const [name, open] of pages) {
					const page = await ctx.newPage();
					await open(page);
					for (const size of [DESKTOP, LAPTOP]) {
						await page.setViewportSize(size);
						await settled(page);
						const path = `${SHOTS}/${name}-${size.width}x${size.height}-${scheme}.png`;
						await page.screenshot({ path });
						taken.push(path);
					}
					await page.close();
				}
			} finally {
				await ctx.close();
			}
		}
		expect(taken.filter((p) => fs.statSync(p).size > 10_000)).toHaveLength(20);
	});
});
