import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createInterview } from '../helpers/startServer.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js';
import { gotoRoom, launchBrowser } from '../helpers/browser.js';
import { seriousViolations } from '../helpers/axe.js';
import { call, card } from '../helpers/scorecards.js';

/**
 * A11Y-1: axe-core reports nothing critical or serious on any page, in the light and the dark
 * theme: the organizer, the consent notice, the room as candidate, interviewer and observer
 * (Code and Design tabs, the solution and notes), the replay and the debrief.
 */
let browser: Browser;
let server: SpawnedServer;
let iv: Awaited<ReturnType<typeof createInterview>>;
let debriefUrl: string;

beforeAll(async () => {
	[browser, server] = await Promise.all([launchBrowser(), spawnServer()]);
	iv = await createInterview(server);
	// A second interview of the loop, scored and split, so that the debrief shows every level's
	// colour, the flags and the split verdict (an empty debrief renders none of them).
	const scored = await createInterview(server, { rubric: 'ml-coding' });
	for (const [token, level, recommendation] of [
		[scored.interviewer, 4, 'strong-hire'],
		[scored.interviewer2!, 1, 'strong-no-hire']
	] as const) {
		const submitted = await call(
			server,
			'POST',
			`/api/interviews/${scored.id}/scorecards`,
			{ token },
			card(level, recommendation)
		);
		expect(submitted.status).toBe(201);
	}
	const res = await fetch(`${server.url}/api/loops`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminKey}` },
		body: JSON.stringify({
			title: 'ML engineer loop',
			candidate: { name: 'Casey Candidate' },
			interviews: [iv.id, scored.id]
		})
	});
	debriefUrl = ((await res.json()) as { debriefUrl: string }).debriefUrl.replace(/^http:\/\/[^/]+/, server.url);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

type Scheme = 'light' | 'dark';

async function context(scheme: Scheme): Promise<BrowserContext> {
	// The system preference decides: the theme starts on "system" (A11Y-THEME-1 checks the choice).
	return browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: scheme });
}

async function openRoom(ctx: BrowserContext, token: string): Promise<Page> {
	const page = await ctx.newPage();
	await gotoRoom(page, `${server.url}/room/${iv.id}?token=${token}`, server.output);
	await page.getByTestId('statement').locator('pre').first().waitFor();
	return page;
}

async function openDesign(page: Page): Promise<void> {
	await page.getByTestId('tab-design').click();
	await page.locator('[data-testid=design-canvas][data-ready=true]').waitFor();
	await page.locator('.excalidraw .main-menu-trigger').waitFor();
}

/** Each page's findings, keyed by page, so a failure names where it was seen. */
async function audit(scheme: Scheme): Promise<Record<string, string[]>> {
	const found: Record<string, string[]> = {};
	const ctx = await context(scheme);
	try {
		const org = await ctx.newPage();
		await org.goto(server.url);
		await org.locator('#admin-key').waitFor();
		found['organizer (signed out)'] = await seriousViolations(org);
		await org.locator('#admin-key').fill(server.adminKey);
		await org.getByRole('button', { name: 'Continue' }).click();
		await org.getByRole('button', { name: 'Create interview' }).waitFor();
		found['organizer'] = await seriousViolations(org);

		const consentIv = await createInterview(server, {}, { consent: false });
		const consent = await ctx.newPage();
		await consent.goto(`${server.url}/room/${consentIv.id}?token=${consentIv.candidate}`);
		await consent.getByTestId('consent-gate').waitFor();
		found['consent notice'] = await seriousViolations(consent);

		const cand = await openRoom(ctx, iv.candidate);
		expect(await cand.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(scheme === 'dark');
		found['room, candidate, Code'] = await seriousViolations(cand);
		await openDesign(cand);
		found['room, candidate, Design'] = await seriousViolations(cand);

		const intv = await openRoom(ctx, iv.interviewer);
		await intv.getByTestId('rubric-panel').getByTestId('save-state').waitFor();
		found['room, interviewer, Code'] = await seriousViolations(intv);
		await intv.getByTestId('tab-solution').click();
		await intv.getByTestId('solution').waitFor();
		found['room, interviewer, solution'] = await seriousViolations(intv);
		await intv.getByTestId('tab-notes').click();
		await intv.getByTestId('notes').waitFor();
		found['room, interviewer, notes'] = await seriousViolations(intv);
		await openDesign(intv);
		found['room, interviewer, Design'] = await seriousViolations(intv);

		const obs = await openRoom(ctx, iv.observer!);
		found['room, observer'] = await seriousViolations(obs);

		const replay = await ctx.newPage();
		await replay.goto(`${server.url}/replay/${iv.id}?token=${iv.interviewer}`);
		await replay.getByTestId('replay-time').waitFor();
		await replay.locator('[data-testid=replay-editor] .monaco-editor .view-lines').waitFor();
		found['replay'] = await seriousViolations(replay);

		const debrief = await ctx.newPage();
		await debrief.goto(debriefUrl);
		await debrief.locator('[data-testid=feed-state][data-state=live]').waitFor();
		await debrief.locator('[data-testid=disagreements]').waitFor();
		for (const level of [1, 2, 3, 4]) await debrief.locator(`.lvl-${level}`).first().waitFor();
		found['debrief'] = await seriousViolations(debrief);
	} finally {
		await ctx.close();
	}
	return found;
}

const nothing = (found: Record<string, string[]>) => Object.fromEntries(Object.keys(found).map((k) => [k, []]));

describe('axe-core on every page', () => {
	it('A11Y-1: no critical or serious violation on any page in the light theme', async () => {
		const found = await audit('light');
		expect(Object.keys(found)).toHaveLength(12);
		expect(found).toEqual(nothing(found));
	});

	it('A11Y-1: no critical or serious violation on any page in the dark theme', async () => {
		const found = await audit('dark');
		expect(found).toEqual(nothing(found));
	});
});
