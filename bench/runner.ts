/**
 * How soon Python is ready, and how fast runs start, in real Chromium against the production
 * build (`npm run build` first), next to Pyodide's own load under Node on the same machine in
 * the same run. Prints JSON; not a test.
 *   npx tsx bench/runner.ts [--pages 3] [--runs 10] [--node 3]
 *
 * - pageOpenToPythonReadyMs: a fresh browser profile opens the room until Python is ready;
 * - repeatVisitToPythonReadyMs: the same profile opens the room again (HTTP and code caches warm);
 * - nodeLoadPyodideMs: `loadPyodide()` in a fresh Node process;
 * - clickRunToFinishedMs: Run on a small program until its output is shown;
 * - firstImportOfStandInPackageMs: Run on a program importing the stand-in package (a small wheel
 *   built by tests/helpers/pyodideArchive.ts, installed with `python:packages --from`) the
 *   first time, so loading it through /pyodide/packages/ is included.
 */
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { createInterview, tempDataDir } from '../tests/helpers/startServer.js';
import { spawnServer } from '../tests/helpers/spawnServer.js';
import { launchBrowser, launchProfile, openRoom, setBuffer } from '../tests/helpers/browser.js';
import { buildFixtureArchive, runInstaller } from '../tests/helpers/pyodideArchive.js';
import { startupPhases, type StartupPhases } from './runnerPhases.js';
import { arg } from './numberArg.js';

const PAGES = arg('pages', 3);
const RUNS = arg('runs', 10);
const NODE_LOADS = arg('node', 3);
const INCOGNITO = process.argv.includes('--incognito');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stats = (xs: number[]) => ({ median: Math.round(median(xs)), all: xs.map(Math.round) });

/** loadPyodide() in a fresh Node process each time, timed inside it. */
function nodeLoads(): number[] {
	const script =
		"const { loadPyodide } = await import('pyodide'); const t = performance.now(); await loadPyodide(); console.log(performance.now() - t);";
	return Array.from({ length: NODE_LOADS }, () =>
		Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim())
	);
}

async function pythonReady(page: Page): Promise<void> {
	await page.locator('[data-testid=runner-state][data-state=ready]').waitFor({ timeout: 120_000 });
}

async function timedRun(page: Page, code: string, marker: string): Promise<number> {
	await setBuffer(page, code);
	const t1 = performance.now();
	await page.getByTestId('run').click();
	// The marker is new to this run, so the wait cannot be satisfied by an earlier one.
	await page.locator('[data-testid=output]', { hasText: marker }).waitFor({ timeout: 60_000 });
	await page.locator('[data-testid=run-outcome][data-outcome=ok]').waitFor();
	return performance.now() - t1;
}

const fixture = buildFixtureArchive();
const packagesDir = path.join(tempDataDir(), 'python-packages');
const installed = runInstaller([
	'--from',
	fixture.archive,
	'--only',
	'pb-fixture-stats',
	'--target',
	packagesDir,
	'--trust-lock',
	fixture.trustLock
]);
if (installed.code !== 0) throw new Error(installed.out);

const nodeLoadMs = nodeLoads();
const server = await spawnServer({ pythonPackagesDir: packagesDir });
const browser: Browser = await launchBrowser();
const readyMs: number[] = [];
const repeatMs: number[] = [];
const runMs: number[] = [];
const packageMs: number[] = [];
const phases: { firstVisit: StartupPhases[]; repeatVisit: StartupPhases[] } = { firstVisit: [], repeatVisit: [] };
try {
	for (let p = 0; p < PAGES; p++) {
		const iv = await createInterview(server);
		const url = `${server.url}/room/${iv.id}?token=${iv.candidate}`;
		const profile = INCOGNITO ? browser : await launchProfile(path.join(tempDataDir(), 'profile'));
		const t0 = performance.now();
		const { context, page } = await openRoom(profile, url);
		await pythonReady(page);
		readyMs.push(performance.now() - t0);
		phases.firstVisit.push(await startupPhases(page));
		for (let r = 0; r < RUNS; r++) runMs.push(await timedRun(page, `print("run-${p}-${r}")\n`, `run-${p}-${r}`));
		packageMs.push(await timedRun(page, `import pbstats\nprint("pkg-${p}", pbstats.mean([1, 3]))\n`, `pkg-${p} 2.0`));
		await page.close();

		// The same profile comes back: a new page in the same context.
		const t2 = performance.now();
		const again = await context.newPage();
		await again.goto(url);
		await pythonReady(again);
		repeatMs.push(performance.now() - t2);
		phases.repeatVisit.push(await startupPhases(again));
		await context.close();
	}
} finally {
	await browser.close();
	await server.stop();
}
console.log(
	JSON.stringify(
		{
			pages: PAGES,
			runsPerPage: RUNS,
			pageOpenToPythonReadyMs: stats(readyMs),
			repeatVisitToPythonReadyMs: stats(repeatMs),
			nodeLoadPyodideMs: stats(nodeLoadMs),
			clickRunToFinishedMs: { median: Math.round(median(runMs)), max: Math.round(Math.max(...runMs)) },
			firstImportOfStandInPackageMs: stats(packageMs),
			phases
		},
		null,
		2
	)
);
