/**
 * The room's run keys, one table for the page, the editor and the buttons that show them.
 * Ctrl stands for Cmd on a Mac (Monaco's CtrlCmd; `metaKey` below).
 */
export type RunShortcut = 'run' | 'run-tests' | 'stop';

export const RUN_SHORTCUT_KEYS: Record<RunShortcut, { keys: string[]; spoken: string }> = {
	run: { keys: ['Ctrl', '↵'], spoken: 'Control+Enter' },
	'run-tests': { keys: ['Ctrl', '⇧', '↵'], spoken: 'Control+Shift+Enter' },
	stop: { keys: ['Ctrl', '.'], spoken: 'Control+Period' }
};

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** Which run key this press is, if any. */
export function runShortcutOf(e: KeyLike): RunShortcut | null {
	if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
	if (e.key === 'Enter') return e.shiftKey ? 'run-tests' : 'run';
	if (e.key === '.' && !e.shiftKey) return 'stop';
	return null;
}
