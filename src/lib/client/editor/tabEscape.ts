import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api.js';

/**
 * Default-safe Tab for a shared editor. Tab indents while someone is writing, but:
 * - Esc, then Tab (or Shift+Tab), moves focus out of the editor;
 * - arriving in the editor with the keyboard (Tab from the page) starts in that "escaped" state,
 *   so a person tabbing through the page never indents the shared code by accident.
 * Typing anything else, or clicking into the editor, gives Tab back to indentation.
 * It drives Monaco's own `tabFocusMode` option, so Monaco's Tab command simply stands aside.
 */
export function installTabEscape(
	monaco: typeof Monaco,
	editor: Monaco.editor.IStandaloneCodeEditor,
	onChange: (tabLeaves: boolean) => void
): { dispose(): void } {
	const host = editor.getContainerDomNode();
	// Pressing a modifier alone is not typing: Shift+Tab must still leave.
	const MODIFIERS = new Set([monaco.KeyCode.Shift, monaco.KeyCode.Ctrl, monaco.KeyCode.Alt, monaco.KeyCode.Meta]);
	let pointer = false;
	let tabLeaves = false;
	const set = (v: boolean) => {
		if (v === tabLeaves) return;
		tabLeaves = v;
		editor.updateOptions({ tabFocusMode: v });
		onChange(v);
	};
	const onPointer = () => (pointer = true);
	host.addEventListener('pointerdown', onPointer, true);
	const subs = [
		editor.onDidFocusEditorText(() => {
			set(!pointer);
			pointer = false;
		}),
		editor.onDidBlurEditorText(() => (pointer = false)),
		editor.onMouseDown(() => set(false)),
		editor.onKeyDown((e) => {
			const k = e.keyCode;
			if (k === monaco.KeyCode.Escape) set(true);
			else if (k === monaco.KeyCode.Tab || MODIFIERS.has(k)) return;
			else set(false);
		})
	];
	return {
		dispose() {
			host.removeEventListener('pointerdown', onPointer, true);
			for (const s of subs) s.dispose();
		}
	};
}
