/**
 * Calibration rules (issue 14; spec ids cited by tests):
 * PEOPLE-1: every interviewer link, rater link and (through its link) scorecard belongs to one
 *   person. A person is picked by id, or named: a name that is exactly one person's name (case
 *   and spacing aside) is that person, a name no person has becomes a new person, and a name two
 *   people share is refused (400: pick by id).
 * PEOPLE-2: interviewers of interviews created before people existed become people on the first
 *   start of this release (one person per distinct name), so old interviews keep working.
 * PEOPLE-3: a person still named by a link cannot be deleted (409, saying by how many).
 * CAL-1: a session takes ended interviews only, on one rubric (default: the interviews' own), and
 *   at least two distinct raters; each rater gets one token (shown once, stored as a hash).
 * CAL-2: blind (the default): whatever a rater receives (bodies, SSE, replays) holds neither the
 *   candidate's name nor, in titles and recordings, words of it; the replay is the anonymised one.
 * CAL-3: a rater token opens its own session's rater view, cards, events, the replays of the
 *   session's interviews and, once revealed, the reveal. Every other endpoint and socket: 403.
 * CAL-4: a rater's card per interview and round: drafts autosave, a submission is final for the
 *   round (409 on a second one); levels 1 and 4 need evidence (SCORE-3); notes pinned to the
 *   replay's clock are clamped into the interview's time range (SCORE-10).
 * CAL-5: nothing of any rater's scores (nor the original interviewers' scorecards) is shown before
 *   the round is revealed: when every rater submitted every interview, or the organizer closes.
 *   Until then the rater sees who submitted, not what (403 on the reveal).
 * CAL-6: closing needs at least two submitted cards for every interview of the session; else
 *   409 saying which interview has how many.
 * CAL-7: once revealed, the organizer may open the next round; raters re-score with their own
 *   earlier cards shown to them; every round is kept and the reveal shows how alpha moved.
 * CAL-8: deleting an interview removes it from its sessions with its drafts and cards; a session
 *   left with no interview is deleted with its rater links, which then open nothing.
 * CAL-9: statistics come from src/lib/shared/agreement: a figure that is not defined is null with
 *   a reason, never NaN. Per competency the units are the session's interviews (ordinal), the
 *   recommendation nominal; `overall` takes each competency of each interview as a unit.
 * CAL-10: reliability across live interviews: interviews that ended in the period with two or
 *   more submitted scorecards; raters are people; each person's offset with its n.
 * CAL-11: a person's history: offset per competency per month, only from MIN_HISTORY_UNITS units
 *   compared with someone else, else not defined with the reason.
 * CAL-12: exports hold revealed rounds only; CSV cells that would start a formula are quoted.
 */
export {};
