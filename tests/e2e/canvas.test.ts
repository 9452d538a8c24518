/**
 * The Design tab in real Chromium: two people draw on one Excalidraw canvas, the drawing
 * survives a reload and a server restart, an observer cannot change it, interviewers export it.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createInterview } from '../helpers/startServer.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js';
import { launchBrowser } from '../helpers/browser.js';
import { connectY, waitFor, waitSynced } from '../helpers/yclient.js';
import type * as Y from 'yjs';
import { readScene } from '../../src/lib/shared/canvas/canvasDoc.js';

const SHOTS = process.env.CANVAS_SHOTS_DIR ?? '/tmp/canvas-shots';
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

async function openDesign(url: string): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
	const page = await context.newPage();
	page.on('pageerror', (e) => console.error('[page error]', e.message));
	await page.goto(url);
	await page.getByTestId('tab-design').click();
	await canvasReady(page);
	return page;
}

const canvasReady = (page: Page) =>
	page.locator('[data-testid=design-canvas][data-ready=true]').waitFor({ timeout: 60_000 });

/** The non-deleted elements on this page's canvas, as sorted `id:type` pairs. */
async function shown(page: Page): Promise<string[]> {
	const s = (await page.getByTestId('design-canvas').getAttribute('data-scene')) ?? '';
	return s.split(' ').filter(Boolean).sort();
}

/** A point on the canvas, as fractions of its width and height (interviewers' canvas is narrower). */
async function at(page: Page, fx: number, fy: number): Promise<[number, number]> {
	const box = (await page.locator('canvas.excalidraw__canvas.interactive').boundingBox())!;
	return [box.x + box.width * fx, box.y + box.height * fy];
}

/** Picks a tool by its keyboard shortcut and drags on the canvas, as a person does. */
async function drag(page: Page, tool: string, from: [number, number], to: [number, number]) {
	const [x0, y0] = await at(page, ...from);
	const [x1, y1] = await at(page, ...to);
	await page.keyboard.press(tool);
	await page.mouse.move(x0, y0);
	await page.mouse.down();
	for (let i = 1; i <= 8; i++) await page.mouse.move(x0 + ((x1 - x0) * i) / 8, y0 + ((y1 - y0) * i) / 8);
	await page.mouse.up();
}

async function focusCanvas(page: Page) {
	// A click on empty canvas with the selection tool: gives Excalidraw the keyboard.
	const [x, y] = await at(page, 0.5, 0.88);
	await page.mouse.click(x, y);
}

/** Height of Excalidraw's floating toolbar, in screen pixels: a fitted scene starts below it. */
const TOOLBAR_PX = 64;

/** The box around the elements whose ids start with `prefix`, as the canvas document holds them. */
function boundsOf(doc: Y.Doc, prefix: string) {
	const mine = readScene(doc).elements.filter((e) => e.id.startsWith(prefix) && !e.isDeleted);
	if (mine.length === 0) return null;
	return {
		minX: Math.min(...mine.map((e) => e.x as number)),
		minY: Math.min(...mine.map((e) => e.y as number)),
		maxX: Math.max(...mine.map((e) => (e.x as number) + (e.width as number))),
		maxY: Math.max(...mine.map((e) => (e.y as number) + (e.height as number)))
	};
}

/**
 * Whether those elements are all on screen, below the toolbar: the canvas's `data-view` is the
 * part of the scene shown (x, y, width, height, zoom), the positions come from the document.
 */
async function inView(page: Page, doc: Y.Doc, prefix: string): Promise<boolean> {
	const view = await page.getByTestId('design-canvas').getAttribute('data-view');
	const b = boundsOf(doc, prefix);
	if (!view || !b) return false;
	const [x, y, width, height, zoom] = view.split(',').map(Number);
	const top = y + TOOLBAR_PX / zoom;
	return b.minX >= x && b.maxX <= x + width && b.minY >= top && b.maxY <= y + height;
}

const typesOf = (pairs: string[]) => pairs.map((p) => p.split(':')[1]).sort();

