/**
 * A behavioural round in Chromium: the organizer filters the bank, creates a round with only a
 * question set, and opens it as candidate and as interviewer. The interviewer sees the questions
 * beside the scorecard; the candidate's page never receives them (every HTTP body and WebSocket
 * frame it got is checked).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js';
import { launchBrowser, openRoom, waitForEditorText } from '../helpers/browser.js';
import { loadProblems } from '../../server/storage/loadProblems.js';

let browser: Browser;
let server: SpawnedServer;
/** Screenshots for a person to look at (not compared by the test). */
const SHOTS = process.env.BEHAVIOURAL_SHOTS_DIR ?? '/tmp/behavioural-shots';
const SET = loadProblems('problems').find((p) => p.id === 'behavioural-ownership-impact')!;
const QUESTION_LINES = SET.interviewerNotes
	.split('\n')
	.map((l) => l.replace(/^[#>\-|*\s]+/, '').trim())
	.filter((l) => l.length >= 25);

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

describe('behavioural round in Chromium', () => {
	it('the organizer filters and creates a behavioural round; the interviewer sees the questions and the scorecard, the candidate never the questions', async () => {
		const orgCtx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
		const org = await orgCtx.newPage();
		await org.goto(server.url);
		await org.locator('#admin-key').fill(server.adminKey);
		await org.getByRole('button', { name: 'Continue' }).click();

		// Filters, by their labels as a keyboard or screen-reader user finds them.
		await org.getByLabel('Kind').selectOption({ label: 'Behavioural' });
		await org
			.getByTestId('filter-count')
			.getByText(/^Showing 2 of \d+/)
			.waitFor();
		// The two question sets are the only problems listed (the page has other checkboxes: take-home, calibration).
		expect(await org.locator('label.check .title').count()).toBe(2);
		await org.getByLabel('Kind').selectOption({ label: 'All kinds' });
		await org.getByLabel('Competency').selectOption({ label: 'Deployment and rollout' });
		await org.getByLabel('Time box').selectOption({ label: 'Up to 45 min' });
		const titles = await org.locator('label.check .title').allInnerTexts();
		expect(titles).toContain('Rollout: canary decision and shadow comparison');
		expect(titles).toContain('Design a model registry with staged deployment and rollback');
		await org.getByRole('button', { name: 'Clear filters' }).click();

		await org.getByLabel('Kind').selectOption({ label: 'Behavioural' });
		await org.getByRole('checkbox', { name: 'Behavioural: ownership and impact' }).check();
		expect(await org.getByTestId('rubric').inputValue()).toBe('behavioural-star');
		const coverage = org.getByTestId('rubric-coverage');
		await coverage.locator('[data-competency=ownership]').waitFor();
		expect(await coverage.getByTestId('uncovered').innerText()).toContain('Collaboration');
		await org.locator('#candidate').fill('Casey Candidate');
		await org.getByLabel('Interviewer 1 name').fill('Ines Interviewer');
		await org.getByRole('heading', { name: 'New interview' }).scrollIntoViewIfNeeded();
		await org.screenshot({ path: `${SHOTS}/organizer-filters-1400x900.png` });
		await org.setViewportSize({ width: 1280, height: 720 });
		await org.screenshot({ path: `${SHOTS}/organizer-filters-1280x720.png` });
		await coverage.screenshot({ path: `${SHOTS}/organizer-coverage.png` });
		await org.getByRole('button', { name: 'Create interview' }).click();
		const candidateUrl = await org.getByTestId('candidate-link').inputValue();
		const interviewerUrl = await org.getByTestId('interviewer-link-0').inputValue();

		// The candidate: the notice, then the room without the questions.
		const candCtx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
		const cand = await candCtx.newPage();
		const traffic = captureTraffic(cand);
		await cand.goto(candidateUrl);
		await cand.getByTestId('consent-accept').click();
		await cand.locator('[data-testid=connection][data-state=connected]').waitFor();
		await cand.getByTestId('behavioural-candidate').waitFor();
		expect(await cand.getByTestId('question-set').count()).toBe(0);
		expect(await cand.getByTestId('rubric-panel').count()).toBe(0);

		const { context: intvCtx, page: intv } = await openRoom(browser, interviewerUrl);
		try {
			await intv.setViewportSize({ width: 1400, height: 900 });
			const questions = intv.getByTestId('question-set');
			await questions.getByText('Q1. A problem no one owned').waitFor();
			await intv.getByTestId('rubric-panel').getByText('Ownership').first().waitFor();
			expect(await intv.getByTestId('tab-solution').count()).toBe(0);
			// Both see each other, and the shared notes pad carries what the interviewer writes.
			await cand.getByText('Ines Interviewer').first().waitFor();
			await intv.locator('.monaco-editor .view-lines').first().click();
			await intv.keyboard.press('ControlOrMeta+End');
			await intv.keyboard.type('Q1 answer: stale evaluation set, fixed with the data team');
			await waitForEditorText(cand, 'Q1 answer: stale evaluation set');
			await intv.screenshot({ path: `${SHOTS}/room-interviewer-1400x900.png` });
			await cand.screenshot({ path: `${SHOTS}/room-candidate-1400x900.png` });
			await intv.setViewportSize({ width: 1280, height: 720 });
			await cand.setViewportSize({ width: 1280, height: 720 });
			await intv.screenshot({ path: `${SHOTS}/room-interviewer-1280x720.png` });
			await cand.screenshot({ path: `${SHOTS}/room-candidate-1280x720.png` });

			// Fence: the candidate has received everything sent before the end of the round.
			await intv.getByTestId('end-interview').click();
			await intv.getByTestId('confirm-end').click();
			await cand.getByTestId('ended-banner').waitFor();
			const received = traffic.join('\n');
			// Typed text arrives one keystroke per Yjs frame; the end of the round is one Socket.IO frame.
			expect(received.includes('"interview:end"'), 'the capture saw the socket frames').toBe(true);
			expect(QUESTION_LINES.filter((l) => received.includes(l))).toEqual([]);
		} finally {
			await intvCtx.close();
			await candCtx.close();
			await orgCtx.close();
		}
	});
});
