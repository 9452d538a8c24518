import { describe, expect, it } from 'vitest';
import { ROLES, INTERVIEW_MODES } from '$lib/shared/protocol';
import { can } from '$lib/shared/permissions';
import { roomPermissions } from './roomPermissions';

const states = INTERVIEW_MODES.flatMap((mode) =>
	[false, true].flatMap((ended) =>
		[false, true].flatMap((started) => [false, true].map((waiting) => ({ mode, ended, started, waiting })))
	)
);

describe('roomPermissions', () => {
	// What the page shows must match what the server enforces, for every role and interview state.
	it.each(ROLES.flatMap((role) => states.map((s) => [role, s] as const)))(
		'%s in %o agrees with the server’s role rules',
		(role, s) => {
			const page = roomPermissions(role, s);
			const enter = !s.waiting;
			const ctx = { ended: s.ended, mode: s.mode, started: s.started };
			expect(page.edit).toBe(can(role, 'edit', ctx) && enter);
			expect(page.run).toBe(can(role, 'run', ctx) && enter);
			expect(page.end).toBe(can(role, 'end', ctx) && enter);
			expect(page.runHiddenTests).toBe(can(role, 'runHiddenTests', ctx) && enter);
			expect(page.seePrivate).toBe(can(role, 'seePrivate', ctx));
			expect(page.switchProblem).toBe(can(role, 'switchProblem', ctx) && !s.ended);
		}
	);

	it('ROLE-5: an interviewer still runs after the end; the candidate no longer does', () => {
		const ended = { mode: 'live', ended: true, started: false, waiting: false } as const;
		expect(roomPermissions('interviewer', ended).run).toBe(true);
		expect(roomPermissions('candidate', ended).run).toBe(false);
		expect(roomPermissions('interviewer', ended).edit).toBe(false);
	});

	it('TAKE-1: only a take-home’s candidate starts it, once, before the end', () => {
		const th = { mode: 'take-home', ended: false, started: false, waiting: false } as const;
		expect(roomPermissions('candidate', th).start).toBe(true);
		expect(roomPermissions('interviewer', th).start).toBe(false);
		expect(roomPermissions('candidate', { ...th, started: true }).start).toBe(false);
		expect(roomPermissions('candidate', { ...th, ended: true }).start).toBe(false);
		expect(roomPermissions('candidate', { ...th, mode: 'live' }).start).toBe(false);
	});

	it('only interviewers score, export the design and open the replay', () => {
		const live = { mode: 'live', ended: false, started: false, waiting: false } as const;
		for (const role of ROLES) {
			const can = roomPermissions(role, live);
			expect([can.score, can.exportDesign, can.replay]).toEqual(Array(3).fill(role === 'interviewer'));
		}
	});
});
