import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * Third-party markup we cannot fix, excluded by its exact selector only (README lists each with
 * its reason). Empty while everything found so far could be fixed in how we configure it.
 */
export const AXE_EXCLUDED: string[] = [];

/** axe-core's critical and serious findings on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
	let builder = new AxeBuilder({ page });
	for (const selector of AXE_EXCLUDED) builder = builder.exclude(selector);
	const { violations } = await builder.analyze();
	return violations
		.filter((v) => v.impact === 'critical' || v.impact === 'serious')
		.flatMap((v) =>
			v.nodes.map(
				(n) => `${v.impact} ${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`
			)
		);
}
