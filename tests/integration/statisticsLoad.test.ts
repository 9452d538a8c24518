import { afterEach, describe, expect, it } from 'vitest';
import type { RevealPayload } from '../../src/lib/shared/calibration/calibrationApi.js';
import type { ReliabilityReport } from '../../src/lib/shared/calibration/reliability.js';
import { tableFigures } from '../../server/domain/calibration/calibrationStatistics.js';
import { packTable } from '../../server/domain/calibration/packedTable.js';
import { call, cleanUp, createSession, raterCard, recordedInterview, server, submit } from '../helpers/calibration.js';
import { seedScoredHistory } from '../helpers/scoredHistory.js';
import { createInterview } from '../helpers/startServer.js';
import { BACKGROUND_WORK_TIMEOUT_MS, keystrokesRelayedDuring, liveRoomPair } from '../helpers/relayedMeanwhile.js';
import type { YClient } from '../helpers/yclient.js';

const clients: YClient[] = [];
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	await cleanUp();
});

describe('the calibration figures are computed beside the live rooms (issue 11, CAL-9, CAL-10)', () => {
	it(
		'keystrokes in a live interview keep arriving while the reliability of a large team is computed',
		async () => {
			const s = await server();
			// 60 interviewers over 2,000 interviews: alpha's bootstrap takes about 170 ms a table here,
			// and the page has six tables (five competencies and the recommendation).
			await seedScoredHistory(s.app.stores, { interviews: 2000, people: 60 });
			const { typist, watcher } = await liveRoomPair(s.wsUrl, await createInterview(s));
			clients.push(typist, watcher);
			const { result: r, relayed } = await keystrokesRelayedDuring(
				typist,
				watcher,
				call(s, 'GET', '/api/reliability', { admin: true })
			);
			// In the request, the figures held the rooms' thread: no keystroke moved until the answer (0–2 got through).
			expect(relayed).toBeGreaterThanOrEqual(10);

			expect(r.status).toBe(200);
			const report = r.body as unknown as ReliabilityReport;
			expect(report.rubrics[0].interviews).toBe(2000);
			for (const c of report.rubrics[0].competencies) {
				expect(c.alpha.units).toBe(2000);
				expect(c.alpha.interval.low).toEqual(expect.any(Number));
			}
			expect(report.interviewers).toHaveLength(60);
		},
		BACKGROUND_WORK_TIMEOUT_MS
	);

	it('every rater’s page refreshing at the reveal shares one computation of its tables', async () => {
		const { s, id } = await recordedInterview();
		const session = await createSession(s, [id]);
		for (const [i, token] of session.tokens.entries()) {
			expect((await submit(s, session.id, id, token, raterCard(([4, 3, 2] as const)[i], 'hire', 3))).status).toBe(201);
		}
		const pages = await Promise.all([
			...session.tokens.map((token) => call(s, 'GET', `/api/calibrations/${session.id}/reveal`, { token })),
			call(s, 'GET', `/api/calibrations/${session.id}/reveal`, { admin: true })
		]);
		expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 200]);
		const rounds = pages.map((p) => (p.body as unknown as RevealPayload).rounds);
		for (const r of rounds) expect(r).toEqual(rounds[0]);
		// One round of the ml-coding rubric: five competencies, the scorecard as a whole and the
		// recommendation, of which three competencies hold the same levels (3, 3, 3): five tables.
		expect(s.app.statistics.computed).toBe(5);
		expect(s.app.statisticsThread.jobs).toBe(1);
		// The export's statistics are the same figures, computed by nobody again.
		const exported = await call(s, 'GET', `/api/calibrations/${session.id}/export.json`, { admin: true });
		expect(exported.status).toBe(200);
		expect(s.app.statistics.computed).toBe(5);
		const ps = rounds[0][0].competencies.find((c) => c.competencyId === 'problem_solving')!;
		expect(ps.alpha).toEqual(
			tableFigures({ table: packTable([[4], [3], [2]], [1, 2, 3, 4]), categories: [1, 2, 3, 4], level: 'ordinal' })
				.alpha
		);
	});
});
