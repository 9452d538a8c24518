/**
 * A team's past live interviews, straight into the stores: `interviews` ended interviews of the
 * ml-coding rubric spread over the last `days`, each scored by `perInterview` of `people`
 * interviewers (levels and recommendations from a seeded generator). What the reliability page
 * (CAL-10) reads; used by its load test and by bench:statistics.
 */
import { mulberry32 } from '../../src/lib/shared/agreement/prng.js';
import { RECOMMENDATIONS } from '../../src/lib/shared/rubric.js';
import type { Stores } from '../../server/domain/ports.js';

const COMPETENCIES = ['problem_solving', 'ml_fundamentals', 'code_quality', 'testing', 'communication'];
const DAY_MS = 24 * 3600 * 1000;

export interface ScoredHistoryOptions {
	interviews: number;
	people: number;
	perInterview?: number;
	days?: number;
	seed?: number;
	/** Ids start with it, so that two histories in one database do not collide. */
	prefix?: string;
}

export async function seedScoredHistory(stores: Stores, o: ScoredHistoryOptions): Promise<void> {
	const random = mulberry32(o.seed ?? 1);
	const prefix = o.prefix ?? 'hist';
	const perInterview = o.perInterview ?? 2;
	const days = o.days ?? 80;
	const now = Date.now();
	const people = Array.from({ length: o.people }, (_, i) => ({
		id: `${prefix}-person-${i}`,
		name: `Interviewer ${i}`,
		email: null,
		role: null,
		level: null,
		createdAt: now - (days + 1) * DAY_MS
	}));
	for (const p of people) await stores.people.createPerson(p);
	for (let i = 0; i < o.interviews; i++) {
		const id = `${prefix}-iv-${i}`;
		const endedAt = now - Math.floor(random() * days * DAY_MS);
		const panel = new Set<number>();
		while (panel.size < Math.min(perInterview, o.people)) panel.add(Math.floor(random() * o.people));
		const participants = [...panel].map((k, j) => ({
			id: `${id}-p${j}`,
			interviewId: id,
			name: people[k].name,
			role: 'interviewer' as const,
			color: '#1f77b4',
			tokenHash: `${id}-hash-${j}`,
			personId: people[k].id
		}));
		await stores.interviews.createInterview(
			{
				id,
				title: `Past interview ${i}`,
				candidateName: `Candidate ${i}`,
				problemIds: ['moving-average'],
				rubricId: 'ml-coding',
				createdAt: endedAt - 3600_000,
				endedAt,
				mode: 'live',
				timeBoxMinutes: null,
				startedAt: null
			},
			participants
		);
		for (const p of participants) {
			const level = () => (1 + Math.floor(random() * 4)) as 1 | 2 | 3 | 4;
			await stores.scorecards.appendVersion({
				interviewId: id,
				participantId: p.id,
				version: 1,
				ratings: Object.fromEntries(COMPETENCIES.map((c) => [c, { level: level(), notes: [] }])),
				recommendation: RECOMMENDATIONS[Math.floor(random() * RECOMMENDATIONS.length)],
				confidence: 'medium',
				reason: null,
				afterSeeingOthers: false,
				submittedAt: endedAt
			});
		}
	}
}
