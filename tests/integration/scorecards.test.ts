import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import * as Y from 'yjs';
import { createInterview, tempDataDir } from '../helpers/startServer.js';
import { nextRoomEvent } from '../helpers/roomEvents.js';
import { connectY, waitSynced } from '../helpers/yclient.js';
import { call, card, cleanUp, LEAK, nowNote, server, setup, sockets, ys } from '../helpers/scorecards.js';
import { createPairboard } from '../../server/app.js';
import type { PanelView } from '../../src/lib/shared/debrief.js';

afterEach(cleanUp);

describe('rubrics at interview creation', () => {
	it('an unknown rubric is refused with 400 naming the field', async () => {
		const s = await server();
		const res = await call(
			s,
			'POST',
			'/api/interviews',
			{ admin: true },
			{
				title: 'x',
				candidate: { name: 'C' },
				problems: ['moving-average'],
				rubric: 'no-such-rubric',
				interviewers: [{ name: 'I' }]
			}
		);
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ field: 'rubric' });
		expect(res.body.error).toMatch(/no-such-rubric/);
	});

	it('without a rubric, a coding interview gets the ML coding rubric (default_for)', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const panel = (await call(s, 'GET', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer })).body;
		expect((panel as unknown as PanelView).rubric.id).toBe('ml-coding');
	});

	it('GET /api/rubrics lists the rubrics for the organizer (admin key only)', async () => {
		const s = await server();
		expect((await call(s, 'GET', '/api/rubrics', {})).status).toBe(401);
		const res = await call(s, 'GET', '/api/rubrics', { admin: true });
		expect((res.body.rubrics as { id: string }[]).map((r) => r.id).sort()).toEqual([
			'behavioural-star',
			'ml-coding',
			'ml-system-design',
			'production-ml'
		]);
	});

	it('the server refuses to start on a bad rubric file, naming the file and the field', async () => {
		const root = tempDataDir();
		const rubrics = path.join(root, 'rubrics');
		fs.mkdirSync(rubrics);
		fs.writeFileSync(
			path.join(rubrics, 'bad.yaml'),
			fs.readFileSync('rubrics/ml-coding.yaml', 'utf8').replace('weight: 3', 'weight: heavy')
		);
		await expect(
			createPairboard({
				config: {
					port: 0,
					host: '127.0.0.1',
					dataDir: path.join(root, 'data'),
					problemsDir: 'problems',
					rubricsDir: rubrics
				}
			})
		).rejects.toThrow(/Rubric bad\.yaml: competencies\.0\.weight/);
	});
});

describe('privacy: the candidate receives none of it', () => {
	it('SCORE-9: while interviewers score, the candidate’s Socket.IO and Yjs connections and the recording carry no scorecard data', async () => {
		const { s, iv, ines } = await setup();
		const received: string[] = [];
		const cand = ioClient(s.url, {
			path: '/socket.io',
			auth: { interviewId: iv.id, token: iv.candidate },
			transports: ['websocket']
		});
		sockets.push(cand);
		cand.onAny((event, ...args) => received.push(JSON.stringify([event, args])));
		await new Promise((r) => cand.once('room:snapshot', r));
		const y = connectY(s.wsUrl, iv.id, iv.candidate);
		ys.push(y);
		await waitSynced(y);

		await call(
			s,
			'PUT',
			`/api/interviews/${iv.id}/scorecards/draft`,
			{ token: iv.interviewer },
			{ ratings: { problem_solving: { level: 4, notes: [nowNote('p', LEAK)] } } }
		);
		await call(s, 'POST', `/api/interviews/${iv.id}/scorecards/pin`, { token: iv.interviewer });
		await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer }, card(4, 'strong-hire'));
		await call(s, 'POST', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer2 }, card(1, 'strong-no-hire'));
		await call(s, 'GET', `/api/interviews/${iv.id}/scorecards/${ines.id}`, { token: iv.interviewer2 });

		// A marker the candidate receives after everything above: the interviewer ends the interview.
		const ended = nextRoomEvent(cand, 'interview:end');
		const intv = ioClient(s.url, {
			path: '/socket.io',
			auth: { interviewId: iv.id, token: iv.interviewer },
			transports: ['websocket']
		});
		sockets.push(intv);
		await new Promise((r) => intv.once('room:snapshot', r));
		await intv.emitWithAck('interview:end', {});
		await ended;

		const all =
			received.join('\n') +
			Buffer.from(Y.encodeStateAsUpdate(y.doc)).toString('latin1') +
			JSON.stringify(y.doc.getMap('files').toJSON());
		for (const secret of [
			LEAK,
			'strong-hire',
			'strong-no-hire',
			'problem_solving',
			'ml-coding',
			'scorecard',
			'rubric'
		]) {
			expect(all).not.toContain(secret);
		}
		const recording = await call(s, 'GET', `/api/interviews/${iv.id}/recording`, { admin: true });
		for (const secret of [LEAK, 'strong-hire', 'problem_solving', 'scorecard'])
			expect(recording.text).not.toContain(secret);
	});
});
