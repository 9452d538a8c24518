import { permissionsOf } from '$lib/shared/permissions';
import type { InterviewMode, Role } from '$lib/shared/protocol';

/**
 * Every decision the room page makes about what a person may do, read from the permission
 * table the server enforces (src/lib/shared/permissions.ts); the page only adds that nobody acts
 * while a take-home keeps them waiting (TAKE-1).
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
	const may = permissionsOf(role, { ended: s.ended, mode: s.mode, started: s.started });
	const enter = !s.waiting;
	return {
		edit: enter && may.edit,
		run: enter && may.run,
		runHiddenTests: enter && may.runHiddenTests,
		seePrivate: may.seePrivate,
		// ROLE-4: a switch is an edit of the code document.
		switchProblem: may.switchProblem && may.edit,
		end: enter && may.end,
		start: may.startTakeHome,
		exportDesign: may.exportDesign,
		score: may.score,
		replay: may.replay
	};
}
