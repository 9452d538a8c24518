import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createInterview } from '../helpers/startServer.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js';
import { launchBrowser, openRoom } from '../helpers/browser.js';
import { LINK_REPLACED_REASON } from '../../src/lib/shared/organizer.js';

let browser: Browser;
let server: SpawnedServer;
const sockets: Socket[] = [];
/** Screenshots for a person to look at (not compared by the test). */
const SHOTS = process.env.ORGANIZER_SHOTS_DIR ?? '/tmp/organizer-shots';

beforeAll(async () => {
	[browser, server] = await Promise.all([launchBrowser(), spawnServer()]);
});
afterAll(async () => {
	for (const s of sockets) s.close();
	await browser?.close();
	await server?.stop();
});

/** Someone in the room, as a real Socket.IO client; resolves once the server has them joined. */
function enter(interviewId: string, token: string): Promise<Socket> {
	const sock = ioClient(server.url, { path: '/socket.io', auth: { interviewId, token }, transports: ['websocket'] });
	sockets.push(sock);
	return new Promise((resolve, reject) => {
		sock.once('room:snapshot', () => resolve(sock));
		sock.once('connect_error', reject);
	});
}

async function organizer(width: number, height: number): Promise<Page> {
	const context = await browser.newContext({ viewport: { width, height } });
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
	const page = await context.newPage();
	page.on('pageerror', (e) => console.error('[page error]', e.message));
	await page.goto(server.url);
	await page.locator('#admin-key').fill(server.adminKey);
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByTestId('list-feed').and(page.locator('[data-state="live"]')).waitFor();
	return page;
}

