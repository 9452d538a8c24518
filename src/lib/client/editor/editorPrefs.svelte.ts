import { EDITOR_SETTINGS_KEY, parseEditorSettings, type EditorSettings } from './editorSettings';

/**
 * This browser's editor settings as reactive state: every editor on the page reads them, the
 * settings menu writes them, and each change is kept in localStorage.
 */
class EditorPrefs {
	current = $state<EditorSettings>(parseEditorSettings(readStored()));

	update(change: Partial<EditorSettings>): void {
		this.current = parseEditorSettings(JSON.stringify({ ...this.current, ...change }));
		try {
			localStorage.setItem(EDITOR_SETTINGS_KEY, JSON.stringify(this.current));
		} catch {
			// Storage refused (private mode, quota): the choice lasts for this page only.
		}
	}
}

function readStored(): string | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage.getItem(EDITOR_SETTINGS_KEY);
	} catch {
		return null;
	}
}

export const editorPrefs = new EditorPrefs();
