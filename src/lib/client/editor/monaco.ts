/**
 * Loads Monaco (the editor API plus Python highlighting only, not every language) and binds
 * a problem's Y.Text to it with y-monaco. Browser-only: imported from onMount.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import 'monaco-editor/esm/vs/editor/editor.all.js';
import 'monaco-editor/esm/vs/basic-languages/python/python.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import { MonacoBinding } from 'y-monaco';
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { editorPrefs } from './editorPrefs.svelte';

(self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
	getWorker: () => new EditorWorker()
};

export { monaco };

/**
 * Our two Monaco themes. Line numbers, the dimmed one after a final newline included, are
 * darker (light) or lighter (dark) than Monaco's own so they reach 4.5:1 against the
 * background (axe-core's color-contrast rule).
 */
monaco.editor.defineTheme('pairboard-light', {
	base: 'vs',
	inherit: true,
	rules: [],
	colors: {
		'editor.background': '#ffffff',
		'editorLineNumber.foreground': '#5f6b7a',
		'editorLineNumber.dimmedForeground': '#5f6b7a',
		'editorLineNumber.activeForeground': '#1d2430'
	}
});
monaco.editor.defineTheme('pairboard-dark', {
	base: 'vs-dark',
	inherit: true,
	rules: [{ token: 'comment', foreground: '8fb47a' }],
	colors: {
		'editor.background': '#181d24',
		'editorGutter.background': '#181d24',
		'editorLineNumber.foreground': '#949eab',
		'editorLineNumber.dimmedForeground': '#949eab',
		'editorLineNumber.activeForeground': '#e4e8ee'
	}
});

const pageTheme = () => (document.documentElement.classList.contains('dark') ? 'pairboard-dark' : 'pairboard-light');
// Monaco's theme is global to the page: every editor follows the page's `dark` class (mode-watcher).
new MutationObserver(() => monaco.editor.setTheme(pageTheme())).observe(document.documentElement, {
	attributes: true,
	attributeFilter: ['class']
});

/** How the room's editor and the replay's look: the same font, size and layout. */
export const EDITOR_OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
	language: 'python',
	automaticLayout: true,
	minimap: { enabled: false },
	get fontSize() {
		return editorPrefs.current.fontSize;
	},
	fontFamily: "ui-monospace, 'SF Mono', 'Cascadia Code', Menlo, Consolas, monospace",
	scrollBeyondLastLine: false,
	// Everyone sees every line whole, however narrow their editor: no sideways scrolling.
	wordWrap: 'on',
	wrappingIndent: 'indent',
	padding: { top: 20 }, // room for a remote cursor's name label above line 1
	get theme() {
		return pageTheme();
	}
};

export interface Binding {
	model: monaco.editor.ITextModel;
	destroy(): void;
}

/** Binds `text` to a fresh model in `editor`; undo and redo only touch this person's own edits. */
export function bindText(
	editor: monaco.editor.IStandaloneCodeEditor,
	text: Y.Text,
	awareness: Awareness,
	/** 'plaintext' for a behavioural round's notes pad. */
	language: 'python' | 'plaintext' = 'python'
): Binding {
	const model = monaco.editor.createModel('', language);
	model.setEOL(monaco.editor.EndOfLineSequence.LF);
	model.updateOptions({ tabSize: 4, insertSpaces: true });
	editor.setModel(model);
	const binding = new MonacoBinding(text, model, new Set([editor]), awareness);
	const undo = new Y.UndoManager(text, { trackedOrigins: new Set([binding]), captureTimeout: 400 });
	const commands = [
		editor.addAction({
			id: 'pb.undo',
			label: 'Undo',
			keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyZ],
			run: () => void undo.undo()
		}),
		editor.addAction({
			id: 'pb.redo',
			label: 'Redo',
			keybindings: [
				monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyZ,
				monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyY
			],
			run: () => void undo.redo()
		})
	];
	return {
		model,
		destroy() {
			for (const c of commands) c.dispose();
			undo.destroy();
			binding.destroy();
			model.dispose();
		}
	};
}

/**
 * Follow mode: scrolls `editor` so that `participantId`'s cursor (y-monaco's awareness
 * `selection`) is in view, when it is in `text`. Answers whether it found the cursor.
 */
export function revealCursorOf(
	editor: monaco.editor.IStandaloneCodeEditor,
	text: Y.Text,
	awareness: Awareness,
	participantId: string
): boolean {
	const model = editor.getModel();
	if (!model || !text.doc) return false;
	for (const [clientId, state] of awareness.getStates()) {
		if (clientId === awareness.clientID) continue;
		const { user, selection } = state as { user?: { id?: string }; selection?: { head?: unknown } };
		if (user?.id !== participantId || !selection?.head) continue;
		const abs = Y.createAbsolutePositionFromRelativePosition(selection.head as Y.RelativePosition, text.doc);
		if (!abs || abs.type !== text) continue;
		editor.revealPositionInCenterIfOutsideViewport(model.getPositionAt(abs.index), monaco.editor.ScrollType.Smooth);
		return true;
	}
	return false;
}

/** y-monaco marks remote cursors with per-client classes; this gives them a colour and a name. */
export function remoteCursorCss(awareness: Awareness): string {
	const rules: string[] = [];
	awareness.getStates().forEach((state, clientId) => {
		if (clientId === awareness.clientID) return;
		const user = (state as { user?: { name?: string; color?: string } }).user;
		if (!user) return;
		const color = /^#[0-9a-f]{6}$/i.test(user.color ?? '') ? user.color : '#64748b';
		const name = JSON.stringify(String(user.name ?? 'Someone').slice(0, 40));
		rules.push(
			`.yRemoteSelection-${clientId}{background-color:${color}33}`,
			`.yRemoteSelectionHead-${clientId}{position:absolute;border-left:2px solid ${color};height:100%;box-sizing:border-box}`,
			`.yRemoteSelectionHead-${clientId}::after{content:${name};position:absolute;top:-1.35em;left:-2px;padding:0 4px;border-radius:3px 3px 3px 0;background:${color};color:#fff;font:600 11px/1.4 system-ui,sans-serif;white-space:nowrap;pointer-events:none;z-index:10}`
		);
	});
	return rules.join('\n');
}
