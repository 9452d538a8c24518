import type { CreateInterviewInput } from '../../src/lib/shared/api.js';
import {
	PROTOCOL_VERSION,
	type ParticipantView,
	type PrivateProblemView,
	type Role,
	type SessionView
} from '../../src/lib/shared/protocol.js';
import type { PersonRef } from '../../src/lib/shared/calibration/people.js';
import { DomainError } from './errors.js';
import type { Clock, InterviewStore } from './ports.js';
import { can, deadlineOf, isInterviewOver } from '../../src/lib/shared/permissions.js';
import type { InterviewRecord, ParticipantRecord, PrivateProblem, Problem } from './types.js';

export interface ProblemCatalog {
	get(id: string): Problem | undefined;
	getPrivate(id: string): PrivateProblem | undefined;
	list(): Problem[];
}

export interface InterviewDeps {
	store: InterviewStore;
	problems: ProblemCatalog;
	clock: Clock;
	newId(): string;
	/** At least 128 random bits, URL-safe. */
	newToken(): string;
	hashToken(token: string): string;
	/** Rubrics an interview may name (`rubric`); without it any id is accepted. */
	rubrics?: { get(id: string): unknown; defaultFor(kind: string): { id: string } | undefined };
	/** RET-1: told to the candidate in the recording notice (null: kept until deleted). */
	retentionDays?: number | null;
	/** PEOPLE-1: turns each interviewer reference into a person; without it interviewers have none. */
	people?: { resolve(refs: PersonRef[], field: string): Promise<{ id: string; name: string }[]> };
	/** CAL-3: tells a calibration rater's token, which opens no room (403, not 401). */
	raterTokens?: { isRaterTokenHash(tokenHash: string): Promise<boolean> };
}

export interface Participant {
	interview: InterviewRecord;
	participant: ParticipantRecord;
}

export interface CreatedInterview {
	id: string;
	candidate: { name: string; token: string };
	interviewers: { name: string; token: string; personId: string | null }[];
	observers: { name: string; token: string }[];
}

const CANDIDATE_COLOR = '#0f766e';
const PALETTE = ['#7c3aed', '#c2410c', '#1d4ed8', '#be123c', '#4d7c0f', '#a16207', '#0e7490', '#6d28d9'];

/** `by` is null when a take-home's time ran out (TAKE-3). */
export type EndListener = (interviewId: string, endedAt: number, by: Participant | null) => void;

export class InterviewService {
	private readonly endListeners = new Set<EndListener>();

	constructor(private readonly deps: InterviewDeps) {}

	async create(input: CreateInterviewInput): Promise<CreatedInterview> {
		input.problems.forEach((id, i) => {
			if (!this.deps.problems.get(id)) {
				throw new DomainError('invalid', `problems[${i}] "${id}" is not a known problem`, `problems[${i}]`);
			}
		});
		const rubrics = this.deps.rubrics;
		if (input.rubric !== undefined && rubrics && !rubrics.get(input.rubric)) {
			throw new DomainError('invalid', `rubric "${input.rubric}" is not a known rubric`, 'rubric');
		}
		// Without a rubric named, the one proposed for the first problem's kind (rubric default_for).
		const rubricId =
			input.rubric ?? rubrics?.defaultFor(this.deps.problems.get(input.problems[0])?.kind ?? '')?.id ?? null;
		const interview: InterviewRecord = {
			id: this.deps.newId(),
			title: input.title,
			candidateName: input.candidate.name,
			problemIds: [...new Set(input.problems)],
			rubricId,
			createdAt: this.deps.clock.now(),
			endedAt: null,
			mode: input.mode ?? 'live',
			timeBoxMinutes:
				(input.mode ?? 'live') === 'take-home'
					? (input.timeBoxMinutes ??
						input.problems.reduce((sum, id) => sum + (this.deps.problems.get(id)?.timeBoxMinutes ?? 0), 0))
					: null,
			startedAt: null
		};
		const people = await this.interviewerPeople(input.interviewers);
		const participants: ParticipantRecord[] = [];
		const issue = (name: string, role: Role, color: string, personId: string | null = null) => {
			const token = this.deps.newToken();
			participants.push({
				id: this.deps.newId(),
				interviewId: interview.id,
				name,
				role,
				color,
				tokenHash: this.deps.hashToken(token),
				...(personId !== null ? { personId } : {})
			});
			return { name, token, personId };
		};
		const candidate = issue(input.candidate.name, 'candidate', CANDIDATE_COLOR);
		const interviewers = people.map((p, i) => issue(p.name, 'interviewer', PALETTE[i % PALETTE.length], p.id));
		const observers = (input.observers ?? []).map((p, i) => {
			const { name, token } = issue(p.name, 'observer', PALETTE[(i + interviewers.length) % PALETTE.length]);
			return { name, token };
		});
		await this.deps.store.createInterview(interview, participants);
		return { id: interview.id, candidate: { name: candidate.name, token: candidate.token }, interviewers, observers };
	}

