/**
 * A statistic either has a value or says why it has none. NaN never leaves this folder: a figure
 * that cannot be computed for the data is `null` with a sentence a person can read.
 */
export type Figure = { value: number; reason?: undefined } | { value: null; reason: string };

export function defined(value: number): Figure {
	if (!Number.isFinite(value)) return notDefined('the computation did not give a finite number');
	return { value };
}

export function notDefined(reason: string): Figure {
	return { value: null, reason };
}

/** Divides, or says why the ratio is not defined (a zero denominator means no variance here). */
export function ratio(numerator: number, denominator: number, whenZero: string): Figure {
	if (Math.abs(denominator) < 1e-12) return notDefined(whenZero);
	return defined(numerator / denominator);
}