describe('design canvas in two real browsers', () => {
	it('one draws a box and an arrow, the other adds text; both keep the same three elements through a reload and a restart; the observer cannot draw', async () => {
		const iv = await createInterview(server, { title: 'ML system design' });
		const url = (token: string) => `${server.url}/room/${iv.id}?token=${token}`;
		const cand = await openDesign(url(iv.candidate));
		const intv = await openDesign(url(iv.interviewer));

		await focusCanvas(cand);
		await drag(cand, 'r', [0.25, 0.4], [0.45, 0.55]);
		await focusCanvas(cand);
		await drag(cand, 'a', [0.47, 0.48], [0.7, 0.48]);
		await expect.poll(() => shown(intv).then(typesOf), { timeout: 15_000 }).toEqual(['arrow', 'rectangle']);

		await focusCanvas(intv);
		await intv.keyboard.press('t');
		await intv.mouse.click(...(await at(intv, 0.3, 0.7)));
		await intv.keyboard.type('Feature store');
		await intv.keyboard.press('Escape');
		await expect.poll(() => shown(cand).then(typesOf), { timeout: 15_000 }).toEqual(['arrow', 'rectangle', 'text']);
		const both = await shown(cand);
		await expect.poll(() => shown(intv)).toEqual(both);
		await cand.screenshot({ path: `${SHOTS}/canvas-candidate.png` });
		await intv.screenshot({ path: `${SHOTS}/canvas-interviewer.png` });

		// The server holds exactly those three, and the text is what was typed.
		const y = connectY(server.url.replace('http', 'ws'), iv.id, iv.interviewer, 'canvas');
		await waitSynced(y);
		await waitFor(y.doc, () => readScene(y.doc).elements.some((e) => e.type === 'text' && e.text === 'Feature store'));
		expect(
			readScene(y.doc)
				.elements.filter((e) => !e.isDeleted)
				.map((e) => `${e.id}:${e.type}`)
				.sort()
		).toEqual(both);
		y.destroy();

		// Interviewers export the design.
		const [svg] = await Promise.all([intv.waitForEvent('download'), intv.getByTestId('export-svg').click()]);
		const svgText = fs.readFileSync((await svg.path())!, 'utf8');
		expect(svg.suggestedFilename()).toBe('ML system design design.svg');
		expect(svgText).toMatch(/^<svg/);
		expect(svgText).toContain('Feature store');
		const [png] = await Promise.all([intv.waitForEvent('download'), intv.getByTestId('export-png').click()]);
		const pngBytes = fs.readFileSync((await png.path())!);
		expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
		// The candidate has no export.
		expect(await cand.getByTestId('export-png').count()).toBe(0);

		// A reload keeps them.
		await cand.reload();
		await cand.getByTestId('tab-design').click();
		await canvasReady(cand);
		await cand.locator('[data-testid=design-canvas][data-scene]').waitFor();
		await expect.poll(() => shown(cand)).toEqual(both);

		// A server restart keeps them; the pages reconnect by themselves.
		await server.stop();
		server = await spawnServer({ dataDir: server.dataDir, port: server.port });
		for (const page of [cand, intv]) {
			await page
				.locator('[data-testid=design-canvas][data-ready=false]')
				.or(page.locator('[data-ready=true]'))
				.first()
				.waitFor();
			await canvasReady(page);
			await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(both);
		}

		// The observer sees the drawing and cannot change it.
		const obs = await openDesign(url(iv.observer!));
		await expect.poll(() => shown(obs)).toEqual(both);
		expect(await obs.locator('[data-testid="toolbar-rectangle"]').count()).toBe(0);
		await focusCanvas(obs);
		await drag(obs, 'r', [0.6, 0.6], [0.75, 0.75]);
		await obs.screenshot({ path: `${SHOTS}/canvas-observer.png` });
		// A change the others would see comes back to the observer too: a new marker from the
		// interviewer, then nothing but it is new.
		await focusCanvas(intv);
		await drag(intv, 'o', [0.75, 0.25], [0.85, 0.32]);
		await intv.screenshot({ path: `${SHOTS}/canvas-interviewer-ellipse.png` });
		await expect.poll(() => shown(intv).then(typesOf)).toEqual(['arrow', 'ellipse', 'rectangle', 'text']);
		await expect
			.poll(() => shown(obs).then(typesOf), { timeout: 15_000 })
			.toEqual(['arrow', 'ellipse', 'rectangle', 'text']);
		expect(await shown(cand).then(typesOf)).toEqual(['arrow', 'ellipse', 'rectangle', 'text']);
	});

	it('a system-design problem opens on the Design tab with its starting boxes, once', async () => {
		const iv = await createInterview(server, {
			title: 'Design round',
			problems: ['design-realtime-recommendations', 'moving-average']
		});
		const page = await openDesign(`${server.url}/room/${iv.id}?token=${iv.interviewer}`);
		await expect.poll(async () => (await shown(page)).filter((p) => p.startsWith('rec-box')).length).toBe(7);
		expect(await page.getByTestId('tab-design').getAttribute('aria-selected')).toBe('true');
		await page.screenshot({ path: `${SHOTS}/canvas-starting-scene.png` });
		// Deleting a starting box sticks across a reload (the scene is not put back).
		await focusCanvas(page);
		await page.keyboard.press('ControlOrMeta+a');
		await page.keyboard.press('Delete');
		await expect.poll(() => shown(page)).toEqual([]);
		await page.reload();
		await canvasReady(page);
		// data-scene appears once the canvas has shown the document.
		await page.locator('[data-testid=design-canvas][data-scene]').waitFor();
		expect(await page.getByTestId('design-canvas').getAttribute('data-scene')).toBe('');
	});

	it('a second design problem’s sketch lands beside the first one’s drawing, and each opens fitted into view', async () => {
		const iv = await createInterview(server, {
			title: 'Two designs',
			problems: ['design-realtime-recommendations', 'design-feature-store']
		});
		const page = await openDesign(`${server.url}/room/${iv.id}?token=${iv.interviewer}`);
		const y = connectY(server.url.replace(/^http/, 'ws'), iv.id, iv.interviewer, 'canvas');
		try {
			await waitSynced(y);
			await waitFor(y.doc, () => boundsOf(y.doc, 'rec-'));
			await expect.poll(() => inView(page, y.doc, 'rec-')).toBe(true);
			await page.setViewportSize({ width: 1400, height: 900 });
			await page.screenshot({ path: `${SHOTS}/canvas-first-problem-1400.png` });

			await page.getByRole('button', { name: /Design a feature store/ }).click();
			await waitFor(y.doc, () => boundsOf(y.doc, 'fstore-'));
			await expect.poll(async () => (await shown(page)).filter((p) => p.startsWith('fstore-')).length).toBe(16);
			// The server's canvas: the second sketch is beside the first, not on it.
			expect(boundsOf(y.doc, 'fstore-')!.minX).toBeGreaterThan(boundsOf(y.doc, 'rec-')!.maxX);
			await expect.poll(() => inView(page, y.doc, 'fstore-')).toBe(true);
			expect(await inView(page, y.doc, 'rec-')).toBe(false);
			await page.setViewportSize({ width: 1280, height: 720 });
			await page.screenshot({ path: `${SHOTS}/canvas-second-problem-1280.png` });
		} finally {
			y.destroy();
		}
	});

	it("undo and redo take back only one's own change, on every screen", async () => {
		const iv = await createInterview(server, { title: 'Undo round' });
		const url = (token: string) => `${server.url}/room/${iv.id}?token=${token}`;
		const cand = await openDesign(url(iv.candidate));
		const intv = await openDesign(url(iv.interviewer));
		await focusCanvas(cand);
		await drag(cand, 'r', [0.35, 0.3], [0.5, 0.45]);
		await expect.poll(() => shown(intv).then(typesOf)).toEqual(['rectangle']);
		await focusCanvas(intv);
		await drag(intv, 'o', [0.55, 0.55], [0.7, 0.7]);
		await expect.poll(() => shown(cand).then(typesOf)).toEqual(['ellipse', 'rectangle']);

		// The candidate's undo removes the candidate's rectangle, not the interviewer's ellipse
		// (which arrived later, so a shared history would undo it first). The keyboard is still on
		// the candidate's canvas from drawing.
		await cand.keyboard.press('ControlOrMeta+z');
		await expect.poll(() => shown(intv).then(typesOf)).toEqual(['ellipse']);
		expect(await shown(cand).then(typesOf)).toEqual(['ellipse']);
		await cand.keyboard.press('ControlOrMeta+Shift+z');
		await expect.poll(() => shown(intv).then(typesOf)).toEqual(['ellipse', 'rectangle']);
		expect(await shown(cand).then(typesOf)).toEqual(['ellipse', 'rectangle']);
	});
});