	/** PEOPLE-1: the person of each interviewer (none when people are not wired, as in older tests). */
	private async interviewerPeople(refs: PersonRef[]): Promise<{ id: string | null; name: string }[]> {
		if (this.deps.people) return this.deps.people.resolve(refs, 'interviewers');
		return refs.map((r, i) => {
			if (r.name === undefined) {
				throw new DomainError('invalid', `interviewers[${i}].name is required`, `interviewers[${i}].name`);
			}
			return { id: null, name: r.name };
		});
	}

	/** Unknown interview → not_found; a token that is not of this interview → unauthorized. */
	async authenticate(interviewId: string, token: string | null | undefined): Promise<Participant> {
		const interview = await this.deps.store.getInterview(interviewId);
		if (!interview) throw new DomainError('not_found', `No interview with id "${interviewId}"`);
		if (!token) throw new DomainError('unauthorized', 'A room token is required');
		const hash = this.deps.hashToken(token);
		const participant = await this.deps.store.findParticipantByTokenHash(hash);
		if (!participant && (await this.deps.raterTokens?.isRaterTokenHash(hash))) {
			throw new DomainError('forbidden', "A calibration rater's link opens only its session's replays and scorecards");
		}
		if (!participant || participant.interviewId !== interviewId) {
			throw new DomainError('unauthorized', 'This link is not valid for this interview');
		}
		return { interview, participant };
	}

	/** In the order they were created. */
	async participantsOf(interviewId: string): Promise<ParticipantRecord[]> {
		return this.deps.store.participantsOf(interviewId);
	}

	/** The interviewers of an interview (who score it), in the order they were created. */
	async interviewersOf(interviewId: string): Promise<ParticipantRecord[]> {
		return (await this.deps.store.participantsOf(interviewId)).filter((p) => p.role === 'interviewer');
	}

	/** The organizer's list: the most recent first. */
	async list(limit: number): Promise<InterviewRecord[]> {
		return this.deps.store.listInterviews(limit);
	}

	async findInterview(interviewId: string): Promise<InterviewRecord | undefined> {
		return this.deps.store.getInterview(interviewId);
	}

	async requireInterview(interviewId: string): Promise<InterviewRecord> {
		const interview = await this.deps.store.getInterview(interviewId);
		if (!interview) throw new DomainError('not_found', `No interview with id "${interviewId}"`);
		return interview;
	}

	/** TAKE-3: when a started take-home's time runs out; null for live interviews. */
	deadlineOf(interview: InterviewRecord): number | null {
		return deadlineOf(interview);
	}

	/** Ended, or past its deadline (the sweep may not have marked it yet). */
	isOver(interview: InterviewRecord): boolean {
		return isInterviewOver({ endedAt: interview.endedAt, deadline: deadlineOf(interview) }, this.deps.clock.now());
	}

	/** TAKE-1: why this participant may not enter the room yet, in words; null when they may. */
	waitingReason({ interview, participant }: Participant): string | null {
		if (interview.mode !== 'take-home' || this.isOver(interview)) return null;
		if (participant.role === 'candidate') {
			return interview.startedAt === null ? 'Start the take-home when you are ready: the clock starts then.' : null;
		}
		return interview.startedAt === null
			? 'The candidate has not started this take-home yet. You can review it once it has ended.'
			: 'The candidate is working on this take-home. You can review it once it has ended.';
	}

	assertMayEnterRoom(p: Participant): void {
		const reason = this.waitingReason(p);
		if (reason) throw new DomainError('forbidden', reason);
		// CONSENT-1: nothing of the candidate is recorded before they accepted.
		if (this.needsConsent(p)) throw new DomainError('forbidden', 'Accept the recording notice before joining');
	}

	/** CONSENT-1: a candidate who has not accepted the recording yet. */
	needsConsent({ interview, participant }: Participant): boolean {
		return participant.role === 'candidate' && !interview.consentedAt;
	}

