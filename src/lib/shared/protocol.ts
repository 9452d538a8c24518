/**
 * The one protocol file shared by browser and server: roles, document names, Socket.IO
 * events (keyed by name, payloads validated by zod schemas) and WebSocket close codes.
 * Imports nothing from the DOM, Node, sockets or storage.
 */
import { z } from 'zod';
import type { CanvasElement } from './canvas/canvasDoc';
import type { CommittedRoomEvent } from './room/roomEvents';

export const PROTOCOL_VERSION = 1;

export const ROLES = ['candidate', 'interviewer', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const INTERVIEW_MODES = ['live', 'take-home'] as const;
export type InterviewMode = (typeof INTERVIEW_MODES)[number];

export const DOC_NAMES = ['code', 'canvas'] as const;
export type DocName = (typeof DOC_NAMES)[number];

/** Close codes the Yjs socket uses; browsers show `reason`, tests assert `code`. */
export const CLOSE = {
	UNAUTHORIZED: 4401,
	FORBIDDEN: 4403,
	NOT_FOUND: 4404,
	MALFORMED: 4400,
	TOO_LARGE: 4413,
	UPDATE_REJECTED: 4422,
	/** Too many connections of one participant, or a connection that asks faster than it reads. */
	TOO_MANY: 4429,
	SERVER_ERROR: 4500,
	SHUTTING_DOWN: 4503
} as const;

/** Largest WebSocket frame / Socket.IO packet the server accepts. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Output of one run kept and relayed; beyond it the run is marked truncated. */
export const MAX_RUN_OUTPUT_CHARS = 256 * 1024;
/** Running time one program may use; waiting in input() for the person does not count. */
export const RUN_TIME_LIMIT_MS = 10_000;
/** Wall-clock time one run may take, waiting for input included: a program left waiting ends. */
export const RUN_OVERALL_LIMIT_MS = 10 * 60_000;

export const RUN_OUTCOMES = ['ok', 'error', 'stopped', 'timeout', 'out-of-memory', 'crashed'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

const id = z
	.string()
	.min(1)
	.max(64)
	.regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -');

export const RunStartSchema = z.object({
	runId: id,
	problemId: z.string().min(1).max(64)
});
export const RunOutputSchema = z.object({
	runId: id,
	stream: z.enum(['stdout', 'stderr']),
	text: z.string().max(64 * 1024)
});
export const RunEndSchema = z.object({
	runId: id,
	outcome: z.enum(RUN_OUTCOMES),
	durationMs: z
		.number()
		.nonnegative()
		.max(24 * 3600 * 1000),
	message: z.string().max(2000).optional()
});
export const ProblemSwitchSchema = z.object({ problemId: z.string().min(1).max(64) });

/** Visible tests run for the whole room; hidden tests only in, and for, interviewers. */
export const TEST_SUITES = ['visible', 'hidden'] as const;
export type TestSuite = (typeof TEST_SUITES)[number];

export const TestsStartSchema = z.object({
	runId: id,
	problemId: z.string().min(1).max(64),
	suite: z.enum(TEST_SUITES)
});

export const TestCaseResultSchema = z.object({
	name: z.string().min(1).max(200),
	status: z.enum(['pass', 'fail', 'error', 'skipped']),
	message: z.string().max(2000),
	durationMs: z.number().nonnegative(),
	output: z.string().max(16 * 1024)
});

export const TestReportSchema = z.object({
	tests: z.array(TestCaseResultSchema).max(500),
	loadError: z.string().max(2000).nullable(),
	interrupted: z.boolean().optional(),
	summary: z.object({
		passed: z.number().int().nonnegative(),
		failed: z.number().int().nonnegative(),
		errors: z.number().int().nonnegative(),
		skipped: z.number().int().nonnegative(),
		total: z.number().int().nonnegative(),
		durationMs: z.number().nonnegative()
	})
});

export const TestsResultSchema = z.object({
	runId: id,
	/** How the test run ended as a program: ok, or stopped / timeout / out-of-memory / crashed. */
	outcome: z.enum(RUN_OUTCOMES),
	report: TestReportSchema.nullable(),
	message: z.string().max(2000).optional()
});

export type TestsStart = z.infer<typeof TestsStartSchema>;
export type TestCaseResult = z.infer<typeof TestCaseResultSchema>;
export type TestReport = z.infer<typeof TestReportSchema>;
export type TestsResult = z.infer<typeof TestsResultSchema>;

export interface TestRunView {
	runId: string;
	problemId: string;
	suite: TestSuite;
	by: ParticipantView;
	startedAt: number;
	result?: TestsResult & { endedAt: number };
}

/** SIG-1: the candidate's page reports when it loses or regains focus. */
export const FOCUS_STATES = ['hidden', 'visible'] as const;
export type FocusState = (typeof FOCUS_STATES)[number];
export const FocusSignalSchema = z.object({ state: z.enum(FOCUS_STATES) });

/** SIG-2: sent to interviewers only. */
export type CandidateSignal =
	| { kind: 'paste'; chars: number; t: number; by: ParticipantView }
	| { kind: 'focus'; state: FocusState; t: number; by: ParticipantView };

export type RunStart = z.infer<typeof RunStartSchema>;
export type RunOutput = z.infer<typeof RunOutputSchema>;
export type RunEnd = z.infer<typeof RunEndSchema>;

export interface ParticipantView {
	id: string;
	name: string;
	role: Role;
	color: string;
}

export interface PresenceEntry extends ParticipantView {
	/** Open Socket.IO connections of this participant (tabs). */
	connections: number;
}

export interface RunView {
	runId: string;
	problemId: string;
	by: ParticipantView;
	startedAt: number;
	output: { stream: 'stdout' | 'stderr'; text: string }[];
	truncated: boolean;
	end?: { outcome: RunOutcome; durationMs: number; message?: string; endedAt: number };
}

export interface RoomSnapshot {
	presence: PresenceEntry[];
	lastRun?: RunView;
	/** Latest test run per suite; `hidden` only in an interviewer's snapshot. */
	lastTests?: Partial<Record<TestSuite, TestRunView>>;
	endedAt?: number;
}

/** Server → client events. */
export interface ServerToClientEvents {
	'room:snapshot': (s: RoomSnapshot) => void;
	'presence:update': (p: PresenceEntry[]) => void;
	/**
	 * A room event once committed to the log (runs, output, tests, the end), folded by the page
	 * with `reduceRoom`. Hidden test runs go to interviewers only (PRIV-2); a runner's own output
	 * is not echoed back to it (it shows it as it prints).
	 */
	'room:event': (e: CommittedRoomEvent) => void;
	/** SIG-2: interviewers only. */
	'candidate:signal': (s: CandidateSignal) => void;
	/** DEL-1: the organizer deleted the interview (or its retention ran out); the socket closes next. */
	'interview:deleted': (e: { reason: string }) => void;
	/** ORG-3: the organizer replaced this link; the socket is closed right after. */
	'link:revoked': (e: { reason: string }) => void;
}

export type Ack = (reply: { ok: true } | { ok: false; error: string }) => void;

/** Client → server events; every payload is validated with the schema of the same name. */
export interface ClientToServerEvents {
	'run:start': (r: RunStart, ack?: Ack) => void;
	'run:output': (o: RunOutput, ack?: Ack) => void;
	'run:end': (e: RunEnd, ack?: Ack) => void;
	'interview:end': (p: Record<string, never>, ack?: Ack) => void;
	'tests:start': (t: TestsStart, ack?: Ack) => void;
	'tests:result': (r: TestsResult, ack?: Ack) => void;
	'signal:focus': (f: z.infer<typeof FocusSignalSchema>, ack?: Ack) => void;
}

/** Interviewer-only material, from `GET /api/interviews/{id}/private` (never sent to a candidate). */
export interface PrivateProblemView {
	id: string;
	solution: string;
	hiddenTests: string;
	interviewerNotes: string;
}

/** What `GET /api/interviews/{id}/session` answers: only what this role may see. */
export interface SessionView {
	interview: {
		id: string;
		title: string;
		candidateName: string;
		problems: {
			id: string;
			title: string;
			kind: string;
			statement: string;
			tests: string;
			timeBoxMinutes: number;
			/** Python packages the room loads before a run (meta.yaml `packages`). */
			packages: string[];
			/** System design: the canvas's starting scene (Excalidraw elements), or null. */
			scene: CanvasElement[] | null;
		}[];
		endedAt: number | null;
		mode: InterviewMode;
		timeBoxMinutes: number | null;
		startedAt: number | null;
		/** Take-home: when the candidate's time runs out (null until started). */
		deadline: number | null;
	};
	me: ParticipantView;
	/** Take-home: why this participant cannot enter the room yet, in words (null = may enter). */
	waiting: string | null;
	can: { edit: boolean; run: boolean; end: boolean; runHiddenTests: boolean; seePrivate: boolean; start: boolean };
	/** CONSENT-1: the candidate must accept the recording before entering; everyone sees whether they did. */
	consent: { required: boolean; acceptedAt: number | null; retentionDays: number | null };
	protocolVersion: number;
}
