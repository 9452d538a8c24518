import { agreementRates } from './agreementRates.js';
import { bootstrapAlpha, type AlphaInterval, type BootstrapOptions } from './bootstrap.js';
import { cohenKappa } from './cohen.js';
import type { Figure } from './figure.js';
import { fleissKappa } from './fleiss.js';
import { gwetAc } from './gwet.js';
import { intraclassCorrelations, type IccName } from './icc.js';
import type { AgreementInput, RatingValue } from './input.js';
import { ALPHA_LEVELS, krippendorffAlpha, krippendorffAlphas, type AlphaLevel } from './krippendorff.js';
import { raterOffsets, type RaterOffset } from './raterOffsets.js';
import { buildScale } from './scale.js';

export { parseAgreementInput, AgreementInputError, type AgreementInput, type RatingValue } from './input.js';
export type { Figure } from './figure.js';
export type { AlphaLevel } from './krippendorff.js';
export type { AlphaInterval, BootstrapOptions } from './bootstrap.js';
export type { RaterOffset } from './raterOffsets.js';
export type { IccName } from './icc.js';
export { interpretAlpha, type AlphaVerdict } from './alphaInterpretation.js';

export interface AgreementReport {
	raters: number;
	units: number;
	categories: RatingValue[];
	krippendorffAlpha: Record<AlphaLevel, Figure>;
	krippendorffAlphaCI: Record<AlphaLevel, AlphaInterval>;
	fleissKappa: Figure;
	cohenKappa: { unweighted: Figure; linear: Figure; quadratic: Figure };
	icc: Record<IccName, Figure>;
	gwet: { ac1: Figure; ac2Linear: Figure; ac2Quadratic: Figure };
	exactAgreement: Figure;
	withinOneAgreement: Figure;
	/** Pairs of ratings of one unit by two raters, the base of the agreement rates. */
	pairs: number;
	raterOffsets: RaterOffset[];
}

/** Every statistic for one raters × units table; `input` has passed parseAgreementInput. */
export function computeAgreement(input: AgreementInput, bootstrap: BootstrapOptions = {}): AgreementReport {
	const scale = buildScale(input);
	const perLevel = <T>(f: (level: AlphaLevel) => T) =>
		Object.fromEntries(ALPHA_LEVELS.map((level) => [level, f(level)])) as Record<AlphaLevel, T>;
	const rates = agreementRates(scale);
	return {
		raters: scale.raters,
		units: scale.units,
		categories: scale.categories,
		krippendorffAlpha: krippendorffAlphas(scale, ALPHA_LEVELS),
		krippendorffAlphaCI: perLevel((level) => bootstrapAlpha(scale, level, bootstrap)),
		fleissKappa: fleissKappa(scale),
		cohenKappa: {
			unweighted: cohenKappa(scale, 'identity'),
			linear: cohenKappa(scale, 'linear'),
			quadratic: cohenKappa(scale, 'quadratic')
		},
		icc: intraclassCorrelations(scale),
		gwet: {
			ac1: gwetAc(scale, 'identity'),
			ac2Linear: gwetAc(scale, 'linear'),
			ac2Quadratic: gwetAc(scale, 'quadratic')
		},
		exactAgreement: rates.exact,
		withinOneAgreement: rates.withinOne,
		pairs: rates.pairs,
		raterOffsets: raterOffsets(scale)
	};
}

/**
 * Just alpha and its interval at one level, for a reveal that shows one competency at a time
 * (ordinal for levels, nominal for recommendations) without the rest of the report.
 */
export function alphaWithInterval(
	input: AgreementInput,
	level: AlphaLevel,
	bootstrap: BootstrapOptions = {}
): { alpha: Figure; interval: AlphaInterval } {
	const scale = buildScale(input);
	return { alpha: krippendorffAlpha(scale, level), interval: bootstrapAlpha(scale, level, bootstrap) };
}
