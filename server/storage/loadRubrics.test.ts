import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { loadRubric, loadRubrics } from './loadRubrics.js';

const shipped = loadRubrics(path.resolve('rubrics'));

function withFile(name: string, text: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-'));
	const file = path.join(dir, name);
	fs.writeFileSync(file, text);
	return file;
}
const base = () => YAML.parse(fs.readFileSync('rubrics/ml-coding.yaml', 'utf8'));

describe('rubric files', () => {
	it('ships at least the four rubrics of the issue, each valid', () => {
		expect(shipped.map((r) => r.id)).toEqual(
			expect.arrayContaining(['ml-coding', 'ml-system-design', 'production-ml', 'behavioural-star'])
		);
		for (const r of shipped) {
			expect(r.competencies.length).toBeGreaterThanOrEqual(4);
			for (const c of r.competencies) expect(c.levels).toHaveLength(4);
		}
	});

	it('the system-design rubric covers data, modelling, serving, monitoring and trade-offs', () => {
		const design = shipped.find((r) => r.id === 'ml-system-design')!;
		expect(design.competencies.map((c) => c.id)).toEqual(
			expect.arrayContaining([
				'data_and_features',
				'modelling_choices',
				'serving_and_latency',
				'monitoring_and_drift',
				'trade_offs'
			])
		);
		expect(design.defaultFor).toContain('system-design');
	});

	it.each<[string, (r: ReturnType<typeof base>) => void, RegExp]>([
		[
			'a missing weight',
			(r) => delete r.competencies[1].weight,
			/ml-coding\.yaml: competencies\.1\.weight: is missing/
		],
		['three levels', (r) => r.competencies[0].levels.pop(), /competencies\.0\.levels: must list exactly four levels/],
		[
			'an adjective for a level',
			(r) => (r.competencies[2].levels[3] = 'Excellent'),
			/competencies\.2\.levels\.3: must describe observable behaviour/
		],
		[
			'a repeated competency id',
			(r) => (r.competencies[1].id = r.competencies[0].id),
			/competencies\.1\.id: "problem_solving" is repeated/
		],
		['a zero weight', (r) => (r.competencies[0].weight = 0), /competencies\.0\.weight: must be more than 0/],
		['an unknown field', (r) => (r.colour = 'blue'), /ml-coding\.yaml: \(root\)/],
		['an unknown problem kind', (r) => (r.default_for = ['quiz']), /default_for\.0/]
	])('a file with %s names the file and the field', (_what, spoil, message) => {
		const r = base();
		spoil(r);
		expect(() => loadRubric(withFile('ml-coding.yaml', YAML.stringify(r)))).toThrow(message);
	});

	it('a file that is not YAML names the file', () => {
		expect(() => loadRubric(withFile('broken.yaml', 'title: [unclosed'))).toThrow(
			/Rubric broken\.yaml: \(file\): is not valid YAML/
		);
	});
});
