import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CreateInterviewInput } from '../../src/lib/shared/api.js';
import { PROTOCOL_VERSION, type Role, type SessionView } from '../../src/lib/shared/protocol.js';
import { ObservedStore } from '../testing/ObservedStore.js';
import { DomainError } from './errors.js';
import { InterviewService, type CreatedInterview, type ProblemCatalog } from './InterviewService.js';
import type { Problem } from './types.js';

const PROBLEMS: Problem[] = ['moving-average', 'softmax'].map((id) => ({
	id,
	title: `Title of ${id}`,
	kind: 'python',
	statement: `Statement of ${id}`,
	tests: `# visible tests of ${id}`,
	starter: `# starter of ${id}`,
	timeBoxMinutes: 30,
	competencies: ['correctness'],
	packages: id === 'softmax' ? ['numpy'] : [],
	scene: null
}));
const catalog: ProblemCatalog = {
	get: (id) => PROBLEMS.find((p) => p.id === id),
	getPrivate: (id) =>
		PROBLEMS.some((p) => p.id === id)
			? {
					id,
					solution: `# solution of ${id}`,
					hiddenTests: `# hidden tests of ${id}`,
					interviewerNotes: `notes on ${id}`
				}
			: undefined,
	list: () => PROBLEMS
};

const INPUT: CreateInterviewInput = {
	title: 'Backend loop',
	candidate: { name: 'Cara' },
	problems: ['moving-average', 'softmax'],
	interviewers: [{ name: 'Ivan' }, { name: 'Iris' }],
	observers: [{ name: 'Olga' }]
};

/** A stand-in for SHA-256 that, like it, never contains the token it hashes. */
const hashToken = (token: string) => `hash:${[...token].reverse().join('')}`;

let store: ObservedStore;
let now: number;
/** How far the clock moves on each reading; 0 keeps it fixed. */
let step: number;
let service: InterviewService;
beforeEach(() => {
	store = new ObservedStore();
	now = 1_000;
	step = 0;
	let ids = 0;
	let tokens = 0;
	service = new InterviewService({
		store,
		problems: catalog,
		clock: {
			now: () => {
				const t = now;
				now += step;
				return t;
			}
		},
		newId: () => `id-${++ids}`,
		newToken: () => `token-${++tokens}`,
		hashToken
	});
});
afterEach(() => store.close());

function tokenOf(created: CreatedInterview, role: Role): string {
	if (role === 'candidate') return created.candidate.token;
	return role === 'interviewer' ? created.interviewers[0].token : created.observers[0].token;
}

async function as(role: Role, created?: CreatedInterview) {
	const iv = created ?? (await service.create(INPUT));
	return service.authenticate(iv.id, tokenOf(iv, role));
}

describe('InterviewService.create', () => {
	it('stores the interview with the fixed clock and ids, and hands out one token per person', async () => {
		const created = await service.create(INPUT);
		expect(created).toEqual({
			id: 'id-1',
			candidate: { name: 'Cara', token: 'token-1' },
			interviewers: [
				// No people service here: the links name no person (PEOPLE-1 is tested in PeopleService.test.ts).
				{ name: 'Ivan', token: 'token-2', personId: null },
				{ name: 'Iris', token: 'token-3', personId: null }
			],
			observers: [{ name: 'Olga', token: 'token-4' }]
		});
		expect(await store.getInterview('id-1')).toEqual({
			id: 'id-1',
			title: 'Backend loop',
			candidateName: 'Cara',
			problemIds: ['moving-average', 'softmax'],
			rubricId: null,
			createdAt: 1_000,
			endedAt: null,
			mode: 'live',
			timeBoxMinutes: null,
			startedAt: null
		});
	});

	it('stores tokens only as hashes', async () => {
		const created = await service.create(INPUT);
		const stored = JSON.stringify(store.created);
		for (const t of ['token-1', 'token-2', 'token-3', 'token-4']) expect(stored).not.toContain(t);
		const roles = await Promise.all(
			[created.candidate, ...created.interviewers, ...created.observers].map(
				async (p) => (await store.findParticipantByTokenHash(hashToken(p.token)))?.role
			)
		);
		expect(roles).toEqual(['candidate', 'interviewer', 'interviewer', 'observer']);
	});

	it.each<[string[], string]>([
		[['nope'], 'problems[0]'],
		[['moving-average', 'nope'], 'problems[1]'],
		[['softmax', 'moving-average', ''], 'problems[2]']
	])('refuses problems %j naming the field %s, and stores nothing', async (problems, field) => {
		const err = await service.create({ ...INPUT, problems }).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(DomainError);
		expect(err).toMatchObject({ code: 'invalid', field });
		expect(store.created).toEqual([]);
	});

	it('keeps each problem once, in the order first given', async () => {
		const { id } = await service.create({ ...INPUT, problems: ['softmax', 'moving-average', 'softmax'] });
		expect((await store.getInterview(id))?.problemIds).toEqual(['softmax', 'moving-average']);
	});
});

