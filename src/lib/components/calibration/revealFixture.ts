/** A revealed round as the server sends it, for the reveal's component tests (figures made up, shapes real). */
import type {
	AlphaFigure,
	CalibrationSessionView,
	OriginalScores,
	RevealRound
} from '$lib/shared/calibration/calibrationApi';
import { interpretAlpha, type Figure } from '$lib/shared/agreement/index';
import type { Rubric } from '$lib/shared/rubric';

const behaviour = (n: number) => `Level ${n} behaviour described at length for the test`;

export const fixtureRubric: Rubric = {
	id: 'ml-coding',
	title: 'ML coding',
	defaultFor: [],
	competencies: [
		{
			id: 'problem_solving',
			name: 'Problem solving',
			weight: 1,
			levels: [1, 2, 3, 4].map(behaviour) as Rubric['competencies'][0]['levels']
		},
		{
			id: 'testing',
			name: 'Testing',
			weight: 1,
			levels: [1, 2, 3, 4].map(behaviour) as Rubric['competencies'][0]['levels']
		}
	]
};

export const fixtureSession: CalibrationSessionView = {
	id: 's1',
	title: 'Calibration: window sums',
	blind: true,
	rubric: fixtureRubric,
	interviews: [
		{ id: 'iv1', title: 'Interview 1', problems: [], startedAt: 1000, endedAt: 9000, range: { from: 1000, to: 9000 } }
	],
	rounds: [{ round: 1, openedAt: 0, revealedAt: 5000, revealedBy: 'all-submitted' }],
	currentRound: 1,
	state: 'revealed',
	createdAt: 0
};

function alpha(value: Figure, level: 'ordinal' | 'nominal' = 'ordinal'): AlphaFigure {
	return {
		level,
		alpha: value,
		interval:
			value.value === null
				? {
						low: null,
						high: null,
						reason: 'fewer than two units have two or more ratings, so there is nothing to resample'
					}
				: {
						low: value.value - 0.2,
						high: Math.min(1, value.value + 0.1),
						level: 0.95,
						draws: 1000,
						undefinedDraws: 0,
						seed: 1
					},
		verdict: interpretAlpha(value),
		units: 1
	};
}

const raters = [
	{ raterId: 'r1', personId: 'p1', name: 'Ana Lima' },
	{ raterId: 'r2', personId: 'p2', name: 'Ben Okafor' },
	{ raterId: 'r3', personId: 'p3', name: 'Cy Park' }
];
const notDefined = (reason: string): Figure => ({ value: null, reason });

export const fixtureRound: RevealRound = {
	round: 1,
	openedAt: 0,
	revealedAt: 5000,
	revealedBy: 'all-submitted',
	raters,
	competencies: [
		{
			competencyId: 'problem_solving',
			name: 'Problem solving',
			levels: [
				{ raterId: 'r1', interviewId: 'iv1', level: 4 },
				{ raterId: 'r2', interviewId: 'iv1', level: 2 },
				{ raterId: 'r3', interviewId: 'iv1', level: 3 }
			],
			distribution: [
				{ level: 1, count: 0 },
				{ level: 2, count: 1 },
				{ level: 3, count: 1 },
				{ level: 4, count: 1 }
			],
			notAssessed: 0,
			spread: [{ interviewId: 'iv1', low: 2, high: 4, spread: { value: 2 } }],
			alpha: alpha(notDefined('there is only one unit, so no variation between units to compare with')),
			exactAgreement: { value: 0 },
			withinOneAgreement: { value: 2 / 3 },
			offsets: [
				{ raterId: 'r1', offset: { value: 1.5 }, n: 1 },
				{ raterId: 'r2', offset: { value: -1.5 }, n: 1 },
				{ raterId: 'r3', offset: { value: 0 }, n: 1 }
			]
		},
		{
			competencyId: 'testing',
			name: 'Testing',
			levels: [
				{ raterId: 'r1', interviewId: 'iv1', level: 3 },
				{ raterId: 'r2', interviewId: 'iv1', level: 3 },
				{ raterId: 'r3', interviewId: 'iv1', level: 'not-assessed' }
			],
			distribution: [
				{ level: 1, count: 0 },
				{ level: 2, count: 0 },
				{ level: 3, count: 2 },
				{ level: 4, count: 0 }
			],
			notAssessed: 1,
			spread: [{ interviewId: 'iv1', low: 3, high: 3, spread: { value: 0 } }],
			alpha: alpha(notDefined('every pairable rating has the same value, so there is no variation to agree on')),
			exactAgreement: { value: 1 },
			withinOneAgreement: { value: 1 },
			offsets: [
				{ raterId: 'r1', offset: { value: 0 }, n: 1 },
				{ raterId: 'r2', offset: { value: 0 }, n: 1 },
				{ raterId: 'r3', offset: notDefined('no unit this rater rated was rated by anyone else'), n: 0 }
			]
		}
	],
	overall: {
		alpha: alpha({ value: 0.4375 }),
		exactAgreement: { value: 0.5 },
		withinOneAgreement: { value: 5 / 6 },
		offsets: [
			{ raterId: 'r1', offset: { value: 0.75 }, n: 2 },
			{ raterId: 'r2', offset: { value: -0.75 }, n: 2 },
			{ raterId: 'r3', offset: { value: 0 }, n: 1 }
		]
	},
	recommendation: {
		values: [
			{ raterId: 'r1', interviewId: 'iv1', recommendation: 'strong-hire' },
			{ raterId: 'r2', interviewId: 'iv1', recommendation: 'no-hire' },
			{ raterId: 'r3', interviewId: 'iv1', recommendation: 'hire' }
		],
		distribution: [
			{ recommendation: 'no-hire', count: 1 },
			{ recommendation: 'hire', count: 1 },
			{ recommendation: 'strong-hire', count: 1 }
		],
		alpha: alpha(notDefined('there is only one unit, so no variation between units to compare with'), 'nominal'),
		exactAgreement: { value: 0 },
		withinOneAgreement: { value: 2 / 3 },
		offsets: []
	}
};

export const fixtureOriginals: OriginalScores[] = [
	{
		interviewId: 'iv1',
		rubricId: 'ml-coding',
		interviewers: [
			{
				participantId: 'x1',
				personId: 'p9',
				name: 'Ines Interviewer',
				ratings: { problem_solving: 3, testing: 2 },
				recommendation: 'hire',
				confidence: 'high',
				submittedAt: 900
			}
		]
	}
];
