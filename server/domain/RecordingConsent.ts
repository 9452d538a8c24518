import { DomainError } from './errors.js';
import type { Participant } from './InterviewService.js';
import type { Clock, ConsentStore } from './ports.js';
import type { Recorder } from './Recorder.js';

/** CONSENT-2: the candidate's acceptance of the recording, stored once and logged. */
export class RecordingConsent {
	constructor(private readonly deps: { store: ConsentStore; recorder: Recorder; clock: Clock }) {}

	async accept(p: Participant): Promise<number> {
		if (p.participant.role !== 'candidate') {
			throw new DomainError('forbidden', 'Only the candidate accepts the recording notice');
		}
		const { consentedAt, changed } = await this.deps.store.markConsented(p.interview.id, this.deps.clock.now());
		if (changed) {
			await this.deps.recorder.append({
				interviewId: p.interview.id,
				t: consentedAt,
				kind: 'event',
				type: 'consent:accepted',
				actor: p.participant.id,
				data: {}
			});
		}
		return consentedAt;
	}
}
