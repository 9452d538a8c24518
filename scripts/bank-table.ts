/** Rewrites the bank table in README.md from each problem folder's meta.yaml (see server/catalog/bankTable.ts). */
import fs from 'node:fs';
import { bankTable, withBankTable } from '../server/catalog/bankTable.js';
import { loadProblems } from '../server/storage/loadProblems.js';
import { loadRubrics } from '../server/storage/loadRubrics.js';

const names = new Map(
	loadRubrics('rubrics')
		.flatMap((r) => r.competencies.map((c) => [c.id, c.name] as const))
		.reverse()
);
const readme = fs.readFileSync('README.md', 'utf8');
fs.writeFileSync('README.md', withBankTable(readme, bankTable(loadProblems('problems'), names)));
console.log('README.md: bank table updated');
