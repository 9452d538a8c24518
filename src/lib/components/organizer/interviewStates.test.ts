import { describe, expect, it } from 'vitest';
import type { OrganizerInterview } from '$lib/shared/organizer';
import { personLabel, stateDetail } from './interviewStates';

const base: OrganizerInterview = {
	id: 'a',
	title: 'T',
	candidateName: 'Casey',
	createdAt: 0,
	endedAt: null,
	mode: 'live',
	state: 'waiting',
	startedAt: null,
	deadline: null,
	problems: [],
	people: [],
	present: [],
	loops: []
};
const when = (t: number) => `t${t}`;
const ines = { id: 'i', name: 'Ines Interviewer', role: 'interviewer' as const };

describe('the list’s state sentences', () => {
	it.each([
		[{ state: 'waiting' }, null],
		[{ state: 'waiting', mode: 'take-home' }, 'The candidate has not started yet'],
		[{ state: 'live', present: [ines] }, null],
		[{ state: 'take-home', mode: 'take-home', deadline: 5 }, 'Time runs out at t5'],
		[{ state: 'ended', endedAt: 7 }, 'Ended t7'],
		[{ state: 'ended', mode: 'take-home', deadline: 5 }, 'Its time ran out']
	] as [Partial<OrganizerInterview>, string | null][])('%o → %s', (over, sentence) => {
		expect(stateDetail({ ...base, ...over }, when)).toBe(sentence);
	});

	it('a person’s label keeps the space between name and role', () => {
		expect(personLabel(ines)).toBe('Ines Interviewer (interviewer)');
	});
});
