import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import {
	CreateInterviewSchema,
	describeZodError,
	type CreateInterviewReply,
	type ProblemSummary
} from '../../src/lib/shared/api.js';
import { DomainError } from '../domain/errors.js';
import type { InterviewService } from '../domain/InterviewService.js';
import type { LogStore } from '../domain/ports.js';
import type { ProblemCatalog } from '../domain/InterviewService.js';
import { toRecordingLine } from '../../src/lib/shared/recording.js';

const MAX_BODY_BYTES = 64 * 1024;

export interface HttpApiDeps {
	interviews: InterviewService;
	log: LogStore;
	problems: ProblemCatalog;
	adminKey: string;
	/** Base URL for links when PAIRBOARD_PUBLIC_URL is not set: from the request. */
	publicUrl?: string;
	/** Which declared Python packages this server cannot serve (PythonPackages). */
	python?: { missing(names: string[]): string[] };
	/** Fields `GET /api/health` adds to `{ ok: true }`. */
	health?: () => Record<string, unknown>;
	/** Routes of other features (scorecards and loops: scorecardApi.ts; replay, consent, deletion: replayApi.ts), tried after these. */
	extraRoutes?: Route[];
}

export interface Route {
	method: string;
	pattern: RegExp;
	handle: (req: IncomingMessage, res: ServerResponse, m: RegExpMatchArray, url: URL) => Promise<void>;
}

export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly field?: string
	) {
		super(message);
	}
}

const STATUS: Record<DomainError['code'], number> = {
	invalid: 400,
	unauthorized: 401,
	forbidden: 403,
	not_found: 404,
	conflict: 409
};

/**
 * The JSON API as a plain Node handler: thin adapter from HTTP to the domain. It runs in
 * front of SvelteKit in production and as Vite middleware in development, so both share one
 * instance of the domain (SvelteKit routes would get a second copy under Vite's SSR loader).
 * Returns false when the request is not for the API.
 */
export function createHttpApi(deps: HttpApiDeps) {
	const routes: Route[] = [
		{
			method: 'GET',
			pattern: /^\/api\/health$/,
			handle: async (_q, res) => json(res, 200, { ok: true, ...deps.health?.() })
		},
		{
			method: 'GET',
			pattern: /^\/api\/problems$/,
			handle: async (req, res) => {
				requireAdmin(req, deps.adminKey);
				const list: ProblemSummary[] = deps.problems.list().map((p) => ({
					id: p.id,
					title: p.title,
					kind: p.kind,
					timeBoxMinutes: p.timeBoxMinutes,
					packages: p.packages,
					missingPackages: deps.python?.missing(p.packages) ?? p.packages
				}));
				json(res, 200, { problems: list });
			}
		},
		{
			method: 'POST',
			pattern: /^\/api\/interviews$/,
			handle: async (req, res) => {
				requireAdmin(req, deps.adminKey);
				const body = await readJson(req);
				const parsed = CreateInterviewSchema.safeParse(body);
				if (!parsed.success) {
					const { field, message } = describeZodError(parsed.error);
					throw new HttpError(400, message, field);
				}
				const created = await deps.interviews.create(parsed.data);
				const base = baseUrl(req, deps.publicUrl);
				const link = (token: string) => `${base}/room/${created.id}?token=${token}`;
				const reply: CreateInterviewReply = {
					id: created.id,
					links: {
						candidate: link(created.candidate.token),
						interviewers: created.interviewers.map((p) => ({ name: p.name, url: link(p.token) })),
						observers: created.observers.map((p) => ({ name: p.name, url: link(p.token) }))
					}
				};
				json(res, 201, reply);
			}
		},
		{
			method: 'GET',
			pattern: /^\/api\/interviews\/([^/]+)\/session$/,
			handle: async (req, res, m, url) => {
				const p = await deps.interviews.authenticate(m[1], tokenOf(req, url));
				json(res, 200, deps.interviews.sessionView(p));
			}
		},
		{
			method: 'POST',
			pattern: /^\/api\/interviews\/([^/]+)\/start$/,
			handle: async (req, res, m, url) => {
				const p = await deps.interviews.authenticate(m[1], tokenOf(req, url));
				const interview = await deps.interviews.start(p);
				json(res, 200, deps.interviews.sessionView({ ...p, interview }));
			}
		},
		{
			method: 'GET',
			pattern: /^\/api\/interviews\/([^/]+)\/private$/,
			handle: async (req, res, m, url) => {
				const p = await deps.interviews.authenticate(m[1], tokenOf(req, url));
				json(res, 200, { problems: deps.interviews.privateView(p) });
			}
		},
		{
			method: 'GET',
			pattern: /^\/api\/interviews\/([^/]+)\/recording$/,
			handle: async (req, res, m, url) => {
				const id = m[1];
				if (isAdmin(req, deps.adminKey)) await deps.interviews.requireInterview(id);
				else deps.interviews.assertCanReadRecording(await deps.interviews.authenticate(id, tokenOf(req, url)));
				res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
				for await (const entry of deps.log.readLog(id)) {
					if (!res.write(toRecordingLine(entry) + '\n')) await new Promise((r) => res.once('drain', r));
				}
				res.end();
			}
		},
		...(deps.extraRoutes ?? [])
	];

	return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (!url.pathname.startsWith('/api/')) return false;
		res.setHeader('Cache-Control', 'no-store');
		try {
			const matching = routes.filter((r) => r.pattern.test(url.pathname));
			if (matching.length === 0) throw new HttpError(404, `No API route ${url.pathname}`);
			const route = matching.find((r) => r.method === req.method);
			if (!route) {
				res.setHeader('Allow', matching.map((r) => r.method).join(', '));
				throw new HttpError(405, `${req.method} is not allowed on ${url.pathname}`);
			}
			await route.handle(req, res, url.pathname.match(route.pattern)!, url);
		} catch (err) {
			sendError(res, err);
		}
		return true;
	};
}

