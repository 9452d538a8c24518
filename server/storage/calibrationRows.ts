import type {
	CalibrationSessionRecord,
	RaterCardRecord,
	RaterRecord,
	RoundRecord
} from '../domain/calibration/calibrationTypes.js';
import type { Row } from './rows.js';

export type { Row };

/** Calibration rows to records, shared by SQLite and PostgreSQL (BIGINTs arrive as numbers or strings). */

export function rowToSession(r: Row): CalibrationSessionRecord {
	return {
		id: r.id as string,
		title: r.title as string,
		rubricId: r.rubric_id as string,
		blind: r.blind === true || r.blind === 1,
		createdAt: Number(r.created_at)
	};
}

export function rowToRater(r: Row): RaterRecord {
	return {
		id: r.id as string,
		sessionId: r.session_id as string,
		personId: r.person_id as string,
		tokenHash: r.token_hash as string,
		createdAt: Number(r.created_at)
	};
}

export function rowToRound(r: Row): RoundRecord {
	return {
		sessionId: r.session_id as string,
		round: Number(r.round),
		openedAt: Number(r.opened_at),
		revealedAt: r.revealed_at == null ? null : Number(r.revealed_at),
		revealedBy: (r.revealed_by as RoundRecord['revealedBy']) ?? null
	};
}

export function rowToCard(r: Row): RaterCardRecord {
	return {
		sessionId: r.session_id as string,
		raterId: r.rater_id as string,
		interviewId: r.interview_id as string,
		round: Number(r.round),
		ratings: JSON.parse(r.ratings as string),
		recommendation: r.recommendation as RaterCardRecord['recommendation'],
		confidence: r.confidence as RaterCardRecord['confidence'],
		submittedAt: Number(r.submitted_at)
	};
}