	sessionView(p: Participant): SessionView {
		const { interview, participant } = p;
		const ended = this.isOver(interview);
		const waiting = this.waitingReason(p);
		const context = { ended, mode: interview.mode, started: interview.startedAt !== null };
		const may = (action: Parameters<typeof can>[1]) => can(participant.role, action, context) && !waiting;
		return {
			interview: {
				id: interview.id,
				title: interview.title,
				candidateName: interview.candidateName,
				problems: interview.problemIds.flatMap((id) => {
					const pr = this.deps.problems.get(id);
					return pr
						? [
								{
									id: pr.id,
									title: pr.title,
									kind: pr.kind,
									statement: pr.statement,
									tests: pr.tests,
									timeBoxMinutes: pr.timeBoxMinutes,
									packages: pr.packages,
									scene: pr.scene
								}
							]
						: [];
				}),
				endedAt: interview.endedAt,
				mode: interview.mode,
				timeBoxMinutes: interview.timeBoxMinutes,
				startedAt: interview.startedAt,
				deadline: this.deadlineOf(interview)
			},
			me: toView(participant),
			waiting,
			can: {
				edit: may('edit'),
				run: may('run'),
				end: may('end'),
				runHiddenTests: may('runHiddenTests'),
				seePrivate: can(participant.role, 'seePrivate'),
				start: can(participant.role, 'startTakeHome', context)
			},
			consent: {
				required: this.needsConsent(p),
				acceptedAt: interview.consentedAt ?? null,
				retentionDays: this.deps.retentionDays ?? null
			},
			protocolVersion: PROTOCOL_VERSION
		};
	}

	/** TAKE-1: the candidate starts a take-home; the clock runs from the first start. */
	async start(p: Participant): Promise<InterviewRecord> {
		if (p.interview.mode !== 'take-home')
			throw new DomainError('conflict', 'Only a take-home is started by the candidate');
		if (p.participant.role !== 'candidate') throw new DomainError('forbidden', 'Only the candidate starts a take-home');
		if (this.isOver(p.interview)) throw new DomainError('conflict', 'This take-home has ended');
		if (this.needsConsent(p)) throw new DomainError('forbidden', 'Accept the recording notice before starting');
		const startedAt = await this.deps.store.markStarted(p.interview.id, this.deps.clock.now());
		return { ...p.interview, startedAt };
	}

	/** TAKE-3: ends every take-home whose time has run out; returns how many it ended. */
	async endExpired(): Promise<number> {
		let count = 0;
		for (const interview of await this.deps.store.listRunningTakeHomes()) {
			const deadline = this.deadlineOf(interview);
			if (deadline === null || this.deps.clock.now() < deadline) continue;
			const { endedAt, changed } = await this.deps.store.markEnded(interview.id, deadline);
			if (!changed) continue;
			count++;
			for (const l of this.endListeners) l(interview.id, endedAt, null);
		}
		return count;
	}

	/** PRIV-1: solutions, hidden tests and notes of this interview's problems, for interviewers only. */
	privateView(p: Participant): PrivateProblemView[] {
		if (!can(p.participant.role, 'seePrivate')) {
			throw new DomainError('forbidden', `A ${p.participant.role} may not see interviewer material`);
		}
		return p.interview.problemIds.flatMap((id) => {
			const priv = this.deps.problems.getPrivate(id);
			return priv ? [{ ...priv }] : [];
		});
	}

	assertCanReadRecording(p: Participant): void {
		if (!can(p.participant.role, 'readRecording')) {
			throw new DomainError('forbidden', `A ${p.participant.role} may not read the recording`);
		}
		this.assertNotInProgressTakeHome(p.interview);
	}

	/** TAKE-4: a take-home's recording opens (to anyone but the admin key) only once it has ended. */
	assertNotInProgressTakeHome(interview: InterviewRecord): void {
		if (interview.mode === 'take-home' && !this.isOver(interview)) {
			throw new DomainError(
				'forbidden',
				'The take-home is in progress: its recording and replay open once the candidate has finished'
			);
		}
	}

	/**
	 * ROLE-3, ROLE-4. Idempotent, also when two interviewers end at once: the store keeps the
	 * first time, and only the call that set it tells the listeners.
	 */
	async end(p: Participant): Promise<number> {
		if (!can(p.participant.role, 'end', { mode: p.interview.mode })) {
			throw new DomainError('forbidden', 'Only an interviewer can end the interview');
		}
		const current = await this.requireInterview(p.interview.id);
		if (current.endedAt !== null) return current.endedAt;
		const { endedAt, changed } = await this.deps.store.markEnded(p.interview.id, this.deps.clock.now());
		if (changed) for (const l of this.endListeners) l(p.interview.id, endedAt, p);
		return endedAt;
	}

	onEnded(listener: EndListener): () => void {
		this.endListeners.add(listener);
		return () => this.endListeners.delete(listener);
	}

	starterFiles(interview: InterviewRecord): { problemId: string; text: string }[] {
		return interview.problemIds.flatMap((id) => {
			const p = this.deps.problems.get(id);
			return p ? [{ problemId: id, text: p.starter }] : [];
		});
	}
}

export function toView(p: ParticipantRecord): ParticipantView {
	return { id: p.id, name: p.name, role: p.role, color: p.color };
}
