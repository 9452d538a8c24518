import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import DebriefInterview from './DebriefInterview.svelte';
import type { DebriefInterview as Interview } from '$lib/shared/debrief';
import type { ScorecardVersion } from '$lib/shared/scorecard';

const card = (version: number): ScorecardVersion => ({
	interviewId: 'iv-1',
	interviewer: { id: 'p-ines', name: 'Ines Interviewer' },
	version,
	ratings: { coding: { level: 3, notes: [] } } as unknown as ScorecardVersion['ratings'],
	recommendation: 'hire',
	confidence: 'high',
	reason: version > 1 ? 'Watched the replay again' : null,
	afterSeeingOthers: false,
	submittedAt: 1_000 + version,
	weightedScore: 3
});

const interview: Interview = {
	id: 'iv-1',
	title: 'Coding',
	startedAt: 0,
	rubric: { id: 'r', title: 'Rubric' },
	interviewers: [{ id: 'p-ines', name: 'Ines Interviewer', submitted: true }],
	scorecards: [card(2)],
	history: [card(1), card(2)],
	disagreements: { competencies: [], recommendation: false }
};

describe('DebriefInterview', () => {
	it('names an amended scorecard "Ines Interviewer v2", with the space a reader hears', () => {
		const { body } = render(DebriefInterview, {
			props: {
				interview,
				competencies: [{ id: 'coding', name: 'Coding', weightByInterview: { 'iv-1': 1 } }],
				replayToken: '',
				loopId: 'loop-1'
			}
		});
		const header = body.match(/data-testid="scorecard-column"[^>]*>([\s\S]*?)<\/th>/)?.[1] ?? '';
		expect(header.replace(/<[^>]+>/g, '').replace(/<!--.*?-->/g, '')).toContain('Ines Interviewer v2');
	});
});
