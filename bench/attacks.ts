/**
 * Hostile-client benchmark (issue 12): how much each attack slows the rooms next to it.
 * Not a test: prints one JSON object to stdout (progress on stderr).
 *
 *   npm run bench:attacks -- [--rooms 20] [--duration 10] [--warmup 2] [--repeats 1] [--attacks a,b]
 *
 * One Pairboard server in a child process; `rooms` honest rooms (a candidate typing 8 chars/s,
 * two interviewers watching) are measured as in bench:sync, first with no attack ("none"), then
 * during each attack in bench/attacks/attackers.ts, each against rooms of its own. The figure
 * that matters is the honest rooms' keystroke → remote p50/p99 beside the no-attack run of the
 * same server; the attacker's tally says what the server did to it (close codes).
 */
import os from 'node:os';
import { createInterview as createTestInterview } from '../tests/helpers/startServer.js';
import { ATTACKS, type AttackContext } from './attacks/attackers.js';
import { killChildren, serveNodeFlags, spawnServer } from './sync/childServer.js';
import { mapLimit, PROBLEM } from './sync/clients.js';
import { runLoad } from './sync/load.js';
import { log } from './sync/log.js';
import { readOptions } from './sync/options.js';
import { createInterview, type PairboardInfo } from './sync/setups.js';
import { round } from './sync/stats.js';

async function main(): Promise<void> {
	const opts = readOptions();
	process.setMaxListeners(opts.rooms * 3 + 50);
	const server = await spawnServer<PairboardInfo>('bench/pairboardServer.ts', 'pairboard', {}, serveNodeFlags());
	const results: Record<string, unknown>[] = [];
	try {
		const ctx: AttackContext = {
			wsUrl: server.info.wsUrl,
			newRoom: async () => {
				const iv = await createTestInterview(server.info, { problems: [PROBLEM] });
				return { id: iv.id, candidate: iv.candidate, interviewer: iv.interviewer };
			}
		};
		const scenarios = [
			{ name: 'none', what: 'no attack: the baseline' },
			...ATTACKS.filter((a) => !opts.attacks || opts.attacks.includes(a.name)),
			{ name: 'none-after', what: 'no attack, again: drift of the baseline' }
		];
		for (const scenario of scenarios) {
			const rooms = await mapLimit(
				Array.from({ length: opts.rooms }, (_, i) => i),
				5,
				(i) => createInterview(server.info, i)
			);
			const attack = 'start' in scenario ? await scenario.start(ctx) : null;
			log(`scenario ${scenario.name}`);
			const r = await runLoad({ name: 'pairboard', rooms }, server, opts);
			const tally = attack ? await attack.stop() : null;
			results.push({
				scenario: scenario.name,
				what: scenario.what,
				latencyMs: r.load.latencyMs,
				lostKeystrokes: r.load.lostKeystrokes,
				honestDisconnects: r.load.disconnects,
				serverCpuPct: round(r.cpuPct, 1),
				serverRssPeakMb: round(r.rss.peakMb, 1),
				...(tally ? { attacker: tally } : {})
			});
		}
	} finally {
		await server.stop();
	}
	const base = results[0].latencyMs as { p50: number; p99: number };
	const out = {
		rooms: opts.rooms,
		durationS: opts.durationS,
		scenarios: results.map((r) => ({
			...r,
			vsNone: {
				p50: round((r.latencyMs as { p50: number }).p50 / base.p50),
				p99: round((r.latencyMs as { p99: number }).p99 / base.p99)
			}
		})),
		serverStderr: server.stderr.slice(0, 20),
		machine: { cpus: os.cpus().length, node: process.version, loadavg: os.loadavg().map((l) => round(l, 2)) }
	};
	process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

main().catch((err) => {
	killChildren();
	console.error(err);
	process.exit(1);
});
