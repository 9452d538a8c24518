import * as Y from 'yjs';
import { toBase64, toRecordingLine } from '../../src/lib/shared/recording.js';
import type { DocName } from '../../src/lib/shared/protocol.js';
import { ANONYMOUS_CANDIDATE, type ReplayBundle, type ReplayViewerKind } from '../../src/lib/shared/replay/bundle.js';
import { DomainError } from './errors.js';
import { toView, type InterviewService, type ProblemCatalog } from './InterviewService.js';
import type { Anonymiser, Clock, LogStore, ReviewerLinkStore } from './ports.js';
import { can } from '../../src/lib/shared/permissions.js';
import type { InterviewRecord, LogEntry } from './types.js';
import { anonymiseRecording, type AnonymisedRecording } from './anonymise/anonymiseRecording.js';
import { NameRedactor } from './anonymise/NameRedactor.js';

/** Checkpoints handed to a player are at least this many log entries apart (a seek applies fewer). */
export const CHECKPOINT_STRIDE_ENTRIES = 500;

export interface ReplayViewer {
	interview: InterviewRecord;
	kind: ReplayViewerKind;
	name: string;
	anonymised: boolean;
}

export interface ReplayDeps {
	interviews: InterviewService;
	reviewerLinks: ReviewerLinkStore;
	/** The log and its checkpoints. */
	log: LogStore;
	problems: ProblemCatalog;
	clock: Clock;
	newId(): string;
	newToken(): string;
	hashToken(token: string): string;
	/** Hiring panels: a loop's panel link opens the replays of that loop's interviews (read-only). */
	panels?: { isPanelOf(interviewId: string, token: string): Promise<boolean> };
	/** CAL-3: a calibration rater's link opens the replays of its session's interviews (anonymised when blind). */
	raters?: { replayViewer(interviewId: string, token: string): Promise<{ name: string; anonymised: boolean } | null> };
	/** REPLAY-7's rewrite; in this thread unless given (the server gives it a thread of its own). */
	anonymiser?: Anonymiser;
}

/** The rewrite run where it is called: for tests and tools, never for a server with live rooms. */
const inThisThread: Anonymiser = {
	anonymise: async (entries, candidateName, checkpointsAt) => anonymiseRecording(entries, candidateName, checkpointsAt)
};

/** Anonymised recordings kept, so the log and the checkpoints of one page load are rewritten once. */
const ANONYMISED_CACHE_ENTRIES = 4;

/** Who may replay (REPLAY-6), what they get (REPLAY-7), and reviewer links. */
export class ReplayService {
	/** Finished or still being rewritten: the page's log and checkpoints requests, and raters opening it at once, share one. */
	private readonly anonymised = new Map<string, { version: string; recording: Promise<AnonymisedRecording> }>();

	constructor(private readonly deps: ReplayDeps) {}

	/**
	 * `admin`: the request carried the admin key. Candidates and observers are refused; so is every
	 * token while a take-home runs (TAKE-4).
	 */
	async viewer(interviewId: string, auth: { admin: boolean; token?: string | null }): Promise<ReplayViewer> {
		const interview = await this.deps.interviews.requireInterview(interviewId);
		if (auth.admin) return { interview, kind: 'organizer', name: 'Organizer', anonymised: false };
		const viewer = await this.tokenViewer(interview, auth.token);
		this.deps.interviews.assertNotInProgressTakeHome(interview);
		return viewer;
	}

	private async tokenViewer(interview: InterviewRecord, token?: string | null): Promise<ReplayViewer> {
		if (!token) throw new DomainError('unauthorized', 'A replay link token is required');
		const link = await this.deps.reviewerLinks.findReviewerLinkByTokenHash(this.deps.hashToken(token));
		if (link) {
			if (link.interviewId !== interview.id)
				throw new DomainError('unauthorized', 'This link is not valid for this interview');
			return { interview, kind: 'reviewer', name: 'Reviewer', anonymised: link.anonymised };
		}
		const rater = await this.deps.raters?.replayViewer(interview.id, token);
		if (rater) return { interview, kind: 'rater', name: rater.name, anonymised: rater.anonymised };
		// The debrief's links to replay moments carry the panel's token.
		if (await this.deps.panels?.isPanelOf(interview.id, token)) {
			return { interview, kind: 'reviewer', name: 'Hiring panel', anonymised: false };
		}
		const { participant } = await this.deps.interviews.authenticate(interview.id, token);
		if (!can(participant.role, 'replay')) {
			throw new DomainError('forbidden', `A ${participant.role} may not open the replay`);
		}
		return { interview, kind: 'interviewer', name: participant.name, anonymised: false };
	}

	/** Organizer or an interviewer of the interview; answers the new token (shown once). */
	async createReviewerLink(viewer: ReplayViewer, anonymised: boolean): Promise<string> {
		if (viewer.kind === 'reviewer' || viewer.kind === 'rater') {
			throw new DomainError('forbidden', `A ${viewer.kind} may not create replay links`);
		}
		const token = this.deps.newToken();
		await this.deps.reviewerLinks.createReviewerLink({
			id: this.deps.newId(),
			interviewId: viewer.interview.id,
			tokenHash: this.deps.hashToken(token),
			anonymised,
			createdAt: this.deps.clock.now()
		});
		return token;
	}

