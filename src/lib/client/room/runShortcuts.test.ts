import { describe, expect, it } from 'vitest';
import { runShortcutOf } from './runShortcuts';

const press = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
	key,
	ctrlKey: false,
	metaKey: false,
	shiftKey: false,
	altKey: false,
	...mods
});

describe('runShortcutOf', () => {
	it.each([
		['Ctrl+Enter runs', press('Enter', { ctrlKey: true }), 'run'],
		['Cmd+Enter runs', press('Enter', { metaKey: true }), 'run'],
		['Ctrl+Shift+Enter runs the tests', press('Enter', { ctrlKey: true, shiftKey: true }), 'run-tests'],
		['Ctrl+. stops', press('.', { ctrlKey: true }), 'stop'],
		['Enter alone is typing', press('Enter'), null],
		['Shift+Enter alone is typing', press('Enter', { shiftKey: true }), null],
		['Ctrl+Alt+Enter is not ours', press('Enter', { ctrlKey: true, altKey: true }), null],
		['Ctrl+A is not ours', press('a', { ctrlKey: true }), null]
	])('%s', (_name, e, expected) => {
		expect(runShortcutOf(e)).toBe(expected);
	});
});
