import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createInterview } from '../helpers/startServer.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js';
import { gotoRoom, launchBrowser, openRoom } from '../helpers/browser.js';
import { loadRubric } from '../../server/storage/loadRubrics.js';

let browser: Browser;
let server: SpawnedServer;

beforeAll(async () => {
	[browser, server] = await Promise.all([launchBrowser(), spawnServer()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** Everything the page receives: HTTP response bodies and every WebSocket frame. */
function captureTraffic(page: Page): string[] {
	const seen: string[] = [];
	page.on('response', async (res) => {
		try {
			seen.push(`${res.url()}\n${(await res.body()).toString('utf8')}`);
		} catch {
			// Redirects and aborted loads have no body.
		}
	});
	page.on('websocket', (ws) => {
		ws.on('framereceived', (f) => seen.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8')));
	});
	return seen;
}

const INES_NOTE = 'Compared the O(n·k) window sum with a running total before typing';
const IVAN_NOTE = 'Could not explain why the first window needs a separate sum';
const IVAN_DRAFT = 'Asked about an empty list only after the test failed';

/** Scores every competency of the ML coding rubric, with a pinned note on problem solving. */
async function score(page: Page, problemSolving: 1 | 4, note: string, rec: string) {
	const panel = page.getByTestId('rubric-panel');
	await panel.getByTestId(`evidence-problem_solving`).fill(note);
	await panel.getByTestId('pin-problem_solving').click();
	await panel.getByTestId('note').filter({ hasText: note }).waitFor();
	await panel.getByTestId(`level-problem_solving-${problemSolving}`).check();
	await panel.getByTestId('level-ml_fundamentals-3').check();
	await panel.getByTestId('level-code_quality-3').check();
	await panel.getByTestId('level-testing-na').check();
	await panel.getByTestId('level-communication-2').check();
	await panel.getByTestId(`rec-${rec}`).check();
	await panel.getByTestId('conf-medium').check();
	await panel.locator('[data-testid=save-state][data-state=saved]').waitFor();
}

describe('scorecards in the room and the debrief', () => {
	it('two interviewers score one interview; neither sees the other’s scores until both have submitted; the debrief shows both with the disagreement flagged; the candidate receives none of it', async () => {
		const iv = await createInterview(server, { rubric: 'ml-coding' });
		const loopRes = await fetch(`${server.url}/api/loops`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminKey}` },
			body: JSON.stringify({ title: 'ML engineer loop', candidate: { name: 'Casey Candidate' }, interviews: [iv.id] })
		});
		const { debriefUrl } = (await loopRes.json()) as { debriefUrl: string };

		const candCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
		const candPage = await candCtx.newPage();
		const traffic = captureTraffic(candPage);
		await gotoRoom(candPage, `${server.url}/room/${iv.id}?token=${iv.candidate}`, server.output);

		const { context: inesCtx, page: ines } = await openRoom(
			browser,
			`${server.url}/room/${iv.id}?token=${iv.interviewer}`
		);
		const { context: ivanCtx, page: ivan } = await openRoom(
			browser,
			`${server.url}/room/${iv.id}?token=${iv.interviewer2}`
		);
		const debriefCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		try {
			expect(await candPage.getByTestId('rubric-panel').count()).toBe(0);

			// Ivan starts a draft; it is saved to the server and survives a reload.
			await ivan.getByTestId('evidence-testing').fill(IVAN_DRAFT);
			await ivan.getByTestId('level-code_quality-2').check();
			await ivan.locator('[data-testid=save-state][data-state=saved]').waitFor();
			await ivan.reload();
			await ivan.getByTestId('rubric-panel').getByTestId('evidence-testing').waitFor();
			expect(await ivan.getByTestId('evidence-testing').inputValue()).toBe(IVAN_DRAFT);
			expect(await ivan.getByTestId('level-code_quality-2').isChecked()).toBe(true);
			await ivan.getByTestId('evidence-testing').fill('');

			// Submit refuses an incomplete scorecard, in words.
			await ines.getByTestId('submit-scorecard').click();
			await ines.getByTestId('submission-problems').waitFor();
			expect(await ines.getByTestId('submission-problems').innerText()).toMatch(/Problem solving: choose a level/);

			await score(ines, 4, INES_NOTE, 'strong-hire');
			await ines.getByTestId('submit-scorecard').click();
			await ines.getByTestId('submitted-banner').waitFor();
			expect(await ines.getByTestId('others').innerText()).toMatch(/Nobody else has submitted yet/);

			// Ivan sees that Ines has submitted, and nothing of what she wrote.
			await ivan.locator('[data-testid=progress-item][data-name="Ines Interviewer"][data-submitted=true]').waitFor();
			expect(await ivan.getByTestId('others').count()).toBe(0);
			expect(await ivan.getByTestId('rubric-panel').innerText()).not.toContain(INES_NOTE);
			const refused = await ivan.evaluate(
				async ([id, token, other]) => (await fetch(`/api/interviews/${id}/scorecards/${other}?token=${token}`)).status,
				[iv.id, iv.interviewer2!, await inesId(ines)]
			);
			expect(refused).toBe(403);

			await score(ivan, 1, IVAN_NOTE, 'no-hire');
			await ivan.getByTestId('submit-scorecard').click();
			await ivan.getByTestId('submitted-banner').waitFor();

			// Now both see each other's scorecard (Ines's panel updates live).
			await ivan.getByTestId('others').getByText(INES_NOTE).waitFor();
			await ines.getByTestId('others').getByText(IVAN_NOTE).waitFor();

			// The hiring panel's debrief: both scorecards side by side, the disagreement flagged.
			const debrief = await debriefCtx.newPage();
			await debrief.goto(debriefUrl.replace(/^http:\/\/[^/]+/, server.url));
			await debrief.locator('[data-testid=feed-state][data-state=live]').waitFor();
			await debrief.getByTestId('scorecard-column').nth(1).waitFor();
			expect(await debrief.getByTestId('scorecard-column').allInnerTexts()).toEqual([
				'Ines Interviewer',
				'Ivan Interviewer'
			]);
			await debrief.locator('[data-testid=flag][data-competency=problem_solving]').waitFor();
			await debrief.locator('[data-testid=flag][data-competency=recommendation]').waitFor();
			expect(
				await debrief.locator('[data-testid=competency-row][data-competency=problem_solving]').getAttribute('class')
			).toMatch(/flagged/);
			expect(await debrief.getByTestId('rule-outcome').getAttribute('data-outcome')).toBe('no-hire');

			// An amendment arrives live in the debrief, marked as made after seeing the others.
			await ines.getByTestId('amend').click();
			await ines.getByTestId('rec-hire').check();
			await ines.getByTestId('amend-reason').fill('Ivan’s note on the first window is fair');
			await ines.getByTestId('submit-scorecard').click();
			await ines.getByTestId('submitted-banner').waitFor();
			await ines.getByTestId('rubric-panel').getByTestId('after-seeing').first().waitFor();
			await debrief.getByTestId('after-seeing').first().waitFor();
			await debrief.getByTestId('scorecard-column').filter({ hasText: 'v2' }).waitFor();
			expect(await debrief.getByTestId('scorecard-column').first().innerText()).toMatch(/^Ines Interviewer\s*v2$/);

			// The candidate's page received nothing of the rubric, the notes, the drafts or the scores.
			const all = traffic.join('\n');
			expect(all).toContain('moving_average'); // the capture works: the starter arrived
			const rubric = loadRubric('rubrics/ml-coding.yaml');
			const secrets = [
				INES_NOTE,
				IVAN_NOTE,
				IVAN_DRAFT,
				'Ivan’s note on the first window',
				'ml_fundamentals',
				'problem_solving',
				...rubric.competencies.flatMap((c) => c.levels)
			];
			// Data only: the page's JavaScript names fields such as weightedScore, which is code, not a score.
			expect(secrets.filter((secret) => all.includes(secret))).toEqual([]);
			const candRequests = traffic.filter((t) => /\/api\/(interviews\/[^/]+\/scorecards|loops)/.test(t.split('\n')[0]));
			expect(candRequests).toEqual([]);
		} finally {
			await candCtx.close();
			await inesCtx.close();
			await ivanCtx.close();
			await debriefCtx.close();
		}
	});
});

/** Ines's participant id, from her own page's panel data. */
async function inesId(page: Page): Promise<string> {
	const url = new URL(page.url());
	const id = url.pathname.split('/').at(-1)!;
	const token = url.searchParams.get('token')!;
	return page.evaluate(
		async ([i, t]) =>
			((await (await fetch(`/api/interviews/${i}/scorecards?token=${t}`)).json()) as { me: { id: string } }).me.id,
		[id, token]
	);
}
