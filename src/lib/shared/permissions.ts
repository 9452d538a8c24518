/**
 * Who may do what in an interview: the one table that the server's checks and the pages
 * (what to show) both read. Each row cites the rule the tests name.
 *
 * ROLE-1: only candidates and interviewers edit documents, and only while the interview runs.
 * ROLE-2: an observer's update is refused: never applied, broadcast or stored.
 * ROLE-3: only interviewers end an interview or read its recording (besides the admin key).
 * ROLE-4: once ended, an interview is read-only for everyone.
 * ROLE-5: runs change no document, so interviewers may still run and test the final code after
 *         the end (reviewing a take-home); the candidate runs only while the interview is open.
 * PRIV-1: hidden tests, solutions and interviewer notes reach interviewers only.
 * PRIV-2: hidden tests run only in an interviewer's browser; their results go to interviewers only.
 * PROB-1: only interviewers change the active problem (the code document's `state` map).
 * TAKE-1: a take-home's room opens to the candidate once they start it, and to interviewers and
 *         observers only once it has ended (the candidate works alone).
 * TAKE-2: in a take-home the candidate ends it too, by submitting early.
 * TAKE-4: while a take-home runs, its recording and replay are closed to every room, reviewer and
 *         panel token (403), as its sockets are: nobody watches the candidate's live work.
 * CONSENT-2: the candidate accepts the recording notice.
 * SIG-1/2: the candidate's page reports focus; the signals reach interviewers only.
 * SCORE-1: only an interview's interviewers have scorecards.
 * REPLAY-6: a replay opens for the interview's interviewers (and reviewer links, the organizer).
 * CAL-3: a calibration rater (role `rater`, a link of one session, never a room participant) opens
 *        only its own session's replays, its own card and, once a round is revealed, the reveal;
 *        every room action and every other endpoint is refused.
 * CAL-5: nobody sees a rater's scores before the round is revealed (every rater submitted, or the
 *        organizer closed scoring).
 */
import type { InterviewMode, Role } from './protocol.js';

/** Room roles, and the calibration rater (issue 14), who has no place in a room. */
export type PermissionRole = Role | 'rater';
export const RATER_ROLE = 'rater' satisfies PermissionRole;

/** What is known of the interview when a permission is asked. */
export interface PermissionContext {
	/** Ended, or past a take-home's deadline (see `isInterviewOver`). */
	ended?: boolean;
	mode?: InterviewMode;
	/** A take-home the candidate has started. */
	started?: boolean;
	/** Calibration: the session has a revealed round. */
	revealed?: boolean;
}

type Rule = (role: PermissionRole, c: Required<PermissionContext>) => boolean;

const interviewer: Rule = (role) => role === 'interviewer';
const candidate: Rule = (role) => role === 'candidate';
const rater: Rule = (role) => role === RATER_ROLE;

export const PERMISSIONS = {
	/** ROLE-1, ROLE-2, ROLE-4 */
	edit: (role, c) => !c.ended && (role === 'candidate' || role === 'interviewer'),
	/** ROLE-5 */
	run: (role, c) => role === 'interviewer' || (role === 'candidate' && !c.ended),
	/** PRIV-2 */
	runHiddenTests: interviewer,
	/** PRIV-2 */
	seeHiddenTests: interviewer,
	/** PRIV-1 */
	seePrivate: interviewer,
	/** PROB-1 */
	switchProblem: interviewer,
	/** ROLE-3, TAKE-2 (an ended interview is not ended again) */
	end: (role, c) => !c.ended && (role === 'interviewer' || (c.mode === 'take-home' && role === 'candidate')),
	/** ROLE-3 */
	readRecording: interviewer,
	/** REPLAY-6 */
	replay: interviewer,
	/** TAKE-1 */
	startTakeHome: (role, c) => c.mode === 'take-home' && role === 'candidate' && !c.started && !c.ended,
	/** CONSENT-2 */
	acceptRecording: candidate,
	/** SIG-1 */
	reportFocus: candidate,
	/** SIG-2 */
	seeCandidateSignals: interviewer,
	/** SCORE-1 */
	score: interviewer,
	/** Design exports are the interviewers' (the page's decision; exports run in the browser). */
	exportDesign: interviewer,
	/** CAL-3: a rater replays the interviews of its own session (anonymised when blind, CAL-2). */
	replayCalibration: rater,
	/** CAL-3, CAL-4: a rater keeps a draft and submits a card while its round is open. */
	scoreCalibration: (role, c) => role === RATER_ROLE && !c.revealed,
	/** CAL-3, CAL-5: others' cards and the statistics, only once a round is revealed. */
	seeReveal: (role, c) => role === RATER_ROLE && c.revealed
} satisfies Record<string, Rule>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

const DEFAULTS: Required<PermissionContext> = { ended: false, mode: 'live', started: false, revealed: false };

export function can(role: PermissionRole, action: Action, context: PermissionContext = {}): boolean {
	return PERMISSIONS[action](role, { ...DEFAULTS, ...context });
}

/** Every action at once, for a page deciding what to show. */
export function permissionsOf(role: PermissionRole, context: PermissionContext = {}): Record<Action, boolean> {
	return Object.fromEntries(ACTIONS.map((a) => [a, can(role, a, context)])) as Record<Action, boolean>;
}

/** TAKE-3: when a started take-home's time runs out; null for live interviews. */
export function deadlineOf(interview: {
	mode: InterviewMode;
	startedAt: number | null;
	timeBoxMinutes: number | null;
}): number | null {
	if (interview.mode !== 'take-home' || interview.startedAt === null || interview.timeBoxMinutes === null) return null;
	return interview.startedAt + interview.timeBoxMinutes * 60_000;
}

/** Ended, or past its deadline (the server's sweep may not have marked it yet): the one definition. */
export function isInterviewOver(interview: { endedAt: number | null; deadline: number | null }, now: number): boolean {
	return interview.endedAt !== null || (interview.deadline !== null && now >= interview.deadline);
}