describe('InterviewService.authenticate', () => {
	it.each<[string, string, (a: CreatedInterview, b: CreatedInterview) => [string, string | null | undefined]]>([
		['an unknown interview, even with a valid token', 'not_found', (a) => ['no-such-id', a.candidate.token]],
		['an unknown interview without a token', 'not_found', () => ['no-such-id', undefined]],
		['no token', 'unauthorized', (a) => [a.id, undefined]],
		['a null token', 'unauthorized', (a) => [a.id, null]],
		['an empty token', 'unauthorized', (a) => [a.id, '']],
		['a token nobody holds', 'unauthorized', (a) => [a.id, 'token-999']],
		["another interview's token", 'unauthorized', (a, b) => [a.id, b.interviewers[0].token]],
		['a token hash instead of the token', 'unauthorized', (a) => [a.id, hashToken(a.candidate.token)]]
	])('refuses %s: %s', async (_what, code, pick) => {
		const a = await service.create(INPUT);
		const b = await service.create(INPUT);
		const [id, token] = pick(a, b);
		await expect(service.authenticate(id, token)).rejects.toMatchObject({ name: 'DomainError', code });
	});

	it.each<Role>(['candidate', 'interviewer', 'observer'])("accepts the %s's own token", async (role) => {
		const created = await service.create(INPUT);
		const { interview, participant } = await as(role, created);
		expect(interview.id).toBe(created.id);
		expect(participant).toMatchObject({ interviewId: created.id, role });
	});
});

