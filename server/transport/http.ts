import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { describeZodError } from '../../src/lib/shared/api.js';
import { DomainError } from '../domain/errors.js';

/*
 * The HTTP kit: routes with named, decoded path parameters, JSON replies and errors, body
 * parsing with a size limit and schema validation, and the credentials a request carries.
 * Feature routes (server/transport/http/*Routes.ts) are built from it; none of them parses a
 * URL, a header or a body by hand.
 */

/** Largest JSON body accepted; a larger one answers 413 before it is read whole. */
export const MAX_BODY_BYTES = 64 * 1024;

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

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
	conflict: 409,
	too_many: 429
};

/** `'/api/loops/:id/export.csv'` → `'id'`. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
	? Name | ParamNames<Rest>
	: P extends `${string}:${infer Name}`
		? Name
		: never;

export type Params<P extends string> = { [K in ParamNames<P>]: string };

export interface RequestContext<P extends string = string> {
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
	/** Path parameters, percent-decoded. */
	params: Params<P>;
}

export interface Route {
	method: Method;
	path: string;
	/** The raw (still encoded) path's parameters, or null when the path is not this route's. */
	match(pathname: string): string[] | null;
	names: string[];
	handle(ctx: RequestContext): Promise<void>;
}

/**
 * A route on a path like `/api/interviews/:id/scorecards/:interviewerId`: each `:name` is one
 * whole segment, handed to `handle` decoded as `params.name`.
 */
export function route<P extends string>(
	method: Method,
	path: P,
	handle: (ctx: RequestContext<P>) => Promise<void>
): Route {
	const names: string[] = [];
	const source = path
		.split('/')
		.map((segment) => {
			if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			names.push(segment.slice(1));
			return '([^/]+)';
		})
		.join('/');
	const pattern = new RegExp(`^${source}$`);
	return {
		method,
		path,
		names,
		match: (pathname) => pathname.match(pattern)?.slice(1) ?? null,
		handle: handle as (ctx: RequestContext) => Promise<void>
	};
}

function decodeParams(r: Route, raw: string[]): Record<string, string> {
	const params: Record<string, string> = {};
	r.names.forEach((name, i) => {
		try {
			params[name] = decodeURIComponent(raw[i]);
		} catch {
			throw new HttpError(400, `The path has a malformed percent-escape in "${name}"`);
		}
	});
	return params;
}

/**
 * The JSON API as a plain Node handler, answering under `/api/` and false for anything else.
 * Routes are tried in order; a path that matches with another method answers 405 with `Allow`.
 */
export function createRouter(routes: Route[]) {
	return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (!url.pathname.startsWith('/api/')) return false;
		res.setHeader('Cache-Control', 'no-store');
		try {
			const matching = routes.flatMap((r) => {
				const raw = r.match(url.pathname);
				return raw ? [{ r, raw }] : [];
			});
			if (matching.length === 0) throw new HttpError(404, `No API route ${url.pathname}`);
			const found = matching.find(({ r }) => r.method === req.method);
			if (!found) {
				res.setHeader('Allow', [...new Set(matching.map(({ r }) => r.method))].join(', '));
				throw new HttpError(405, `${req.method} is not allowed on ${url.pathname}`);
			}
			await found.r.handle({ req, res, url, params: decodeParams(found.r, found.raw) });
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

/** Streams lines as NDJSON; the first is read before the status goes out, so a refusal still answers 4xx. */
export async function ndjson(res: ServerResponse, lines: AsyncIterable<string>): Promise<void> {
	const iterator = lines[Symbol.asyncIterator]();
	let next = await iterator.next();
	res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
	while (!next.done) {
		if (!res.write(next.value + '\n')) await new Promise((r) => res.once('drain', r));
		next = await iterator.next();
	}
	res.end();
}

/** The body as JSON: 415 for another content type, 413 past `limit` bytes, 400 if it does not parse. */
export async function readJson(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
	const type = req.headers['content-type'] ?? '';
	if (!type.includes('application/json')) throw new HttpError(415, 'Send the body as application/json');
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > limit) throw new HttpError(413, `The body is larger than ${limit} bytes`);
		chunks.push(chunk as Buffer);
	}
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch {
		throw new HttpError(400, 'The body is not valid JSON');
	}
}

/**
 * How an error names a field inside a list: `interviewers[0].name` (interview creation, replay
 * links) or `ratings.x.notes.0.text` (scorecards and loops), as each API has answered since it
 * shipped; clients and tests read `field`.
 */
export type FieldStyle = 'brackets' | 'dots';

/** Validates input from outside against its schema, once, here: 400 naming the first field at fault. */
export function parseInput<S extends z.ZodType>(
	schema: S,
	input: unknown,
	style: FieldStyle = 'brackets'
): z.output<S> {
	const r = schema.safeParse(input);
	if (r.success) return r.data;
	if (style === 'brackets') {
		const { field, message } = describeZodError(r.error);
		throw new HttpError(400, message, field);
	}
	const issue = r.error.issues[0];
	const field = issue.path.map(String).join('.') || '(body)';
	const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : issue.message;
	throw new HttpError(400, `${field} ${message}`, field);
}

/** Reads and validates a JSON body in one step. */
export async function readBody<S extends z.ZodType>(
	req: IncomingMessage,
	schema: S,
	style: FieldStyle = 'brackets'
): Promise<z.output<S>> {
	return parseInput(schema, await readJson(req), style);
}

/** The credential of `Authorization: Bearer <credential>`, if any. */
export function bearer(req: IncomingMessage): string | undefined {
	const h = req.headers.authorization;
	return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

/** Whether the request carries the admin key (compared in constant time). */
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

/**
 * The admin key and nothing else. A room or panel token is a valid credential for something
 * else, so it gets 403 (a candidate's token included); no credential 401.
 */
export function requireAdminOnly(req: IncomingMessage, url: URL, adminKey: string): void {
	if (isAdmin(req, adminKey)) return;
	if (url.searchParams.get('token')) {
		throw new HttpError(403, 'This needs the admin key; a room or panel link does not open it');
	}
	requireAdmin(req, adminKey);
}

/** A room, panel or reviewer token from `?token=` or, for scripts, the Bearer header. */
export function tokenOf(req: IncomingMessage, url: URL): string | undefined {
	return url.searchParams.get('token') ?? bearer(req);
}

/** Where links point: PAIRBOARD_PUBLIC_URL when set, else the request's own host. */
export function baseUrl(req: IncomingMessage, publicUrl?: string): string {
	if (publicUrl) return publicUrl.replace(/\/$/, '');
	const proto = (req.headers['x-forwarded-proto'] as string | undefined)?.split(',')[0] ?? 'http';
	return `${proto}://${req.headers.host ?? 'localhost'}`;
}
