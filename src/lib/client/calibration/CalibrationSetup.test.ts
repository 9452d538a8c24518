import { describe, expect, it } from 'vitest';
import type { CreateCalibrationInput } from '$lib/shared/calibration/calibrationApi';
import type { InterviewSummary } from '$lib/shared/replay/bundle';
import { CalibrationSetup } from './CalibrationSetup.svelte';

const iv = (id: string, endedAt: number | null): InterviewSummary => ({
	id,
	title: `Interview ${id}`,
	candidateName: 'Casey',
	createdAt: 0,
	endedAt,
	mode: 'live'
});

function setup() {
	const sent: CreateCalibrationInput[] = [];
	const s = new CalibrationSetup({
		interviews: async () => [iv('a', 10), iv('b', null), iv('c', 20)],
		create: async (input) => {
			sent.push(input);
			return { id: 's1', raters: [] };
		}
	});
	return { s, sent };
}

describe('CalibrationSetup', () => {
	it('offers only ended interviews', async () => {
		const { s } = setup();
		await s.load();
		expect(s.ended?.map((i) => i.id)).toEqual(['a', 'c']);
	});

	it('says what is missing before sending anything', async () => {
		const { s, sent } = setup();
		await s.load();
		expect(await s.create()).toBe(false);
		expect(s.formError).toBe('Pick at least one ended interview to score.');
		s.chosen = ['a'];
		s.raterIds = ['p1'];
		s.newNames = ['  ', ''];
		expect(await s.create()).toBe(false);
		expect(s.formError).toBe('Choose at least 2 raters.');
		expect(sent).toEqual([]);
	});

	it('sends people by id and new names once, blind by default, with a title that names no interview (their titles may name the candidate)', async () => {
		const { s, sent } = setup();
		await s.load();
		s.chosen = ['c', 'a'];
		s.raterIds = ['p1'];
		s.newNames = ['Dee  Ray', 'dee ray', ''];
		expect(await s.create()).toBe(true);
		expect(sent[0]).toEqual({
			title: expect.stringMatching(/^Calibration of 2 interviews, \d{1,2} \w{3} \d{4}$/),
			interviews: ['c', 'a'],
			raters: [{ personId: 'p1' }, { name: 'Dee Ray' }],
			blind: true
		});
		expect(s.created?.id).toBe('s1');
	});
});
