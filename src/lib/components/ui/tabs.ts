/**
 * Ids tying a Tabs component's tabs to their panels (ARIA tabs pattern). A page renders its
 * own panel element and spreads one of these on it, so the panel keeps the page's layout.
 */
export const tabId = (group: string, id: string) => `${group}-tab-${id}`;
export const panelId = (group: string, id?: string) => (id === undefined ? `${group}-panel` : `${group}-panel-${id}`);

/** One panel whose content changes with the selected tab (`panels="shared"`). */
export function tabPanel(group: string, selected: string) {
	return { role: 'tabpanel', id: panelId(group), 'aria-labelledby': tabId(group, selected) } as const;
}

/** A panel of its own per tab, kept in the page while hidden (`panels="own"`). */
export function ownTabPanel(group: string, id: string) {
	return { role: 'tabpanel', id: panelId(group, id), 'aria-labelledby': tabId(group, id) } as const;
}

export interface TabItem<Id extends string = string> {
	id: Id;
	label: string;
	testid?: string;
	title?: string;
}
