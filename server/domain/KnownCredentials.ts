import type { CalibrationStore, InterviewStore, LoopStore, ReviewerLinkStore } from './ports.js';

export interface KnownCredentialsDeps {
	isAdminKey(credential: string): boolean;
	hashToken(token: string): string;
	participants: Pick<InterviewStore, 'findParticipantByTokenHash'>;
	reviewers: Pick<ReviewerLinkStore, 'findReviewerLinkByTokenHash'>;
	panels: Pick<LoopStore, 'findLoopByPanelTokenHash'>;
	raters?: Pick<CalibrationStore, 'findRaterByTokenHash'>;
}

/**
 * Tells a guess from a real credential used in the wrong place. A refusal of a token that opens
 * something else (a reviewer's page asking for pinned notes, a panel link on a replay) is a
 * legitimate user's request and must not count towards the guessing limit; a token that opens
 * nothing at all does.
 */
export class KnownCredentials {
	constructor(private readonly deps: KnownCredentialsDeps) {}

	async isKnown(credential: string): Promise<boolean> {
		if (this.deps.isAdminKey(credential)) return true;
		const hash = this.deps.hashToken(credential);
		return Boolean(
			(await this.deps.participants.findParticipantByTokenHash(hash)) ??
			(await this.deps.reviewers.findReviewerLinkByTokenHash(hash)) ??
			(await this.deps.panels.findLoopByPanelTokenHash(hash)) ??
			(await this.deps.raters?.findRaterByTokenHash(hash))
		);
	}
}
