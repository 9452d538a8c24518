import { afterEach, describe, expect, it } from 'vitest';
import type { OrganizerCalibrationView } from '../../src/lib/shared/calibration/calibrationApi.js';
import { call, cleanUp, createSession, raterCard, recordedInterview, server, submit } from '../helpers/calibration.js';
import { createInterview } from '../helpers/startServer.js';

afterEach(cleanUp);

describe('calibration refusals (CAL-1, CAL-3..6)', () => {
	it('CAL-3: a rater token answers 403 on every endpoint that is not its own session’s', async () => {
		const { s, id } = await recordedInterview();
		const a = await createSession(s, [id], ['Rita Rater', 'Raj Rater']);
		const b = await createSession(s, [id], ['Rita Rater', 'Raj Rater']);
		const other = await createInterview(s, { rubric: 'ml-coding' });
		const rita = a.tokens[0];
		const refused: [string, string, unknown?][] = [
			['GET', `/api/interviews/${id}/session`],
			['GET', `/api/interviews/${id}/scorecards`],
			['POST', `/api/interviews/${id}/scorecards`, raterCard(3)],
			['GET', `/api/interviews/${id}/recording`],
			['POST', `/api/interviews/${id}/reviewer-links`, { anonymised: true }],
			['GET', `/api/interviews/${other.id}/replay`],
			['POST', '/api/interviews', { title: 'x' }],
			['DELETE', `/api/interviews/${id}`],
			['GET', '/api/loops'],
			['GET', '/api/people'],
			['GET', '/api/reliability'],
			['GET', '/api/calibrations'],
			['GET', `/api/calibrations/${a.id}`],
			['POST', `/api/calibrations/${a.id}/close`],
			['GET', `/api/calibrations/${a.id}/export.csv`],
			['GET', `/api/calibrations/${b.id}/rater`],
			['PUT', `/api/calibrations/${b.id}/interviews/${id}/draft`, { ratings: {} }],
			['GET', `/api/calibrations/${b.id}/events`],
			// CAL-5: others' scores before the reveal
			['GET', `/api/calibrations/${a.id}/reveal`]
		];
		for (const [method, path, body] of refused) {
			const r = await call(s, method, path, { token: rita }, body);
			expect({ method, path, status: r.status, json: typeof r.body.error }).toEqual({
				method,
				path,
				status: 403,
				json: 'string'
			});
		}
		// As a Bearer header too (scripts), on an admin route.
		const bearer = await fetch(`${s.url}/api/people`, { headers: { authorization: `Bearer ${rita}` } });
		expect(bearer.status).toBe(403);
		// What it does open.
		expect((await call(s, 'GET', `/api/calibrations/${a.id}/rater`, { token: rita })).status).toBe(200);
		expect((await call(s, 'GET', `/api/interviews/${id}/replay`, { token: rita })).status).toBe(200);
	});

	it('CAL-6: closing with fewer than two submitted cards is refused, saying why; with two it reveals', async () => {
		const { s, id } = await recordedInterview();
		const session = await createSession(s, [id]);
		const none = await call(s, 'POST', `/api/calibrations/${session.id}/close`, { admin: true });
		expect(none.status).toBe(409);
		expect(none.body.error).toMatch(/has 0 submitted cards; agreement needs at least 2 cards for every interview/);
		await submit(s, session.id, id, session.tokens[0], raterCard(3));
		const one = await call(s, 'POST', `/api/calibrations/${session.id}/close`, { admin: true });
		expect(one.status).toBe(409);
		expect(one.body.error).toMatch(/has 1 submitted card;/);
		const view = (await call(s, 'GET', `/api/calibrations/${session.id}`, { admin: true }))
			.body as unknown as OrganizerCalibrationView;
		expect(view.close).toEqual({ allowed: false, reason: one.body.error });
		expect(view.state).toBe('scoring');
		await submit(s, session.id, id, session.tokens[1], raterCard(2));
		const closed = await call(s, 'POST', `/api/calibrations/${session.id}/close`, { admin: true });
		expect(closed.status).toBe(200);
		expect((closed.body as unknown as OrganizerCalibrationView).rounds[0].revealedBy).toBe('closed-by-organizer');
		const again = await call(s, 'POST', `/api/calibrations/${session.id}/close`, { admin: true });
		expect(again.status).toBe(409);
		expect(again.body.error).toBe('Round 1 is already revealed');
	});

	it('CAL-4: a card is final for its round, complete, for an interview of the session; drafts close with the round', async () => {
		const { s, id } = await recordedInterview();
		const session = await createSession(s, [id], ['Rita Rater', 'Raj Rater']);
		const [rita, raj] = session.tokens;
		const incomplete = await submit(s, session.id, id, rita, { ...raterCard(3), confidence: undefined });
		expect(incomplete.status).toBe(400);
		expect(incomplete.body.field).toBe('confidence');
		const extreme = raterCard(4);
		extreme.ratings.problem_solving.notes = [];
		const noEvidence = await submit(s, session.id, id, rita, extreme);
		expect(noEvidence.status).toBe(400);
		expect(noEvidence.body.error).toMatch(/level 4 needs at least one evidence note/);
		const unknown = await submit(s, session.id, 'not-in-session', rita, raterCard(3));
		expect(unknown.status).toBe(404);
		const badDraft = await call(
			s,
			'PUT',
			`/api/calibrations/${session.id}/interviews/${id}/draft`,
			{ token: rita },
			{
				ratings: { not_a_competency: { level: 3 } }
			}
		);
		expect(badDraft.status).toBe(400);
		// A pinned note outside the interview is clamped into it (SCORE-10).
		const first = await submit(s, session.id, id, rita, {
			...raterCard(3),
			ratings: { ...raterCard(3).ratings, ml_fundamentals: { level: 3, notes: [{ id: 'x', text: 'Early', t: 5 }] } }
		});
		expect(first.status).toBe(201);
		const pinned = (first.body as { ratings: Record<string, { notes: { t: number }[] }> }).ratings.ml_fundamentals
			.notes[0].t;
		const iv = await s.app.interviews.requireInterview(id);
		expect(pinned).toBe(iv.createdAt);
		const twice = await submit(s, session.id, id, rita, raterCard(2));
		expect(twice.status).toBe(409);
		expect(twice.body.error).toMatch(/already submitted/);
		await submit(s, session.id, id, raj, raterCard(2));
		// Revealed (everyone in): drafts and cards of round 1 are closed.
		const late = await call(
			s,
			'PUT',
			`/api/calibrations/${session.id}/interviews/${id}/draft`,
			{ token: raj },
			{
				ratings: {}
			}
		);
		expect(late.status).toBe(409);
		expect(late.body.error).toMatch(/Round 1 has been revealed/);
	});

	it('CAL-1: a session needs ended, known interviews, a known rubric and two distinct raters', async () => {
		const s = await server();
		const running = await createInterview(s, { rubric: 'ml-coding' });
		const { id } = await recordedInterview(s);
		const make = (body: Record<string, unknown>) =>
			call(
				s,
				'POST',
				'/api/calibrations',
				{ admin: true },
				{
					title: 'T',
					interviews: [id],
					raters: [{ name: 'A' }, { name: 'B' }],
					...body
				}
			);
		const cases: [Record<string, unknown>, number, string][] = [
			[{ interviews: [running.id] }, 400, 'interviews[0]'],
			[{ interviews: ['nope'] }, 400, 'interviews[0]'],
			[{ interviews: [id, id] }, 400, 'interviews[1]'],
			[{ interviews: [] }, 400, 'interviews'],
			[{ rubric: 'no-such-rubric' }, 400, 'rubric'],
			[{ raters: [{ name: 'A' }] }, 400, 'raters'],
			[{ raters: [{ name: 'A' }, { name: ' a ' }] }, 400, 'raters[1]'],
			[{ raters: [{ name: 'A' }, { personId: 'nobody' }] }, 400, 'raters[1].personId'],
			[{ blind: 'yes' }, 400, 'blind'],
			[{ surprise: 1 }, 400, '(body)']
		];
		for (const [body, status, field] of cases) {
			const r = await make(body);
			expect({ body, status: r.status, field: r.body.field ?? '(body)' }).toEqual({ body, status, field });
		}
		// Without the admin key: 401; a room token: 403.
		expect((await call(s, 'POST', '/api/calibrations', {}, { title: 'T' })).status).toBe(401);
		expect((await call(s, 'GET', '/api/calibrations', { token: running.interviewer })).status).toBe(403);
		// Nothing was created by the refused requests: no session, and no person either.
		expect((await call(s, 'GET', '/api/calibrations', { admin: true })).body.sessions).toEqual([]);
		const people = (await call(s, 'GET', '/api/people', { admin: true })).body.people as { name: string }[];
		expect(people.map((p) => p.name)).toEqual(['Ines Interviewer', 'Ivan Interviewer']);
	});

	it('CAL-3: a token that is no rater link gets 401 on the rater endpoints, without a token too', async () => {
		const { s, id, interviewer } = await recordedInterview();
		const session = await createSession(s, [id], ['Rita Rater', 'Raj Rater']);
		expect((await call(s, 'GET', `/api/calibrations/${session.id}/rater`, {})).status).toBe(401);
		expect((await call(s, 'GET', `/api/calibrations/${session.id}/rater`, { token: 'guess' })).status).toBe(401);
		expect((await call(s, 'GET', `/api/calibrations/${session.id}/rater`, { token: interviewer })).status).toBe(401);
		expect((await call(s, 'GET', `/api/calibrations/${session.id}/reveal`, { token: interviewer })).status).toBe(401);
		expect((await call(s, 'GET', `/api/calibrations/${session.id}/reveal`, { admin: true })).status).toBe(409);
	});
});
