import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createInterview } from '../helpers/startServer.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js';
import { focusEditor, launchBrowser, openRoom, setBuffer, waitForEditorText } from '../helpers/browser.js';
import { codeText, connectY, roundTrip, waitFor, waitSynced, type YClient } from '../helpers/yclient.js';
import { readScene, writeElements } from '../../src/lib/shared/canvas/canvasDoc.js';
import { ACTIVE_PROBLEM } from '../../src/lib/shared/codeDoc.js';
import { rect } from '../helpers/canvasElements.js';

let browser: Browser;
let server: SpawnedServer;
const clients: YClient[] = [];
/** Screenshots for a person to look at (not compared by the test). */
const SHOTS = process.env.REPLAY_SHOTS_DIR ?? '/tmp/replay-shots';

beforeAll(async () => {
	[browser, server] = await Promise.all([launchBrowser(), spawnServer()]);
});
afterAll(async () => {
	for (const c of clients) c.destroy();
	await browser?.close();
	await server?.stop();
});

/** Time of the last entry in the recording: the server's clock at this moment of the script. */
async function lastEntryTime(id: string, token: string): Promise<number> {
	const text = await (await fetch(`${server.url}/api/interviews/${id}/recording?token=${token}`)).text();
	return JSON.parse(text.trim().split('\n').at(-1)!).t;
}

async function openReplay(page: Page, url: string) {
	await page.goto(url);
	await page.getByTestId('replay-time').waitFor();
	await page.locator('[data-testid=replay-editor] .monaco-editor .view-lines').waitFor();
}

const PROGRAM = `# REPLAY-E2E pasted program: long enough to count as a large paste (200+ characters)
def moving_average(values, window):
    return [sum(values[i:i + window]) / window for i in range(len(values) - window + 1)]

print("hello replay", moving_average([1, 2, 3, 4], 2))
`;

