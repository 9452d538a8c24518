import {
	alphaWithInterval,
	interpretAlpha,
	type AgreementInput,
	type AlphaLevel,
	type Figure,
	type RatingValue
} from '../../../src/lib/shared/agreement/index.js';
import { agreementRates } from '../../../src/lib/shared/agreement/agreementRates.js';
import { notDefined } from '../../../src/lib/shared/agreement/figure.js';
import { pairableUnits } from '../../../src/lib/shared/agreement/krippendorff.js';
import { raterOffsets } from '../../../src/lib/shared/agreement/raterOffsets.js';
import { buildScale } from '../../../src/lib/shared/agreement/scale.js';
import type { AlphaFigure } from '../../../src/lib/shared/calibration/calibrationApi.js';
import { unpackTable, type PackedTable } from './packedTable.js';

/**
 * CAL-9: a raters × units table through the verified pure functions of src/lib/shared/agreement
 * (nothing is computed again here). One rule is added: alpha over a single pairable unit is
 * always 0 or undefined by its formula (the unit's disagreement is the whole expected
 * disagreement), which says nothing about raters, so it is reported as not defined, with why.
 */

export const LEVEL_CATEGORIES: RatingValue[] = [1, 2, 3, 4];

export interface TableFigures {
	alpha: AlphaFigure;
	exactAgreement: Figure;
	withinOneAgreement: Figure;
	/** In the table's row order. */
	offsets: { offset: Figure; n: number }[];
}

/** One table to compute the figures of: raters × units, with the scale's categories. */
export interface FiguresRequest {
	table: PackedTable;
	categories: RatingValue[];
	level: Extract<AlphaLevel, 'ordinal' | 'nominal'>;
	/** What a unit is, for the reasons given in words ("interview" unless told). */
	unitWord?: string;
}

export function tableFigures({ table, categories, level, unitWord = 'interview' }: FiguresRequest): TableFigures {
	const ratings = unpackTable(table, categories);
	const input: AgreementInput = { ratings, categories };
	const scale = buildScale(input);
	const units = pairableUnits(scale).length;
	const rates = agreementRates(scale);
	const offsets = raterOffsets(scale).map(({ offset, n }) => ({ offset, n }));
	let alpha: Figure;
	let interval: AlphaFigure['interval'];
	if (units < 2) {
		const reason =
			units === 0
				? `no ${unitWord} was rated by two or more raters, so nothing can be compared`
				: `only one ${unitWord} was rated by two or more raters, and alpha compares ${unitWord}s: it needs two or more`;
		alpha = notDefined(reason);
		interval = { low: null, high: null, reason };
	} else {
		({ alpha, interval } = alphaWithInterval(input, level));
	}
	return {
		alpha: { level, alpha, interval, verdict: interpretAlpha(alpha), units },
		exactAgreement: rates.exact,
		withinOneAgreement: rates.withinOne,
		offsets
	};
}

/** `to - from`, or why there is no change to tell. */
export function changeOf(from: Figure, to: Figure, fromRound: number, toRound: number): Figure {
	if (from.value === null) return notDefined(`alpha is not defined in round ${fromRound}`);
	if (to.value === null) return notDefined(`alpha is not defined in round ${toRound}`);
	return { value: to.value - from.value };
}
