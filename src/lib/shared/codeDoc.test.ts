import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { activeProblemOf, buildCodeSeed, filesOf } from './codeDoc.js';

const STARTERS = [
	{ problemId: 'moving-average', text: 'def moving_average(xs, k):\n    pass\n' },
	{ problemId: 'two-sum', text: 'def two_sum(nums, target):\n    pass\n' }
];

describe('buildCodeSeed', () => {
	it('seeds every starter and makes the first problem active', () => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, buildCodeSeed(STARTERS));
		expect(filesOf(doc).get('two-sum')?.toString()).toBe(STARTERS[1].text);
		expect(activeProblemOf(doc)).toBe('moving-average');
	});

	// Two processes that open a brand-new room at the same moment both seed it (issue 13): the
	// two seeds must be the same changes, so that Yjs keeps one copy of the starter, not two.
	it('two seeds of the same starters merge into one copy of each starter', () => {
		const a = buildCodeSeed(STARTERS);
		const b = buildCodeSeed(STARTERS);
		expect(b).toEqual(a);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, a);
		Y.applyUpdate(doc, b);
		expect(filesOf(doc).get('moving-average')?.toString()).toBe(STARTERS[0].text);
		expect([...filesOf(doc).keys()].sort()).toEqual(['moving-average', 'two-sum']);
	});
});
