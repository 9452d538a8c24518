import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import type { Keymap } from './editorSettings';

/**
 * Turns on Vim (monaco-vim) or Emacs (monaco-emacs) keys in an editor; the packages load only
 * when someone picks them. Returns what turns them off again. Vim's mode line goes in `status`.
 */
export async function applyKeymap(
	editor: Monaco.editor.IStandaloneCodeEditor,
	keymap: Keymap,
	status: HTMLElement
): Promise<() => void> {
	if (keymap === 'vim') {
		const { initVimMode } = await import('monaco-vim');
		const vim = initVimMode(editor, status);
		return () => vim.dispose();
	}
	if (keymap === 'emacs') {
		const { EmacsExtension } = await import('monaco-emacs');
		const emacs = new EmacsExtension(editor);
		emacs.start();
		return () => emacs.dispose();
	}
	return () => {};
}
