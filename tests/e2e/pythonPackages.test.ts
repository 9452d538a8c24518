/**
 * Python packages end to end in real Chromium: stand-in wheels built here are installed through
 * `npm run python:packages -- --from <archive>` (the same path numpy takes), served under
 * /pyodide/ with the production CSP, and imported by a problem that declares them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createInterview, tempDataDir } from '../helpers/startServer.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js';
import { launchBrowser, openRoom, setBuffer } from '../helpers/browser.js';
import { installFixturePackages } from '../helpers/pyodideArchive.js';

const SHOTS = 'test-results/python-packages';
const MISSING = 'needs numpy — not installed on this server: run `npm run python:packages`';

let browser: Browser;
let server: SpawnedServer;

/** A copy of a real problem whose meta.yaml declares `packages`. */
function problemDeclaring(root: string, id: string, title: string, packages: string[]): void {
	const dir = path.join(root, id);
	fs.cpSync(path.resolve('problems/moving-average'), dir, { recursive: true });
	const meta = fs.readFileSync(path.join(dir, 'meta.yaml'), 'utf8').replace(/^title: .*$/m, `title: ${title}`);
	fs.writeFileSync(path.join(dir, 'meta.yaml'), `${meta}\npackages: [${packages.join(', ')}]\n`);
}