const rowOf = (page: Page, id: string) => page.locator(`[data-testid=interview-row][data-id="${id}"]`);
/** The text a screen reader reads (words run together in it, as "Ines Interviewerv2" did, fail here). */
const words = async (l: ReturnType<Page['locator']>) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('the organizer’s list in Chromium', () => {
	it('ORG-1, ORG-2: shows each state and who is in the room, live, and finds a room by name, problem and state', async () => {
		const ended = await createInterview(server, { title: 'Finished round', candidate: { name: 'Erin Ended' } });
		const takeHome = await createInterview(server, {
			title: 'Take-home',
			candidate: { name: 'Tara Takehome' },
			mode: 'take-home',
			problems: ['moving-average']
		});
		const live = await createInterview(server, { title: 'Live round', candidate: { name: 'Lee Live' } });
		const waiting = await createInterview(server, { title: 'Later today', candidate: { name: 'Wes Waiting' } });
		const endedBy = await enter(ended.id, ended.interviewer);
		expect(await endedBy.emitWithAck('interview:end', {})).toEqual({ ok: true });
		endedBy.close();
		expect(
			(await fetch(`${server.url}/api/interviews/${takeHome.id}/start?token=${takeHome.candidate}`, { method: 'POST' }))
				.status
		).toBe(200);
		await enter(live.id, live.candidate);

		for (const [width, height] of [
			[1400, 900],
			[1280, 720]
		]) {
			const page = await organizer(width, height);
			const state = (id: string) => rowOf(page, id).getByTestId('interview-state');
			await expect.poll(() => state(live.id).textContent()).toBe('Live');
			expect(await state(waiting.id).textContent()).toBe('Waiting');
			expect(await state(takeHome.id).textContent()).toBe('Take-home in progress');
			expect(await state(ended.id).textContent()).toBe('Ended');
			// The interviewer enters during the first pass.
			expect(await words(rowOf(page, live.id).getByTestId('presence'))).toBe(
				width === 1400
					? 'In the room now: Lee Live (candidate)'
					: 'In the room now: Lee Live (candidate), Ines Interviewer (interviewer)'
			);
			expect(await words(rowOf(page, waiting.id).getByTestId('presence'))).toBe('Nobody in the room now');
			// Each part of a line keeps its space (the "Ines Interviewerv2" kind of bug).
			expect(await words(rowOf(page, ended.id).getByTestId('dates'))).toMatch(/ · Ended /);

			if (width === 1400) {
				// Someone enters: the row changes without a reload.
				await enter(live.id, live.interviewer);
				await rowOf(page, live.id).getByTestId('present-person').nth(1).waitFor();
				expect(await words(rowOf(page, live.id).getByTestId('presence'))).toBe(
					'In the room now: Lee Live (candidate), Ines Interviewer (interviewer)'
				);
			}
			await page.screenshot({ path: `${SHOTS}/organizer-list-${width}x${height}.png`, fullPage: true });
			await page.getByTestId('interview-list').scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${SHOTS}/organizer-list-viewport-${width}x${height}.png` });

			if (width === 1400) {
				const listed = () =>
					page.getByTestId('interview-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
				await page.getByTestId('filter-search').fill('tara');
				await expect.poll(listed).toEqual([takeHome.id]);
				await page.getByTestId('filter-search').fill('');
				await page.getByTestId('filter-state').selectOption('ended');
				await expect.poll(listed).toEqual([ended.id]);
				await page.getByTestId('filter-state').selectOption('');
				await page.getByTestId('filter-problem').selectOption('softmax-cross-entropy');
				await expect.poll(async () => (await listed()).includes(takeHome.id)).toBe(false);
				expect(await listed()).toEqual(expect.arrayContaining([waiting.id, live.id, ended.id]));
				await page.getByTestId('filter-state').selectOption('live');
				await expect.poll(listed).toEqual([live.id]);
				await page.getByRole('button', { name: 'Clear the search' }).click();
				await expect.poll(async () => (await listed()).length).toBeGreaterThanOrEqual(4);
			}
			await page.context().close();
		}
	});

	it('ORG-3: a new link for the candidate is shown once; the old link is refused, in the open room and when opened again', async () => {
		const iv = await createInterview(server, { title: 'Relink round', candidate: { name: 'Rae Relink' } });
		const oldUrl = `${server.url}/room/${iv.id}?token=${iv.candidate}`;
		const room = await openRoom(browser, oldUrl);

		const page = await organizer(1400, 900);
		const row = rowOf(page, iv.id);
		await expect.poll(() => row.getByTestId('interview-state').textContent()).toBe('Live');
		await row.getByTestId('toggle-links').click();
		const person = row.locator('[data-testid=person]').filter({ hasText: 'Rae Relink' });
		await person.getByRole('button', { name: 'New link for Rae Relink' }).click();
		await person.getByTestId('confirm-new-link').click();
		const fresh = await person.getByTestId('fresh-link').inputValue();
		expect(fresh).toMatch(new RegExp(`/room/${iv.id}\\?token=`));
		expect(fresh).not.toBe(oldUrl);
		await person.getByRole('button', { name: 'Copy' }).click();
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(fresh);
		await page.screenshot({ path: `${SHOTS}/organizer-new-link-1400x900.png`, fullPage: true });
		await page.setViewportSize({ width: 1280, height: 720 });
		await person.scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${SHOTS}/organizer-new-link-1280x720.png` });

		// The open room is cut off, and says why.
		await room.page.getByRole('alert').filter({ hasText: LINK_REPLACED_REASON }).first().waitFor();
		await room.page.getByTestId('connection').and(room.page.locator('[data-state="refused"]')).waitFor();
		// The row follows: nobody is in the room any more.
		await expect.poll(() => words(row.getByTestId('presence'))).toBe('Nobody in the room now');

		// Opened again, the old link is refused; the new one opens the room.
		await room.page.goto(oldUrl);
		await room.page.getByText('This link is not valid for this interview').waitFor();
		await room.page.screenshot({ path: `${SHOTS}/room-old-link-refused.png` });
		await room.context.close();
		const again = await openRoom(browser, fresh);
		expect(await again.page.getByTestId('connection').getAttribute('data-state')).toBe('connected');
		await again.context.close();
		await page.context().close();
	});
});
