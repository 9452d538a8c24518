import { beforeEach, describe, expect, it } from 'vitest';
import { ObservedStore } from '../../testing/ObservedStore.js';
import type { Stores } from '../ports.js';
import { PeopleService } from './PeopleService.js';

let stores: Stores;
let people: PeopleService;
let n: number;
beforeEach(() => {
	// The in-memory stores, through the testing module (the domain imports no storage).
	stores = new ObservedStore().stores;
	n = 0;
	people = new PeopleService({ store: stores.people, clock: { now: () => 1_000 }, newId: () => `id-${++n}` });
});

describe('PeopleService', () => {
	it('PEOPLE-1: a typed name is the person of that name (case and spacing aside), else a new person', async () => {
		const ada = await people.create({ name: 'Ada Lovelace' });
		const [a, b] = await people.resolve([{ name: '  ada   LOVELACE ' }, { name: 'Grace  Hopper' }], 'interviewers');
		expect(a).toEqual(await stores.people.getPerson(ada.id));
		expect(b).toMatchObject({ name: 'Grace Hopper', email: null });
		expect((await people.resolve([{ name: 'grace hopper' }], 'x'))[0].id).toBe(b.id);
	});

	it('PEOPLE-1: a list naming one person twice, or an unknown id, is refused and creates nobody', async () => {
		await expect(people.resolve([{ name: 'New One' }, { name: 'new one' }], 'raters')).rejects.toMatchObject({
			code: 'invalid',
			field: 'raters[1]'
		});
		await expect(people.resolve([{ name: 'New Two' }, { personId: 'nope' }], 'raters')).rejects.toMatchObject({
			field: 'raters[1].personId'
		});
		expect(await stores.people.listPeople()).toEqual([]);
	});

	it('PEOPLE-1: a name two people share is refused: pick one by id', async () => {
		await people.create({ name: 'Sam', email: 'sam1@example.com' });
		await people.create({ name: 'Sam', email: 'sam2@example.com' });
		await expect(people.resolve([{ name: 'sam' }], 'interviewers')).rejects.toThrow(/2 people are named "sam"/);
	});

	it('PEOPLE-2: the backfill gives each distinct interviewer name one person, once', async () => {
		await stores.interviews.createInterview(
			{
				id: 'iv',
				title: 'T',
				candidateName: 'C',
				problemIds: [],
				rubricId: null,
				createdAt: 1,
				endedAt: null,
				mode: 'live',
				timeBoxMinutes: null,
				startedAt: null
			},
			[
				{ id: 'a', interviewId: 'iv', name: 'Ines', role: 'interviewer', color: '#000', tokenHash: 'ha' },
				{ id: 'b', interviewId: 'iv', name: 'ines ', role: 'interviewer', color: '#000', tokenHash: 'hb' },
				{ id: 'c', interviewId: 'iv', name: 'Cara', role: 'candidate', color: '#000', tokenHash: 'hc' }
			]
		);
		expect(await people.backfill()).toBe(2);
		expect(await people.backfill()).toBe(0);
		const [ines] = await stores.people.listPeople();
		expect((await stores.people.participantsOfPerson(ines.id)).map((p) => p.id)).toEqual(['a', 'b']);
		expect(await stores.people.listPeople()).toHaveLength(1);
	});

	it('PEOPLE-3: a person named by a link is not deleted; an email is taken once', async () => {
		const p = await people.create({ name: 'Ada', email: 'ada@example.com' });
		await expect(people.create({ name: 'Other', email: 'ada@example.com' })).rejects.toMatchObject({
			code: 'conflict'
		});
		await stores.calibrations.createSession(
			{ id: 's', title: 'S', rubricId: 'r', blind: true, createdAt: 1 },
			[],
			[{ id: 'r1', sessionId: 's', personId: p.id, tokenHash: 'h', createdAt: 1 }],
			{ sessionId: 's', round: 1, openedAt: 1, revealedAt: null, revealedBy: null }
		);
		await expect(people.delete(p.id)).rejects.toThrow(/named by 1 calibration rater link/);
		await stores.calibrations.deleteSession('s');
		await people.delete(p.id);
		await expect(people.require(p.id)).rejects.toMatchObject({ code: 'not_found' });
	});
});
