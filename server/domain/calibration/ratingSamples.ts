import type { Recommendation } from '../../../src/lib/shared/rubric.js';
import type { Rating } from '../../../src/lib/shared/scorecard.js';
import type { InterviewService } from '../InterviewService.js';
import type { ScorecardStore } from '../ports.js';
import { latestPerInterviewer } from '../ScorecardService.js';
import type { InterviewRecord } from '../types.js';

/** One interview scored by several people at one moment: a live interview, or a calibration round of it. */
export interface Sample {
	interviewId: string;
	/** When it counts (the end of the live interview, the reveal of the round). */
	at: number;
	/** `who`: the person (their participant id for a link that has none). */
	cards: { who: string; name: string; ratings: Record<string, Rating>; recommendation: Recommendation }[];
}

/** A live interview's latest scorecards, one per interviewer, as a sample (CAL-10). */
export async function liveSamples(
	deps: { interviews: InterviewService; scorecards: Pick<ScorecardStore, 'listVersions'> },
	iv: InterviewRecord
): Promise<Sample> {
	const [versions, participants] = await Promise.all([
		deps.scorecards.listVersions(iv.id),
		deps.interviews.participantsOf(iv.id)
	]);
	return {
		interviewId: iv.id,
		at: iv.endedAt ?? iv.createdAt,
		cards: latestPerInterviewer(versions).map((v) => {
			const p = participants.find((x) => x.id === v.participantId);
			return {
				who: p?.personId ?? v.participantId,
				name: p?.name ?? 'Unknown interviewer',
				ratings: v.ratings,
				recommendation: v.recommendation
			};
		})
	};
}

/** The calendar month (UTC) of a time: `2026-11` and its [from, to). */
export function monthOf(t: number): { period: string; from: number; to: number } {
	const d = new Date(t);
	const from = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
	const to = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
	return { period: new Date(from).toISOString().slice(0, 7), from, to };
}
