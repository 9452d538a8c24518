import { afterEach, describe, expect, it } from 'vitest';
import type { CalibrationExport } from '../../src/lib/shared/calibration/calibrationApi.js';
import type { Person } from '../../src/lib/shared/calibration/people.js';
import type { PersonHistory, ReliabilityReport } from '../../src/lib/shared/calibration/reliability.js';
import {
	call,
	card,
	cleanUp,
	createSession,
	raterCard,
	recordedInterview,
	server,
	submit
} from '../helpers/calibration.js';
import { createInterview, startServer } from '../helpers/startServer.js';

afterEach(cleanUp);

describe('people (PEOPLE-1..3)', () => {
	it('the organizer keeps people; an interview picks them by id or by a typed name, which becomes a person once', async () => {
		const s = await server();
		const made = await call(
			s,
			'POST',
			'/api/people',
			{ admin: true },
			{ name: 'Ada Lovelace', email: 'ADA@example.com', level: 'L6' }
		);
		expect(made.status).toBe(201);
		const ada = made.body as unknown as Person;
		expect(ada).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', role: null, level: 'L6' });
		expect(
			(await call(s, 'POST', '/api/people', { admin: true }, { name: 'Other', email: 'ada@example.com' })).status
		).toBe(409);
		expect((await call(s, 'POST', '/api/people', { admin: true }, { name: '' })).body.field).toBe('name');
		expect(
			(await call(s, 'POST', '/api/people', { admin: true }, { name: 'X', email: 'not-an-email' })).body.field
		).toBe('email');
		const res = await call(
			s,
			'POST',
			'/api/interviews',
			{ admin: true },
			{
				title: 'Loop',
				candidate: { name: 'Cara' },
				problems: ['moving-average'],
				interviewers: [{ personId: ada.id }, { name: '  grace   hopper ' }]
			}
		);
		expect(res.status).toBe(201);
		const links = (res.body as { links: { interviewers: { name: string; personId: string }[] } }).links.interviewers;
		expect(links[0]).toMatchObject({ name: 'Ada Lovelace', personId: ada.id });
		const again = await call(
			s,
			'POST',
			'/api/interviews',
			{ admin: true },
			{
				title: 'Loop 2',
				candidate: { name: 'Cara' },
				problems: ['moving-average'],
				interviewers: [{ name: 'Grace Hopper' }]
			}
		);
		const grace = (again.body as { links: { interviewers: { personId: string }[] } }).links.interviewers[0].personId;
		expect(grace).toBe(links[1].personId);
		const people = (await call(s, 'GET', '/api/people', { admin: true })).body.people as Person[];
		expect(people.map((p) => p.name)).toEqual(['Ada Lovelace', 'grace hopper']);
		const unknown = await call(
			s,
			'POST',
			'/api/interviews',
			{ admin: true },
			{
				title: 'L',
				candidate: { name: 'C' },
				problems: ['moving-average'],
				interviewers: [{ personId: 'nobody' }]
			}
		);
		expect(unknown.status).toBe(400);
		expect(unknown.body.field).toBe('interviewers[0].personId');
		// PEOPLE-3: a person named by links is kept.
		const del = await call(s, 'DELETE', `/api/people/${ada.id}`, { admin: true });
		expect(del.status).toBe(409);
		expect(del.body.error).toMatch(/named by 1 interview link/);
		const updated = await call(
			s,
			'PUT',
			`/api/people/${ada.id}`,
			{ admin: true },
			{ role: 'Staff ML engineer', email: null }
		);
		expect(updated.body).toMatchObject({ name: 'Ada Lovelace', role: 'Staff ML engineer', email: null, level: 'L6' });
		const loner = (await call(s, 'POST', '/api/people', { admin: true }, { name: 'Loner' })).body as unknown as Person;
		expect((await call(s, 'DELETE', `/api/people/${loner.id}`, { admin: true })).status).toBe(200);
		expect((await call(s, 'GET', `/api/people/${loner.id}`, { admin: true })).status).toBe(404);
	});

	it('PEOPLE-2: interviewers of interviews from before people become people on the next start', async () => {
		const first = await startServer();
		// An interview stored as an older release stored it: participants without a person.
		await first.app.stores.interviews.createInterview(
			{
				id: 'old',
				title: 'Old',
				candidateName: 'C',
				problemIds: ['moving-average'],
				rubricId: 'ml-coding',
				createdAt: 1,
				endedAt: 2,
				mode: 'live',
				timeBoxMinutes: null,
				startedAt: null
			},
			[
				{ id: 'c', interviewId: 'old', name: 'C', role: 'candidate', color: '#000', tokenHash: 'hc' },
				{ id: 'i1', interviewId: 'old', name: 'Old Timer', role: 'interviewer', color: '#000', tokenHash: 'h1' },
				{ id: 'i2', interviewId: 'old', name: 'old  timer', role: 'interviewer', color: '#000', tokenHash: 'h2' }
			]
		);
		expect(await first.app.stores.people.listPeople()).toEqual([]);
		await first.stop();
		const second = await startServer({ dataDir: first.dataDir });
		try {
			const people = await second.app.stores.people.listPeople();
			expect(people.map((p) => p.name)).toEqual(['Old Timer']);
			const parts = await second.app.stores.interviews.participantsOf('old');
			expect(parts.map((p) => p.personId ?? null)).toEqual([null, people[0].id, people[0].id]);
		} finally {
			await second.stop();
		}
	});
});

