import type { RunOutcome, RunView, TestRunView } from '$lib/shared/protocol';

/**
 * What a screen reader hears about runs and tests (the room's polite live region). Pure, so the
 * wording is tested without a browser; RunAnnouncer.svelte decides when to say it.
 */

const OUTCOME_WORDS: Record<RunOutcome, string> = {
	ok: 'finished',
	error: 'ended with an error',
	stopped: 'was stopped',
	timeout: 'reached the time limit',
	'out-of-memory': 'ran out of memory',
	crashed: 'crashed (Python)'
};
const SUITE_WORDS = { visible: 'Tests', hidden: 'Hidden tests' } as const;
const MAX_LINE = 140;

const who = (by: { id: string; name: string }, meId: string) => (by.id === meId ? 'You' : by.name);
const seconds = (ms: number) => (ms < 1000 ? `${ms} milliseconds` : `${(ms / 1000).toFixed(1)} seconds`);

/** The start of a run, or how it ended. */
export function runStatusMessage(run: RunView, meId: string, title: string): string {
	if (!run.end) return `${who(run.by, meId)} started running ${title}.`;
	return `Run ${OUTCOME_WORDS[run.end.outcome]} after ${seconds(run.end.durationMs)}.`;
}

/** The last line printed so far, shortened, or null when nothing was printed. */
export function lastOutputMessage(run: RunView): string | null {
	const text = run.output.map((c) => c.text).join('');
	const line = text
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean)
		.at(-1);
	if (!line) return null;
	return `Output: ${line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line}`;
}

export function testsMessage(view: TestRunView, meId: string): string {
	const name = SUITE_WORDS[view.suite];
	if (!view.result) return `${who(view.by, meId)} started the ${name.toLowerCase()}.`;
	const s = view.result.report?.summary;
	if (!s) return `${name} did not complete: the test run ${OUTCOME_WORDS[view.result.outcome]}.`;
	const more = [s.failed ? `${s.failed} failed` : '', s.errors ? `${s.errors} errors` : ''].filter(Boolean);
	return `${name}: ${s.passed} of ${s.total} passed${more.length ? `, ${more.join(', ')}` : ''}.`;
}
