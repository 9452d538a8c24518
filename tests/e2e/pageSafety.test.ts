import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createInterview, tempDataDir } from '../helpers/startServer.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js';
import { gotoRoom, launchBrowser, setBuffer, waitForEditorText } from '../helpers/browser.js';

let browser: Browser;
let server: SpawnedServer;

/** Markdown a problem copied from elsewhere might carry (issue 12, item 10). */
const HOSTILE = [
	'',
	'<meta http-equiv="refresh" content="0;url=about:blank">',
	'<img src="x" onerror="document.title = \'pwned\'">',
	'<script>document.title = "pwned"</script>',
	'[a harmless-looking link](javascript:document.title=%22pwned%22)',
	'',
	'| n | mean |',
	'| - | ---- |',
	'| 3 | 2.0  |',
	'',
	'```python',
	'print("kept")',
	'```',
	'',
	'SAFETY-MARKER'
].join('\n');

beforeAll(async () => {
	// The shipped problem bank with the first problem's statement and notes made hostile.
	const problems = path.join(tempDataDir(), 'problems');
	fs.cpSync('problems', problems, { recursive: true });
	for (const file of ['problem.md', 'interviewer.md']) {
		fs.appendFileSync(path.join(problems, 'moving-average', file), HOSTILE);
	}
	[browser, server] = await Promise.all([launchBrowser(), spawnServer({ env: { PAIRBOARD_PROBLEMS: problems } })]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** Every Content-Security-Policy violation a page of this context reports, as the page sees it. */
async function watchCsp(context: BrowserContext): Promise<string[]> {
	const seen: string[] = [];
	await context.exposeFunction('__reportCsp', (v: string) => seen.push(v));
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) =>
			(window as unknown as { __reportCsp(v: string): void }).__reportCsp(
				`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`
			)
		);
	});
	context.on('console', (m) => {
		if (/Content Security Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
	});
	return seen;
}

/** Navigations of the page's main frame after it first loaded. */
function watchNavigations(page: Page): string[] {
	const urls: string[] = [];
	page.on('framenavigated', (f) => {
		if (f === page.mainFrame()) urls.push(f.url());
	});
	return urls;
}

async function expectStatementSafe(page: Page, testId: 'statement' | 'notes') {
	const article = page.getByTestId(testId);
	await article.getByText('SAFETY-MARKER').waitFor();
	// What must go: the refresh, scripts, handlers and javascript: links.
	expect(await page.locator('meta[http-equiv]').count()).toBe(0);
	expect(await article.locator('script, [onerror]').count()).toBe(0);
	expect(await article.locator('a[href^="javascript:"]').count()).toBe(0);
	// What must stay: tables, links as text, the rest of the statement.
	expect(await article.locator('table td').first().innerText()).toBe('3');
	await article.getByText('a harmless-looking link').waitFor();
	await article.locator('pre code').first().waitFor();
	expect(await page.title()).not.toBe('pwned');
}

describe('page safety in Chromium (issue 12, items 10 and 11)', () => {
	const contexts: BrowserContext[] = [];
	afterEach(async () => {
		for (const c of contexts.splice(0)) await c.close();
	});
	const watchedContext = async () => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
		contexts.push(context);
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
		const csp = await watchCsp(context);
		return { context, csp };
	};

	it('a statement and notes with <meta http-equiv=refresh>, a script, a handler and a javascript: link leave both tabs in the room', async () => {
		const iv = await createInterview(server, { problems: ['moving-average', 'softmax-cross-entropy'] });
		const candCtx = await watchedContext();
		const cand = await openRoomIn(candCtx.context, `${server.url}/room/${iv.id}?token=${iv.candidate}`);
		const candNav = watchNavigations(cand);
		const intvCtx = await watchedContext();
		const intv = await openRoomIn(intvCtx.context, `${server.url}/room/${iv.id}?token=${iv.interviewer}`);
		const intvNav = watchNavigations(intv);

		await expectStatementSafe(cand, 'statement');
		await intv.getByRole('tab', { name: 'Notes' }).click();
		await expectStatementSafe(intv, 'notes');
		// Both are still live in the room: an edit goes across after the statement was shown.
		await setBuffer(cand, '# still in the room\n');
		await waitForEditorText(intv, '# still in the room');
		expect(candNav).toEqual([]);
		expect(intvNav).toEqual([]);
		expect(new URL(cand.url()).pathname).toBe(`/room/${iv.id}`);
		// Parsing the hostile markup (to sanitise it) makes Chromium report its inline handler as
		// blocked by the CSP: nothing ran. No other report, and nothing about eval.
		for (const report of [...candCtx.csp, ...intvCtx.csp]) {
			expect(report).toMatch(/inline event handler|^script-src-attr inline /);
		}
	});

	it('the room (candidate and interviewer), the debrief and the replay report no CSP violation: nothing calls eval', async () => {
		const iv = await createInterview(server, { problems: ['softmax-cross-entropy'] });
		const candCtx = await watchedContext();
		const cand = await openRoomIn(candCtx.context, `${server.url}/room/${iv.id}?token=${iv.candidate}`);
		const intvCtx = await watchedContext();
		const intv = await openRoomIn(intvCtx.context, `${server.url}/room/${iv.id}?token=${iv.interviewer}`);
		await setBuffer(cand, 'print("parsed, validated and shown")\n');
		await waitForEditorText(intv, 'parsed, validated and shown');

		const loop = await fetch(`${server.url}/api/loops`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminKey}` },
			body: JSON.stringify({ title: 'Loop', candidate: { name: 'Casey Candidate' }, interviews: [iv.id] })
		});
		const { debriefUrl } = (await loop.json()) as { debriefUrl: string };
		const panelCtx = await watchedContext();
		const debrief = await panelCtx.context.newPage();
		await debrief.goto(debriefUrl.replace(/^http:\/\/[^/]+/, server.url));
		await debrief.locator('[data-testid=feed-state][data-state=live]').waitFor();
		const replay = await intvCtx.context.newPage();
		await replay.goto(`${server.url}/replay/${iv.id}?token=${iv.interviewer}`);
		await replay.getByTestId('replay-time').waitFor();
		await replay.locator('[data-testid=replay-editor] .monaco-editor .view-lines').waitFor();

		// A task turn on each page, so any violation already raised has been delivered.
		for (const p of [cand, intv, debrief, replay]) await p.evaluate(() => new Promise((r) => setTimeout(r, 0)));
		expect({ candidate: candCtx.csp, interviewer: intvCtx.csp, panel: panelCtx.csp }).toEqual({
			candidate: [],
			interviewer: [],
			panel: []
		});
	});
});

/** openRoom in a context that already watches CSP reports. */
async function openRoomIn(context: BrowserContext, url: string): Promise<Page> {
	const page = await context.newPage();
	await gotoRoom(page, url, server.output);
	return page;
}
