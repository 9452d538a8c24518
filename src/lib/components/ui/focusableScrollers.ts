/**
 * A Svelte attachment for rendered Markdown: its code blocks scroll sideways, so each is put in
 * the Tab order with a name, letting a keyboard user scroll it (axe: scrollable-region-focusable).
 * Runs again whenever `html` changes.
 */
export function focusableCodeBlocks(html: string | null | undefined) {
	return (root: HTMLElement) => {
		void html;
		root.querySelectorAll('pre').forEach((pre, i, all) => {
			pre.tabIndex = 0;
			pre.setAttribute('role', 'group');
			pre.setAttribute('aria-label', all.length > 1 ? `Code example ${i + 1}` : 'Code example');
		});
	};
}