describe('replay in Chromium', () => {
	it('REPLAY-1, REPLAY-4, REPLAY-5, CONSENT-1: records a scripted interview, replays it, and each marker shows the room as it was', async () => {
		const iv = await createInterview(server, {}, { consent: false });

		// The candidate sees the recording notice first, and accepts.
		const candCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
		await candCtx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
		const cand = await candCtx.newPage();
		await cand.goto(`${server.url}/room/${iv.id}?token=${iv.candidate}`);
		await cand.getByTestId('consent-gate').waitFor();
		await cand.screenshot({ path: `${SHOTS}/consent.png` });
		await cand.getByTestId('consent-accept').click();
		await cand.locator('[data-testid=connection][data-state=connected]').waitFor();
		await cand.locator('.monaco-editor .view-lines').waitFor();
		const { page: intv } = await openRoom(browser, `${server.url}/room/${iv.id}?token=${iv.interviewer}`);
		await expect.poll(() => intv.getByTestId('candidate-signals').innerText()).toMatch(/accepted/);

		// A stock y-websocket client beside them holds the server's documents at each moment.
		const code = connectY(server.url.replace('http', 'ws'), iv.id, iv.interviewer);
		const canvas = connectY(server.url.replace('http', 'ws'), iv.id, iv.interviewer, 'canvas');
		clients.push(code, canvas);
		await Promise.all([waitSynced(code), waitSynced(canvas)]);
		const moments: { name: string; t: number; problem: string; text: string; elements: string[] }[] = [];
		const capture = async (name: string) => {
			await Promise.all([roundTrip(code), roundTrip(canvas)]);
			const problem = code.doc.getMap('state').get(ACTIVE_PROBLEM) as string;
			moments.push({
				name,
				t: await lastEntryTime(iv.id, iv.interviewer),
				problem,
				text: codeText(code.doc, problem)!.toString(),
				elements: readScene(canvas.doc)
					.elements.filter((e) => !e.isDeleted)
					.map((e) => e.id)
			});
		};

		// 1. Typing.
		await focusEditor(cand);
		await cand.keyboard.press('ControlOrMeta+End');
		await cand.keyboard.type('\n# typed by the candidate');
		await waitForEditorText(intv, '# typed by the candidate');
		await waitFor(code.doc, () => codeText(code.doc)!.toString().includes('# typed by the candidate'));
		await capture('typing');
		// 2. A large paste, then a run.
		await setBuffer(cand, PROGRAM);
		await waitFor(code.doc, () => codeText(code.doc)!.toString().includes('hello replay'));
		await cand.getByTestId('run').click();
		await intv.locator('[data-testid=run-outcome][data-outcome=ok]').waitFor({ timeout: 60_000 });
		await capture('run');
		await cand.getByTestId('run-tests').click();
		await intv.locator('[data-testid=tests-visible] [data-testid=tests-summary]:not([data-state=running])').waitFor({
			timeout: 60_000
		});
		await capture('tests');
		// SIG-2: the interviewer's header shows the candidate's signals (the paste at least).
		await expect
			.poll(() => intv.getByTestId('candidate-signals').getAttribute('title'))
			.toMatch(/pasted \d+ characters/);
		await intv.screenshot({ path: `${SHOTS}/room-interviewer.png` });
		// 3. The interviewer switches the problem.
		await intv.getByRole('button', { name: /Softmax/ }).click();
		await waitFor(code.doc, () => code.doc.getMap('state').get(ACTIVE_PROBLEM) === 'softmax-cross-entropy');
		await capture('switch');
		// 4. A drawing (written as the lead's canvas binding writes it: whole Excalidraw elements).
		writeElements(canvas.doc, [rect('replay-box', 40)]);
		await capture('drawing');
		writeElements(canvas.doc, [rect('replay-box', 300, 2), rect('second-box', 40)]);
		await capture('drawing-moved');
		await intv.getByTestId('end-interview').click();
		await intv.getByTestId('confirm-end').click();
		await intv.getByTestId('ended-banner').waitFor();
		await candCtx.close();

		// 5. The interviewer's scorecard draft holds a note pinned to the run (through the real
		// scorecards API); the replay, opened with the same interviewer's link, shows it.
		const runMoment = moments.find((m) => m.name === 'run')!;
		const base = `${server.url}/api/interviews/${iv.id}/scorecards`;
		const panel = (await (await fetch(`${base}?token=${iv.interviewer}`)).json()) as {
			rubric: { competencies: { id: string }[] };
		};
		const draft = await fetch(`${base}/draft?token=${iv.interviewer}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				ratings: {
					[panel.rubric.competencies[0].id]: { notes: [{ id: 'n1', text: 'Clean first run', t: runMoment.t }] }
				}
			})
		});
		expect(draft.status).toBe(200);
		const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
		page.on('pageerror', (e) => console.error('[replay page error]', e.message));
		await openReplay(page, `${server.url}/replay/${iv.id}?token=${iv.interviewer}`);
		const kinds = await page.getByTestId('moment').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
		for (const k of ['consent', 'join', 'paste', 'run', 'tests', 'problem', 'note', 'end']) expect(kinds).toContain(k);

		const shownAt = async (t: number) => {
			await page.waitForFunction(
				(want) => Number(document.querySelector('[data-testid=replay-time]')?.getAttribute('data-t')) === want,
				t
			);
		};
		// Each captured moment, opened by its link (?t=, the shape of a scorecard's pin).
		for (const m of moments) {
			await openReplay(page, `${server.url}/replay/${iv.id}?token=${iv.interviewer}&t=${m.t}`);
			await shownAt(m.t);
			await expect.poll(() => page.getByTestId('replay-editor').getAttribute('data-text')).toBe(m.text);
			await waitForEditorText(page, m.text.trim().split('\n').at(-1)!);
			await expect
				.poll(() => page.getByTestId('replay-problem').innerText())
				.toMatch(m.problem === 'moving-average' ? /Moving average/i : /Softmax/i);
			const drawn = m.elements.length > 0 ? 'drawn' : 'empty';
			await page.locator(`[data-testid=replay-canvas][data-state=${drawn}]`).waitFor();
			const shownIds = (await page.getByTestId('replay-canvas').getAttribute('data-elements')) ?? '';
			expect(
				shownIds
					.split(' ')
					.filter(Boolean)
					.map((s) => s.split('@')[0])
					.sort()
			).toEqual([...m.elements].sort());
			if (m.name === 'run') {
				await expect.poll(() => page.getByTestId('output').innerText()).toContain('hello replay [1.5, 2.5, 3.5]');
				await page.screenshot({ path: `${SHOTS}/replay-run.png` });
			}
			if (m.name === 'drawing-moved') {
				expect(shownIds).toContain('replay-box@300,');
				await page.getByTestId('replay-canvas-svg').waitFor();
				await page.screenshot({ path: `${SHOTS}/replay-drawing.png` });
			}
		}
		// The candidate's cursor is drawn with their name.
		await openReplay(page, `${server.url}/replay/${iv.id}?token=${iv.interviewer}&t=${moments[0].t}`);
		await page.locator('.pb-replay-cursor').first().waitFor();
		const label = await page.evaluate(() =>
			getComputedStyle(document.querySelector('.pb-replay-cursor')!, '::after').getPropertyValue('content')
		);
		expect(label).toContain('Casey Candidate');
		await page.screenshot({ path: `${SHOTS}/replay-typing.png` });

		// Each marker seeks there.
		const count = await page.getByTestId('moment').count();
		for (let i = 0; i < count; i++) {
			const button = page.getByTestId('moment').nth(i);
			const kind = await button.getAttribute('data-kind');
			await button.click();
			await expect
				.poll(() => page.locator('[data-testid=moments] li.current [data-testid=moment]').getAttribute('data-kind'))
				.toBe(kind);
			if (kind === 'problem')
				await expect.poll(() => page.getByTestId('replay-problem').innerText()).toMatch(/Softmax/i);
			const paneShown = (name: string) => page.getByRole('tab', { name, exact: true }).getAttribute('aria-selected');
			if (kind === 'run') {
				// A run's moment opens where the run ended: its output is on screen, in the Output pane.
				await expect.poll(() => page.getByTestId('output').innerText()).toContain('hello replay [1.5, 2.5, 3.5]');
				expect(await paneShown('Output')).toBe('true');
				await page.screenshot({ path: `${SHOTS}/replay-run-moment-1400.png` });
			}
			if (kind === 'tests') {
				await expect.poll(() => paneShown('Tests')).toBe('true');
				await page.setViewportSize({ width: 1280, height: 720 });
				await page.screenshot({ path: `${SHOTS}/replay-tests-moment-1280.png` });
				await page.setViewportSize({ width: 1400, height: 900 });
			}
			if (kind === 'note') {
				const run = moments.find((m) => m.name === 'run')!;
				await shownAt(run.t);
				await expect.poll(() => page.getByTestId('output').innerText()).toContain('hello replay');
			}
			if (kind === 'paste') {
				await expect
					.poll(() => page.getByTestId('replay-editor').getAttribute('data-text'))
					.toContain('REPLAY-E2E pasted program');
			}
		}
		await page.getByTestId('toggle-reviewer-links').click();
		await page.getByTestId('anonymised').check();
		await page.getByTestId('create-reviewer-link').click();
		await page.getByTestId('reviewer-link').waitFor();
		await page.screenshot({ path: `${SHOTS}/replay-reviewer-links.png` });
		await page.getByTestId('toggle-reviewer-links').click();
		// Playing moves time on; Space pauses.
		await page.getByTestId('speed-16').click();
		await page.getByTestId('play').click();
		const before = Number(await page.getByTestId('replay-time').getAttribute('data-t'));
		await page.waitForFunction(
			(b) => Number(document.querySelector('[data-testid=replay-time]')?.getAttribute('data-t')) > b + 1000,
			before
		);
		await page.keyboard.press('Space');
		await expect.poll(() => page.getByTestId('play').innerText()).toBe('Play');

		// The anonymised reviewer link: the candidate's name is nowhere on the page.
		const made = await fetch(`${server.url}/api/interviews/${iv.id}/reviewer-links?token=${iv.interviewer}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ anonymised: true })
		});
		const anonUrl = ((await made.json()) as { url: string }).url;
		const anon = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
		await openReplay(anon, `${anonUrl}&t=${moments[0].t}`);
		await anon.locator('.pb-replay-cursor').first().waitFor();
		await anon.screenshot({ path: `${SHOTS}/replay-anonymised.png` });
		expect(await anon.content()).not.toMatch(/Casey/);
		const anonLabel = await anon.evaluate(() =>
			getComputedStyle(document.querySelector('.pb-replay-cursor')!, '::after').getPropertyValue('content')
		);
		expect(anonLabel).toContain('Candidate');
		expect(anonLabel).not.toContain('Casey');
	});

	it('DEL-1: the organizer deletes an interview from the list, after confirming', async () => {
		const iv = await createInterview(server, { title: 'To be deleted' });
		const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
		await page.goto(server.url);
		await page.locator('#admin-key').fill(server.adminKey);
		await page.getByRole('button', { name: 'Continue' }).click();
		const row = page.locator(`[data-testid=interview-row][data-id="${iv.id}"]`);
		await row.waitFor();
		await row.getByTestId('delete-interview').click();
		await row.getByTestId('confirm-delete').waitFor();
		await page.getByTestId('interview-list').screenshot({ path: `${SHOTS}/organizer-delete.png` });
		await row.getByTestId('confirm-delete').click();
		await row.waitFor({ state: 'detached' });
		const res = await fetch(`${server.url}/api/interviews/${iv.id}/session?token=${iv.interviewer}`);
		expect(res.status).toBe(404);
	});
});
