import type { AgreementReport, Figure } from './index.js';

/**
 * The command-line contract (issue 14): figures as plain numbers or null. Beside the named
 * fields, `reasons` says for each null why it is not defined, keyed by the field's path.
 */
export function toContractJson(report: AgreementReport): Record<string, unknown> {
	const reasons: Record<string, string> = {};
	const plain = (path: string, figure: Figure) => {
		if (figure.value === null) reasons[path] = figure.reason;
		return figure.value;
	};
	const group = <K extends string>(path: string, figures: Record<K, Figure>) =>
		Object.fromEntries(Object.entries<Figure>(figures).map(([k, f]) => [k, plain(`${path}.${k}`, f)]));
	const out = {
		raters: report.raters,
		units: report.units,
		krippendorffAlpha: group('krippendorffAlpha', report.krippendorffAlpha),
		krippendorffAlphaCI: report.krippendorffAlphaCI,
		fleissKappa: plain('fleissKappa', report.fleissKappa),
		cohenKappa: group('cohenKappa', report.cohenKappa),
		icc: group('icc', report.icc),
		gwet: group('gwet', report.gwet),
		exactAgreement: plain('exactAgreement', report.exactAgreement),
		withinOneAgreement: plain('withinOneAgreement', report.withinOneAgreement),
		raterOffsets: report.raterOffsets.map(({ rater, offset, n }) => ({
			rater,
			offset: plain(`raterOffsets[${rater}]`, offset),
			n
		})),
		categories: report.categories,
		pairs: report.pairs
	};
	return { ...out, reasons };
}
