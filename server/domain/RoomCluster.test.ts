/** Two processes' RoomActivity on one store and one bus (issue 13): shared people and state. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../src/lib/shared/protocol.js';
import { InProcessBus } from '../bus/InProcessBus.js';
import { nextTurn } from '../system/timers.js';
import { FakeScheduler } from '../testing/FakeScheduler.js';
import { ObservedStore } from '../testing/ObservedStore.js';
import type { Participant } from './InterviewService.js';
import { Recorder } from './Recorder.js';
import { RoomActivity } from './RoomActivity.js';
import { PRESENCE_STALE_MS } from './RoomCluster.js';
import type { InterviewRecord } from './types.js';

const INTERVIEW: InterviewRecord = {
	id: 'iv1',
	title: 'Loop',
	candidateName: 'Cara',
	problemIds: ['moving-average'],
	rubricId: null,
	createdAt: 0,
	endedAt: null,
	mode: 'live',
	timeBoxMinutes: null,
	startedAt: null
};

function person(role: Role): Participant {
	const id = `${role}-1`;
	const participant = { id, interviewId: 'iv1', name: id, role, color: '#123456', tokenHash: `h-${id}` };
	return { interview: INTERVIEW, participant };
}

const stores: ObservedStore[] = [];
const leaves: (() => void)[] = [];
afterEach(() => {
	for (const l of leaves.splice(0)) l();
	for (const s of stores.splice(0)) s.close();
});

function twoProcesses() {
	const store = new ObservedStore();
	stores.push(store);
	const bus = new InProcessBus();
	const time = new FakeScheduler(1_000);
	const recorder = new Recorder(store, nextTurn);
	const make = (processId: string) => {
		const activity = new RoomActivity(recorder, time);
		leaves.push(activity.joinCluster({ bus, processId, log: store, clock: time, scheduler: time }));
		return activity;
	};
	return { a: make('process-a'), b: make('process-b'), time };
}

const ids = (list: { id: string }[]) => list.map((e) => e.id).sort();

describe('RoomActivity on several processes', () => {
	it('each process lists the people connected to the other, and a joiner elsewhere gets the last run', async () => {
		const { a, b } = twoProcesses();
		await a.join(person('candidate'));
		await a.startRun(person('candidate'), false, { runId: 'run-1', problemId: 'moving-average' });
		await b.join(person('interviewer'));

		expect(ids(a.presence('iv1'))).toEqual(['candidate-1', 'interviewer-1']);
		expect(ids(b.presence('iv1'))).toEqual(['candidate-1', 'interviewer-1']);
		expect(b.snapshot('iv1', null, 'interviewer').lastRun).toMatchObject({ runId: 'run-1' });
	});

	it("a process that stops announcing its people (killed) drops out of the others' lists", async () => {
		const { a, b, time } = twoProcesses();
		await a.join(person('candidate'));
		await b.join(person('interviewer'));
		const changed = vi.fn();
		b.onPresenceChanged(changed);
		leaves.shift()!(); // process A stops, without saying goodbye

		time.advance(PRESENCE_STALE_MS + 10_000);
		expect(ids(b.presence('iv1'))).toEqual(['interviewer-1']);
		expect(changed).toHaveBeenCalledWith('iv1');
	});
});
