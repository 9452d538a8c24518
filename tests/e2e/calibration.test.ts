import { seriousViolations } from '../helpers/axe.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createInterview } from '../helpers/startServer.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js';
import { launchBrowser } from '../helpers/browser.js';
import { codeText, connectY, roundTrip, waitFor, waitSynced, type YClient } from '../helpers/yclient.js';
import { card } from '../helpers/scorecards.js';

/** Screenshots for a person to look at (not compared by the test). */
const SHOTS = process.env.CALIBRATION_SHOTS_DIR ?? '/tmp/calibration-shots';
const SIZES = [
	{ width: 1400, height: 900 },
	{ width: 1280, height: 720 }
];

/** A name that appears nowhere else in the app, typed into the code, printed and in the title. */
const CANDIDATE = 'Zephyrine Quillfeather';
const ORIGINAL_NOTE = 'ORIGINAL-INTERVIEWER-NOTE: weighed the window sum against a running total';
const RATERS = ['Ana Lima', 'Ben Okafor', 'Cy Park'] as const;
const LEVELS = { 'Ana Lima': 4, 'Ben Okafor': 2, 'Cy Park': 3 } as const;

let browser: Browser;
let server: SpawnedServer;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
	[browser, server] = await Promise.all([launchBrowser(), spawnServer()]);
	fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
	for (const close of closers.splice(0).reverse()) await close();
	await browser?.close();
	await server?.stop();
});

/** Everything a page receives: HTTP response bodies, SSE included, and every WebSocket frame. */
function captureTraffic(page: Page): string[] {
	const seen: string[] = [];
	page.on('response', async (res) => {
		try {
			const body = (await res.body()).toString('utf8');
			seen.push(`${res.url()}\n${body}`);
			// The replay's log and checkpoints carry Yjs bytes as base64: decoded, their text is searched too.
			if (/\/replay\/(log|checkpoints)/.test(res.url())) seen.push(decodedYjs(body));
		} catch {
			// Redirects, aborted loads and streams still open have no body yet.
		}
	});
	page.on('requestfinished', async (req) => {
		// A Server-Sent Events stream's body arrives only when it ends; the response above then misses it.
		const res = await req.response();
		if (res && (res.headers()['content-type'] ?? '').includes('text/event-stream'))
			seen.push(`${req.url()}\n${await res.text().catch(() => '')}`);
	});
	page.on('websocket', (ws) => {
		ws.on('framereceived', (f) => seen.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8')));
	});
	return seen;
}

/** The UTF-8 text inside every base64 `update` or `state` of an NDJSON body (Yjs stores strings as UTF-8). */
function decodedYjs(ndjson: string): string {
	return ndjson
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => {
			const entry = JSON.parse(l) as { update?: string; state?: string };
			const b64 = entry.update ?? entry.state;
			return b64 ? Buffer.from(b64, 'base64').toString('utf8') : '';
		})
		.join('\n');
}

async function shoot(page: Page, name: string) {
	for (const size of SIZES) {
		await page.setViewportSize(size);
		await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
		await page.screenshot({ path: `${SHOTS}/${name}-${size.width}x${size.height}.png` });
	}
}

async function newPage(width = 1400, height = 900): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ viewport: { width, height } });
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
	closers.push(() => context.close());
	const page = await context.newPage();
	page.on('pageerror', (e) => console.error('[page error]', e.message));
	return { context, page };
}

function join(interviewId: string, token: string): Promise<Socket> {
	const sock = ioClient(server.url, { path: '/socket.io', auth: { interviewId, token }, transports: ['websocket'] });
	closers.push(() => sock.close());
	return new Promise((resolve, reject) => {
		sock.once('room:snapshot', () => resolve(sock));
		sock.once('connect_error', reject);
	});
}

