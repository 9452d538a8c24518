import { describe, expect, it } from 'vitest';
import type { SessionView } from '$lib/shared/protocol';
import type { RoomClient, RoomState } from './RoomClient';
import { formatRemaining, roomPhase, type PhaseInputs } from './roomPhase';

const session = (over: Partial<SessionView> = {}): SessionView =>
	({
		waiting: null,
		consent: { required: false, acceptedAt: 1, retentionDays: null },
		...over
	}) as SessionView;
const client = {} as RoomClient;
const room = {} as RoomState;
const base: PhaseInputs = { fatal: null, session: null, client: null, room: null, ended: false, mayStart: false };

describe('roomPhase', () => {
	it('an error in words wins over everything', () => {
		expect(roomPhase({ ...base, fatal: 'This link has no access token.', session: session(), client, room })).toEqual({
			name: 'error',
			message: 'This link has no access token.'
		});
	});

	it('loading until the session arrives, then connecting until the room state does', () => {
		expect(roomPhase(base).name).toBe('loading');
		expect(roomPhase({ ...base, session: session() }).name).toBe('connecting');
		expect(roomPhase({ ...base, session: session(), client }).name).toBe('connecting');
	});

	it('CONSENT-1: the notice comes before the take-home start page', () => {
		const s = session({ consent: { required: true, acceptedAt: null, retentionDays: null } });
		expect(roomPhase({ ...base, session: s, mayStart: true }).name).toBe('consent');
	});

	it('TAKE-1: the candidate gets the start page; others wait, with the reason', () => {
		expect(roomPhase({ ...base, session: session(), mayStart: true }).name).toBe('take-home-start');
		expect(roomPhase({ ...base, session: session({ waiting: 'The take-home has not started.' }) })).toMatchObject({
			name: 'waiting',
			reason: 'The take-home has not started.'
		});
	});

	it('in the room: live, or ended once the interview is over', () => {
		const s = session();
		expect(roomPhase({ ...base, session: s, client, room })).toEqual({ name: 'live', session: s, client, room });
		expect(roomPhase({ ...base, session: s, client, room, ended: true }).name).toBe('ended');
	});
});

describe('formatRemaining', () => {
	it.each([
		[0, '00:00'],
		[59_999, '00:59'],
		[5 * 60_000 + 7_000, '05:07'],
		[3_600_000 + 62_000, '1:01:02']
	])('%d ms reads %s', (ms, text) => {
		expect(formatRemaining(ms)).toBe(text);
	});
});