describe('deletion (CAL-8)', () => {
	it('deleting an interview removes its calibration ratings; a session left empty goes and its rater links stop working', async () => {
		const s = await server();
		const a = await recordedInterview(s);
		const b = await recordedInterview(s, 'Second round');
		const both = await createSession(s, [a.id, b.id], ['Rita Rater', 'Raj Rater']);
		const only = await createSession(s, [a.id], ['Rita Rater', 'Raj Rater']);
		await submit(s, both.id, a.id, both.tokens[0], raterCard(3));
		await submit(s, both.id, b.id, both.tokens[0], raterCard(2));
		await submit(s, only.id, a.id, only.tokens[0], raterCard(3));
		expect((await call(s, 'DELETE', `/api/interviews/${a.id}`, { admin: true })).status).toBe(200);

		expect((await call(s, 'GET', `/api/calibrations/${only.id}`, { admin: true })).status).toBe(404);
		expect((await call(s, 'GET', `/api/calibrations/${only.id}/rater`, { token: only.tokens[0] })).status).toBe(401);
		expect((await call(s, 'GET', `/api/interviews/${a.id}/replay`, { token: only.tokens[0] })).status).toBe(404);
		const view = await call(s, 'GET', `/api/calibrations/${both.id}/rater`, { token: both.tokens[0] });
		expect(view.status).toBe(200);
		expect(view.text).not.toContain(a.id);
		const cards = await s.app.stores.calibrations.listCards(both.id);
		expect(cards.map((c) => c.interviewId)).toEqual([b.id]);
	});
});

