/** Figures as the reveal prints them: three decimals, a real minus sign. */
export function formatFigure(value: number, digits = 3): string {
	const text = Math.abs(value).toFixed(digits);
	return value < 0 && Number(text) !== 0 ? `\u2212${text}` : text;
}

/** An offset in levels with its direction in words: "0.80 levels above", "0.25 levels below". */
export function describeOffset(offset: number, unit = 'level'): string {
	const size = Math.abs(offset).toFixed(2);
	const units = size === '1.00' ? unit : `${unit}s`;
	if (size === '0.00') return 'level with the others';
	return `${size} ${units} ${offset > 0 ? 'above' : 'below'} the others`;
}
