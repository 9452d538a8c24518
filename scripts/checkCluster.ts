/**
 * Checks a running Pairboard behind a load balancer (scripts/three-processes.sh), as README's
 * Scale-out recipe says: health, an interview created through it, two stock y-websocket clients
 * and two Socket.IO clients (websocket transport, as the page's) in its room, an edit and a run
 * event from one reaching the other. Prints one JSON line; exits 1 on the first failure.
 *
 *   npx tsx scripts/checkCluster.ts http://localhost:8080 <admin key>
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { io } from 'socket.io-client';

const [base, adminKey] = process.argv.slice(2);
if (!base || !adminKey) throw new Error('usage: checkCluster.ts <base url> <admin key>');
const TIMEOUT_MS = 15_000;

function within<T>(p: Promise<T>, what: string): Promise<T> {
	return Promise.race([
		p,
		new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in time`)), TIMEOUT_MS))
	]);
}

const health = await fetch(`${base}/api/health`);
const healthBody = (await health.json()) as unknown;
if (health.status !== 200) throw new Error(`health: ${health.status} ${JSON.stringify(healthBody)}`);

const created = await fetch(`${base}/api/interviews`, {
	method: 'POST',
	headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
	body: JSON.stringify({
		title: 'Cluster check',
		candidate: { name: 'Casey Candidate' },
		problems: ['moving-average'],
		interviewers: [{ name: 'Ines Interviewer' }]
	})
});
if (created.status !== 201) throw new Error(`create: ${created.status} ${await created.text()}`);
const iv = (await created.json()) as { id: string; links: { candidate: string; interviewers: { url: string }[] } };
const token = (link: string) => new URL(link).searchParams.get('token')!;
const candidate = token(iv.links.candidate);
const interviewer = token(iv.links.interviewers[0].url);
const consent = await fetch(`${base}/api/interviews/${iv.id}/consent?token=${candidate}`, { method: 'POST' });
if (consent.status !== 200) throw new Error(`consent: ${consent.status}`);

const wsBase = base.replace(/^http/, 'ws');
const yclient = (tok: string) => {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${wsBase}/yjs/${iv.id}`, 'code', doc, {
		params: { token: tok },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	return { doc, provider, text: () => doc.getMap<Y.Text>('files').get('moving-average') };
};
const typist = yclient(candidate);
const reader = yclient(interviewer);
const hasText = (c: ReturnType<typeof yclient>) =>
	new Promise<void>((resolve) => {
		const check = () => c.provider.synced && c.text() && (c.doc.off('update', check), resolve());
		c.doc.on('update', check);
		c.provider.on('sync', check);
		check();
	});
await within(Promise.all([hasText(typist), hasText(reader)]), 'y-websocket sync');
const arrived = new Promise<void>((resolve) => {
	const check = () => reader.text()?.toString().startsWith('# via nginx\n') && resolve();
	reader.doc.on('update', check);
});
typist.text()!.insert(0, '# via nginx\n');
await within(arrived, 'an edit from one y-websocket client to the other');

const socket = (tok: string) =>
	io(base, { path: '/socket.io', auth: { interviewId: iv.id, token: tok }, transports: ['websocket'] });
const runner = socket(candidate);
const watcher = socket(interviewer);
await within(
	Promise.all([runner, watcher].map((s) => new Promise((resolve) => s.once('room:snapshot', resolve)))),
	'Socket.IO join'
);
const seen = new Promise<void>((resolve) =>
	watcher.on('room:event', (e: { type: string }) => e.type === 'run:start' && resolve())
);
const ack = (await within(
	runner.emitWithAck('run:start', { runId: 'check-run', problemId: 'moving-average' }),
	'run:start'
)) as { ok: boolean };
if (!ack.ok) throw new Error(`run:start refused: ${JSON.stringify(ack)}`);
await within(seen, 'a run event from one Socket.IO client to the other');

console.log(JSON.stringify({ ok: true, health: healthBody, interview: iv.id, yjs: 'ok', socketIo: 'ok' }));
for (const c of [typist, reader]) c.provider.destroy();
runner.close();
watcher.close();
process.exit(0);
