import { describe, expect, it } from 'vitest';
import { DEFAULT_EDITOR_SETTINGS, parseEditorSettings } from './editorSettings';

describe('parseEditorSettings', () => {
	it.each([
		['nothing stored', null, DEFAULT_EDITOR_SETTINGS],
		['not JSON', '{oops', DEFAULT_EDITOR_SETTINGS],
		['not an object', '"vim"', DEFAULT_EDITOR_SETTINGS],
		['a full choice', '{"fontSize":18,"keymap":"vim"}', { fontSize: 18, keymap: 'vim' }],
		['an unknown keymap keeps the size', '{"fontSize":16,"keymap":"nano"}', { fontSize: 16, keymap: 'default' }],
		['a size off the list keeps the keymap', '{"fontSize":99,"keymap":"emacs"}', { fontSize: 14, keymap: 'emacs' }],
		['a size as text', '{"fontSize":"18"}', DEFAULT_EDITOR_SETTINGS]
	])('%s', (_name, raw, expected) => {
		expect(parseEditorSettings(raw)).toEqual(expected);
	});
});