describe('InterviewService.sessionView', () => {
	it.each<[Role, boolean, SessionView['can']]>([
		['candidate', false, { edit: true, run: true, end: false, runHiddenTests: false, seePrivate: false, start: false }],
		['interviewer', false, { edit: true, run: true, end: true, runHiddenTests: true, seePrivate: true, start: false }],
		[
			'observer',
			false,
			{ edit: false, run: false, end: false, runHiddenTests: false, seePrivate: false, start: false }
		],
		[
			'candidate',
			true,
			{ edit: false, run: false, end: false, runHiddenTests: false, seePrivate: false, start: false }
		],
		// ROLE-5: interviewers still run and test the final code after the end.
		['interviewer', true, { edit: false, run: true, end: false, runHiddenTests: true, seePrivate: true, start: false }],
		['observer', true, { edit: false, run: false, end: false, runHiddenTests: false, seePrivate: false, start: false }]
	])('ROLE-1, ROLE-3, ROLE-4, ROLE-5: the %s (ended: %s) can %j', async (role, ended, can) => {
		const created = await service.create(INPUT);
		if (ended) await service.end(await as('interviewer', created));
		const view = service.sessionView(await as(role, created));
		expect(view.can).toEqual(can);
		expect(view.interview.endedAt).toBe(ended ? 1_000 : null);
		expect(view.me.role).toBe(role);
		expect(view.protocolVersion).toBe(PROTOCOL_VERSION);
	});

	it("shows each problem's statement and visible tests but not its starter", async () => {
		const view = service.sessionView(await as('candidate'));
		expect(view.interview.problems).toEqual(
			PROBLEMS.map(({ id, title, kind, statement, tests, timeBoxMinutes, packages, scene }) => ({
				id,
				title,
				kind,
				statement,
				tests,
				timeBoxMinutes,
				packages,
				scene
			}))
		);
		expect(JSON.stringify(view)).not.toContain('# starter');
	});

	it.each<[Role, boolean]>([
		['candidate', false],
		['observer', false],
		['interviewer', true]
	])('PRIV-1: the %s gets solutions, hidden tests and notes: %s', async (role, allowed) => {
		const p = await as(role);
		if (!allowed) {
			expect(() => service.privateView(p)).toThrow(expect.objectContaining({ code: 'forbidden' }));
			return;
		}
		const view = service.privateView(p);
		expect(view.map((v) => v.id)).toEqual(['moving-average', 'softmax']);
		expect(view[0]).toEqual({
			id: 'moving-average',
			solution: '# solution of moving-average',
			hiddenTests: '# hidden tests of moving-average',
			interviewerNotes: 'notes on moving-average'
		});
	});
});

describe('InterviewService.end', () => {
	it.each<[Role, boolean]>([
		['candidate', false],
		['observer', false],
		['interviewer', true]
	])('ROLE-3: the %s may read the recording: %s', async (role, allowed) => {
		const p = await as(role);
		if (allowed) expect(() => service.assertCanReadRecording(p)).not.toThrow();
		else expect(() => service.assertCanReadRecording(p)).toThrow(expect.objectContaining({ code: 'forbidden' }));
	});

	it.each<Role>(['candidate', 'observer'])('ROLE-3: the %s cannot end the interview', async (role) => {
		const created = await service.create(INPUT);
		const listener = vi.fn();
		service.onEnded(listener);
		await expect(service.end(await as(role, created))).rejects.toMatchObject({ code: 'forbidden' });
		expect((await store.getInterview(created.id))?.endedAt).toBeNull();
		expect(listener).not.toHaveBeenCalled();
	});

	it('ROLE-3: an interviewer ends it once; ending again keeps the first time and tells no one', async () => {
		const created = await service.create(INPUT);
		const listener = vi.fn();
		service.onEnded(listener);
		now = 5_000;
		expect(await service.end(await as('interviewer', created))).toBe(5_000);
		now = 9_000;
		const second = created.interviewers[1].token;
		expect(await service.end(await service.authenticate(created.id, second))).toBe(5_000);
		expect((await store.getInterview(created.id))?.endedAt).toBe(5_000);
		expect(listener).toHaveBeenCalledExactlyOnceWith(
			created.id,
			5_000,
			expect.objectContaining({ interview: expect.anything() })
		);
	});

	it('ROLE-3: two interviewers ending at the same moment get the same, stored, end time', async () => {
		const created = await service.create(INPUT);
		const listener = vi.fn();
		service.onEnded(listener);
		const ivan = await as('interviewer', created);
		const iris = await service.authenticate(created.id, created.interviewers[1].token);
		now = 5_000;
		step = 1_000;

		// Both calls are in flight together, as when two interviewers press End at once.
		const [a, b] = await Promise.all([service.end(ivan), service.end(iris)]);

		const stored = (await store.getInterview(created.id))?.endedAt;
		expect([a, b]).toEqual([stored, stored]);
		expect(listener).toHaveBeenCalledOnce();
	});

	it('requireInterview: not_found for an unknown id', async () => {
		await expect(service.requireInterview('nope')).rejects.toMatchObject({ code: 'not_found' });
	});
});

