import { describe, expect, it } from 'vitest';
import { followersByLeader, leaderFor, presenterOf, readPeers, sanitizeFollow, type FollowState } from './follow';

const idle: FollowState = { tab: 'code', following: null, presenting: false };
const peers = (entries: Record<string, Partial<FollowState>>) =>
	new Map(Object.entries(entries).map(([id, f]) => [id, { ...idle, ...f }]));

describe('follow mode', () => {
	it('reads one follow state per participant from awareness states, skipping malformed ones', () => {
		const read = readPeers([
			{ user: { id: 'a' }, follow: idle },
			{ user: { id: 'b' }, follow: { tab: 'nope' } },
			{ user: { id: 'c' } },
			null,
			{ follow: idle },
			// a's second tab presents: that one counts, whichever comes first
			{ user: { id: 'a' }, follow: { ...idle, presenting: true } },
			{ user: { id: 'a' }, follow: idle }
		]);
		expect([...read.keys()]).toEqual(['a']);
		expect(read.get('a')?.presenting).toBe(true);
	});

	it.each<
		[string, { chosen: string | null; dismissed: string | null }, Record<string, Partial<FollowState>>, string | null]
	>([
		['nobody chosen, nobody presenting', { chosen: null, dismissed: null }, { me: {}, b: {} }, null],
		['their own choice', { chosen: 'b', dismissed: null }, { me: {}, b: {} }, 'b'],
		['a choice that left the room', { chosen: 'gone', dismissed: null }, { me: {}, b: {} }, null],
		['the presenter', { chosen: null, dismissed: null }, { me: {}, b: { presenting: true } }, 'b'],
		[
			'their choice over the presenter',
			{ chosen: 'c', dismissed: null },
			{ me: {}, b: { presenting: true }, c: {} },
			'c'
		],
		['not a presentation they stopped', { chosen: null, dismissed: 'b' }, { me: {}, b: { presenting: true } }, null],
		['never themselves', { chosen: 'me', dismissed: null }, { me: { presenting: true } }, null]
	])('a person follows %s', (_what, choice, room, expected) => {
		expect(leaderFor('me', choice, peers(room))).toBe(expected);
	});

	it('every page agrees on one presenter', () => {
		expect(presenterOf(peers({ z: { presenting: true }, a: { presenting: true }, m: {} }))).toBe('a');
		expect(presenterOf(peers({ m: {} }))).toBeNull();
	});

	it('groups followers by leader, ignoring someone who left', () => {
		const got = followersByLeader(
			peers({ a: {}, b: { following: 'a' }, c: { following: 'a' }, d: { following: 'gone' } })
		);
		expect(Object.fromEntries(got)).toEqual({ a: ['b', 'c'] });
	});

	it('FOLLOW-1: only an interviewer presents; a malformed field is dropped', () => {
		const presenting = { ...idle, presenting: true };
		expect(sanitizeFollow(presenting, 'interviewer')).toEqual(presenting);
		expect(sanitizeFollow(presenting, 'candidate')).toEqual(idle);
		expect(sanitizeFollow(presenting, 'observer')).toEqual(idle);
		expect(sanitizeFollow({ ...idle, following: 'x'.repeat(65) }, 'interviewer')).toBeNull();
		expect(sanitizeFollow('code', 'interviewer')).toBeNull();
	});
});
