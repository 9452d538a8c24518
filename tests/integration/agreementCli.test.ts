import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { anxiety, krippendorff2011, shroutFleiss } from '../../src/lib/shared/agreement/publishedData.fixture.js';

interface Run {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** The command exactly as the contract names it: `npm run --silent agreement`, JSON on stdin. */
function agreement(stdin: string, args: string[] = []): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn('npm', ['run', '--silent', 'agreement', '--', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
		child.stdin.end(stdin);
	});
}

function onlyJsonLine(run: Run): Record<string, unknown> {
	expect(run.stderr).toBe('');
	expect(run.code).toBe(0);
	const lines = run.stdout.trimEnd().split('\n');
	expect(lines).toHaveLength(1);
	return JSON.parse(lines[0]);
}

const round = (v: unknown, digits = 3) => Math.round((v as number) * 10 ** digits) / 10 ** digits;

describe('npm run --silent agreement (the command-line contract)', () => {
	it('prints every named field for Krippendorff (2011) with nulls and reasons where a figure is not defined', async () => {
		const out = onlyJsonLine(await agreement(JSON.stringify({ ratings: krippendorff2011 })));
		expect(Object.keys(out)).toEqual(
			expect.arrayContaining([
				'raters',
				'units',
				'krippendorffAlpha',
				'fleissKappa',
				'cohenKappa',
				'icc',
				'gwet',
				'exactAgreement',
				'withinOneAgreement',
				'raterOffsets'
			])
		);
		expect([out.raters, out.units]).toEqual([4, 12]);
		const alpha = out.krippendorffAlpha as Record<string, number>;
		// Krippendorff (2011): nominal .743, ordinal .815, interval .849, ratio .797.
		expect([alpha.nominal, alpha.ordinal, alpha.interval, alpha.ratio].map((v) => round(v))).toEqual([
			0.743, 0.815, 0.849, 0.797
		]);
		expect(out.fleissKappa).toBeNull();
		expect(out.cohenKappa).toEqual({ unweighted: null, linear: null, quadratic: null });
		expect(Object.values(out.icc as object).every((v) => v === null)).toBe(true);
		const reasons = out.reasons as Record<string, string>;
		expect(reasons.fleissKappa).toMatch(/different numbers of ratings/);
		expect(reasons['cohenKappa.linear']).toMatch(/exactly two raters/);
		expect(reasons['icc.ICC(2,1)']).toMatch(/missing/);
		expect(out.raterOffsets).toHaveLength(4);
	});

	it('gives the same bootstrap interval on every run for the same data and seed', async () => {
		const input = JSON.stringify({ ratings: krippendorff2011 });
		const [a, b, c] = await Promise.all([
			agreement(input, ['--draws', '300', '--seed', '42']),
			agreement(input, ['--draws', '300', '--seed', '42']),
			agreement(input, ['--draws', '300', '--seed', '43'])
		]);
		const ci = (run: Run) => onlyJsonLine(run).krippendorffAlphaCI;
		expect(ci(a)).toEqual(ci(b));
		expect(ci(a)).not.toEqual(ci(c));
		expect((ci(a) as Record<string, { draws: number }>).ordinal.draws).toBe(300);
	});

	it('computes the six ICCs and Fleiss for complete numeric data (Shrout & Fleiss 1979)', async () => {
		const out = onlyJsonLine(await agreement(JSON.stringify({ ratings: shroutFleiss })));
		const icc = out.icc as Record<string, number>;
		expect(round(icc['ICC(2,1)'])).toBe(0.29);
		expect(round(icc['ICC(3,1)'])).toBe(0.715);
		expect(round(icc['ICC(3,k)'])).toBe(0.909);
		expect(typeof out.fleissKappa).toBe('number');
	});

	it('computes Cohen for two raters (irr kappa2 on anxiety[,2:3])', async () => {
		const out = onlyJsonLine(await agreement(JSON.stringify({ ratings: [anxiety[1], anxiety[2]] })));
		const kappa = out.cohenKappa as Record<string, number>;
		// irr prints -0.006289308, 0.1459075 and 0.2520325 (statsmodels test_cohens_kappa_irr).
		expect([round(kappa.unweighted), round(kappa.linear), round(kappa.quadratic)]).toEqual([-0.006, 0.146, 0.252]);
	});

	it('reads a label scale in the order categories give', async () => {
		const ratings = [
			['no hire', 'hire', 'strong hire'],
			['no hire', 'hire', 'hire']
		];
		const out = onlyJsonLine(
			await agreement(JSON.stringify({ ratings, categories: ['no hire', 'hire', 'strong hire'] }))
		);
		expect(out.withinOneAgreement).toBe(1);
		expect((out.krippendorffAlpha as Record<string, unknown>).interval).toBeNull();
		expect((out.raterOffsets as { offset: number }[]).map((o) => o.offset)).toEqual([1 / 3, -1 / 3]);
	});

	// Each refusal is its own process, so they run side by side.
	it.concurrent.each([
		['not JSON', 'ratings: [[1, 2]]', [], /input is not JSON/],
		['empty', '', [], /no input/],
		['not an object', '[[1, 2]]', [], /the input must be one JSON object/],
		['no ratings', '{"categories": [1, 2]}', [], /ratings is missing/],
		['ragged rows', '{"ratings": [[1, 2, 3], [1, 2]]}', [], /ratings\[1\] has 2 units but ratings\[0\] has 3/],
		['a non-numeric value', '{"ratings": [[1, true], [1, 2]]}', [], /ratings\[0\]\[1\] must be a number/],
		['numbers mixed with labels', '{"ratings": [[1, "two"], [1, 2]]}', [], /mixes numbers and labels/],
		['a rating off the scale', '{"ratings": [[1, 9]], "categories": [1, 2, 3]}', [], /ratings\[0\]\[1\] is 9/],
		['an unknown field', '{"ratings": [[1]], "rating": []}', [], /unknown field "rating"/],
		['a bad --draws', '{"ratings": [[1]]}', ['--draws', '0'], /--draws must be a whole number/]
	])('refuses %s: exit 2, one line on stderr, nothing on stdout', async (_name, stdin, args, message) => {
		const run = await agreement(stdin, args as string[]);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(run.stderr).toMatch(message as RegExp);
	});
});