describe('exports (CAL-12)', () => {
	it('JSON and CSV hold the revealed rounds only; a formula in a rater’s name is quoted', async () => {
		const { s, id } = await recordedInterview();
		const session = await createSession(s, [id], ['=HYPERLINK("http://evil")', 'Raj Rater']);
		const empty = (await call(s, 'GET', `/api/calibrations/${session.id}/export.json`, { admin: true }))
			.body as unknown as CalibrationExport;
		expect(empty.rounds).toEqual([]);
		await submit(s, session.id, id, session.tokens[0], raterCard(4, 'hire', 3));
		await submit(s, session.id, id, session.tokens[1], raterCard(2, 'no-hire', 2));
		const exp = (await call(s, 'GET', `/api/calibrations/${session.id}/export.json`, { admin: true }))
			.body as unknown as CalibrationExport;
		expect(exp.rounds).toHaveLength(1);
		expect(exp.rounds[0].cards).toHaveLength(2);
		expect(exp.rounds[0].statistics.competencies[0].offsets.map((o) => o.offset.value)).toEqual([2, -2]);
		const csv = await fetch(`${s.url}/api/calibrations/${session.id}/export.csv`, {
			headers: { authorization: `Bearer ${s.adminKey}` }
		});
		expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
		const lines = (await csv.text()).trim().split('\r\n');
		expect(lines[0]).toBe(
			'session_id,round,interview_id,rater_id,person_id,rater,competency,level,recommendation,confidence,notes,submitted_at'
		);
		// 2 cards × (5 competencies + the recommendation)
		expect(lines).toHaveLength(1 + 2 * 6);
		expect(lines.some((l) => l.includes(`"'=HYPERLINK(""http://evil"")"`))).toBe(true);
		expect(lines.some((l) => /,=HYPERLINK/.test(l))).toBe(false);
		const stats = await (
			await fetch(`${s.url}/api/calibrations/${session.id}/statistics.csv`, {
				headers: { authorization: `Bearer ${s.adminKey}` }
			})
		).text();
		const rows = stats.trim().split('\r\n');
		expect(rows[0]).toMatch(/^session_id,round,figure,alpha_level,alpha,/);
		expect(rows.map((r) => r.split(',')[2]).slice(1)).toEqual([
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

describe('reliability and history (CAL-10, CAL-11)', () => {
	it('live interviews scored by two people give alpha per competency with n, and each interviewer’s offset', async () => {
		const s = await server();
		for (const [a, b] of [
			[4, 2],
			[3, 2],
			[4, 3]
		] as const) {
			const iv = await createInterview(s, { rubric: 'ml-coding' });
			await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer }, card(a, 'hire'));
			await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer2 }, card(b, 'no-hire'));
			await s.app.stores.interviews.markEnded(iv.id, Date.now());
		}
		const solo = await createInterview(s, { rubric: 'ml-coding' });
		await call(s, 'POST', `/api/interviews/${solo.id}/scorecards`, { token: solo.interviewer }, card(1, 'hire'));
		await s.app.stores.interviews.markEnded(solo.id, Date.now());

		const r = await call(s, 'GET', '/api/reliability', { admin: true });
		expect(r.status).toBe(200);
		const report = r.body as unknown as ReliabilityReport;
		expect(report.rubrics).toHaveLength(1);
		expect(report.rubrics[0].interviews).toBe(3);
		const ps = report.rubrics[0].competencies.find((c) => c.competencyId === 'problem_solving')!;
		expect(ps.alpha.units).toBe(3);
		expect(typeof ps.alpha.alpha.value).toBe('number');
		const ines = report.interviewers.find((i) => i.name === 'Ines Interviewer')!;
		const offset = ines.competencies.find((c) => c.competencyId === 'problem_solving')!;
		// (4−2 + 3−2 + 4−3) / 3
		expect(offset.n).toBe(3);
		expect(offset.offset.value).toBeCloseTo(4 / 3, 12);
		expect(report.interviewers.find((i) => i.name === 'Ivan Interviewer')!.competencies[0].offset.value).toBeCloseTo(
			-4 / 3,
			12
		);

		const past = await call(s, 'GET', '/api/reliability?from=2020-01-01&to=2020-02-01', { admin: true });
		expect((past.body as unknown as ReliabilityReport).rubrics).toEqual([]);
		expect((await call(s, 'GET', '/api/reliability?from=yesterday', { admin: true })).status).toBe(400);
		expect((await call(s, 'GET', '/api/reliability?from=2020-02-01&to=2020-01-01', { admin: true })).status).toBe(400);
		expect((await call(s, 'GET', '/api/reliability?colour=red', { admin: true })).status).toBe(400);

		const history = (await call(s, 'GET', `/api/people/${ines.personId}/history`, { admin: true }))
			.body as unknown as PersonHistory;
		const point = history.competencies.find((c) => c.competencyId === 'problem_solving')!.points.at(-1)!;
		expect(point).toMatchObject({ n: 3, sources: { live: 4, calibration: 0 } });
		expect(point.offset.value).toBeCloseTo(4 / 3, 12);
		const comms = history.competencies.find((c) => c.competencyId === 'communication')!.points.at(-1)!;
		expect(comms.offset.value).toBe(0);
	});

	it('CAL-11: too few compared ratings give no figure but say so; a revealed calibration round counts, an open one not', async () => {
		const { s, id } = await recordedInterview();
		const session = await createSession(s, [id], ['Rita Rater', 'Raj Rater']);
		const rita = session.reply.raters[0].personId;
		await submit(s, session.id, id, session.tokens[0], raterCard(4, 'hire', 3));
		const open = (await call(s, 'GET', `/api/people/${rita}/history`, { admin: true }))
			.body as unknown as PersonHistory;
		expect(open.competencies).toEqual([]);
		expect(open.note).toMatch(/no rating yet that another rater also gave/);
		await submit(s, session.id, id, session.tokens[1], raterCard(2, 'hire', 3));
		const after = (await call(s, 'GET', `/api/people/${rita}/history`, { admin: true }))
			.body as unknown as PersonHistory;
		const point = after.competencies.find((c) => c.competencyId === 'problem_solving')!.points[0];
		expect(point).toMatchObject({ n: 1, sources: { calibration: 1, live: 0 } });
		expect(point.offset).toEqual({ value: null, reason: expect.stringMatching(/only 1 .* at least 3 are needed/) });
		expect((await call(s, 'GET', '/api/people/nobody/history', { admin: true })).status).toBe(404);
	});
});
