/**
 * Scorecard rules (spec ids cited by tests):
 * SCORE-1: only an interview's interviewers have scorecards. Candidates and observers get 403 on
 *   every scorecard endpoint; nothing about rubrics or scores reaches them (see SCORE-9).
 * SCORE-2: independence. Until an interviewer has submitted, the server refuses them every other
 *   scorecard of the interview (403) and tells them only who has submitted, not what.
 * SCORE-3: a submission needs a level (or "not assessed") for every competency of the rubric, at
 *   least one competency assessed, a recommendation and a confidence, and at least one evidence
 *   note for every competency scored 1 or 4.
 * SCORE-4: a submitted scorecard is immutable. An amendment is a new version with a reason; every
 *   version is kept.
 * SCORE-5: an amendment made after the interviewer was first shown others' scorecards is marked
 *   `afterSeeingOthers`, wherever it is shown (room, debrief, exports).
 * SCORE-6: "not assessed" counts as missing: the weighted score leaves it out and renormalises the
 *   weights over the assessed competencies.
 * SCORE-7: disagreement: two interviewers' levels for a competency two or more apart, or
 *   recommendations on both sides of the hire line.
 * SCORE-8: a loop's decision rule gives hire / no hire / waiting from the recommendations in.
 * SCORE-9: the debrief and exports open with the admin key or the loop's panel token only
 *   (a room token of any role, candidate included, gets 403 there).
 * SCORE-10: a pinned note's time is the server's clock, clamped to the interview's time range.
 */