describe('take-home mode', () => {
	const TAKE_HOME: CreateInterviewInput = { ...INPUT, mode: 'take-home' };
	/** CONSENT-1: the candidate has accepted the recording notice. */
	const consented = async (created: Promise<CreatedInterview>) => {
		const c = await created;
		await store.markConsented(c.id, 500);
		return c;
	};

	it('the time box defaults to the sum of the problems’ time boxes', async () => {
		const created = await consented(service.create(TAKE_HOME));
		expect((await store.getInterview(created.id))?.timeBoxMinutes).toBe(60);
		const custom = await consented(service.create({ ...TAKE_HOME, timeBoxMinutes: 45 }));
		expect((await store.getInterview(custom.id))?.timeBoxMinutes).toBe(45);
		const live = await service.create(INPUT);
		expect((await store.getInterview(live.id))?.timeBoxMinutes).toBeNull();
	});

	it('TAKE-1: nobody enters before the candidate starts; interviewers only once it has ended', async () => {
		const created = await consented(service.create(TAKE_HOME));
		const cand = await as('candidate', created);
		expect(service.waitingReason(cand)).toMatch(/Start the take-home/);
		expect(service.sessionView(cand).can.start).toBe(true);
		for (const role of ['interviewer', 'observer'] as const) {
			expect(() => service.assertMayEnterRoom(cand)).toThrow(expect.objectContaining({ code: 'forbidden' }));
			const p = await as(role, created);
			expect(() => service.assertMayEnterRoom(p)).toThrow(expect.objectContaining({ code: 'forbidden' }));
		}
		now = 2_000;
		await service.start(cand);
		const started = await as('candidate', created);
		expect(service.assertMayEnterRoom(started)).toBeUndefined();
		expect(service.sessionView(started).interview.deadline).toBe(2_000 + 60 * 60_000);
		const ivan = await as('interviewer', created);
		expect(service.waitingReason(ivan)).toMatch(/is working on this take-home/);
		await expect(service.start(ivan)).rejects.toMatchObject({ code: 'forbidden' });

		// TAKE-2: the candidate submits early.
		await service.end(started);
		const after = await as('interviewer', created);
		expect(service.assertMayEnterRoom(after)).toBeUndefined();
		expect(service.sessionView(after).can).toMatchObject({ edit: false, run: true, runHiddenTests: true });
		expect(service.sessionView(await as('candidate', created)).can).toMatchObject({ edit: false, run: false });
	});

	it('TAKE-3: the time running out closes it, and the sweep records the end at the deadline once', async () => {
		const created = await consented(service.create(TAKE_HOME));
		now = 10_000;
		await service.start(await as('candidate', created));
		const listener = vi.fn();
		service.onEnded(listener);
		now = 10_000 + 60 * 60_000 - 1;
		expect(await service.endExpired()).toBe(0);
		expect(service.isOver((await store.getInterview(created.id))!)).toBe(false);
		now = 10_000 + 60 * 60_000;
		// Over at once, before any sweep marked it.
		expect(service.isOver((await store.getInterview(created.id))!)).toBe(true);
		expect(service.sessionView(await as('candidate', created)).can.edit).toBe(false);
		expect(await service.endExpired()).toBe(1);
		expect(await service.endExpired()).toBe(0);
		expect((await store.getInterview(created.id))?.endedAt).toBe(10_000 + 60 * 60_000);
		expect(listener).toHaveBeenCalledExactlyOnceWith(created.id, 10_000 + 60 * 60_000, null);
	});

	it('starting twice keeps the first start; a live interview cannot be started', async () => {
		const created = await consented(service.create(TAKE_HOME));
		now = 3_000;
		await service.start(await as('candidate', created));
		now = 9_000;
		expect((await service.start(await as('candidate', created))).startedAt).toBe(3_000);
		const live = await service.create(INPUT);
		await expect(service.start(await as('candidate', live))).rejects.toMatchObject({ code: 'conflict' });
	});
});
