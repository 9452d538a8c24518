import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createInterview } from '../helpers/startServer.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js';
import { editorText, focusEditor, launchBrowser, openRoom, setBuffer, waitForEditorText } from '../helpers/browser.js';
import { codeText, connectY, waitFor, waitSynced } from '../helpers/yclient.js';

let browser: Browser;
let server: SpawnedServer;

beforeAll(async () => {
	[browser, server] = await Promise.all([launchBrowser(), spawnServer()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const roomUrl = (s: { url: string }, id: string, token: string) => `${s.url}/room/${id}?token=${token}`;

async function pair(s: SpawnedServer = server) {
	const iv = await createInterview(s);
	const cand = await openRoom(browser, roomUrl(s, iv.id, iv.candidate));
	const intv = await openRoom(browser, roomUrl(s, iv.id, iv.interviewer));
	return {
		iv,
		cand: cand.page,
		intv: intv.page,
		close: () => Promise.all([cand.context.close(), intv.context.close()])
	};
}

function pythonReady(page: Page) {
	return page.locator('[data-testid=runner-state][data-state=ready]').waitFor({ timeout: 60_000 });
}

/** Clicks Run and waits, on every page, for this new run (not an earlier one) to end. */
async function runAndWait(page: Page, others: Page[] = []) {
	await pythonReady(page);
	const pages = [page, ...others];
	const before = await Promise.all(pages.map((p) => p.getByTestId('run-status').getAttribute('data-run-id')));
	await page.getByTestId('run').click();
	await Promise.all(
		pages.map(async (p, i) => {
			await p.waitForFunction(
				(prev) => {
					const status = document.querySelector('[data-testid=run-status]');
					const outcome = document.querySelector('[data-testid=run-outcome]')?.getAttribute('data-outcome');
					return status?.getAttribute('data-run-id') !== prev && !!outcome && outcome !== 'running';
				},
				before[i],
				{ timeout: 30_000 }
			);
		})
	);
}

describe('live room in two real browsers', () => {
	it('typing on one side shows on the other, with presence and a named remote cursor', async () => {
		const { cand, intv, close } = await pair();
		try {
			await expect.poll(() => intv.getByTestId('presence').innerText()).toMatch(/Casey Candidate[\s\S]*candidate/);
			await setBuffer(cand, 'def f(x):\n    return x * 2\n\nprint(f(21))\n');
			await waitForEditorText(intv, 'print(f(21))');
			expect(await editorText(intv)).toContain('return x * 2');
			// The candidate's cursor is drawn on the interviewer's side with the candidate's name.
			const head = intv.locator('[class*="yRemoteSelectionHead-"]').first();
			await head.waitFor();
			const label = await head.evaluate((el) => getComputedStyle(el, '::after').content);
			expect(label).toContain('Casey Candidate');

			await setBuffer(intv, '# interviewer was here\n');
			await waitForEditorText(cand, '# interviewer was here');
		} finally {
			await close();
		}
	});

	it('Run shows the same output on both sides; tracebacks use the editor’s line numbers', async () => {
		const { cand, intv, close } = await pair();
		try {
			await setBuffer(cand, 'print("hello from pyodide")\nx = 1\n\ndef boom():\n    return 1 / 0\n\nboom()\n');
			await runAndWait(cand, [intv]);
			for (const page of [cand, intv]) {
				const out = await page.getByTestId('output').innerText();
				expect(out).toContain('hello from pyodide');
				expect(out).toContain('File "main.py", line 7');
				expect(out).toContain('line 5, in boom');
				expect(out).toContain('ZeroDivisionError');
				expect(out).not.toContain('_pyodide');
				expect(await page.getByTestId('run-outcome').getAttribute('data-outcome')).toBe('error');
			}
			expect(await intv.getByTestId('run-status').innerText()).toContain('Casey Candidate ran');
		} finally {
			await close();
		}
	});

	it('Stop ends `while True: pass` within a fraction of a second, and the next run works', async () => {
		const { cand, intv, close } = await pair();
		try {
			await setBuffer(cand, 'print("spinning")\nwhile True:\n    pass\n');
			await pythonReady(cand);
			await cand.getByTestId('run').click();
			await intv.locator('[data-testid=output]', { hasText: 'spinning' }).waitFor();
			const t0 = Date.now();
			await cand.getByTestId('stop').click();
			await cand.locator('[data-testid=run-outcome][data-outcome=stopped]').waitFor();
			const stoppedInMs = Date.now() - t0;
			await intv.locator('[data-testid=run-outcome][data-outcome=stopped]').waitFor();
			expect(stoppedInMs).toBeLessThan(3000); // generous: the grace before terminate() is 400 ms
			await setBuffer(cand, 'print(sum(range(10)))\n');
			await runAndWait(cand, [intv]);
			expect(await intv.getByTestId('output').innerText()).toContain('45');
			expect(await cand.getByTestId('run-outcome').getAttribute('data-outcome')).toBe('ok');
		} finally {
			await close();
		}
	});

	it('a runaway program is ended by the 10 s time limit with a clear message', async () => {
		const { cand, intv, close } = await pair();
		try {
			await setBuffer(cand, 'n = 0\nwhile True:\n    n += 1\n');
			await runAndWait(cand, [intv]);
			for (const p of [cand, intv]) {
				expect(await p.getByTestId('run-outcome').getAttribute('data-outcome')).toBe('timeout');
				expect(await p.getByTestId('output-pane').innerText()).toMatch(/time limit of 10 s/);
			}
			// The page stayed responsive and the next run starts.
			await setBuffer(cand, 'print("next run")\n');
			await runAndWait(cand, [intv]);
			expect(await intv.getByTestId('output').innerText()).toContain('next run');
		} finally {
			await close();
		}
	});

	it('an endless allocation ends with "out of memory", input() reads the stdin box, and the page stays usable', async () => {
		const { cand, intv, close } = await pair();
		try {
			await setBuffer(cand, 'x = []\nwhile True:\n    x.append(bytearray(10**7))\n');
			await runAndWait(cand, [intv]);
			expect(await cand.getByTestId('run-outcome').getAttribute('data-outcome')).toBe('out-of-memory');
			expect(await intv.getByTestId('output-pane').innerText()).toMatch(/out of memory/i);

			await setBuffer(cand, 'name = input("Your name? ")\nprint("Hello,", name)\n');
			await pythonReady(cand);
			await cand.getByTestId('run').click();
			await cand.locator('[data-testid=runner-state][data-state=waiting-input]').waitFor();
			await cand.getByTestId('stdin').fill('Ada');
			await cand.getByTestId('stdin').press('Enter');
			await cand.locator('[data-testid=run-outcome][data-outcome=ok]').waitFor();
			// The interviewer's copy arrives over the socket, a moment after the candidate's own pane.
			await intv.locator('[data-testid=output]', { hasText: 'Hello, Ada' }).waitFor();
		} finally {
			await close();
		}
	});

	it('candidate code cannot reach another origin (CSP connect-src)', async () => {
		let hits = 0;
		const other = http.createServer((_req, res) => {
			hits++;
			res.setHeader('Access-Control-Allow-Origin', '*');
			res.end('secret');
		});
		await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
		const port = (other.address() as AddressInfo).port;
		const { cand, close } = await pair();
		try {
			await setBuffer(
				cand,
				[
					'from js import XMLHttpRequest',
					'req = XMLHttpRequest.new()',
					`req.open("GET", "http://127.0.0.1:${port}/steal", False)`,
					'try:',
					'    req.send()',
					'    print("LEAKED", req.status, req.responseText)',
					'except Exception as e:',
					'    print("blocked:", type(e).__name__)',
					''
				].join('\n')
			);
			await runAndWait(cand);
			const out = await cand.getByTestId('output').innerText();
			expect(out).toContain('blocked:');
			expect(out).not.toContain('LEAKED');
			expect(hits).toBe(0);
		} finally {
			await close();
			other.close();
		}
	});

	it('a reload keeps the code, and Ctrl+Enter runs', async () => {
		const { cand, intv, close } = await pair();
		try {
			await setBuffer(cand, 'print("kept across reloads")\n');
			await waitForEditorText(intv, 'kept across reloads');
			await cand.reload();
			await cand.locator('[data-testid=connection][data-state=connected]').waitFor();
			await waitForEditorText(cand, 'kept across reloads');
			await pythonReady(cand);
			await focusEditor(cand);
			await cand.keyboard.press('ControlOrMeta+Enter');
			await intv.locator('[data-testid=output]', { hasText: 'kept across reloads' }).waitFor();
		} finally {
			await close();
		}
	});

	it('ending the interview turns the room read-only for everyone', async () => {
		const { cand, intv, close } = await pair();
		try {
			await intv.getByTestId('end-interview').click();
			await intv.getByTestId('confirm-end').click();
			await cand.getByTestId('ended-banner').waitFor();
			await intv.getByTestId('ended-banner').waitFor();
			expect(await cand.getByTestId('run').count()).toBe(0);
			const before = await editorText(cand);
			await focusEditor(cand);
			await cand.keyboard.insertText('should not appear');
			expect(await editorText(cand)).toBe(before);
		} finally {
			await close();
		}
	});
});

describe('durability', () => {
	it('kill -9 while typing loses nothing acknowledged; the browser reconnects and resyncs by itself', async () => {
		const s1 = await spawnServer();
		const iv = await createInterview(s1);
		const { context, page } = await openRoom(browser, roomUrl(s1, iv.id, iv.candidate));
		const watcher = connectY(`ws://127.0.0.1:${s1.port}`, iv.id, iv.interviewer);
		let s2: SpawnedServer | undefined;
		try {
			await waitSynced(watcher);
			await setBuffer(page, 'acknowledged = True\n');
			// The server broadcasts only what it has committed: once the watcher sees it, it is on disk.
			await waitFor(watcher.doc, () => codeText(watcher.doc)?.toString().includes('acknowledged = True'));
			watcher.destroy();
			await s1.kill9();
			await page.locator('[data-testid=connection][data-state=reconnecting]').waitFor();
			// Typing while the server is down keeps working locally.
			await focusEditor(page);
			await page.keyboard.press('ControlOrMeta+End');
			await page.keyboard.insertText('written_while_down = 1\n');
			s2 = await spawnServer({ dataDir: s1.dataDir, port: s1.port });
			await page.locator('[data-testid=connection][data-state=connected]').waitFor({ timeout: 30_000 });
			const check = connectY(`ws://127.0.0.1:${s2.port}`, iv.id, iv.interviewer);
			try {
				await waitSynced(check);
				const text = await waitFor(check.doc, () => {
					const t = codeText(check.doc)?.toString();
					return t?.includes('written_while_down') ? t : undefined;
				});
				expect(text).toContain('acknowledged = True');
			} finally {
				check.destroy();
			}
		} finally {
			await context.close();
			await s2?.stop();
			await s1.stop();
		}
	});
});
