import { describe, expect, it } from 'vitest';
import { missingPackagesMessage, planPackages, type ServedPackages } from './packages';

const served: ServedPackages = {
	installed: {
		'pb-fixture-stats': { name: 'pb-fixture-stats', imports: ['pbstats'] },
		'scikit-learn': { name: 'scikit-learn', imports: ['sklearn'] }
	},
	notInstalled: { numpy: 'numpy', pandas: 'pandas' }
};

describe('planPackages', () => {
	it.each([
		['a declared installed package is loaded', ['pb-fixture-stats'], [], ['pb-fixture-stats'], []],
		['a declared name is normalised (Scikit_Learn)', ['Scikit_Learn'], [], ['scikit-learn'], []],
		['a declared module name finds its package', ['sklearn'], [], ['scikit-learn'], []],
		['an imported installed module loads its package', [], ['sklearn.linear_model'], ['scikit-learn'], []],
		['a declared package not installed is missing', ['numpy'], [], [], ['numpy']],
		['an import Pyodide knows but we lack is missing, by package', [], ['pandas'], [], ['pandas']],
		['the standard library and unknown modules are left to Python', [], ['json', 'nosuchmodule'], [], []],
		['declared and imported together, each once', ['numpy'], ['numpy', 'pbstats'], ['pb-fixture-stats'], ['numpy']]
	])('%s', (_label, declared, imports, load, missing) => {
		expect(planPackages(served, declared, imports)).toEqual({ load, missing });
	});

	it('names what is missing and how to install it, in one sentence', () => {
		expect(missingPackagesMessage(['numpy', 'pandas'])).toBe(
			'needs numpy, pandas — not installed on this server: run `npm run python:packages`'
		);
	});
});
