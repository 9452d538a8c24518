import { expect } from 'vitest';
import type { Figure } from './figure.js';
import { computeAgreement, parseAgreementInput, type AgreementReport, type RatingValue } from './index.js';
import { buildScale, type Scale } from './scale.js';

/** The report for a table, through the same gate the command line uses. */
export function reportFor(ratings: (RatingValue | null)[][], categories?: RatingValue[]): AgreementReport {
	return computeAgreement(parseAgreementInput(categories ? { ratings, categories } : { ratings }), { draws: 200 });
}

export function scaleFor(ratings: (RatingValue | null)[][], categories?: RatingValue[]): Scale {
	return buildScale(parseAgreementInput(categories ? { ratings, categories } : { ratings }));
}

/** As the published figure is printed: rounded to `digits` decimals, it must be that figure. */
export function expectPublished(figure: Figure, published: number, digits: number): void {
	expect(figure.value, figure.reason).not.toBeNull();
	const scale = 10 ** digits;
	expect(Math.round((figure.value as number) * scale) / scale).toBe(published);
}

export function expectNotDefined(figure: Figure, because: RegExp): void {
	expect(figure.value).toBeNull();
	expect(figure.reason).toMatch(because);
}
