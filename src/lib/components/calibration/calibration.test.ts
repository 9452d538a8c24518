import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import AlphaExplanation from './AlphaExplanation.svelte';
import LevelDistribution from './LevelDistribution.svelte';
import OffsetOverTime from './OffsetOverTime.svelte';
import RaterOffsets from './RaterOffsets.svelte';

/** The page's text as a person (or a screen reader) gets it: tags out, entities decoded, spaces folded. */
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

describe('LevelDistribution', () => {
	const levels = [
		{ label: '1', count: 0 },
		{ label: '2', count: 2 },
		{ label: '3', count: 1 },
		{ label: '4', count: 0 }
	];

	it('draws one bar per level, scaled to the most chosen level', () => {
		const { body } = render(LevelDistribution, { props: { competency: 'Problem solving', levels } });
		const heights = [...body.matchAll(/<rect[^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
		expect(heights).toHaveLength(4);
		expect(heights[1]).toBeGreaterThan(heights[2]);
		expect(heights[2]).toBeCloseTo(heights[1] / 2, 6);
		expect(heights[0]).toBe(0);
	});

	it('says the counts in words for screen readers, on the image and in the text', () => {
		const { body } = render(LevelDistribution, { props: { competency: 'Problem solving', levels } });
		const summary = 'Problem solving: level 1, 0 ratings; level 2, 2 ratings; level 3, 1 rating; level 4, 0 ratings';
		expect(body).toContain(`aria-label="${summary}"`);
		expect(body).toContain('role="img"');
		expect(textOf(body)).toContain(`${summary}.`);
		expect(textOf(body)).toContain('3 ratings');
	});

	it('says so when nobody rated the competency, instead of an empty chart', () => {
		const { body } = render(LevelDistribution, {
			props: { competency: 'Design', levels: levels.map((l) => ({ ...l, count: 0 })) }
		});
		expect(textOf(body)).toContain('No ratings for this competency yet.');
		expect(body).not.toContain('<svg');
	});
});

describe('AlphaExplanation', () => {
	const interval = { low: 0.41159, high: 1, level: 0.95, draws: 1000, undefinedDraws: 0, seed: 1 };

	it('reads a reliable alpha with its interval (>= 0.800, Krippendorff)', () => {
		const { body } = render(AlphaExplanation, { props: { alpha: { value: 0.8153875 }, interval } });
		const text = textOf(body);
		expect(text).toContain("Krippendorff's alpha (ordinal): 0.815");
		expect(text).toContain('95 % interval 0.412 to 1.000 (1000 resamples)');
		expect(text).toContain('Reliable: at or above 0.800');
		expect(body).toContain('data-kind="reliable"');
	});

	it('calls 0.667 to 0.800 tentative and below it not reliable', () => {
		expect(textOf(render(AlphaExplanation, { props: { alpha: { value: 0.7 } } }).body)).toContain('Tentative');
		expect(textOf(render(AlphaExplanation, { props: { alpha: { value: 0.667 } } }).body)).toContain('Tentative');
		const low = textOf(render(AlphaExplanation, { props: { alpha: { value: -0.125 }, level: 'nominal' } }).body);
		expect(low).toContain("Krippendorff's alpha (nominal): \u22120.125");
		expect(low).toContain('Not reliable: below 0.667');
	});

	it('says why alpha is not defined, and never prints NaN', () => {
		const reason = 'every pairable rating has the same value, so there is no variation to agree on';
		const { body } = render(AlphaExplanation, { props: { alpha: { value: null, reason } } });
		const text = textOf(body);
		expect(text).toContain('not defined');
		expect(text).toContain(`Not defined because ${reason}.`);
		expect(text).not.toMatch(/NaN/);
	});

	it('says when the interval could not be drawn', () => {
		const { body } = render(AlphaExplanation, {
			props: { alpha: { value: 0.5 }, interval: { low: null, high: null, reason: 'nothing to resample' } }
		});
		expect(textOf(body)).toContain('No interval: nothing to resample.');
	});
});

describe('RaterOffsets', () => {
	it('lists raters from the highest scorer to the lowest, in words', () => {
		const { body } = render(RaterOffsets, {
			props: {
				raters: [
					{ name: 'Ben', offset: { value: -0.7 }, n: 5 },
					{ name: 'Ana', offset: { value: 0.8 }, n: 5 },
					{ name: 'Cy', offset: { value: -0.1 }, n: 4 },
					{ name: 'Dee', offset: { value: null, reason: 'no unit this rater rated was rated by anyone else' }, n: 0 }
				]
			}
		});
		const text = textOf(body);
		expect(text.indexOf('Ana')).toBeLessThan(text.indexOf('Cy'));
		expect(text.indexOf('Cy')).toBeLessThan(text.indexOf('Ben'));
		expect(text.indexOf('Ben')).toBeLessThan(text.indexOf('Dee'));
		expect(text).toContain('Ana 0.80 levels above the others (0.80, 5 shared units)');
		expect(text).toContain('Ben 0.70 levels below the others (\u22120.70, 5 shared units)');
		expect(text).toContain('Dee no offset: no unit this rater rated was rated by anyone else');
	});
});

describe('OffsetOverTime', () => {
	const points = [
		{ label: 'Jan', offset: 0.9, n: 6 },
		{ label: 'Feb', offset: 0.4, n: 2 },
		{ label: 'Mar', offset: 0.3, n: 5 },
		{ label: 'Apr', offset: null, n: 0 }
	];

	it('draws only the periods with enough ratings and names the others', () => {
		const { body } = render(OffsetOverTime, { props: { rater: 'Ana', competency: 'Coding', points } });
		expect([...body.matchAll(/<circle/g)]).toHaveLength(2);
		expect(body).toMatch(/<polyline points="[\d.]+,[\d.]+ [\d.]+,[\d.]+"/);
		const text = textOf(body);
		expect(text).toContain('Too few ratings to show: Feb (2 ratings), Apr (0 ratings).');
		expect(text).toContain('Jan: 0.90 levels above the others, 6 ratings');
	});

	it('puts a higher offset higher on the chart', () => {
		const { body } = render(OffsetOverTime, { props: { rater: 'Ana', competency: 'Coding', points } });
		const ys = [...body.matchAll(/<circle[^>]*cy="([\d.]+)"/g)].map((m) => Number(m[1]));
		expect(ys[0]).toBeLessThan(ys[1]);
	});

	it('says there are not enough ratings yet when no period has enough', () => {
		const { body } = render(OffsetOverTime, {
			props: { rater: 'Ben', competency: 'Design', points: [{ label: 'Jan', offset: 0.2, n: 1 }], minRatings: 3 }
		});
		expect(textOf(body)).toContain('Not enough ratings yet to show a trend: each period needs at least 3 ratings');
		expect(body).not.toContain('<svg');
	});
});
