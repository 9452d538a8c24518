import { describe, expect, it } from 'vitest';
import {
	ACTIONS,
	can,
	deadlineOf,
	isInterviewOver,
	permissionsOf,
	type Action,
	type PermissionContext,
	type PermissionRole
} from './permissions.js';

describe('the permission table', () => {
	it.each<[string, PermissionRole, Action, PermissionContext, boolean]>([
		['ROLE-1: the candidate edits while the interview runs', 'candidate', 'edit', {}, true],
		['ROLE-1: an interviewer edits while the interview runs', 'interviewer', 'edit', {}, true],
		['ROLE-2: an observer never edits', 'observer', 'edit', {}, false],
		['ROLE-4: nobody edits once it ended', 'interviewer', 'edit', { ended: true }, false],
		['ROLE-5: an interviewer still runs after the end', 'interviewer', 'run', { ended: true }, true],
		['ROLE-5: the candidate does not run after the end', 'candidate', 'run', { ended: true }, false],
		['ROLE-5: an observer never runs', 'observer', 'run', {}, false],
		['ROLE-3: an interviewer ends a live interview', 'interviewer', 'end', {}, true],
		['ROLE-3: the candidate does not end a live interview', 'candidate', 'end', {}, false],
		['TAKE-2: the candidate ends a take-home by submitting', 'candidate', 'end', { mode: 'take-home' }, true],
		['an ended interview is not ended again', 'interviewer', 'end', { ended: true }, false],
		['PRIV-1: only interviewers see private material', 'candidate', 'seePrivate', {}, false],
		['PRIV-2: only interviewers run hidden tests', 'candidate', 'runHiddenTests', {}, false],
		['PROB-1: only interviewers switch problems', 'candidate', 'switchProblem', {}, false],
		['PROB-1: an interviewer switches problems', 'interviewer', 'switchProblem', {}, true],
		['ROLE-3: only interviewers read the recording', 'observer', 'readRecording', {}, false],
		[
			'TAKE-1: the candidate starts a take-home not yet started',
			'candidate',
			'startTakeHome',
			{ mode: 'take-home' },
			true
		],
		[
			'TAKE-1: a started take-home is not started again',
			'candidate',
			'startTakeHome',
			{ mode: 'take-home', started: true },
			false
		],
		['TAKE-1: a live interview is not started', 'candidate', 'startTakeHome', {}, false],
		['SCORE-1: only interviewers score', 'candidate', 'score', {}, false],
		['SIG-2: only interviewers see candidate signals', 'observer', 'seeCandidateSignals', {}, false],
		['CAL-3: a rater replays its session', 'rater', 'replayCalibration', {}, true],
		[
			'CAL-3: an interviewer has no calibration replay through the table',
			'interviewer',
			'replayCalibration',
			{},
			false
		],
		['CAL-4: a rater scores while the round is open', 'rater', 'scoreCalibration', {}, true],
		['CAL-4: a rater does not score a revealed round', 'rater', 'scoreCalibration', { revealed: true }, false],
		['CAL-5: a rater sees no reveal before it', 'rater', 'seeReveal', {}, false],
		['CAL-5: a rater sees the reveal once revealed', 'rater', 'seeReveal', { revealed: true }, true]
	])('%s', (_rule, role, action, context, expected) => {
		expect(can(role, action, context)).toBe(expected);
		expect(permissionsOf(role, context)[action]).toBe(expected);
	});
});

describe('CAL-3: a rater may do nothing in a room', () => {
	const roomActions = ACTIONS.filter((a) => !['replayCalibration', 'scoreCalibration', 'seeReveal'].includes(a));
	it.each(roomActions)('%s is refused to a rater, ended or not', (action) => {
		expect(can('rater', action)).toBe(false);
		expect(can('rater', action, { ended: true, revealed: true })).toBe(false);
	});
});

describe('isInterviewOver: the one definition of "over"', () => {
	const takeHome = { mode: 'take-home' as const, startedAt: 1_000, timeBoxMinutes: 2 };
	it.each<[string, { endedAt: number | null; deadline: number | null }, number, boolean]>([
		['a live interview that has not ended', { endedAt: null, deadline: null }, 5_000, false],
		['an ended interview', { endedAt: 4_000, deadline: null }, 5_000, true],
		['a take-home before its deadline', { endedAt: null, deadline: deadlineOf(takeHome) }, 120_999, false],
		[
			'a take-home at its deadline, before the sweep marked it',
			{ endedAt: null, deadline: deadlineOf(takeHome) },
			121_000,
			true
		]
	])('%s', (_what, interview, now, over) => {
		expect(isInterviewOver(interview, now)).toBe(over);
	});

	it('a take-home has no deadline until started, and a live interview none at all', () => {
		expect(deadlineOf({ ...takeHome, startedAt: null })).toBeNull();
		expect(deadlineOf({ ...takeHome, mode: 'live' })).toBeNull();
		expect(deadlineOf(takeHome)).toBe(121_000);
	});
});
