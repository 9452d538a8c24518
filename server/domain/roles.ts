import type { Role } from '../../src/lib/shared/protocol.js';

/**
 * Role rules (spec ids cited by tests):
 * ROLE-1: only candidates and interviewers edit documents, and only while the interview runs.
 * ROLE-2: an observer's update is refused: never applied, broadcast or stored.
 * ROLE-3: only interviewers end an interview or read its recording (besides the admin key).
 * ROLE-4: once ended, an interview is read-only for everyone.
 */
export function canEdit(role: Role, ended: boolean): boolean {
	return !ended && (role === 'candidate' || role === 'interviewer');
}

export function canRun(role: Role, ended: boolean): boolean {
	return canEdit(role, ended);
}

export function canEndInterview(role: Role): boolean {
	return role === 'interviewer';
}

/** PRIV-1: hidden tests, solutions and interviewer notes reach interviewers only. */
export function canSeePrivate(role: Role): boolean {
	return role === 'interviewer';
}

/** PRIV-2: hidden tests run only in an interviewer's browser, and their results go to interviewers only. */
export function canRunHiddenTests(role: Role, ended: boolean): boolean {
	return role === 'interviewer' && !ended;
}

export function canReadRecording(role: Role): boolean {
	return role === 'interviewer';
}
