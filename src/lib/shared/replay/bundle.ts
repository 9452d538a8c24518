/** What the replay API answers (GET /api/interviews/{id}/replay) and accepts. */
import { z } from 'zod';
import type { DocName, InterviewMode, ParticipantView } from '../protocol.js';

/** `rater`: a calibration rater's link (issue 14), anonymised when its session is blind. */
export type ReplayViewerKind = 'organizer' | 'interviewer' | 'reviewer' | 'rater';

export interface ReplayBundle {
	interview: {
		id: string;
		title: string;
		/** "Candidate" on an anonymised link (REPLAY-7). */
		candidateName: string;
		problems: { id: string; title: string }[];
		createdAt: number;
		startedAt: number | null;
		endedAt: number | null;
		mode: InterviewMode;
		consentedAt: number | null;
	};
	participants: ParticipantView[];
	viewer: { kind: ReplayViewerKind; name: string; anonymised: boolean };
	/** Checkpoints the log endpoint's companion serves (`/replay/checkpoints`). */
	checkpoints: { doc: DocName; seq: number }[];
}

export const ReviewerLinkSchema = z.object({ anonymised: z.boolean().default(false) });
export type ReviewerLinkInput = z.input<typeof ReviewerLinkSchema>;

export interface ReviewerLinkReply {
	url: string;
	anonymised: boolean;
}

export interface InterviewSummary {
	id: string;
	title: string;
	candidateName: string;
	createdAt: number;
	endedAt: number | null;
	mode: InterviewMode;
}

/** The placeholder for the candidate's name on anonymised links. */
export const ANONYMOUS_CANDIDATE = 'Candidate';
