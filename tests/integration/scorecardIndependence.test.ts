import { afterEach, describe, expect, it } from 'vitest';
import { call, card, cleanUp, LEAK, nowNote, setup } from '../helpers/scorecards.js';
import type { PanelView } from '../../src/lib/shared/debrief.js';
import type { ScorecardVersion } from '../../src/lib/shared/scorecard.js';

afterEach(cleanUp);

describe('scorecards: who may see what', () => {
	it('SCORE-1: candidate and observer get 403 on every scorecard endpoint; no token gets 401', async () => {
		const { s, iv, ines } = await setup();
		const base = `/api/interviews/${iv.id}/scorecards`;
		const endpoints: [string, string, unknown?][] = [
			['GET', base],
			['POST', base, card(3, 'hire')],
			['PUT', `${base}/draft`, { ratings: {} }],
			['POST', `${base}/pin`],
			['GET', `${base}/events`],
			['GET', `${base}/${ines.id}`]
		];
		for (const token of [iv.candidate, iv.observer!]) {
			for (const [method, p, body] of endpoints) {
				const res = await call(s, method, p, { token }, body);
				expect([method, p, res.status]).toEqual([method, p, 403]);
				expect(res.text).not.toContain('problem_solving');
			}
		}
		for (const [method, p, body] of endpoints) expect((await call(s, method, p, {}, body)).status).toBe(401);
	});

	it('drafts save to the server, survive a reload, and stay private to their interviewer', async () => {
		const { s, iv } = await setup();
		const draft = {
			ratings: {
				problem_solving: { level: 3, notes: [nowNote('d1', 'asked about empty input')], pending: 'half a thou' }
			},
			recommendation: 'hire',
			confidence: null
		};
		const saved = await call(s, 'PUT', `/api/interviews/${iv.id}/scorecards/draft`, { token: iv.interviewer }, draft);
		expect(saved.status).toBe(200);
		const mine = (await call(s, 'GET', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer }))
			.body as unknown as PanelView;
		expect(mine.draft).toMatchObject({
			recommendation: 'hire',
			ratings: { problem_solving: { level: 3, pending: 'half a thou' } }
		});
		expect(mine.draft!.ratings.problem_solving.notes[0].text).toBe('asked about empty input');
		const theirs = await call(s, 'GET', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer2 });
		expect((theirs.body as unknown as PanelView).draft).toBeNull();
		expect(theirs.text).not.toContain('asked about empty input');
	});

	it('SCORE-2: before submitting, another interviewer’s scorecard is refused (403) and only "submitted / not yet" is shown', async () => {
		const { s, iv, ines, ivan } = await setup();
		expect(
			(await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer }, card(4, 'strong-hire')))
				.status
		).toBe(201);
		const refused = await call(s, 'GET', `/api/interviews/${iv.id}/scorecards/${ines.id}`, { token: iv.interviewer2 });
		expect(refused.status).toBe(403);
		expect(refused.text).not.toContain(LEAK);
		const ivanPanel = await call(s, 'GET', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer2 });
		const view = ivanPanel.body as unknown as PanelView;
		expect(view.others).toBeNull();
		expect(view.progress).toEqual([
			{ id: ines.id, name: 'Ines Interviewer', submitted: true },
			{ id: ivan.id, name: 'Ivan Interviewer', submitted: false }
		]);
		expect(ivanPanel.text).not.toContain(LEAK);
		expect(ivanPanel.text).not.toContain('strong-hire');

		// Once Ivan has submitted, both see each other.
		expect(
			(await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer2 }, card(2, 'no-hire')))
				.status
		).toBe(201);
		const allowed = await call(s, 'GET', `/api/interviews/${iv.id}/scorecards/${ines.id}`, { token: iv.interviewer2 });
		expect(allowed.status).toBe(200);
		expect((allowed.body.versions as ScorecardVersion[])[0]).toMatchObject({
			recommendation: 'strong-hire',
			version: 1
		});
		const after = (await call(s, 'GET', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer2 }))
			.body as unknown as PanelView;
		expect(after.others!.map((o) => o.interviewer.name)).toEqual(['Ines Interviewer']);
	});

	it('SCORE-2: a submitted interviewer sees nobody’s scorecard before the others submit (nothing to see), and never a draft', async () => {
		const { s, iv, ivan } = await setup();
		await call(
			s,
			'PUT',
			`/api/interviews/${iv.id}/scorecards/draft`,
			{ token: iv.interviewer2 },
			{ ratings: { problem_solving: { level: 1, notes: [nowNote('x', 'ivan draft note')] } } }
		);
		await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer }, card(3, 'hire'));
		const view = await call(s, 'GET', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer });
		expect((view.body as unknown as PanelView).others).toEqual([]);
		expect(view.text).not.toContain('ivan draft note');
		expect(
			(await call(s, 'GET', `/api/interviews/${iv.id}/scorecards/${ivan.id}`, { token: iv.interviewer })).status
		).toBe(404);
	});
});

