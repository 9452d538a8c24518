/**
 * Every room event as data: the one list of what the log records besides Yjs updates, each
 * with its schema. The server validates, records (log first), then relays the committed
 * event; the room page and the replay fold the same events with `reduceRoom`, so what a
 * replay shows at a moment is what the room showed.
 *
 * The recording stores an event as `{ seq, t, kind: "event", type, actor, data }` (DESIGN.md);
 * `type` and `data` are typed here. `actor` is a participant id, or "server".
 */
import { z } from 'zod';
import { FOCUS_STATES, ROLES, RUN_OUTCOMES, TEST_SUITES, TestReportSchema } from '../protocol.js';

const text = (max: number) => z.string().max(max);
const runId = z.string().min(1).max(64);
const problemId = z.string().min(1).max(64);

/** The report's own summary, recorded beside it so markers need not read the whole report. */
const TestSummarySchema = TestReportSchema.shape.summary;

/** The data of each event type. Adding a type here is the whole of declaring it. */
export const ROOM_EVENT_DATA = {
	/** A participant's first connection; `color` is absent in recordings made before it was recorded. */
	'participant:join': z.object({ name: text(200), role: z.enum(ROLES), color: text(32).optional() }),
	/** A participant's last connection closed. */
	'participant:leave': z.object({}),
	/** CONSENT-2: the candidate accepted the recording notice. */
	'consent:accepted': z.object({}),
	'run:start': z.object({ runId, problemId }),
	/** Output as stored: already cut at the run's cap, `truncated` once the cap was reached. */
	'run:output': z.object({ runId, stream: z.enum(['stdout', 'stderr']), text: z.string(), truncated: z.boolean() }),
	'run:end': z.object({
		runId,
		outcome: z.enum(RUN_OUTCOMES),
		durationMs: z.number().nonnegative(),
		message: text(2000).optional()
	}),
	'tests:start': z.object({ runId, problemId, suite: z.enum(TEST_SUITES) }),
	'tests:result': z.object({
		runId,
		problemId,
		suite: z.enum(TEST_SUITES),
		outcome: z.enum(RUN_OUTCOMES),
		summary: TestSummarySchema.nullable(),
		report: TestReportSchema.nullable(),
		message: text(2000).optional()
	}),
	/** SIG-1: characters the candidate inserted in one change (read from the stored update). */
	'signal:paste': z.object({ chars: z.number().int().nonnegative() }),
	/** SIG-1: the candidate's page lost or regained focus. */
	'signal:focus': z.object({ state: z.enum(FOCUS_STATES) }),
	/** `actor` "server": a take-home's time box ran out. */
	'interview:end': z.object({ endedAt: z.number(), reason: text(200) })
} as const;

export type RoomEventType = keyof typeof ROOM_EVENT_DATA;
export const ROOM_EVENT_TYPES = Object.keys(ROOM_EVENT_DATA) as RoomEventType[];
export type RoomEventData<T extends RoomEventType> = z.infer<(typeof ROOM_EVENT_DATA)[T]>;

/** One event: its type, who caused it, and its data. */
export type RoomEvent = { [T in RoomEventType]: { type: T; actor: string; data: RoomEventData<T> } }[RoomEventType];
export type RoomEventOf<T extends RoomEventType> = Extract<RoomEvent, { type: T }>;

/** An event as committed to the log: its place (`seq`) and the server's time (`t`). */
export type CommittedRoomEvent = RoomEvent & { seq: number; t: number };

const eventSchema = <T extends RoomEventType>(type: T) =>
	z.object({ type: z.literal(type), actor: z.string().min(1).max(64), data: ROOM_EVENT_DATA[type] });

/** Validates `{ type, actor, data }`; the recording's parser and the tests use it. */
export const RoomEventSchema = z.discriminatedUnion(
	'type',
	ROOM_EVENT_TYPES.map(eventSchema) as unknown as [
		ReturnType<typeof eventSchema<RoomEventType>>,
		...ReturnType<typeof eventSchema<RoomEventType>>[]
	]
) as unknown as z.ZodType<RoomEvent>;

/** Builds an event with its data type checked by the compiler. */
export function roomEvent<T extends RoomEventType>(type: T, actor: string, data: RoomEventData<T>): RoomEventOf<T> {
	return { type, actor, data } as RoomEventOf<T>;
}

/**
 * PRIV-2, SIG-2: who may receive an event live. Hidden test runs and the candidate's signals
 * go to interviewers only; everything else to the whole room.
 */
export function audienceOf(event: RoomEvent): 'room' | 'interviewers' {
	if (event.type === 'signal:paste' || event.type === 'signal:focus') return 'interviewers';
	if ((event.type === 'tests:start' || event.type === 'tests:result') && event.data.suite === 'hidden')
		return 'interviewers';
	return 'room';
}
