import { afterEach, describe, expect, it } from 'vitest';
import { createInterview } from '../helpers/startServer.js';
import { aborts, call, card, cleanUp, server, setup } from '../helpers/scorecards.js';
import type { DebriefView, AtsPayload } from '../../src/lib/shared/debrief.js';

afterEach(cleanUp);

describe('loops and the debrief', () => {
	async function loopWithScores() {
		const { s, iv, ines, ivan } = await setup();
		const created = await call(
			s,
			'POST',
			'/api/loops',
			{ admin: true },
			{
				title: 'Casey — ML engineer loop',
				candidate: { name: 'Casey Candidate' },
				interviews: [iv.id],
				decisionRule: { minHireShare: 0.75, vetoOnStrongNoHire: true, minScorecards: 2 }
			}
		);
		expect(created.status).toBe(201);
		const loopId = created.body.id as string;
		const panelToken = new URL(created.body.debriefUrl as string).searchParams.get('token')!;
		return { s, iv, ines, ivan, loopId, panelToken };
	}

	it("SCORE-9: the panel's link opens the replays of the loop's interviews (debrief links), and no other", async () => {
		const { s, iv, panelToken } = await loopWithScores();
		const replay = await call(s, 'GET', `/api/interviews/${iv.id}/replay`, { token: panelToken });
		expect(replay.status).toBe(200);
		const log = await call(s, 'GET', `/api/interviews/${iv.id}/replay/log`, { token: panelToken });
		expect(log.status).toBe(200);
		// The panel watches; it does not hand out reviewer links.
		const link = await call(
			s,
			'POST',
			`/api/interviews/${iv.id}/reviewer-links`,
			{ token: panelToken },
			{ anonymised: false }
		);
		expect(link.status).toBe(403);
		const other = await createInterview(s);
		expect((await call(s, 'GET', `/api/interviews/${other.id}/replay`, { token: panelToken })).status).toBe(401);
	});

	it('creating a loop needs the admin key and valid input', async () => {
		const s = await server();
		expect((await call(s, 'POST', '/api/loops', {}, { title: 'x', candidate: { name: 'c' } })).status).toBe(401);
		const bad = await call(
			s,
			'POST',
			'/api/loops',
			{ admin: true },
			{ title: 'x', candidate: { name: 'c' }, interviews: ['nope'] }
		);
		expect(bad.status).toBe(400);
		expect(bad.body.field).toBe('interviews[0]');
		const badRule = await call(
			s,
			'POST',
			'/api/loops',
			{ admin: true },
			{
				title: 'x',
				candidate: { name: 'c' },
				decisionRule: { minHireShare: 2, vetoOnStrongNoHire: true, minScorecards: 1 }
			}
		);
		expect(badRule.status).toBe(400);
		expect(badRule.body.field).toBe('decisionRule.minHireShare');
	});

	it('SCORE-9: every debrief endpoint refuses room tokens (candidate, observer, interviewer) with 403 and a missing token with 401', async () => {
		const { s, iv, loopId } = await loopWithScores();
		const endpoints: [string, string, unknown?][] = [
			['GET', `/api/loops/${loopId}/debrief`],
			['GET', `/api/loops/${loopId}/debrief/events`],
			['POST', `/api/loops/${loopId}/decision`, { decision: 'hire', rationale: 'x', decidedBy: 'y' }],
			['GET', `/api/loops/${loopId}/export.json`],
			['GET', `/api/loops/${loopId}/export.csv`],
			['GET', `/api/loops/${loopId}/ats`]
		];
		for (const token of [iv.candidate, iv.observer!, iv.interviewer]) {
			for (const [method, p, body] of endpoints) {
				const res = await call(s, method, p, { token }, body);
				expect([p, res.status]).toEqual([p, 403]);
			}
		}
		for (const [method, p, body] of endpoints) expect((await call(s, method, p, {}, body)).status).toBe(401);
		// Admin-only endpoints: a room token is the wrong credential (403), none at all is 401.
		const adminOnly: [string, string, unknown?][] = [
			['GET', '/api/rubrics'],
			['GET', '/api/loops'],
			['POST', '/api/loops', { title: 'x', candidate: { name: 'c' } }],
			['POST', `/api/loops/${loopId}/interviews`, { interview: iv.id }]
		];
		for (const [method, p, body] of adminOnly) {
			expect([p, (await call(s, method, p, { token: iv.candidate }, body)).status]).toEqual([p, 403]);
			expect([p, (await call(s, method, p, {}, body)).status]).toEqual([p, 401]);
		}
	});

	it('the debrief shows submitted scorecards side by side with weighted scores, disagreement flags, the rule’s outcome and the decision', async () => {
		const { s, iv, loopId, panelToken } = await loopWithScores();
		await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer }, card(4, 'strong-hire'));
		let view = (await call(s, 'GET', `/api/loops/${loopId}/debrief`, { token: panelToken }))
			.body as unknown as DebriefView;
		expect(view.interviews[0].scorecards).toHaveLength(1);
		expect(view.rule.outcome).toBe('waiting');
		await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer2 }, card(1, 'no-hire'));
		view = (await call(s, 'GET', `/api/loops/${loopId}/debrief`, { token: panelToken })).body as unknown as DebriefView;
		const [a, b] = view.interviews[0].scorecards;
		// (4·3 + 3·3 + 3·2 + 2·1) / (3+3+2+1): testing is not assessed and left out.
		expect(a.weightedScore).toBe(Math.round((29 / 9) * 100) / 100);
		expect(b.weightedScore).toBe(Math.round((20 / 9) * 100) / 100);
		expect(view.interviews[0].disagreements).toEqual({
			competencies: [{ competencyId: 'problem_solving', low: 1, high: 4 }],
			recommendation: true
		});
		expect(view.recommendationSplit).toBe(true);
		expect(view.rule).toMatchObject({ outcome: 'no-hire', hireVotes: 1, votes: 2 });
		expect(view.competencies.map((c) => c.id)).toContain('testing');
		expect(view.competencies[0].weightByInterview[iv.id]).toBe(3);

		const decided = await call(
			s,
			'POST',
			`/api/loops/${loopId}/decision`,
			{ token: panelToken },
			{ decision: 'no-hire', rationale: 'Fundamentals not there yet', decidedBy: 'Hiring panel' }
		);
		expect(decided.status).toBe(201);
		const missing = await call(
			s,
			'POST',
			`/api/loops/${loopId}/decision`,
			{ token: panelToken },
			{ decision: 'no-hire', decidedBy: 'Hiring panel' }
		);
		expect(missing.body.field).toBe('rationale');
		view = (await call(s, 'GET', `/api/loops/${loopId}/debrief`, { admin: true })).body as unknown as DebriefView;
		expect(view.decisions).toMatchObject([{ decision: 'no-hire', rationale: 'Fundamentals not there yet' }]);
	});

	it('the debrief’s event stream says "changed" when a scorecard of the loop arrives', async () => {
		const { s, iv, loopId, panelToken } = await loopWithScores();
		const abort = new AbortController();
		aborts.push(abort);
		const res = await fetch(`${s.url}/api/loops/${loopId}/debrief/events?token=${panelToken}`, {
			signal: abort.signal
		});
		expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
		const reader = res.body!.getReader();
		const decoder = new TextDecoder();
		let text = '';
		const until = async (s: string) => {
			while (!text.includes(s)) {
				const { value, done } = await reader.read();
				if (done) throw new Error('stream ended');
				text += decoder.decode(value);
			}
		};
		await until('event: ready');
		await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer }, card(3, 'hire'));
		await until('event: changed');
		expect(text).not.toContain('hire');
	});

	it('exports: JSON, CSV (every version, amendments marked) and the ATS payload with replay links', async () => {
		const { s, iv, loopId, panelToken } = await loopWithScores();
		await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer }, card(4, 'hire'));
		await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer2 }, card(3, 'hire'));
		await call(s, 'GET', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer });
		await call(
			s,
			'POST',
			`/api/interviews/${iv.id}/scorecards`,
			{ token: iv.interviewer },
			card(4, 'strong-hire', { reason: 'Agreed, "clear" hire, = sure' })
		);

		const json = await call(s, 'GET', `/api/loops/${loopId}/export.json`, { token: panelToken });
		expect((json.body as unknown as DebriefView).interviews[0].history).toHaveLength(3);
		// Exports travel (an ATS is long-lived and widely read): none carries the panel's secret.
		expect(json.text).not.toContain(panelToken);

		const csv = await call(s, 'GET', `/api/loops/${loopId}/export.csv`, { token: panelToken });
		expect(csv.status).toBe(200);
		const lines = csv.text.trim().split('\r\n');
		expect(lines[0]).toMatch(/^loop_id,candidate,interview_id/);
		expect(lines).toHaveLength(1 + 3 * 5);
		expect(csv.text).toContain('"Agreed, ""clear"" hire, = sure"');
		expect(lines.filter((l) => l.includes(',yes,"Agreed'))).toHaveLength(5);

		const atsReply = await call(s, 'GET', `/api/loops/${loopId}/ats`, { token: panelToken });
		expect(atsReply.text).not.toContain(panelToken);
		expect(atsReply.text).not.toMatch(/token=/);
		const ats = atsReply.body as unknown as AtsPayload;
		expect(ats.loop.debriefUrl).toBe(`${s.url}/debrief/${loopId}`);
		expect(ats.overallRecommendation).toBe('pending');
		expect(ats.ruleOutcome).toBe('hire');
		expect(ats.scorecards).toHaveLength(2);
		const ines = ats.scorecards.find((c) => c.interviewer === 'Ines Interviewer')!;
		expect(ines).toMatchObject({ recommendation: 'Strong hire', version: 2, amendedAfterSeeingOthers: true });
		expect(ines.ratings.find((r) => r.competency === 'testing')).toMatchObject({ rating: null, notAssessed: true });
		// Links without a secret: the debrief and the replay ask whoever opens them for a credential.
		expect(ines.replayMoments[0].url).toMatch(new RegExp(`^${s.url}/replay/${iv.id}\\?t=\\d+$`));
		expect(ines.scorecardUrl).toMatch(new RegExp(`^${s.url}/debrief/${loopId}#scorecard-${iv.id}-`));
	});
});
