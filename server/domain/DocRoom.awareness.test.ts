import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MESSAGE_QUERY_AWARENESS } from './DocRoom.js';
import { InterviewHarness, PEOPLE, awarenessFrame } from '../testing/docRoomHarness.js';

const harness = new InterviewHarness();
const interview = () => harness.interview();
afterEach(() => harness.closeOpen());
afterAll(() => harness.close());

describe('DocRoom awareness', () => {
	it.each<[string, unknown]>([
		['claims another name', { user: { id: 'p-intv', name: 'Ivan', role: 'interviewer' }, cursor: { anchor: 3 } }],
		['sends a user that is a string', { user: 'Ivan', cursor: { anchor: 3 } }],
		['sends no user', { cursor: { anchor: 3 } }]
	])("the server writes `user` from the connection's participant when a client %s", async (_what, state) => {
		const iv = interview();
		const room = await iv.open();
		const cara = await iv.connect(room, 'candidate');
		const watcher = await iv.connect(room, 'observer');

		await iv.send(room, cara, awarenessFrame([{ clientId: 1001, clock: 1, json: JSON.stringify(state) }]));

		const expected = { user: PEOPLE.candidate, cursor: { anchor: 3 } };
		expect(room.awareness.getStates().get(1001)).toEqual(expected);
		expect(watcher.received('awareness').at(-1)?.states).toEqual([{ clientId: 1001, clock: 1, state: expected }]);
	});

	it('relays a presence change to the other connections, not back to the one that sent it', async () => {
		// Its client would only drop it (same clock): at 300 rooms those echoes were a third of all writes.
		const iv = interview();
		const room = await iv.open();
		const cara = await iv.connect(room, 'candidate');
		const ivan = await iv.connect(room, 'interviewer');
		const obs = await iv.connect(room, 'observer');
		const before = cara.received('awareness').length;
		await iv.send(room, cara, awarenessFrame([{ clientId: 1001, clock: 1, json: '{"cursor":4}' }]));
		for (const other of [ivan, obs]) {
			expect(other.received('awareness').at(-1)?.states).toEqual([
				{ clientId: 1001, clock: 1, state: { cursor: 4, user: PEOPLE.candidate } }
			]);
		}
		expect(cara.received('awareness').length).toBe(before);
		// Its leaving still reaches everyone left.
		room.leave(cara);
		expect(ivan.received('awareness').at(-1)?.states).toMatchObject([{ clientId: 1001, state: null }]);
	});

	it('ignores an entry for a client id another connection owns, and accepts the rest', async () => {
		const iv = interview();
		const room = await iv.open();
		const cara = await iv.connect(room, 'candidate');
		const ivan = await iv.connect(room, 'interviewer');
		await iv.send(room, cara, awarenessFrame([{ clientId: 1001, clock: 1, json: '{"cursor":1}' }]));

		await iv.send(
			room,
			ivan,
			awarenessFrame([
				{ clientId: 1001, clock: 9, json: '{"cursor":"hijacked"}' },
				{ clientId: 2002, clock: 1, json: '{"cursor":2}' }
			])
		);

		expect(room.awareness.getStates().get(1001)).toEqual({ cursor: 1, user: PEOPLE.candidate });
		expect(room.awareness.getStates().get(2002)).toEqual({ cursor: 2, user: PEOPLE.interviewer });
		expect(
			cara
				.received('awareness')
				.at(-1)
				?.states.map((s) => s.clientId)
		).toEqual([2002]);
	});

	it("sends the known states to a newcomer, and removes a leaver's states for everyone", async () => {
		const iv = interview();
		const room = await iv.open();
		const cara = await iv.connect(room, 'candidate');
		await iv.send(room, cara, awarenessFrame([{ clientId: 1001, clock: 1, json: '{}' }]));
		const late = await iv.connect(room, 'observer');
		expect(late.received('awareness')[0].states).toEqual([
			{ clientId: 1001, clock: 1, state: { user: PEOPLE.candidate } }
		]);

		room.leave(cara);

		expect(room.awareness.getStates().has(1001)).toBe(false);
		expect(late.received('awareness').at(-1)?.states).toMatchObject([{ clientId: 1001, state: null }]);
	});

	it('answers a query with every known state', async () => {
		const iv = interview();
		const room = await iv.open();
		const cara = await iv.connect(room, 'candidate');
		await iv.send(room, cara, awarenessFrame([{ clientId: 1001, clock: 1, json: '{}' }]));
		const obs = await iv.connect(room, 'observer');
		const before = obs.received('awareness').length;
		await iv.send(room, obs, new Uint8Array([MESSAGE_QUERY_AWARENESS]));
		expect(obs.received('awareness').slice(before)).toEqual([
			{ kind: 'awareness', states: [{ clientId: 1001, clock: 1, state: { user: PEOPLE.candidate } }] }
		]);
	});

	it.each<[string, 'candidate' | 'interviewer', unknown, unknown]>([
		[
			'keeps an interviewer presenting',
			'interviewer',
			{ tab: 'code', following: null, presenting: true },
			{ tab: 'code', following: null, presenting: true }
		],
		[
			'clears presenting for a candidate',
			'candidate',
			{ tab: 'design', following: 'p-intv', presenting: true },
			{ tab: 'design', following: 'p-intv', presenting: false }
		],
		['drops a malformed follow field', 'candidate', { tab: 'rubric', following: 7, presenting: 'yes' }, undefined]
	])('FOLLOW-1: the server %s', async (_what, role, follow, expected) => {
		const iv = interview();
		const room = await iv.open();
		const conn = await iv.connect(room, role);
		const watcher = await iv.connect(room, 'observer');

		await iv.send(
			room,
			conn,
			awarenessFrame([{ clientId: 3003, clock: 1, json: JSON.stringify({ follow, cursor: 1 }) }])
		);

		const state = room.awareness.getStates().get(3003) as Record<string, unknown>;
		expect(state.follow).toEqual(expected);
		expect(state.cursor).toBe(1);
		expect(watcher.received('awareness').at(-1)?.states[0].state).toEqual(state);
	});
});