export function sendError(res: ServerResponse, err: unknown): void {
	let status = 500;
	let body: { error: string; field?: string } = { error: 'Internal server error' };
	if (err instanceof HttpError) {
		status = err.status;
		body = { error: err.message, ...(err.field ? { field: err.field } : {}) };
	} else if (err instanceof DomainError) {
		status = STATUS[err.code];
		body = { error: err.message, ...(err.field ? { field: err.field } : {}) };
	} else {
		console.error('[pairboard] API error:', err);
	}
	if (res.headersSent) {
		res.destroy();
		return;
	}
	json(res, status, body);
}

export function json(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text)
	});
	res.end(text);
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
	const type = req.headers['content-type'] ?? '';
	if (!type.includes('application/json')) throw new HttpError(415, 'Send the body as application/json');
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY_BYTES) throw new HttpError(413, `The body is larger than ${MAX_BODY_BYTES} bytes`);
		chunks.push(chunk as Buffer);
	}
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch {
		throw new HttpError(400, 'The body is not valid JSON');
	}
}

function bearer(req: IncomingMessage): string | undefined {
	const h = req.headers.authorization;
	return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

export function isAdmin(req: IncomingMessage, adminKey: string): boolean {
	const given = bearer(req);
	if (!given) return false;
	const a = Buffer.from(given);
	const b = Buffer.from(adminKey);
	return a.length === b.length && timingSafeEqual(a, b);
}

export function requireAdmin(req: IncomingMessage, adminKey: string): void {
	if (!bearer(req)) throw new HttpError(401, 'Send the admin key as "Authorization: Bearer <key>"');
	if (!isAdmin(req, adminKey)) throw new HttpError(401, 'The admin key is not valid');
}

/** A room token from `?token=` or, for scripts, the Bearer header. */
export function tokenOf(req: IncomingMessage, url: URL): string | undefined {
	return url.searchParams.get('token') ?? bearer(req);
}

export function baseUrl(req: IncomingMessage, publicUrl?: string): string {
	if (publicUrl) return publicUrl.replace(/\/$/, '');
	const proto = (req.headers['x-forwarded-proto'] as string | undefined)?.split(',')[0] ?? 'http';
	return `${proto}://${req.headers.host ?? 'localhost'}`;
}