	async bundle(viewer: ReplayViewer): Promise<ReplayBundle> {
		const iv = viewer.interview;
		const redact = this.redactor(viewer);
		const participants = (await this.deps.interviews.participantsOf(iv.id)).map((p) => {
			const v = toView(p);
			return viewer.anonymised && p.role === 'candidate' ? { ...v, name: ANONYMOUS_CANDIDATE } : v;
		});
		return {
			interview: {
				id: iv.id,
				title: redact(iv.title),
				candidateName: viewer.anonymised ? ANONYMOUS_CANDIDATE : iv.candidateName,
				problems: iv.problemIds.map((id) => ({ id, title: this.deps.problems.get(id)?.title ?? id })),
				createdAt: iv.createdAt,
				startedAt: iv.startedAt,
				endedAt: iv.endedAt,
				mode: iv.mode,
				consentedAt: iv.consentedAt ?? null
			},
			participants,
			viewer: { kind: viewer.kind, name: viewer.name, anonymised: viewer.anonymised },
			checkpoints: await this.strideCheckpoints(iv.id)
		};
	}

	/** The recording as NDJSON lines (same format as /recording); rewritten without the name for anonymised links. */
	async *logLines(viewer: ReplayViewer): AsyncIterable<string> {
		if (viewer.anonymised) {
			yield* (await this.anonymisedRecording(viewer)).lines;
			return;
		}
		for await (const entry of this.deps.log.readLog(viewer.interview.id)) yield toRecordingLine(entry);
	}

	/**
	 * The checkpoints a player needs: every CHECKPOINT_STRIDE_ENTRIES entries per document, and
	 * the last. In Yjs's v2 encoding (`"v2": true`): less than half the bytes, and faster to load.
	 */
	async *checkpointLines(viewer: ReplayViewer): AsyncIterable<string> {
		if (viewer.anonymised) {
			for (const c of (await this.anonymisedRecording(viewer)).checkpoints) {
				const state = toBase64(Y.convertUpdateFormatV1ToV2(c.state));
				yield JSON.stringify({ doc: c.doc, seq: c.seq, v2: true, state });
			}
			return;
		}
		for (const c of await this.strideCheckpoints(viewer.interview.id)) {
			const cp = await this.deps.log.readCheckpoint(viewer.interview.id, c.doc, c.seq);
			if (cp) {
				const state = toBase64(Y.convertUpdateFormatV1ToV2(cp.state));
				yield JSON.stringify({ doc: c.doc, seq: cp.seq, v2: true, state });
			}
		}
	}

	private async strideCheckpoints(interviewId: string): Promise<{ doc: DocName; seq: number }[]> {
		const all = await this.deps.log.listCheckpoints(interviewId);
		const out: { doc: DocName; seq: number }[] = [];
		for (const doc of ['code', 'canvas'] as DocName[]) {
			const list = all.filter((c) => c.doc === doc);
			let last = -Infinity;
			list.forEach((c, i) => {
				if (c.seq - last >= CHECKPOINT_STRIDE_ENTRIES || i === list.length - 1) {
					out.push(c);
					last = c.seq;
				}
			});
		}
		return out.sort((a, b) => a.seq - b.seq);
	}

	/** REPLAY-7: whole words of the candidate's name become "Candidate". */
	private redactor(viewer: ReplayViewer): (s: string) => string {
		if (!viewer.anonymised) return (s) => s;
		const redactor = new NameRedactor(viewer.interview.candidateName);
		return (s) => redactor.redact(s);
	}

	/** The recording rewritten for an anonymised reviewer, at the same checkpoints as everyone's. */
	private async anonymisedRecording(viewer: ReplayViewer): Promise<AnonymisedRecording> {
		const iv = viewer.interview;
		const entries: LogEntry[] = [];
		for await (const entry of this.deps.log.readLog(iv.id)) entries.push(entry);
		const version = `${entries.length}:${entries.at(-1)?.seq ?? 0}:${iv.candidateName}`;
		const cached = this.anonymised.get(iv.id);
		if (cached?.version === version) return cached.recording;
		const anonymiser = this.deps.anonymiser ?? inThisThread;
		// Put in the cache before any await, so that a request arriving meanwhile shares this rewrite.
		const recording = this.strideCheckpoints(iv.id).then((at) => anonymiser.anonymise(entries, iv.candidateName, at));
		const entry = { version, recording };
		this.anonymised.delete(iv.id);
		this.anonymised.set(iv.id, entry);
		// A failed rewrite is not kept: the next request tries again.
		recording.catch(() => {
			if (this.anonymised.get(iv.id) === entry) this.anonymised.delete(iv.id);
		});
		for (const key of this.anonymised.keys()) {
			if (this.anonymised.size <= ANONYMISED_CACHE_ENTRIES) break;
			this.anonymised.delete(key);
		}
		return recording;
	}
}
