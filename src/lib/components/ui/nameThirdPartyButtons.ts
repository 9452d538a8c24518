/** How to name one kind of button a third-party widget renders: null leaves it as it is. */
export interface ButtonNameRule {
	selector: string;
	name(el: HTMLElement): string | null;
}

/**
 * Names buttons a third-party widget renders without a fitting name (Excalidraw's icon-only
 * menu button; its zoom button, whose name leaves out the "100%" it shows). Buttons the widget
 * renders or relabels later are named too. React leaves the attribute alone afterwards: it only
 * writes the props that change.
 */
export function nameThirdPartyButtons(root: HTMLElement, rules: ButtonNameRule[]): MutationObserver {
	const apply = () => {
		for (const rule of rules)
			root.querySelectorAll<HTMLElement>(rule.selector).forEach((el) => {
				const name = rule.name(el);
				if (name && el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
			});
	};
	// Attributes are not watched: our own setAttribute must not wake it again.
	const observer = new MutationObserver(apply);
	observer.observe(root, { childList: true, subtree: true, characterData: true });
	apply();
	return observer;
}
