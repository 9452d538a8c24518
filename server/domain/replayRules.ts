/**
 * Rules of replay, consent, deletion and retention (issue 6); tests cite these ids.
 * REPLAY-1: the documents a replay shows at time t are exactly the server's at time t.
 * REPLAY-2: a seek starts from the nearest checkpoint or snapshot at or before the moment.
 * REPLAY-3: a damaged or cut-off log names the interview and the entry; the player shows
 *           everything before it.
 * REPLAY-4: the replay shows the room at t: output, tests, presence, the active problem, cursors.
 * REPLAY-5: the timeline's markers: runs with their outcome, tests with counts, problem
 *           switches, large pastes, focus lost, joins and leaves, consent, pinned notes.
 * REPLAY-6: a replay opens for interviewers of the interview, reviewer links and the organizer
 *           (admin key); never for the candidate or an observer. A reviewer link is read-only,
 *           opens nothing but the replay, and is never a participant of the room.
 * REPLAY-7: on an anonymised reviewer link, no response carries the candidate's name.
 * SIG-1: the candidate's large pastes (≥ LARGE_PASTE_CHARS inserted in one change) and their
 *        page losing or regaining focus are recorded as they happen.
 * SIG-2: candidate signals reach interviewers only: never the candidate or observers.
 * CONSENT-1: the candidate's sockets are refused until they accepted the recording, so nothing
 *            of theirs is recorded before.
 * CONSENT-2: the acceptance is stored (asked once) and logged as `consent:accepted`.
 * DEL-1: deleting an interview removes every row of it; its bytes are gone from the database
 *        file and its WAL; live rooms are closed with a reason.
 * RET-1: interviews that ended more than PAIRBOARD_RETENTION_DAYS ago are deleted by a sweep.
 */

export const LARGE_PASTE_CHARS = 200;
/** SIG-1: characters inserted within this window count as one paste (20 a second is no typing). */
export const PASTE_WINDOW_MS = 10_000;
