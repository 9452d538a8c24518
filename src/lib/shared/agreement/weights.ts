/**
 * Agreement weights between positions on an ordered scale of q categories, from the positions
 * (not the labels' values), as R's irr::kappa2 does: "equal" (linear) 1 - |i - j| / (q - 1) and
 * "squared" (quadratic) 1 - (i - j)² / (q - 1)². For an evenly spaced scale this equals
 * irrCAC's value-based linear and quadratic weights.
 */
export type Weighting = 'identity' | 'linear' | 'quadratic';

export function weightMatrix(q: number, weighting: Weighting): number[][] {
	return Array.from({ length: q }, (_, i) =>
		Array.from({ length: q }, (_, j) => {
			if (weighting === 'identity' || q < 2) return i === j ? 1 : 0;
			const d = Math.abs(i - j) / (q - 1);
			return weighting === 'linear' ? 1 - d : 1 - d * d;
		})
	);
}
