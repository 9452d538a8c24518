/** Shared by the calibration integration tests: a recorded interview with the candidate's name everywhere, and a session on it. */
import { io as ioClient } from 'socket.io-client';
import type { CreateCalibrationReply } from '../../src/lib/shared/calibration/calibrationApi.js';
import { call, card, server, sockets, ys } from './scorecards.js';
import { createInterview, type TestServer } from './startServer.js';
import { codeText, connectY, roundTrip, waitFor, waitSynced } from './yclient.js';

export { call, card, cleanUp, server } from './scorecards.js';

/**
 * Words that occur nowhere else in what a rater receives (the rubric's texts use "an", so the
 * anonymised replay's "Dan An" would match there): any hit is the name.
 */
export const NAME = 'Dana Quist';
export const NAME_WORD = /(?<![\p{L}\p{N}_])(?:dana quist|dana|quist)(?![\p{L}\p{N}_])/iu;

export interface Recorded {
	s: TestServer;
	id: string;
	interviewer: string;
	interviewer2: string;
}

/**
 * A live interview of NAME that has ended: the name in the title, typed into the code, printed
 * by a run; both interviewers submitted a scorecard (problem_solving 4 and 2).
 */
export async function recordedInterview(s?: TestServer, title = `${NAME} — ML round`): Promise<Recorded> {
	s ??= await server();
	const iv = await createInterview(s, { title, candidate: { name: NAME }, rubric: 'ml-coding' });
	const join = (token: string) => {
		const sock = ioClient(s.url, {
			path: '/socket.io',
			auth: { interviewId: iv.id, token },
			transports: ['websocket']
		});
		sockets.push(sock);
		return new Promise<typeof sock>((resolve, reject) => {
			sock.once('room:snapshot', () => resolve(sock));
			sock.once('connect_error', reject);
		});
	};
	const cand = await join(iv.candidate);
	const intv = await join(iv.interviewer);
	const y = connectY(s.wsUrl, iv.id, iv.candidate);
	ys.push(y);
	await waitSynced(y);
	const text = await waitFor(y.doc, () => codeText(y.doc, 'moving-average'));
	text.insert(0, `# ${NAME} wrote this\n`);
	await roundTrip(y);
	await cand.emitWithAck('run:start', { runId: 'r1', problemId: 'moving-average' });
	await cand.emitWithAck('run:output', { runId: 'r1', stream: 'stdout', text: `Hi ${NAME}\n` });
	await cand.emitWithAck('run:end', { runId: 'r1', outcome: 'ok', durationMs: 3 });
	for (const [token, level] of [
		[iv.interviewer, 4],
		[iv.interviewer2!, 2]
	] as const) {
		const r = await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token }, card(level, 'hire'));
		if (r.status !== 201) throw new Error(`scorecard: ${r.status} ${r.text}`);
	}
	await intv.emitWithAck('interview:end', {});
	await s.app.recorder.drain();
	return { s, id: iv.id, interviewer: iv.interviewer, interviewer2: iv.interviewer2! };
}

export interface Session {
	id: string;
	/** Rater tokens, in the order the raters were given. */
	tokens: string[];
	reply: CreateCalibrationReply;
}

export async function createSession(
	s: TestServer,
	interviews: string[],
	raters = ['Rita Rater', 'Raj Rater', 'Rosa Rater'],
	extra: Record<string, unknown> = {}
): Promise<Session> {
	const r = await call(
		s,
		'POST',
		'/api/calibrations',
		{ admin: true },
		{ title: 'November calibration', interviews, raters: raters.map((name) => ({ name })), ...extra }
	);
	if (r.status !== 201) throw new Error(`session: ${r.status} ${r.text}`);
	const reply = r.body as unknown as CreateCalibrationReply;
	return { id: reply.id, reply, tokens: reply.raters.map((x) => new URL(x.url).searchParams.get('token')!) };
}

/** A complete card for the ml-coding rubric with problem_solving at `level`. */
export function raterCard(level: 1 | 2 | 3 | 4, recommendation = 'hire', communication: 2 | 3 = 2) {
	const c = card(level, recommendation);
	return { ...c, ratings: { ...c.ratings, communication: { level: communication, notes: [] } } };
}

export function submit(s: TestServer, session: string, interview: string, token: string, body: unknown) {
	return call(s, 'POST', `/api/calibrations/${session}/interviews/${interview}/card`, { token }, body);
}
