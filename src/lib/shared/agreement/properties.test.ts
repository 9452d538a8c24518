import { describe, expect, it } from 'vitest';
import type { Figure } from './figure.js';
import { alphaWithInterval, computeAgreement, parseAgreementInput, type AgreementReport } from './index.js';
import { mulberry32 } from './prng.js';
import { reportFor } from './testing.fixture.js';

/** Random tables from a fixed seed: the same cases every run, a failure can be replayed. */
function randomTable(random: () => number, missing: number): (number | null)[][] {
	const raters = 2 + Math.floor(random() * 4);
	const units = 3 + Math.floor(random() * 10);
	return Array.from({ length: raters }, () =>
		Array.from({ length: units }, () => (random() < missing ? null : 1 + Math.floor(random() * 4)))
	);
}

function figures(report: AgreementReport): (number | null)[] {
	const all: Figure[] = [
		...Object.values(report.krippendorffAlpha),
		report.fleissKappa,
		...Object.values(report.cohenKappa),
		...Object.values(report.icc),
		...Object.values(report.gwet),
		report.exactAgreement,
		report.withinOneAgreement
	];
	return all.map((f) => f.value);
}

function expectSameFigures(a: (number | null)[], b: (number | null)[]): void {
	expect(a.map((v) => v === null)).toEqual(b.map((v) => v === null));
	a.forEach((v, i) => v !== null && expect(b[i]).toBeCloseTo(v, 10));
}

describe('properties every statistic must have', () => {
	it('perfect agreement on varied units gives 1 for every coefficient', () => {
		const row = [1, 3, 2, 4, 2, 1];
		const report = reportFor([row, row, row]);
		expect(Object.values(report.krippendorffAlpha).map((f) => f.value)).toEqual([1, 1, 1, 1]);
		expect(report.fleissKappa.value).toBe(1);
		for (const name of ['ICC(1,1)', 'ICC(2,1)', 'ICC(3,1)', 'ICC(1,k)', 'ICC(2,k)', 'ICC(3,k)'] as const)
			expect(report.icc[name].value).toBeCloseTo(1, 12);
		expect(Object.values(report.gwet).map((f) => f.value)).toEqual([1, 1, 1]);
		expect(report.exactAgreement.value).toBe(1);
		expect(report.raterOffsets.map((o) => o.offset.value)).toEqual([0, 0, 0]);
		const two = reportFor([row, row]);
		for (const f of Object.values(two.cohenKappa)) expect(f.value).toBeCloseTo(1, 12);
	});

	it('reordering the raters changes no figure, and offsets follow their rater', () => {
		const random = mulberry32(14);
		for (let i = 0; i < 60; i++) {
			const table = randomTable(random, i % 2 === 0 ? 0 : 0.25);
			const order = table.map((_, r) => r).reverse();
			const before = reportFor(table);
			const after = reportFor(order.map((r) => table[r]));
			expectSameFigures(figures(before), figures(after));
			order.forEach((r, position) => {
				const was = before.raterOffsets[r].offset.value;
				const now = after.raterOffsets[position].offset.value;
				if (was === null) expect(now).toBeNull();
				else expect(now).toBeCloseTo(was, 10);
			});
			expect(after.krippendorffAlphaCI.ordinal.low ?? null).toBeCloseTo(
				before.krippendorffAlphaCI.ordinal.low ?? 0,
				10
			);
		}
	});

	it('no figure is ever NaN or infinite: each is a finite number or null with a reason', () => {
		const random = mulberry32(99);
		for (let i = 0; i < 80; i++) {
			const report = reportFor(randomTable(random, 0.5));
			const all: Figure[] = [
				...Object.values(report.krippendorffAlpha),
				report.fleissKappa,
				...Object.values(report.cohenKappa),
				...Object.values(report.icc),
				...Object.values(report.gwet),
				report.exactAgreement,
				report.withinOneAgreement,
				...report.raterOffsets.map((o) => o.offset)
			];
			for (const f of all) {
				if (f.value === null) expect(f.reason).toMatch(/\w/);
				else expect(Number.isFinite(f.value)).toBe(true);
			}
		}
	});

	it('alphaWithInterval gives the report\u2019s alpha and interval for one level', () => {
		const input = parseAgreementInput({ ratings: randomTable(mulberry32(8), 0.2) });
		const report = computeAgreement(input, { draws: 150, seed: 3 });
		for (const level of ['nominal', 'ordinal'] as const)
			expect(alphaWithInterval(input, level, { draws: 150, seed: 3 })).toEqual({
				alpha: report.krippendorffAlpha[level],
				interval: report.krippendorffAlphaCI[level]
			});
	});

	it('the bootstrap is deterministic for a seed across whole reports', () => {
		const table = randomTable(mulberry32(5), 0.2);
		expect(reportFor(table).krippendorffAlphaCI).toEqual(reportFor(table).krippendorffAlphaCI);
	});
});
