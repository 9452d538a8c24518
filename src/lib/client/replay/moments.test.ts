import { describe, expect, it } from 'vitest';
import type { ReplayEntry } from '$lib/shared/replay/parseRecording';
import type { Marker } from '$lib/shared/replay/ReplayModel';
import type { RunView, TestRunView } from '$lib/shared/protocol';
import { currentMoment, momentTarget, paneAt } from './moments';

const ev = (seq: number, t: number, type: string, data: Record<string, unknown>) =>
	({ seq, t, kind: 'event', type, actor: 'p1', data }) as unknown as ReplayEntry;
const marker = (t: number, kind: Marker['kind'], seq = 0): Marker => ({ t, seq, kind, label: kind, actor: 'p1' });

describe('replay moments', () => {
	const entries = [
		ev(1, 100, 'run:start', { runId: 'a', problemId: 'x' }),
		ev(2, 110, 'run:start', { runId: 'b', problemId: 'x' }),
		ev(3, 150, 'run:end', { runId: 'b', outcome: 'ok', durationMs: 1 }),
		ev(4, 180, 'run:end', { runId: 'a', outcome: 'ok', durationMs: 1 })
	];

	it('a run’s moment opens where that run ended (its output on screen); others where they are', () => {
		expect(momentTarget(entries, marker(100, 'run', 1))).toBe(180);
		expect(momentTarget(entries, marker(110, 'run', 2))).toBe(150);
		expect(momentTarget(entries, marker(120, 'note'))).toBe(120);
		// A run that never ended opens at its start.
		expect(momentTarget([entries[0]], marker(100, 'run', 1))).toBe(100);
	});

	it('the pane shows what happened last: the run or a suite of tests', () => {
		const run = { startedAt: 10 } as RunView;
		const tests = (startedAt: number) => ({ startedAt }) as TestRunView;
		expect(paneAt({ run: null, tests: {} })).toBeNull();
		expect(paneAt({ run, tests: {} })).toBe('output');
		expect(paneAt({ run, tests: { visible: tests(20) } })).toBe('visible');
		expect(paneAt({ run, tests: { visible: tests(5), hidden: tests(8) } })).toBe('output');
		expect(paneAt({ run: { startedAt: 30 } as RunView, tests: { visible: tests(20), hidden: tests(25) } })).toBe(
			'output'
		);
		expect(paneAt({ run, tests: { visible: tests(20), hidden: tests(25) } })).toBe('hidden');
	});

	it('the clicked moment stays highlighted at its place even when a note shares its time; playback moves on from it', () => {
		const list = [marker(100, 'run'), marker(180, 'note'), marker(300, 'end')];
		// The run was clicked and opened at its end (180), where a note is pinned.
		expect(currentMoment(list, 180, { index: 0, t: 180 })).toBe(0);
		expect(currentMoment(list, 180, null)).toBe(1);
		expect(currentMoment(list, 200, { index: 0, t: 180 })).toBe(1);
		expect(currentMoment(list, 50, null)).toBe(-1);
		expect(currentMoment(list, undefined, null)).toBe(-1);
	});
});
