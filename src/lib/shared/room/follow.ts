import { z } from 'zod';

/**
 * Follow mode travels as one field of a page's awareness state on the code document:
 * which tab the person has open, whom they follow (a participant id), and whether they present
 * (ask the room to follow them; FOLLOW-1: interviewers only, the server clears it for others).
 * Nothing of it is recorded: it describes where people look, not what they did.
 */
export const FOLLOW_FIELD = 'follow';
export const WORK_TABS = ['code', 'design'] as const;
export type WorkTab = (typeof WORK_TABS)[number];

export const FollowStateSchema = z.object({
	tab: z.enum(WORK_TABS),
	following: z.string().min(1).max(64).nullable(),
	presenting: z.boolean()
});
export type FollowState = z.infer<typeof FollowStateSchema>;

/** One person as the room's awareness shows them (a person with two tabs counts once). */
export interface FollowPeer {
	participantId: string;
	follow: FollowState;
}

/** The follow state of each participant, from awareness states; malformed ones are skipped. */
export function readPeers(states: Iterable<unknown>): Map<string, FollowState> {
	const peers = new Map<string, FollowState>();
	for (const state of states) {
		if (!state || typeof state !== 'object') continue;
		const { user, follow } = state as { user?: { id?: unknown }; follow?: unknown };
		if (typeof user?.id !== 'string') continue;
		const parsed = FollowStateSchema.safeParse(follow);
		if (!parsed.success) continue;
		// A second tab of the same person: the one presenting or following wins over an idle one.
		const known = peers.get(user.id);
		if (known && (known.presenting || known.following) && !(parsed.data.presenting || parsed.data.following)) continue;
		peers.set(user.id, parsed.data);
	}
	return peers;
}

/** Who presents now: the first presenter by id, so every page agrees. */
export function presenterOf(peers: ReadonlyMap<string, FollowState>): string | null {
	const ids = [...peers].filter(([, f]) => f.presenting).map(([id]) => id);
	return ids.sort()[0] ?? null;
}

/**
 * Whom `meId` follows: their own choice if they made one, else the presenter unless they
 * stopped following this presentation (`dismissed`). Nobody follows themselves.
 */
export function leaderFor(
	meId: string,
	choice: { chosen: string | null; dismissed: string | null },
	peers: ReadonlyMap<string, FollowState>
): string | null {
	if (choice.chosen && choice.chosen !== meId && peers.has(choice.chosen)) return choice.chosen;
	const presenter = presenterOf(peers);
	if (presenter && presenter !== meId && presenter !== choice.dismissed) return presenter;
	return null;
}

/** Who follows whom, for everyone to see: leader id → follower ids. */
export function followersByLeader(peers: ReadonlyMap<string, FollowState>): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const [id, f] of peers) {
		if (!f.following || f.following === id || !peers.has(f.following)) continue;
		out.set(f.following, [...(out.get(f.following) ?? []), id]);
	}
	return out;
}

/** FOLLOW-1: what the server keeps of a page's follow field (null drops it). */
export function sanitizeFollow(raw: unknown, role: string): FollowState | null {
	const parsed = FollowStateSchema.safeParse(raw);
	if (!parsed.success) return null;
	return { ...parsed.data, presenting: parsed.data.presenting && role === 'interviewer' };
}
