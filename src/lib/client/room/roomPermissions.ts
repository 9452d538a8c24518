import type { InterviewMode, Role } from '$lib/shared/protocol';

/**
 * Every decision the room page makes about what a person may do, in one place. The server
 * enforces the same rules (server/domain/roles.ts, ROLE-1..5, PRIV-1/2, PROB-1, TAKE-1..3);
 * the page only decides what to show. When the shared permission table lands in
 * src/lib/shared, this function becomes a call to it.
 */
export interface RoomPermissions {
	/** ROLE-1/4: change the code and the canvas. */
	edit: boolean;
	/** ROLE-5: run the code and the visible tests (interviewers still may after the end). */
	run: boolean;
	/** PRIV-2: run the hidden tests, in this browser. */
	runHiddenTests: boolean;
	/** PRIV-1: see the solution, the interviewer notes, hidden results and candidate signals. */
	seePrivate: boolean;
	/** PROB-1: switch everyone to another problem. */
	switchProblem: boolean;
	/** ROLE-3, TAKE-2: end the interview (a take-home's candidate submits). */
	end: boolean;
	/** TAKE-1: start a take-home's clock. */
	start: boolean;
	/** Export the design as PNG or SVG. */
	exportDesign: boolean;
	/** SCORE-1: fill in a scorecard (the rubric panel loads only then). */
	score: boolean;
	/** Open the replay from the room. */
	replay: boolean;
}

export interface InterviewState {
	mode: InterviewMode;
	/** Ended by someone, or a take-home whose time ran out. */
	ended: boolean;
	/** A take-home whose clock has started. */
	started: boolean;
	/** TAKE-1: this person may not enter the room yet. */
	waiting: boolean;
}

export function roomPermissions(role: Role, s: InterviewState): RoomPermissions {
	const interviewer = role === 'interviewer';
	const candidate = role === 'candidate';
	const enter = !s.waiting;
	return {
		edit: enter && !s.ended && (candidate || interviewer),
		run: enter && (interviewer || (candidate && !s.ended)),
		runHiddenTests: enter && interviewer,
		seePrivate: interviewer,
		switchProblem: interviewer && !s.ended,
		end: enter && !s.ended && (interviewer || (s.mode === 'take-home' && candidate)),
		start: s.mode === 'take-home' && candidate && !s.started && !s.ended,
		exportDesign: interviewer,
		score: interviewer,
		replay: interviewer
	};
}
