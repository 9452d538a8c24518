/**
 * How soon Python is ready in a fresh page, and how fast later runs start, in real Chromium
 * against the production build (`npm run build` first). Prints JSON; not a test.
 *   npx tsx bench/runner.ts [--pages 3] [--runs 10]
 */
import { createInterview } from '../tests/helpers/startServer.js';
import { spawnServer } from '../tests/helpers/spawnServer.js';
import { launchBrowser, openRoom, setBuffer } from '../tests/helpers/browser.js';

const arg = (name: string, dflt: number) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const PAGES = arg('pages', 3);
const RUNS = arg('runs', 10);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await spawnServer();
const browser = await launchBrowser();
const readyMs: number[] = [];
const runMs: number[] = [];
try {
	for (let p = 0; p < PAGES; p++) {
		const iv = await createInterview(server);
		const t0 = performance.now();
		const { context, page } = await openRoom(browser, `${server.url}/room/${iv.id}?token=${iv.candidate}`);
		await page.locator('[data-testid=runner-state][data-state=ready]').waitFor({ timeout: 60_000 });
		readyMs.push(performance.now() - t0);
		for (let r = 0; r < RUNS; r++) {
			await setBuffer(page, `print("run-${p}-${r}")\n`);
			const t1 = performance.now();
			await page.getByTestId('run').click();
			// The marker is new to this run, so the wait cannot be satisfied by an earlier one.
			await page.locator('[data-testid=output]', { hasText: `run-${p}-${r}` }).waitFor();
			await page.locator('[data-testid=run-outcome][data-outcome=ok]').waitFor();
			runMs.push(performance.now() - t1);
		}
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
			pageOpenToPythonReadyMs: { median: Math.round(median(readyMs)), all: readyMs.map(Math.round) },
			clickRunToFinishedMs: { median: Math.round(median(runMs)), max: Math.round(Math.max(...runMs)) }
		},
		null,
		2
	)
);
