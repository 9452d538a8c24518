import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import RevealRoundView from './RevealRoundView.svelte';
import { fixtureOriginals, fixtureRound, fixtureSession } from './revealFixture';
import { competencyDisplays, recommendationDisplay } from '$lib/client/calibration/revealView';

function textOf(html: string): string {
	return html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&#39;|&apos;/g, "'")
		.replace(/&quot;/g, '"')
		.replace(/\s+/g, ' ')
		.trim();
}

const ctx = { session: fixtureSession, round: fixtureRound, originals: fixtureOriginals };

describe('revealView', () => {
	it("lays every rater's level of each interview beside the original interviewers', by name", () => {
		const [ps, testing] = competencyDisplays(ctx);
		expect(ps.interviews[0].raters).toEqual([
			{ name: 'Ana Lima', value: 4 },
			{ name: 'Ben Okafor', value: 2 },
			{ name: 'Cy Park', value: 3 }
		]);
		expect(ps.interviews[0].originals).toEqual([{ name: 'Ines Interviewer', value: 3 }]);
		expect(ps.interviews[0].spread).toBe('From level 2 to level 4: 2 levels apart.');
		expect(testing.interviews[0].raters[2]).toEqual({ name: 'Cy Park', value: 'not-assessed' });
		expect(ps.offsets.map((o) => o.name)).toEqual(['Ana Lima', 'Ben Okafor', 'Cy Park']);
	});

	it('gives the recommendation a bar for every value of its scale, in order', () => {
		const rec = recommendationDisplay(ctx);
		expect(rec.bars).toEqual([
			{ label: 'Strong no hire', count: 0 },
			{ label: 'No hire', count: 1 },
			{ label: 'Hire', count: 1 },
			{ label: 'Strong hire', count: 1 }
		]);
		expect(rec.interviews[0].originals).toEqual([{ name: 'Ines Interviewer', value: 'hire' }]);
	});
});

describe('RevealRoundView', () => {
	const { body } = render(RevealRoundView, { props: ctx });
	const text = textOf(body);

	it('shows each competency with its levels in words, the spread and the agreement rates', () => {
		expect(text).toContain('Problem solving');
		expect(text).toContain('Ana Lima');
		expect(text).toContain('4 · above the bar');
		expect(text).toContain('Spread From level 2 to level 4: 2 levels apart.');
		expect(text).toContain('Exact agreement 0 %');
		expect(text).toContain('Within one level 67 %');
		expect(text).toContain('Original interviewers');
		expect(text).toContain('Ines Interviewer');
	});

	it('explains alpha in words where it is defined and why where it is not, never NaN', () => {
		expect(text).toContain("Krippendorff's alpha (ordinal): 0.438");
		expect(text).toContain('Not reliable: below 0.667');
		expect(text).toContain('Not defined because there is only one unit');
		expect(text).toContain("Krippendorff's alpha (nominal): not defined");
		expect(text).not.toMatch(/NaN|undefined|null/);
	});

	it("names who scores high and who low, and says when a rater's offset is not defined", () => {
		expect(text).toContain('Ana Lima 0.75 levels above the others');
		expect(text).toContain('Ana Lima 1.50 levels above the others (1.50, 1 shared unit)');
		expect(text).toContain('Ben Okafor 0.75 levels below the others');
		expect(text).toContain('Cy Park no offset: no unit this rater rated was rated by anyone else');
		expect(text).toContain('1 rating “not assessed”, left out of the figures.');
	});
});
