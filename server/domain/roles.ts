import type { InterviewMode, Role } from '../../src/lib/shared/protocol.js';

/**
 * Role rules (spec ids cited by tests):
 * ROLE-1: only candidates and interviewers edit documents, and only while the interview runs.
 * ROLE-2: an observer's update is refused: never applied, broadcast or stored.
 * ROLE-3: only interviewers end an interview or read its recording (besides the admin key).
 * ROLE-4: once ended, an interview is read-only for everyone.
 * TAKE-1: a take-home's room opens to the candidate once they start it, and to interviewers
 * and observers only once it has ended (the candidate works alone).
 * TAKE-3: a take-home ends by itself when its time box runs out; nothing is accepted after.
 * TAKE-4: while a take-home runs, its recording and replay are closed to every room, reviewer and
 * panel token (403), as its sockets are: nobody watches the candidate's live work.
 */
export function canEdit(role: Role, ended: boolean): boolean {
	return !ended && (role === 'candidate' || role === 'interviewer');
}

/**
 * ROLE-5: runs change no document, so interviewers may still run and test the final code after
 * the end (reviewing a take-home); the candidate runs only while the interview is open.
 */
export function canRun(role: Role, ended: boolean): boolean {
	return role === 'interviewer' || (role === 'candidate' && !ended);
}

/** ROLE-3; TAKE-2: in a take-home the candidate ends it too, by submitting early. */
export function canEndInterview(role: Role, mode: InterviewMode = 'live'): boolean {
	return role === 'interviewer' || (mode === 'take-home' && role === 'candidate');
}

/** PRIV-1: hidden tests, solutions and interviewer notes reach interviewers only. */
export function canSeePrivate(role: Role): boolean {
	return role === 'interviewer';
}

/** PRIV-2: hidden tests run only in an interviewer's browser, and their results go to interviewers only. */
export function canRunHiddenTests(role: Role): boolean {
	return role === 'interviewer';
}

/** PROB-1: only interviewers change the active problem (the code document's `state` map). */
export function canSwitchProblem(role: Role): boolean {
	return role === 'interviewer';
}

export function canReadRecording(role: Role): boolean {
	return role === 'interviewer';
}
