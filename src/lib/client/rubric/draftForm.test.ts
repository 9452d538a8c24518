import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../../../server/storage/loadRubrics';
import type { ScorecardVersion } from '$lib/shared/scorecard';
import { amendmentDraft, completeDraft, emptyDraft, toSubmission } from './draftForm';

const rubric = loadRubric('rubrics/ml-coding.yaml');
const ids = rubric.competencies.map((c) => c.id);

describe('draftForm', () => {
	it('a blank draft has an unrated row per competency; a stored draft gets the rows it lacks', () => {
		expect(Object.keys(emptyDraft(rubric).ratings)).toEqual(ids);
		const partial = {
			ratings: { [ids[0]]: { level: 3, notes: [], pending: 'x' } },
			recommendation: null,
			confidence: null
		};
		const d = completeDraft(rubric, partial as never);
		expect(Object.keys(d.ratings).sort()).toEqual([...ids].sort());
		expect(d.ratings[ids[0]]).toEqual({ level: 3, notes: [], pending: 'x' });
		expect(d.reason).toBe('');
	});

	it('an amendment starts from the latest version with copies of its notes and an empty reason', () => {
		const note = { id: 'n1', text: 'ran the tests first', t: 5 };
		const latest = {
			ratings: Object.fromEntries(ids.map((id) => [id, { level: 2, notes: id === ids[0] ? [note] : [] }])),
			recommendation: 'hire',
			confidence: 'high',
			reason: 'earlier reason'
		} as unknown as ScorecardVersion;
		const d = amendmentDraft(rubric, latest);
		expect(d.ratings[ids[0]].notes).toEqual([note]);
		expect(d.ratings[ids[0]].notes).not.toBe(latest.ratings[ids[0]].notes);
		expect(d).toMatchObject({ recommendation: 'hire', confidence: 'high', reason: '' });
	});

	it('the submission drops the half-written evidence, and carries a trimmed reason only when amending', () => {
		const d = emptyDraft(rubric);
		for (const id of ids) d.ratings[id] = { level: 3, notes: [], pending: 'not pinned' };
		Object.assign(d, { recommendation: 'hire', confidence: 'low', reason: '  changed my mind  ' });
		const first = toSubmission(d, false);
		expect(first.ratings[ids[0]]).toEqual({ level: 3, notes: [] });
		expect('reason' in first).toBe(false);
		expect(toSubmission(d, true).reason).toBe('changed my mind');
	});
});
