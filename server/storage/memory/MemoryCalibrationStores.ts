import { personNameKey } from '../../../src/lib/shared/calibration/people.js';
import type { CalibrationStore, PeopleStore } from '../../domain/ports.js';
import type {
	CalibrationSessionRecord,
	CardOutcome,
	PersonRecord,
	RaterCardRecord,
	RaterDraftRecord,
	RaterRecord,
	RoundRecord
} from '../../domain/calibration/calibrationTypes.js';
import type { InterviewRecord, ParticipantRecord } from '../../domain/types.js';

/*
 * People and calibration in memory, on the same data as InMemoryStores' other repositories
 * (the participants and interviews are theirs), behaving as the SQLite ones do.
 */

const copy = <T>(v: T): T => structuredClone(v);

export class MemoryCalibrationData {
	readonly people: PersonRecord[] = [];
	readonly sessions: CalibrationSessionRecord[] = [];
	readonly sessionInterviews: { sessionId: string; interviewId: string }[] = [];
	readonly raters: RaterRecord[] = [];
	readonly rounds: RoundRecord[] = [];
	readonly drafts: RaterDraftRecord[] = [];
	readonly cards: RaterCardRecord[] = [];

	constructor(
		readonly participants: ParticipantRecord[],
		readonly interviews: Map<string, InterviewRecord>
	) {}

	/** CAL-8: the interview out of its sessions; a session left empty goes whole. */
	eraseInterview(interviewId: string): void {
		const sessions = new Set(
			this.sessionInterviews.filter((s) => s.interviewId === interviewId).map((s) => s.sessionId)
		);
		remove(this.drafts, (x) => x.interviewId === interviewId);
		remove(this.cards, (x) => x.interviewId === interviewId);
		remove(this.sessionInterviews, (x) => x.interviewId === interviewId);
		for (const id of sessions) {
			if (!this.sessionInterviews.some((s) => s.sessionId === id)) this.deleteSession(id);
		}
	}

	deleteSession(id: string): boolean {
		const existed = this.sessions.some((s) => s.id === id);
		remove(this.sessions, (s) => s.id === id);
		for (const list of [this.sessionInterviews, this.raters, this.rounds, this.drafts, this.cards] as {
			sessionId: string;
		}[][]) {
			remove(list, (x) => x.sessionId === id);
		}
		return existed;
	}
}

function remove<T>(list: T[], drop: (x: T) => boolean): void {
	const kept = list.filter((x) => !drop(x));
	list.splice(0, list.length, ...kept);
}

export class MemoryPeopleStore implements PeopleStore {
	constructor(private readonly data: MemoryCalibrationData) {}

	private emailTaken(p: PersonRecord): boolean {
		return p.email !== null && this.data.people.some((x) => x.email === p.email && x.id !== p.id);
	}

	async createPerson(person: PersonRecord): Promise<boolean> {
		if (this.emailTaken(person) || this.data.people.some((x) => x.id === person.id)) return false;
		this.data.people.push(copy(person));
		return true;
	}

	async getPerson(id: string): Promise<PersonRecord | undefined> {
		const p = this.data.people.find((x) => x.id === id);
		return p && copy(p);
	}

	async listPeople(): Promise<PersonRecord[]> {
		const all = this.data.people.map((p, i) => ({ p, i, k: personNameKey(p.name) }));
		all.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.p.createdAt - b.p.createdAt || a.i - b.i));
		return all.map((x) => copy(x.p));
	}

	async findPeopleByNameKey(nameKey: string): Promise<PersonRecord[]> {
		return copy(this.data.people.filter((p) => personNameKey(p.name) === nameKey));
	}

	async createPersonNamed(person: PersonRecord): Promise<PersonRecord> {
		const key = personNameKey(person.name);
		const same = this.data.people.filter((p) => personNameKey(p.name) === key);
		const oldest = same.reduce<PersonRecord | null>((a, p) => (a && a.createdAt <= p.createdAt ? a : p), null);
		if (oldest) return copy(oldest);
		this.data.people.push(copy(person));
		return copy(person);
	}

	async updatePerson(person: PersonRecord): Promise<boolean> {
		const i = this.data.people.findIndex((x) => x.id === person.id);
		if (i < 0 || this.emailTaken(person)) return false;
		this.data.people[i] = copy(person);
		return true;
	}

	async deletePerson(id: string): Promise<boolean> {
		if (this.data.participants.some((p) => p.personId === id) || this.data.raters.some((r) => r.personId === id)) {
			throw new Error('FOREIGN KEY constraint failed: the person is named by a link');
		}
		const before = this.data.people.length;
		remove(this.data.people, (p) => p.id === id);
		return this.data.people.length < before;
	}

	async linksOf(id: string): Promise<{ interviewLinks: number; raterLinks: number }> {
		return {
			interviewLinks: this.data.participants.filter((p) => p.personId === id).length,
			raterLinks: this.data.raters.filter((r) => r.personId === id).length
		};
	}

	async participantsOfPerson(personId: string): Promise<ParticipantRecord[]> {
		return copy(this.data.participants.filter((p) => p.personId === personId));
	}

	async listUnlinkedInterviewers(): Promise<ParticipantRecord[]> {
		return copy(this.data.participants.filter((p) => p.role === 'interviewer' && !p.personId));
	}

	async linkParticipant(participantId: string, personId: string): Promise<void> {
		if (!this.data.people.some((p) => p.id === personId)) throw new Error('FOREIGN KEY constraint failed: people');
		const p = this.data.participants.find((x) => x.id === participantId);
		if (p) p.personId = personId;
	}
}

