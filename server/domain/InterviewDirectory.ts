import {
	interviewStateOf,
	type InterviewListQuery,
	type OrganizerInterview,
	type PersonSummary
} from '../../src/lib/shared/organizer.js';
import { deadlineOf } from '../../src/lib/shared/permissions.js';
import type { ProblemCatalog } from './InterviewService.js';
import type { Clock, InterviewStore, LoopStore } from './ports.js';
import type { InterviewRecord } from './types.js';

/**
 * How many open interviews a search by a presence-dependent state (waiting, live, take-home)
 * looks through: the store cannot filter on who is in a room, so it filters on "not ended" and
 * this picks the state from that window.
 */
export const OPEN_SCAN_LIMIT = 500;

export interface InterviewDirectoryDeps {
	interviews: Pick<InterviewStore, 'searchInterviews' | 'participantsOf'>;
	loops: Pick<LoopStore, 'loopsOfInterview' | 'getLoop'>;
	problems: Pick<ProblemCatalog, 'get'>;
	/** Who has a room open now (RoomActivity, from the Socket.IO connections of this process). */
	presence: { presence(interviewId: string): PersonSummary[] };
	clock: Clock;
}

/** ORG-1, ORG-2: the organizer's list: each interview's state, people, presence, problems and loops. */
export class InterviewDirectory {
	constructor(private readonly deps: InterviewDirectoryDeps) {}

	async list(query: InterviewListQuery): Promise<OrganizerInterview[]> {
		const byPresence = query.state !== undefined && query.state !== 'ended';
		const records = await this.deps.interviews.searchInterviews({
			text: query.q || undefined,
			problemId: query.problem,
			ended: query.state === undefined ? undefined : query.state === 'ended',
			limit: byPresence ? OPEN_SCAN_LIMIT : query.limit
		});
		const now = this.deps.clock.now();
		const rows: OrganizerInterview[] = [];
		for (const iv of records) {
			const present = this.deps.presence.presence(iv.id).map(person);
			const state = interviewStateOf(iv, present.length, now);
			if (query.state !== undefined && state !== query.state) continue;
			rows.push(await this.describe(iv, state, present));
			if (rows.length === query.limit) break;
		}
		return rows;
	}

	private async describe(
		iv: InterviewRecord,
		state: OrganizerInterview['state'],
		present: PersonSummary[]
	): Promise<OrganizerInterview> {
		const people = (await this.deps.interviews.participantsOf(iv.id)).map(person);
		const loops = [];
		for (const id of await this.deps.loops.loopsOfInterview(iv.id)) {
			const loop = await this.deps.loops.getLoop(id);
			if (loop) loops.push({ id: loop.id, title: loop.title });
		}
		return {
			id: iv.id,
			title: iv.title,
			candidateName: iv.candidateName,
			createdAt: iv.createdAt,
			endedAt: iv.endedAt,
			mode: iv.mode,
			state,
			startedAt: iv.startedAt,
			deadline: deadlineOf(iv),
			problems: iv.problemIds.map((id) => ({ id, title: this.deps.problems.get(id)?.title ?? id })),
			people,
			present,
			loops
		};
	}
}

function person(p: PersonSummary): PersonSummary {
	return { id: p.id, name: p.name, role: p.role };
}