beforeAll(async () => {
	fs.mkdirSync(SHOTS, { recursive: true });
	const target = path.join(tempDataDir(), 'python-packages');
	const r = installFixturePackages(target, 'pb-fixture-stats');
	if (r.code !== 0) throw new Error(r.out);
	const problemsDir = tempDataDir();
	problemDeclaring(problemsDir, 'stats-with-fixture', 'Stats with the fixture package', ['pb-fixture-stats']);
	problemDeclaring(problemsDir, 'arrays-with-numpy', 'Arrays with numpy', ['numpy']);
	problemDeclaring(problemsDir, 'plain-python', 'Plain Python', []);
	[browser, server] = await Promise.all([launchBrowser(), spawnServer({ pythonPackagesDir: target, problemsDir })]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

async function room(problems: string[]) {
	const iv = await createInterview(server, { problems });
	const { context, page } = await openRoom(browser, `${server.url}/room/${iv.id}?token=${iv.candidate}`);
	const requests: string[] = [];
	context.on('request', (req) => requests.push(req.url()));
	await page.locator('[data-testid=runner-state][data-state=ready]').waitFor({ timeout: 60_000 });
	return { page, context, requests, close: () => context.close() };
}

/** Runs the buffer and waits for this run to end; returns its outcome and output. */
async function run(page: Page, code: string): Promise<{ outcome: string | null; output: string }> {
	await setBuffer(page, code);
	const before = await page.getByTestId('run-status').getAttribute('data-run-id');
	await page.getByTestId('run').click();
	await page.waitForFunction(
		(prev) => {
			const status = document.querySelector('[data-testid=run-status]');
			const outcome = document.querySelector('[data-testid=run-outcome]')?.getAttribute('data-outcome');
			return status?.getAttribute('data-run-id') !== prev && !!outcome && outcome !== 'running';
		},
		before,
		{ timeout: 60_000 }
	);
	return {
		outcome: await page.getByTestId('run-outcome').getAttribute('data-outcome'),
		output: await page.getByTestId('output').innerText()
	};
}

describe('Python packages in the room', () => {
	it('a problem that declares a package imports it (and its dependency) from /pyodide/packages/', async () => {
		const { page, requests, close } = await room(['stats-with-fixture']);
		try {
			const r = await run(
				page,
				'from pbstats import mean\nimport pbcore\nprint("mean", mean([1, 2, 3, 6]), pbcore.total([4, 5]))\n'
			);
			expect(r.output).toContain('mean 3.0 9');
			expect(r.outcome).toBe('ok');
			// The declared package was loaded when the problem opened, from our own server.
			const wheels = requests.filter((u) => u.includes('/pyodide/packages/'));
			expect(wheels.some((u) => u.endsWith('pb_fixture_stats-2.1.0-py3-none-any.whl'))).toBe(true);
			expect(wheels.some((u) => u.endsWith('pb_fixture_core-1.0.0-py3-none-any.whl'))).toBe(true);
			expect(requests.filter((u) => !u.startsWith(server.url))).toEqual([]);
			await page.screenshot({ path: `${SHOTS}/room-fixture-1280x800.png` });
		} finally {
			await close();
		}
	});

	it('free code in a problem that declares nothing gets its imports loaded before it runs', async () => {
		const { page, close } = await room(['plain-python']);
		try {
			const r = await run(page, 'import pbstats\nprint("free", pbstats.mean([2, 4]))\n');
			expect(r.output).toContain('free 3.0');
			expect(r.outcome).toBe('ok');
		} finally {
			await close();
		}
	});

	it('Stop, input() and the visible tests work the same with packages loaded', async () => {
		const { page, close } = await room(['stats-with-fixture']);
		try {
			// input(): the program waits for a line.
			await setBuffer(page, 'from pbstats import mean\nx = int(input())\nprint("got", mean([x, x + 2]))\n');
			await page.getByTestId('run').click();
			await page.locator('[data-testid=runner-state][data-state=waiting-input]').waitFor();
			await page.getByTestId('stdin').fill('5');
			await page.getByTestId('stdin').press('Enter');
			await page.locator('[data-testid=output]', { hasText: 'got 6.0' }).waitFor();
			await page.locator('[data-testid=run-outcome][data-outcome=ok]').waitFor();

			// Stop interrupts a loop that runs with the package imported: the interpreter survives (the
			// mark the program left on the module is still there), it was not killed and replaced.
			// It says when it is looping: a Stop pressed before the program has started never starts it.
			await setBuffer(
				page,
				'import pbstats\npbstats.seen_by = "same interpreter"\nprint("looping")\nwhile True:\n    pbstats.mean([1, 2])\n'
			);
			await page.getByTestId('run').click();
			await page.locator('[data-testid=output]', { hasText: 'looping' }).waitFor();
			await page.getByTestId('stop').click();
			await page.locator('[data-testid=run-outcome][data-outcome=stopped]').waitFor({ timeout: 10_000 });
			const after = await run(
				page,
				'import pbstats\nprint("after stop:", getattr(pbstats, "seen_by", "a new worker"))\n'
			);
			expect(after.output).toContain('after stop: same interpreter');

			// The problem's visible tests still run through the harness, against a buffer that imports the package.
			await setBuffer(page, 'from pbstats import mean\n');
			await page.getByTestId('run-tests').click();
			await page.locator('[data-testid=tests-summary][data-state=failed]').waitFor({ timeout: 60_000 });
		} finally {
			await close();
		}
	});

	it('Stop while a package loads ends the run at once; the runner recovers and the next Run loads it', async () => {
		const { page, context, close } = await room(['plain-python']);
		// The wheel's download is held until Stop has been pressed, so the run is surely mid-load.
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		let asked!: () => void;
		const requested = new Promise<void>((r) => (asked = r));
		await context.route('**/pyodide/packages/pb_fixture_stats-*.whl', async (route) => {
			asked();
			await held;
			await route.continue().catch(() => undefined); // the worker that asked is gone by then
		});
		try {
			await setBuffer(page, 'import pbstats\nprint("never", pbstats.mean([1]))\n');
			await page.getByTestId('run').click();
			await requested;
			await page.locator('[data-testid=runner-state]', { hasText: 'Loading pb-fixture-stats' }).waitFor();
			await page.getByTestId('stop').click();
			await page.locator('[data-testid=run-outcome][data-outcome=stopped]').waitFor({ timeout: 10_000 });
			expect(await page.getByTestId('output').innerText()).not.toContain('never');
			release();
			await context.unroute('**/pyodide/packages/pb_fixture_stats-*.whl');
			await page.locator('[data-testid=runner-state][data-state=ready]').waitFor({ timeout: 60_000 });
			const r = await run(page, 'import pbstats\nprint("next run", pbstats.mean([1, 3]))\n');
			expect(r.outcome).toBe('ok');
			expect(r.output).toContain('next run 2.0');
		} finally {
			release();
			await close();
		}
	});

	it('a problem whose package is not installed says so in the room instead of a traceback', async () => {
		const { page, close } = await room(['arrays-with-numpy']);
		try {
			await page.locator('[data-testid=runner-state]', { hasText: MISSING }).waitFor();
			const r = await run(page, 'import numpy as np\nprint(np.arange(3))\n');
			expect(r.outcome).toBe('error');
			expect(r.output).toContain(MISSING);
			expect(r.output).not.toContain('Traceback');
			expect(r.output).not.toContain('ModuleNotFoundError');
			await page.screenshot({ path: `${SHOTS}/room-missing-1280x800.png` });
		} finally {
			await close();
		}
	});

	it('the organizer page marks a problem whose packages are not installed', async () => {
		for (const viewport of [
			{ width: 1400, height: 900 },
			{ width: 1280, height: 720 }
		]) {
			const context = await browser.newContext({ viewport });
			try {
				const page = await context.newPage();
				await page.goto(server.url);
				await page.locator('#admin-key').fill(server.adminKey);
				await page.getByRole('button', { name: 'Continue' }).click();
				const marks = page.getByTestId('missing-packages');
				await marks.first().waitFor();
				expect(await marks.allInnerTexts()).toEqual([MISSING]);
				const label = page.locator('label', { has: marks });
				expect(await label.innerText()).toContain('Arrays with numpy');
				await page.screenshot({ path: `${SHOTS}/organizer-${viewport.width}x${viewport.height}.png` });
			} finally {
				await context.close();
			}
		}
	});
});