describe('submitting', () => {
	it.each<[string, (c: ReturnType<typeof card>) => unknown, string]>([
		[
			'a competency without a level',
			(c) => (delete (c.ratings as Record<string, unknown>).code_quality, c),
			'ratings.code_quality.level'
		],
		[
			'an extreme level without evidence',
			(c) => ((c.ratings.problem_solving.notes = []), c),
			'ratings.problem_solving.notes'
		],
		['no recommendation', (c) => ({ ...c, recommendation: undefined }), 'recommendation'],
		['no confidence', (c) => ({ ...c, confidence: undefined }), 'confidence'],
		['an unknown recommendation', (c) => ({ ...c, recommendation: 'maybe' }), 'recommendation'],
		['a level out of range', (c) => ((c.ratings.ml_fundamentals.level = 5), c), 'ratings.ml_fundamentals.level'],
		[
			'a competency the rubric lacks',
			(c) => ({ ...c, ratings: { ...c.ratings, charisma: { level: 3, notes: [] } } }),
			'ratings.charisma'
		],
		[
			'an empty note',
			(c) => ((c.ratings.problem_solving.notes = [{ id: 'n', text: ' ', t: 1 }]), c),
			'ratings.problem_solving.notes.0.text'
		],
		[
			'everything not assessed',
			(c) => ({
				...c,
				ratings: Object.fromEntries(Object.keys(c.ratings).map((k) => [k, { level: 'not-assessed', notes: [] }]))
			}),
			'ratings'
		]
	])('SCORE-3: %s is refused with 400 naming the field, and nothing is stored', async (_what, spoil, field) => {
		const { s, iv } = await setup();
		const res = await call(
			s,
			'POST',
			`/api/interviews/${iv.id}/scorecards`,
			{ token: iv.interviewer },
			spoil(card(4, 'hire'))
		);
		expect(res.status).toBe(400);
		expect(res.body.field).toBe(field);
		expect(typeof res.body.error).toBe('string');
		const view = (await call(s, 'GET', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer }))
			.body as unknown as PanelView;
		expect(view.versions).toEqual([]);
	});

	it('bad bodies get 4xx, never a crash: not JSON, wrong type, a draft with junk', async () => {
		const { s, iv } = await setup();
		const raw = await fetch(`${s.url}/api/interviews/${iv.id}/scorecards?token=${iv.interviewer}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"ratings":'
		});
		expect(raw.status).toBe(400);
		expect(
			(await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer }, [1, 2])).status
		).toBe(400);
		const junk = await call(
			s,
			'PUT',
			`/api/interviews/${iv.id}/scorecards/draft`,
			{ token: iv.interviewer },
			{ ratings: { problem_solving: { level: 'great' } } }
		);
		expect(junk.status).toBe(400);
		expect(junk.body.field).toBe('ratings.problem_solving.level');
		expect((await call(s, 'GET', '/api/health', {})).status).toBe(200);
	});

	it('SCORE-4: a submitted scorecard is immutable; an amendment needs a reason and both versions are kept', async () => {
		const { s, iv, ines } = await setup();
		const first = await call(
			s,
			'POST',
			`/api/interviews/${iv.id}/scorecards`,
			{ token: iv.interviewer },
			card(3, 'hire')
		);
		expect(first.body).toMatchObject({ version: 1, reason: null, afterSeeingOthers: false });
		const noReason = await call(
			s,
			'POST',
			`/api/interviews/${iv.id}/scorecards`,
			{ token: iv.interviewer },
			card(2, 'no-hire')
		);
		expect(noReason.status).toBe(400);
		expect(noReason.body.field).toBe('reason');
		const amended = await call(
			s,
			'POST',
			`/api/interviews/${iv.id}/scorecards`,
			{ token: iv.interviewer },
			card(2, 'no-hire', { reason: 'Rewatched the testing part' })
		);
		expect(amended.status).toBe(201);
		expect(amended.body).toMatchObject({ version: 2, reason: 'Rewatched the testing part', afterSeeingOthers: false });
		const versions = (await call(s, 'GET', `/api/interviews/${iv.id}/scorecards/${ines.id}`, { token: iv.interviewer }))
			.body.versions as ScorecardVersion[];
		expect(versions.map((v) => [v.version, v.recommendation])).toEqual([
			[1, 'hire'],
			[2, 'no-hire']
		]);
	});

	it('SCORE-5: an amendment after seeing others’ scorecards is marked as such, one before is not', async () => {
		const { s, iv } = await setup();
		await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer }, card(3, 'hire'));
		// Ines looks while Ivan has not submitted: nothing of anyone else is shown, so nothing is seen.
		await call(s, 'GET', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer });
		const before = await call(
			s,
			'POST',
			`/api/interviews/${iv.id}/scorecards`,
			{ token: iv.interviewer },
			card(3, 'strong-hire', { reason: 'More sure' })
		);
		expect(before.body).toMatchObject({ version: 2, afterSeeingOthers: false });
		await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer2 }, card(1, 'strong-no-hire'));
		await call(s, 'GET', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer });
		const after = await call(
			s,
			'POST',
			`/api/interviews/${iv.id}/scorecards`,
			{ token: iv.interviewer },
			card(3, 'no-hire', { reason: 'Ivan saw a bug I missed' })
		);
		expect(after.body).toMatchObject({ version: 3, afterSeeingOthers: true });
	});

	it('SCORE-10: a pin answers the server’s time; note times are clamped to the interview’s range', async () => {
		const { s, iv } = await setup();
		const before = Date.now();
		const pin = await call(s, 'POST', `/api/interviews/${iv.id}/scorecards/pin`, { token: iv.interviewer });
		expect(pin.body.t as number).toBeGreaterThanOrEqual(before - 1);
		expect(pin.body.t as number).toBeLessThanOrEqual(Date.now());
		const c = card(4, 'hire');
		c.ratings.problem_solving.notes = [
			{ id: 'early', text: 'before the start', t: 0 },
			{ id: 'late', text: 'from the future', t: Date.now() + 10 * 86_400_000 }
		];
		const res = await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer }, c);
		const [early, late] = (res.body as unknown as ScorecardVersion).ratings.problem_solving.notes;
		expect(early.t).toBeGreaterThan(before - 60_000);
		expect(late.t).toBeLessThanOrEqual(Date.now());
	});
});
