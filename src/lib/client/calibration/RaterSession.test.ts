import { describe, expect, it } from 'vitest';
import type { RaterView } from '$lib/shared/calibration/calibrationApi';
import type { Rubric } from '$lib/shared/rubric';
import type { Draft, SubmitInput } from '$lib/shared/scorecard';
import type { Timers } from '$lib/client/rubric/DraftAutosave';
import { SAVE_DEBOUNCE_MS } from '$lib/client/rubric/DraftAutosave';
import { RaterSession } from './RaterSession.svelte';

const rubric: Rubric = {
	id: 'r',
	title: 'Rubric',
	defaultFor: [],
	competencies: ['coding', 'design'].map((id) => ({
		id,
		name: id,
		weight: 1,
		levels: ['a'.repeat(30), 'b'.repeat(30), 'c'.repeat(30), 'd'.repeat(30)]
	}))
};

function view(over: Partial<RaterView> = {}): RaterView {
	return {
		session: {
			id: 's1',
			title: 'Calibration',
			blind: true,
			rubric,
			interviews: [
				{
					id: 'iv1',
					title: 'Interview 1',
					problems: [],
					startedAt: 1000,
					endedAt: 9000,
					range: { from: 1000, to: 9000 }
				}
			],
			rounds: [{ round: 1, openedAt: 0, revealedAt: null, revealedBy: null }],
			currentRound: 1,
			state: 'scoring',
			createdAt: 0
		},
		me: { raterId: 'r1', personId: 'p1', name: 'Ana' },
		progress: [{ raterId: 'r1', name: 'Ana', submitted: [], done: false }],
		cards: [{ interviewId: 'iv1', draft: null, card: null, earlier: [] }],
		revealAvailable: false,
		...over
	};
}

class ManualTimers implements Timers {
	due: (() => void)[] = [];
	set(fn: () => void, ms: number) {
		expect(ms).toBe(SAVE_DEBOUNCE_MS);
		this.due.push(fn);
		return this.due.length;
	}
	clear() {}
	fire() {
		const fns = this.due.splice(0);
		fns.forEach((f) => f());
	}
}

function fakeApi(v: RaterView) {
	const drafts: Draft[] = [];
	const cards: SubmitInput[] = [];
	return {
		drafts,
		cards,
		view: async () => structuredClone(v),
		saveDraft: async (_id: string, d: Draft) => {
			drafts.push(d);
			return { savedAt: 5 };
		},
		submit: async (_id: string, c: SubmitInput) => {
			cards.push(c);
			return {} as never;
		}
	};
}

describe('RaterSession', () => {
	it('opens on the first interview with an empty card, and says why when the link is refused', async () => {
		const s = new RaterSession(fakeApi(view()));
		await s.refresh();
		expect(s.phase.name).toBe('ready');
		expect(s.current).toBe('iv1');
		expect(s.forms.iv1.ratings.coding).toEqual({ level: null, notes: [], pending: '' });

		const refused = new RaterSession({
			...fakeApi(view()),
			view: () => Promise.reject(new Error('This link has been revoked'))
		});
		await refused.refresh();
		expect(refused.phase).toEqual({ name: 'error', message: 'This link has been revoked' });
	});

	it('pins a typed note at the replay moment it is given, and saves the draft after the pause', async () => {
		const api = fakeApi(view());
		const timers = new ManualTimers();
		const s = new RaterSession(api, timers);
		await s.refresh();
		s.forms.iv1.ratings.coding.pending = 'Wrote the test first';
		expect(s.pin('coding', 4321.4)).toBe(true);
		expect(s.forms.iv1.ratings.coding.notes).toMatchObject([{ text: 'Wrote the test first', t: 4321 }]);
		expect(s.forms.iv1.ratings.coding.pending).toBe('');
		expect(s.pin('design', 5000)).toBe(false);

		s.changed('iv1');
		expect(api.drafts).toHaveLength(0);
		timers.fire();
		await Promise.resolve();
		expect(api.drafts.at(-1)?.ratings.coding.notes[0].t).toBe(4321);
	});

	it('refuses an incomplete card in words and submits a complete one', async () => {
		const api = fakeApi(view());
		const s = new RaterSession(api);
		await s.refresh();
		expect(await s.submit()).toBe(false);
		expect(s.problems.map((p) => p.message)).toContain('coding: choose a level, or mark it not assessed');
		expect(api.cards).toHaveLength(0);

		s.forms.iv1.ratings.coding.level = 3;
		s.forms.iv1.ratings.design.level = 'not-assessed';
		s.forms.iv1.recommendation = 'hire';
		s.forms.iv1.confidence = 'medium';
		expect(await s.submit()).toBe(true);
		expect(api.cards[0]).toMatchObject({ recommendation: 'hire', ratings: { coding: { level: 3 } } });
	});

	it('restores a saved draft and shows my card of the round before', async () => {
		const earlier = {
			sessionId: 's1',
			interviewId: 'iv1',
			raterId: 'r1',
			round: 1,
			ratings: {},
			recommendation: 'hire',
			confidence: 'low',
			submittedAt: 1,
			weightedScore: null
		} as const;
		const v = view({
			cards: [
				{
					interviewId: 'iv1',
					draft: {
						ratings: { coding: { level: 2, notes: [], pending: 'typing' } },
						recommendation: null,
						confidence: null,
						reason: '',
						savedAt: 7
					},
					card: null,
					earlier: [earlier]
				}
			]
		});
		const s = new RaterSession(fakeApi(v));
		await s.refresh();
		expect(s.forms.iv1.ratings.coding).toMatchObject({ level: 2, pending: 'typing' });
		expect(s.forms.iv1.ratings.design.level).toBeNull();
		expect(s.saveStatus.iv1).toEqual({ state: 'saved', at: 7 });
		expect(s.earlierCard?.recommendation).toBe('hire');
	});
});