const sameCard = (a: Omit<RaterDraftRecord, 'draft' | 'savedAt'>, b: Omit<RaterDraftRecord, 'draft' | 'savedAt'>) =>
	a.sessionId === b.sessionId && a.raterId === b.raterId && a.interviewId === b.interviewId && a.round === b.round;

export class MemoryCalibrationStore implements CalibrationStore {
	constructor(private readonly data: MemoryCalibrationData) {}

	async createSession(
		session: CalibrationSessionRecord,
		interviewIds: string[],
		raters: RaterRecord[],
		firstRound: RoundRecord
	): Promise<void> {
		const d = this.data;
		if (d.sessions.some((s) => s.id === session.id))
			throw new Error('UNIQUE constraint failed: calibration_sessions.id');
		for (const id of interviewIds) {
			if (!d.interviews.has(id)) throw new Error(`FOREIGN KEY constraint failed: no interview ${id}`);
		}
		const hashes = new Set(d.raters.map((r) => r.tokenHash));
		const persons = new Set<string>();
		for (const r of raters) {
			if (hashes.has(r.tokenHash) || persons.has(r.personId))
				throw new Error('UNIQUE constraint failed: calibration_raters');
			if (!d.people.some((p) => p.id === r.personId)) throw new Error('FOREIGN KEY constraint failed: people');
			hashes.add(r.tokenHash);
			persons.add(r.personId);
		}
		d.sessions.push(copy(session));
		d.sessionInterviews.push(...interviewIds.map((interviewId) => ({ sessionId: session.id, interviewId })));
		d.raters.push(...copy(raters));
		d.rounds.push(copy(firstRound));
	}

	async getSession(id: string): Promise<CalibrationSessionRecord | undefined> {
		const s = this.data.sessions.find((x) => x.id === id);
		return s && copy(s);
	}

	async listSessions(): Promise<CalibrationSessionRecord[]> {
		const all = this.data.sessions.map((s, i) => ({ s, i }));
		all.sort((a, b) => b.s.createdAt - a.s.createdAt || b.i - a.i);
		return all.map((x) => copy(x.s));
	}

	async deleteSession(id: string): Promise<boolean> {
		return this.data.deleteSession(id);
	}

	async sessionInterviews(sessionId: string): Promise<string[]> {
		return this.data.sessionInterviews.filter((s) => s.sessionId === sessionId).map((s) => s.interviewId);
	}

	async listRaters(sessionId: string): Promise<RaterRecord[]> {
		return copy(this.data.raters.filter((r) => r.sessionId === sessionId));
	}

	async findRaterByTokenHash(tokenHash: string): Promise<RaterRecord | undefined> {
		const r = this.data.raters.find((x) => x.tokenHash === tokenHash);
		return r && copy(r);
	}

	async ratersOfPerson(personId: string): Promise<RaterRecord[]> {
		const all = this.data.raters.map((r, i) => ({ r, i })).filter((x) => x.r.personId === personId);
		all.sort((a, b) => a.r.createdAt - b.r.createdAt || a.i - b.i);
		return all.map((x) => copy(x.r));
	}

	async listRounds(sessionId: string): Promise<RoundRecord[]> {
		return copy(this.data.rounds.filter((r) => r.sessionId === sessionId).sort((a, b) => a.round - b.round));
	}

	async revealRound(sessionId: string, round: number, at: number, by: RoundRecord['revealedBy']): Promise<boolean> {
		const r = this.data.rounds.find((x) => x.sessionId === sessionId && x.round === round);
		if (!r || r.revealedAt !== null) return false;
		r.revealedAt = at;
		r.revealedBy = by;
		return true;
	}

	async openRound(next: RoundRecord): Promise<boolean> {
		const last = (await this.listRounds(next.sessionId)).at(-1);
		if (!last || last.round !== next.round - 1 || last.revealedAt === null) return false;
		this.data.rounds.push(copy(next));
		return true;
	}

	async getDraft(sessionId: string, raterId: string, interviewId: string, round: number) {
		const d = this.data.drafts.find((x) => sameCard(x, { sessionId, raterId, interviewId, round }));
		return d && copy(d);
	}

	async saveDraft(draft: RaterDraftRecord): Promise<void> {
		if (!this.data.raters.some((r) => r.id === draft.raterId && r.sessionId === draft.sessionId)) {
			throw new Error('FOREIGN KEY constraint failed: calibration_raters');
		}
		remove(this.data.drafts, (x) => sameCard(x, draft));
		this.data.drafts.push(copy(draft));
	}

	async submitCard(card: RaterCardRecord): Promise<CardOutcome> {
		const round = this.data.rounds.find((r) => r.sessionId === card.sessionId && r.round === card.round);
		if (!round || round.revealedAt !== null) return 'closed';
		if (this.data.cards.some((c) => sameCard(c, card))) return 'exists';
		if (!this.data.raters.some((r) => r.id === card.raterId && r.sessionId === card.sessionId)) {
			throw new Error('FOREIGN KEY constraint failed: calibration_raters');
		}
		this.data.cards.push(copy(card));
		remove(this.data.drafts, (x) => sameCard(x, card));
		return 'stored';
	}

	async listCards(sessionId: string): Promise<RaterCardRecord[]> {
		const all = this.data.cards.map((c, i) => ({ c, i })).filter((x) => x.c.sessionId === sessionId);
		all.sort((a, b) => a.c.round - b.c.round || a.c.submittedAt - b.c.submittedAt || a.i - b.i);
		return all.map((x) => copy(x.c));
	}
}
