/**
 * A read-only Monaco editor that shows a buffer as it was at a moment of the replay, with each
 * participant's cursor labelled with their name. Browser-only: imported from onMount.
 */
import { EDITOR_OPTIONS, monaco } from '$lib/client/editor/monaco';

export interface ReplayCursorView {
	id: string;
	name: string;
	color: string;
	index: number;
}

export interface ReplayEditor {
	setText(text: string): void;
	setCursors(cursors: ReplayCursorView[]): void;
	destroy(): void;
}

export function createReplayEditor(host: HTMLElement): ReplayEditor {
	const editor = monaco.editor.create(host, {
		...EDITOR_OPTIONS,
		readOnly: true,
		domReadOnly: true,
		renderLineHighlight: 'none'
	});
	const model = monaco.editor.createModel('', 'python');
	model.setEOL(monaco.editor.EndOfLineSequence.LF);
	editor.setModel(model);
	const decorations = editor.createDecorationsCollection();
	const style = document.createElement('style');
	document.head.appendChild(style);
	let lastCss = '';

	return {
		/** Replaces only the changed middle, so the view does not jump while playing. */
		setText(text) {
			const current = model.getValue();
			if (current === text) return;
			let start = 0;
			const max = Math.min(current.length, text.length);
			while (start < max && current.charCodeAt(start) === text.charCodeAt(start)) start++;
			let end = 0;
			while (
				end < max - start &&
				current.charCodeAt(current.length - 1 - end) === text.charCodeAt(text.length - 1 - end)
			)
				end++;
			const from = model.getPositionAt(start);
			const to = model.getPositionAt(current.length - end);
			model.applyEdits([
				{
					range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column),
					text: text.slice(start, text.length - end)
				}
			]);
		},
		setCursors(cursors) {
			const rules: string[] = [];
			decorations.set(
				cursors.map((c, i) => {
					const pos = model.getPositionAt(c.index);
					const color = /^#[0-9a-f]{6}$/i.test(c.color) ? c.color : '#64748b';
					rules.push(
						`.pb-replay-cursor-${i}{border-left:2px solid ${color};margin-left:-1px;position:relative}`,
						`.pb-replay-cursor-${i}::after{content:${JSON.stringify(c.name.slice(0, 40))};position:absolute;top:-1.35em;left:-2px;padding:0 4px;border-radius:3px 3px 3px 0;background:${color};color:#fff;font:600 11px/1.4 system-ui,sans-serif;white-space:nowrap;pointer-events:none;z-index:10}`
					);
					return {
						range: new monaco.Range(pos.lineNumber, pos.column, pos.lineNumber, pos.column),
						options: {
							beforeContentClassName: `pb-replay-cursor pb-replay-cursor-${i}`,
							hoverMessage: { value: c.name }
						}
					};
				})
			);
			const css = rules.join('\n');
			if (css !== lastCss) style.textContent = lastCss = css;
		},
		destroy() {
			decorations.clear();
			editor.dispose();
			model.dispose();
			style.remove();
		}
	};
}
