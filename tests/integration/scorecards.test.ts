import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { createInterview, startServer, tempDataDir, type TestServer } from '../helpers/startServer.js';
import { nextRoomEvent } from '../helpers/roomEvents.js';
import { connectY, waitSynced, type YClient } from '../helpers/yclient.js';
import { createPairboard } from '../../server/app.js';
import type { DebriefView, PanelView, AtsPayload } from '../../src/lib/shared/debrief.js';
import type { ScorecardVersion } from '../../src/lib/shared/scorecard.js';

const servers: TestServer[] = [];
const sockets: Socket[] = [];
const ys: YClient[] = [];
const aborts: AbortController[] = [];
afterEach(async () => {
	for (const a of aborts.splice(0)) a.abort();
	for (const y of ys.splice(0)) y.destroy();
	for (const s of sockets.splice(0)) s.close();
	for (const s of servers.splice(0)) await s.stop();
});

async function server(): Promise<TestServer> {
	const s = await startServer();
	servers.push(s);
	return s;
}

type Auth = { token?: string; admin?: boolean };
async function call(s: TestServer, method: string, p: string, auth: Auth, body?: unknown) {
	const headers: Record<string, string> = {};
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (auth.admin) headers.authorization = `Bearer ${s.adminKey}`;
	const url = `${s.url}${p}${auth.token ? `${p.includes('?') ? '&' : '?'}token=${encodeURIComponent(auth.token)}` : ''}`;
	const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	let json: unknown = null;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: res.status, body: json as Record<string, unknown> & unknown, text };
}

const LEAK = 'names the leakage risk of fitting the scaler on all data';
const nowNote = (id: string, text = LEAK) => ({ id, text, t: Date.now() });

/** A complete ml-coding scorecard; `a` is the level for problem_solving (4 needs a note, given). */
function card(level: 1 | 2 | 3 | 4, recommendation: string, extra: Record<string, unknown> = {}) {
	return {
		ratings: {
			problem_solving: { level, notes: [nowNote('n1')] },
			ml_fundamentals: { level: 3, notes: [] },
			code_quality: { level: 3, notes: [] },
			testing: { level: 'not-assessed', notes: [] },
			communication: { level: 2, notes: [] }
		},
		recommendation,
		confidence: 'medium',
		...extra
	};
}

async function setup() {
	const s = await server();
	const iv = await createInterview(s, { rubric: 'ml-coding' });
	const panel = (await call(s, 'GET', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer }))
		.body as unknown as PanelView;
	const [ines, ivan] = panel.progress;
	return { s, iv, ines, ivan };
}

describe('rubrics at interview creation', () => {
	it('an unknown rubric is refused with 400 naming the field', async () => {
		const s = await server();
		const res = await call(
			s,
			'POST',
			'/api/interviews',
			{ admin: true },
			{
				title: 'x',
				candidate: { name: 'C' },
				problems: ['moving-average'],
				rubric: 'no-such-rubric',
				interviewers: [{ name: 'I' }]
			}
		);
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ field: 'rubric' });
		expect(res.body.error).toMatch(/no-such-rubric/);
	});

	it('without a rubric, a coding interview gets the ML coding rubric (default_for)', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const panel = (await call(s, 'GET', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer })).body;
		expect((panel as unknown as PanelView).rubric.id).toBe('ml-coding');
	});

	it('GET /api/rubrics lists the rubrics for the organizer (admin key only)', async () => {
		const s = await server();
		expect((await call(s, 'GET', '/api/rubrics', {})).status).toBe(401);
		const res = await call(s, 'GET', '/api/rubrics', { admin: true });
		expect((res.body.rubrics as { id: string }[]).map((r) => r.id).sort()).toEqual([
			'behavioural-star',
			'ml-coding',
			'ml-system-design',
			'production-ml'
		]);
	});

	it('the server refuses to start on a bad rubric file, naming the file and the field', async () => {
		const root = tempDataDir();
		const rubrics = path.join(root, 'rubrics');
		fs.mkdirSync(rubrics);
		fs.writeFileSync(
			path.join(rubrics, 'bad.yaml'),
			fs.readFileSync('rubrics/ml-coding.yaml', 'utf8').replace('weight: 3', 'weight: heavy')
		);
		await expect(
			createPairboard({
				config: {
					port: 0,
					host: '127.0.0.1',
					dataDir: path.join(root, 'data'),
					problemsDir: 'problems',
					rubricsDir: rubrics
				}
			})
		).rejects.toThrow(/Rubric bad\.yaml: competencies\.0\.weight/);
	});
});

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

describe('privacy: the candidate receives none of it', () => {
	it('SCORE-9: while interviewers score, the candidate’s Socket.IO and Yjs connections and the recording carry no scorecard data', async () => {
		const { s, iv, ines } = await setup();
		const received: string[] = [];
		const cand = ioClient(s.url, {
			path: '/socket.io',
			auth: { interviewId: iv.id, token: iv.candidate },
			transports: ['websocket']
		});
		sockets.push(cand);
		cand.onAny((event, ...args) => received.push(JSON.stringify([event, args])));
		await new Promise((r) => cand.once('room:snapshot', r));
		const y = connectY(s.wsUrl, iv.id, iv.candidate);
		ys.push(y);
		await waitSynced(y);

		await call(
			s,
			'PUT',
			`/api/interviews/${iv.id}/scorecards/draft`,
			{ token: iv.interviewer },
			{ ratings: { problem_solving: { level: 4, notes: [nowNote('p', LEAK)] } } }
		);
		await call(s, 'POST', `/api/interviews/${iv.id}/scorecards/pin`, { token: iv.interviewer });
		await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer }, card(4, 'strong-hire'));
		await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer2 }, card(1, 'strong-no-hire'));
		await call(s, 'GET', `/api/interviews/${iv.id}/scorecards/${ines.id}`, { token: iv.interviewer2 });

		// A marker the candidate receives after everything above: the interviewer ends the interview.
		const ended = nextRoomEvent(cand, 'interview:end');
		const intv = ioClient(s.url, {
			path: '/socket.io',
			auth: { interviewId: iv.id, token: iv.interviewer },
			transports: ['websocket']
		});
		sockets.push(intv);
		await new Promise((r) => intv.once('room:snapshot', r));
		await intv.emitWithAck('interview:end', {});
		await ended;

		const all =
			received.join('\n') +
			Buffer.from(Y.encodeStateAsUpdate(y.doc)).toString('latin1') +
			JSON.stringify(y.doc.getMap('files').toJSON());
		for (const secret of [
			LEAK,
			'strong-hire',
			'strong-no-hire',
			'problem_solving',
			'ml-coding',
			'scorecard',
			'rubric'
		]) {
			expect(all).not.toContain(secret);
		}
		const recording = await call(s, 'GET', `/api/interviews/${iv.id}/recording`, { admin: true });
		for (const secret of [LEAK, 'strong-hire', 'problem_solving', 'scorecard'])
			expect(recording.text).not.toContain(secret);
	});
});
