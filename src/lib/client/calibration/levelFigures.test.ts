import { describe, expect, it } from 'vitest';
import { levelCounts, percent, spreadOf } from './levelFigures';

describe('levelCounts', () => {
	it('counts each level of the scale, including those nobody chose, and leaves out not assessed and missing', () => {
		expect(levelCounts([2, 3, 3, 'not-assessed', null])).toEqual([
			{ label: '1', count: 0 },
			{ label: '2', count: 1 },
			{ label: '3', count: 2 },
			{ label: '4', count: 0 }
		]);
	});
});

describe('spreadOf', () => {
	it('names the lowest and highest level and how far apart they are', () => {
		expect(spreadOf([4, 2, 3])).toMatchObject({ kind: 'range', low: 2, high: 4, width: 2 });
		expect(spreadOf([4, 2, 3]).sentence).toBe('From level 2 to level 4: 2 levels apart.');
		expect(spreadOf([3, 2]).sentence).toBe('From level 2 to level 3: 1 level apart.');
	});

	it('says when everyone agrees, when only one level was given, and when none was', () => {
		expect(spreadOf([3, 3, 'not-assessed']).sentence).toBe('Everyone who assessed it chose level 3.');
		expect(spreadOf([3, null]).sentence).toBe('Only one level given (3), so there is no spread.');
		expect(spreadOf(['not-assessed', null])).toEqual({
			kind: 'none',
			sentence: 'No levels given, so there is no spread.'
		});
	});
});

describe('percent', () => {
	it('rounds a share to a whole percentage', () => {
		expect(percent(2 / 3)).toBe('67 %');
		expect(percent(1)).toBe('100 %');
	});
});
