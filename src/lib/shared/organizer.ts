/** The organizer's list of interviews: states, the search and its reply, shared by server and page. */
import { z } from 'zod';
import { deadlineOf, isInterviewOver } from './permissions.js';
import type { InterviewMode, Role } from './protocol.js';
import type { InterviewSummary } from './replay/bundle.js';

/**
 * ORG-1. `waiting`: nobody is in a live room yet (or any more), or a take-home the candidate has
 * not started; `live`: someone is in a live room now; `take-home`: the candidate's clock is
 * running; `ended`: ended, or past the take-home's deadline.
 */
export const INTERVIEW_STATES = ['waiting', 'live', 'take-home', 'ended'] as const;
export type InterviewState = (typeof INTERVIEW_STATES)[number];

export function interviewStateOf(
	iv: { mode: InterviewMode; endedAt: number | null; startedAt: number | null; timeBoxMinutes: number | null },
	presentCount: number,
	now: number
): InterviewState {
	if (isInterviewOver({ endedAt: iv.endedAt, deadline: deadlineOf(iv) }, now)) return 'ended';
	if (iv.mode === 'take-home') return iv.startedAt === null ? 'waiting' : 'take-home';
	return presentCount > 0 ? 'live' : 'waiting';
}

/** Ids are base64url (server/app.ts); anything else in a path is refused before it reaches the domain. */
export const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a valid id');

/** Most interviews one answer holds. */
export const MAX_LIST_LIMIT = 200;

/** `GET /api/interviews?q=&problem=&state=&limit=`: every field optional. */
export const InterviewListQuerySchema = z
	.object({
		/** Part of the candidate's name or of the title, any case (ASCII letters). */
		q: z.string().trim().max(80, 'is longer than 80 characters').optional(),
		problem: z.string().min(1).max(64).optional(),
		state: z.enum(INTERVIEW_STATES).optional(),
		limit: z.coerce
			.number()
			.int('must be a whole number')
			.min(1, 'must be at least 1')
			.max(MAX_LIST_LIMIT, `must be at most ${MAX_LIST_LIMIT}`)
			.default(50)
	})
	.strict();
export type InterviewListQuery = z.output<typeof InterviewListQuerySchema>;
export type InterviewListFilter = z.input<typeof InterviewListQuerySchema>;

export interface PersonSummary {
	id: string;
	name: string;
	role: Role;
}

/** One row of the organizer's list: the summary the replay tests know, and what the list adds. */
export interface OrganizerInterview extends InterviewSummary {
	state: InterviewState;
	startedAt: number | null;
	/** A started take-home's end of time; null otherwise. */
	deadline: number | null;
	problems: { id: string; title: string }[];
	/** Everyone with a link, in the order they were created (candidate first). */
	people: PersonSummary[];
	/** Who has the room open now (on this server process). */
	present: PersonSummary[];
	/** Loops holding the interview; their debrief is `/debrief/{id}`. */
	loops: { id: string; title: string }[];
}

/** `POST /api/interviews/{id}/participants/{participantId}/link`: the fresh link, shown once. */
export interface RenewedLinkReply {
	person: PersonSummary;
	url: string;
}

/** Told to a page whose link the organizer replaced (its sockets are then closed). */
export const LINK_REPLACED_REASON = 'This link was replaced by the organizer: ask them for your new link';