/** A short recorded interview: the name typed into the code and printed by a run, two scorecards, then the end. */
async function recordInterview() {
	const iv = await createInterview(server, {
		title: `${CANDIDATE}: ML coding round`,
		candidate: { name: CANDIDATE },
		problems: ['moving-average'],
		rubric: 'ml-coding'
	});
	const cand = await join(iv.id, iv.candidate);
	const intv = await join(iv.id, iv.interviewer);
	const y: YClient = connectY(server.url.replace('http', 'ws'), iv.id, iv.candidate);
	closers.push(() => y.destroy());
	await waitSynced(y);
	const text = await waitFor(y.doc, () => codeText(y.doc, 'moving-average'));
	text.insert(0, `# ${CANDIDATE} starts with a running total\n`);
	await roundTrip(y);
	expect(await cand.emitWithAck('run:start', { runId: 'r1', problemId: 'moving-average' })).toEqual({ ok: true });
	await cand.emitWithAck('run:output', { runId: 'r1', stream: 'stdout', text: `hello from ${CANDIDATE}\n` });
	await cand.emitWithAck('run:end', { runId: 'r1', outcome: 'ok', durationMs: 3 });
	text.insert(text.length, '\n# second thoughts on the window\n');
	await roundTrip(y);
	for (const [token, level, rec] of [
		[iv.interviewer, 4, 'strong-hire'],
		[iv.interviewer2!, 1, 'no-hire']
	] as const) {
		const body = card(level, rec);
		body.ratings.problem_solving.notes = [{ id: 'orig1', text: ORIGINAL_NOTE, t: Date.now() }];
		const res = await fetch(`${server.url}/api/interviews/${iv.id}/scorecards?token=${token}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
		expect(res.status).toBe(201);
	}
	await intv.emitWithAck('interview:end', {});
	return iv;
}

/** One rater scores the interview: seeks to the run, pins a note there, checks the note seeks back, submits. */
async function score(page: Page, name: (typeof RATERS)[number]) {
	const panel = page.getByTestId('rater-panel');
	await page.locator('[data-testid=moment][data-kind=run]').first().click();
	const runAt = Number(await page.getByTestId('replay-time').getAttribute('data-t'));
	const note = `${name} saw the running total at the run`;
	await panel.getByTestId('evidence-problem_solving').fill(note);
	await panel.getByTestId('pin-problem_solving').click();
	await panel.getByTestId('note').filter({ hasText: note }).waitFor();
	// Elsewhere in the replay, the note's moment brings it back to the run.
	await page.locator('[data-testid=moment][data-kind=end]').first().click();
	await expect.poll(async () => Number(await page.getByTestId('replay-time').getAttribute('data-t'))).not.toBe(runAt);
	await panel.getByTestId('note-moment').first().click();
	await expect.poll(async () => Number(await page.getByTestId('replay-time').getAttribute('data-t'))).toBe(runAt);

	await panel.getByTestId(`level-problem_solving-${LEVELS[name]}`).check();
	for (const c of ['ml_fundamentals', 'code_quality', 'communication']) await panel.getByTestId(`level-${c}-3`).check();
	await panel.getByTestId('level-testing-na').check();
	await panel.getByTestId(LEVELS[name] >= 3 ? 'rec-hire' : 'rec-no-hire').check();
	await panel.getByTestId('conf-medium').check();
	await panel.locator('[data-testid=save-state][data-state=saved]').waitFor();
	await panel.getByTestId('submit-scorecard').click();
	await panel.getByTestId('rater-submitted').waitFor();
}

describe('calibration in Chromium', () => {
	it('three raters score one recorded interview blind with pinned notes; the reveal shows their levels, alpha and offsets; nothing the raters received before it names the candidate or holds the original scores', async () => {
		const iv = await recordInterview();

		// The organizer creates the session on the organizer page: the interview, three new people as raters.
		const { page: org } = await newPage();
		await org.goto(server.url);
		await org.locator('#admin-key').fill(server.adminKey);
		await org.getByRole('button', { name: 'Continue' }).click();
		const section = org.getByTestId('calibration-section');
		await section.locator(`[data-testid=calibration-interview][value="${iv.id}"]`).check();
		for (const name of RATERS) {
			await section.getByLabel('Another rater’s name').fill(name);
			await section.getByRole('button', { name: 'Add rater' }).click();
		}
		expect(await section.getByTestId('calibration-blind').isChecked()).toBe(true);
		await section.getByTestId('calibration-form').scrollIntoViewIfNeeded();
		await shoot(org, 'organizer-calibration-form');
		await section.getByTestId('create-calibration').click();
		await section.getByTestId('calibration-created').waitFor();
		const links = await Promise.all(RATERS.map((_, i) => section.getByTestId(`rater-link-${i}`).inputValue()));
		const byName = Object.fromEntries(
			await Promise.all(
				RATERS.map(async (_, i) => [
					(await section.locator('.link-row .who').nth(i).innerText()).trim(),
					links[i].replace(/^http:\/\/[^/]+/, server.url)
				])
			)
		) as Record<string, string>;
		expect(Object.keys(byName).sort()).toEqual([...RATERS].sort());
		await org.getByTestId('people-section').getByTestId('person-row').filter({ hasText: 'Cy Park' }).waitFor();
		await shoot(org, 'organizer');

		// Each rater on their own page, every byte they receive captured.
		const raters: { name: (typeof RATERS)[number]; page: Page; traffic: string[] }[] = [];
		for (const name of RATERS) {
			const { page } = await newPage();
			const traffic = captureTraffic(page);
			await page.goto(byName[name]);
			await page.getByTestId('rater-panel').waitFor();
			await page.locator('[data-testid=replay-editor] .monaco-editor .view-lines').waitFor();
			raters.push({ name, page, traffic });
		}
		await shoot(raters[0].page, 'rater');
		expect(await seriousViolations(raters[0].page), 'axe on the rater page').toEqual([]);

		await score(raters[0].page, 'Ana Lima');
		// The others see that Ana has submitted, and nothing of what.
		await raters[1].page
			.locator('[data-testid=rater-progress-item][data-name="Ana Lima"][data-submitted=true]')
			.waitFor();
		expect(await raters[1].page.getByTestId('rater-panel').innerText()).not.toContain('Ana Lima saw');
		await score(raters[1].page, 'Ben Okafor');
		await shoot(raters[1].page, 'rater-submitted');
		expect(await seriousViolations(raters[1].page), 'axe on the rater-submitted page').toEqual([]);
		await score(raters[2].page, 'Cy Park');

		// Every rater has submitted: the reveal opens. Before anyone opens it, check what they received.
		await raters[0].page.getByTestId('open-reveal').waitFor();
		const before = raters.map((r) => r.traffic.join('\n'));
		for (const [i, all] of before.entries()) {
			// The capture works: the code (decoded from the log) and the run's output arrived, the name redacted.
			expect(all).toContain('second thoughts on the window');
			expect(all).toContain('hello from Candidate');
			expect(all, `${raters[i].name} received the candidate's name`).not.toMatch(/Zephyrine|Quillfeather/i);
			expect(all, `${raters[i].name} received an original scorecard`).not.toContain('ORIGINAL-INTERVIEWER-NOTE');
			expect(all).not.toContain('"originals"');
		}

		// The reveal: each rater's level side by side, alpha explained, who scores high and who low.
		const reveal = raters[0].page;
		await reveal.getByTestId('open-reveal').click();
		await reveal.getByTestId('figure-reveal').first().waitFor();
		const problemSolving = reveal.locator('[data-testid=figure-reveal][data-figure=problem_solving]');
		for (const name of RATERS)
			expect(
				await problemSolving.locator(`[data-testid=rater-choice][data-name="${name}"]`).getAttribute('data-value')
			).toBe(String(LEVELS[name]));
		expect(await problemSolving.getByTestId('spread').innerText()).toContain('From level 2 to level 4');
		await expect
			.poll(() => problemSolving.getByTestId('alpha-explanation').innerText())
			.toMatch(/Krippendorff's alpha/);
		const overall = reveal.getByTestId('overall-figures');
		expect(await overall.getByTestId('alpha-explanation').innerText()).toMatch(
			/alpha \(ordinal\): (−?\d\.\d{3}|not defined)/
		);
		const offsets = await problemSolving.getByTestId('rater-offsets').innerText();
		expect(offsets.indexOf('Ana Lima')).toBeLessThan(offsets.indexOf('Ben Okafor'));
		expect(offsets).toMatch(/Ana Lima\s+1\.50 levels above the others/);
		expect(offsets).toMatch(/Ben Okafor\s+1\.50 levels below the others/);
		expect(await reveal.locator('body').innerText()).not.toMatch(/NaN/);
		// After the reveal, the original interviewers' scores stand beside the raters'.
		await problemSolving.locator('[data-testid=original-choice]').first().waitFor();
		await shoot(reveal, 'reveal');
		expect(await seriousViolations(reveal), 'axe on the reveal page').toEqual([]);

		// The organizer's view of the same page: round 2 can be opened.
		await org.goto(`${server.url}/calibrate/${new URL(byName['Ana Lima']).pathname.split('/')[2]}/reveal`);
		await org.getByTestId('open-round').waitFor();
		await shoot(org, 'reveal-organizer');
		expect(await seriousViolations(org), 'axe on the reveal-organizer page').toEqual([]);

		await org.goto(`${server.url}/reliability`);
		await org.getByTestId('period').waitFor();
		await shoot(org, 'reliability');
		expect(await seriousViolations(org), 'axe on the reliability page').toEqual([]);

		await org.goto(server.url);
		await org.getByTestId('people-section').getByRole('link', { name: 'Ana Lima' }).click();
		await org.getByTestId('history-competency').first().waitFor();
		await shoot(org, 'person');
		expect(await seriousViolations(org), 'axe on the person page').toEqual([]);
	});
});
