import type { Rubric } from '$lib/shared/rubric';
import type { Draft, ScorecardVersion, SubmitInput } from '$lib/shared/scorecard';

/** A blank scorecard: every competency unrated, no recommendation yet. */
export function emptyDraft(r: Rubric): Draft {
	return {
		ratings: Object.fromEntries(r.competencies.map((c) => [c.id, { level: null, notes: [], pending: '' }])),
		recommendation: null,
		confidence: null,
		reason: ''
	};
}

/** A draft with a row for every competency, whatever the stored one had. */
export function completeDraft(r: Rubric, d: Draft): Draft {
	const base = emptyDraft(r);
	return { ...base, ...d, ratings: { ...base.ratings, ...d.ratings }, reason: d.reason ?? '' };
}

/** An amendment starts from the latest submitted version, with an empty reason. */
export function amendmentDraft(r: Rubric, latest: ScorecardVersion): Draft {
	return completeDraft(r, {
		ratings: Object.fromEntries(
			Object.entries(latest.ratings).map(([k, rating]) => [
				k,
				{ level: rating.level, notes: [...rating.notes], pending: '' }
			])
		),
		recommendation: latest.recommendation,
		confidence: latest.confidence,
		reason: ''
	});
}

/** What Submit sends; call only once `submissionProblems` found nothing missing. */
export function toSubmission(d: Draft, amending: boolean): SubmitInput {
	return {
		ratings: Object.fromEntries(Object.entries(d.ratings).map(([k, r]) => [k, { level: r.level!, notes: r.notes }])),
		recommendation: d.recommendation!,
		confidence: d.confidence!,
		...(amending ? { reason: d.reason.trim() } : {})
	};
}
