import { describe, expect, it } from 'vitest';
import type { RunView, TestRunView } from '$lib/shared/protocol';
import { lastOutputMessage, runStatusMessage, testsMessage } from './announcements';

const ada = { id: 'p1', name: 'Ada', role: 'candidate' as const, color: '#123456' };
const run = (over: Partial<RunView> = {}): RunView => ({
	runId: 'r1',
	problemId: 'two-sum',
	by: ada,
	startedAt: 0,
	output: [],
	truncated: false,
	...over
});

describe('run announcements', () => {
	it('names who started the run, or "You"', () => {
		expect(runStatusMessage(run(), 'p2', 'Two sum')).toBe('Ada started running Two sum.');
		expect(runStatusMessage(run(), 'p1', 'Two sum')).toBe('You started running Two sum.');
	});
	it('says how a run ended and how long it took', () => {
		const end = { outcome: 'timeout' as const, durationMs: 10_000, endedAt: 1 };
		expect(runStatusMessage(run({ end }), 'p2', 'x')).toBe('Run reached the time limit after 10.0 seconds.');
		expect(runStatusMessage(run({ end: { ...end, outcome: 'ok', durationMs: 40 } }), 'p2', 'x')).toBe(
			'Run finished after 40 milliseconds.'
		);
	});
	it('reads the last non-empty line printed, across chunks, shortened', () => {
		expect(lastOutputMessage(run())).toBeNull();
		const output = [
			{ stream: 'stdout' as const, text: 'first\nsec' },
			{ stream: 'stderr' as const, text: 'ond\n\n' }
		];
		expect(lastOutputMessage(run({ output }))).toBe('Output: second');
		const long = 'x'.repeat(200);
		expect(lastOutputMessage(run({ output: [{ stream: 'stdout', text: long }] }))).toBe(`Output: ${'x'.repeat(140)}…`);
	});
});

describe('test announcements', () => {
	const view = (over: Partial<TestRunView> = {}): TestRunView => ({
		runId: 't1',
		problemId: 'two-sum',
		suite: 'visible',
		by: ada,
		startedAt: 0,
		...over
	});
	const summary = { passed: 4, failed: 1, errors: 1, skipped: 0, total: 6, durationMs: 3 };
	it('says the tests started, then their counts', () => {
		expect(testsMessage(view(), 'p2')).toBe('Ada started the tests.');
		const result = { runId: 't1', outcome: 'ok' as const, report: { summary, cases: [] }, endedAt: 1 };
		expect(testsMessage(view({ result: result as never }), 'p2')).toBe('Tests: 4 of 6 passed, 1 failed, 1 errors.');
		expect(testsMessage(view({ suite: 'hidden', result: result as never }), 'p2')).toMatch(/^Hidden tests: 4 of 6/);
	});
	it('says when a test run could not complete', () => {
		const result = { runId: 't1', outcome: 'stopped' as const, report: null, endedAt: 1 };
		expect(testsMessage(view({ result }), 'p2')).toBe('Tests did not complete: the test run was stopped.');
	});
});
