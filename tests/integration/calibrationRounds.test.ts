import { afterEach, describe, expect, it } from 'vitest';
import type {
	OrganizerCalibrationView,
	RaterView,
	RevealPayload
} from '../../src/lib/shared/calibration/calibrationApi.js';
import { call, cleanUp, createSession, raterCard, recordedInterview, submit } from '../helpers/calibration.js';

afterEach(cleanUp);

/** Paths of every `{ value: null }` without a reason, and of every non-finite number. */
function unexplainedFigures(v: unknown, path = '$'): string[] {
	if (typeof v === 'number') return Number.isFinite(v) ? [] : [path];
	if (v === null || typeof v !== 'object') return [];
	const o = v as Record<string, unknown>;
	const own = 'value' in o && o.value === null && typeof o.reason !== 'string' ? [path] : [];
	return [...own, ...Object.entries(o).flatMap(([k, x]) => unexplainedFigures(x, `${path}.${k}`))];
}

describe('calibration rounds and the reveal (CAL-4, CAL-5, CAL-7, CAL-9)', () => {
	it('CAL-5: the round reveals itself when the last rater submits; the reveal shows each level, alpha, spread, offsets and the originals', async () => {
		const { s, id } = await recordedInterview();
		const session = await createSession(s, [id]);
		const [rita, raj, rosa] = session.tokens;
		expect((await submit(s, session.id, id, rita, raterCard(4, 'strong-hire', 3))).status).toBe(201);
		expect((await submit(s, session.id, id, raj, raterCard(3, 'hire', 3))).status).toBe(201);
		// Two of three in: still scoring, the reveal refused, progress says who (not what).
		const before = (await call(s, 'GET', `/api/calibrations/${session.id}/rater`, { token: rosa }))
			.body as unknown as RaterView;
		expect(before.session.state).toBe('scoring');
		expect(before.progress.map((p) => [p.name, p.done])).toEqual([
			['Rita Rater', true],
			['Raj Rater', true],
			['Rosa Rater', false]
		]);
		expect(JSON.stringify(before)).not.toContain('strong-hire');
		expect((await call(s, 'GET', `/api/calibrations/${session.id}/reveal`, { token: rosa })).status).toBe(403);

		expect((await submit(s, session.id, id, rosa, raterCard(2, 'no-hire', 2))).status).toBe(201);
		const reveal = (await call(s, 'GET', `/api/calibrations/${session.id}/reveal`, { token: rosa }))
			.body as unknown as RevealPayload;
		expect(reveal.rounds).toHaveLength(1);
		const [round] = reveal.rounds;
		expect(round.revealedBy).toBe('all-submitted');
		const ps = round.competencies.find((c) => c.competencyId === 'problem_solving')!;
		const ids = session.reply.raters.map((r) => r.raterId);
		expect(ps.levels.map((l) => [l.raterId, l.level])).toEqual([
			[ids[0], 4],
			[ids[1], 3],
			[ids[2], 2]
		]);
		expect(ps.distribution).toEqual([
			{ level: 1, count: 0 },
			{ level: 2, count: 1 },
			{ level: 3, count: 1 },
			{ level: 4, count: 1 }
		]);
		expect(ps.spread).toEqual([{ interviewId: id, low: 2, high: 4, spread: { value: 2 } }]);
		// Offsets from the mean of the others: 4 − 2.5, 3 − 3, 2 − 3.5.
		expect(ps.offsets.map((o) => o.offset.value)).toEqual([1.5, 0, -1.5]);
		// One interview: per-competency alpha is not defined, and says why (never NaN).
		expect(ps.alpha.alpha).toEqual({ value: null, reason: expect.stringMatching(/only one interview/) });
		expect(ps.alpha.verdict.kind).toBe('not-defined');
		// Pairs (4,3) (4,2) (3,2): exact 0 of 3, within one 2 of 3.
		expect(ps.exactAgreement.value).toBe(0);
		expect(ps.withinOneAgreement.value).toBeCloseTo(2 / 3, 10);
		// Overall: the competencies of the interview as units, a figure with an interval.
		expect(round.overall.alpha.units).toBe(4);
		expect(typeof round.overall.alpha.alpha.value).toBe('number');
		expect(round.overall.alpha.interval.low).not.toBeNull();
		expect(round.recommendation.values.map((v) => v.recommendation)).toEqual(['strong-hire', 'hire', 'no-hire']);
		expect(round.recommendation.alpha.level).toBe('nominal');
		// The live interviewers' own scores beside them, only now.
		expect(reveal.originals[0].interviewers.map((i) => [i.name, i.ratings.problem_solving])).toEqual([
			['Ines Interviewer', 4],
			['Ivan Interviewer', 2]
		]);
		// CAL-9: every figure that has no value says why (JSON would have turned a NaN into a bare null).
		expect(unexplainedFigures(reveal)).toEqual([]);
	});

	it('CAL-7: round 2 shows each rater their round-1 card, keeps both rounds, and the reveal says how alpha moved', async () => {
		const { s, id } = await recordedInterview();
		const session = await createSession(s, [id]);
		const [rita, raj, rosa] = session.tokens;
		await submit(s, session.id, id, rita, raterCard(4, 'hire', 3));
		await submit(s, session.id, id, raj, raterCard(2, 'no-hire', 2));
		// Opening round 2 before round 1 is revealed is refused.
		const early = await call(s, 'POST', `/api/calibrations/${session.id}/rounds`, { admin: true });
		expect(early.status).toBe(409);
		expect(early.body.error).toMatch(/Round 1 is still open/);
		const closed = await call(s, 'POST', `/api/calibrations/${session.id}/close`, { admin: true });
		expect(closed.status).toBe(200);
		expect((closed.body as unknown as OrganizerCalibrationView).state).toBe('revealed');
		// A late card for the revealed round is refused.
		const late = await submit(s, session.id, id, rosa, raterCard(3));
		expect(late.status).toBe(409);

		const opened = await call(s, 'POST', `/api/calibrations/${session.id}/rounds`, { admin: true });
		expect(opened.status).toBe(201);
		expect((opened.body as unknown as OrganizerCalibrationView).currentRound).toBe(2);
		const view = (await call(s, 'GET', `/api/calibrations/${session.id}/rater`, { token: rita }))
			.body as unknown as RaterView;
		expect(view.session.currentRound).toBe(2);
		expect(view.cards[0].card).toBeNull();
		expect(view.cards[0].earlier.map((c) => [c.round, c.ratings.problem_solving.level])).toEqual([[1, 4]]);
		expect(view.revealAvailable).toBe(true);

		for (const [token, level] of [
			[rita, 3],
			[raj, 3],
			[rosa, 3]
		] as const) {
			expect((await submit(s, session.id, id, token, raterCard(level, 'hire', 3))).status).toBe(201);
		}
		const reveal = (await call(s, 'GET', `/api/calibrations/${session.id}/reveal`, { admin: true }))
			.body as unknown as RevealPayload;
		expect(reveal.rounds.map((r) => [r.round, r.revealedBy])).toEqual([
			[1, 'closed-by-organizer'],
			[2, 'all-submitted']
		]);
		const ps = reveal.rounds.map((r) => r.competencies.find((c) => c.competencyId === 'problem_solving')!);
		expect(ps[0].levels.map((l) => l.level)).toEqual([4, 2, null]);
		expect(ps[1].levels.map((l) => l.level)).toEqual([3, 3, 3]);
		const overall = reveal.movement.find((m) => m.figure === 'overall')!;
		expect(overall).toMatchObject({ fromRound: 1, toRound: 2 });
		expect(overall.from).toEqual(reveal.rounds[0].overall.alpha.alpha);
		expect(overall.to).toEqual(reveal.rounds[1].overall.alpha.alpha);
		if (overall.from.value !== null && overall.to.value !== null) {
			expect(overall.change.value).toBeCloseTo(overall.to.value - overall.from.value, 12);
		} else expect(overall.change.value).toBeNull();
		expect(reveal.movement.map((m) => m.figure)).toEqual([
			'problem_solving',
			'ml_fundamentals',
			'code_quality',
			'testing',
			'communication',
			'overall',
			'recommendation'
		]);
	});
});
