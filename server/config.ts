import path from 'node:path';
import { z } from 'zod';
import { adminKeyWeakness } from './security/adminKeyStrength.js';

/** The only reader of process.env: everything else receives a Config. */
const EnvSchema = z.object({
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().default('0.0.0.0'),
	PAIRBOARD_DATA: z.string().default('./data'),
	PAIRBOARD_ADMIN_KEY: z
		.string()
		.superRefine((key, ctx) => {
			const weakness = adminKeyWeakness(key);
			if (weakness) ctx.addIssue({ code: 'custom', message: weakness });
		})
		.optional(),
	PAIRBOARD_PUBLIC_URL: z.string().url().optional(),
	PAIRBOARD_PROBLEMS: z.string().default('./problems'),
	PAIRBOARD_RUBRICS: z.string().default('./rubrics'),
	/** Behind a reverse proxy: count failed credentials by the address it appends to X-Forwarded-For. */
	PAIRBOARD_TRUST_PROXY: z
		.enum(['0', '1', 'true', 'false'])
		.optional()
		.transform((v) => v === '1' || v === 'true'),
	/** Pyodide package files installed by `npm run python:packages`, served under /pyodide/packages/. */
	PAIRBOARD_PYTHON_PACKAGES: z.string().default('./python-packages'),
	/** RET-1: recordings of interviews that ended longer ago are deleted; unset keeps them. */
	PAIRBOARD_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).optional(),
	/** Issue 13: PostgreSQL for everything stored; unset keeps SQLite in the data folder. */
	PAIRBOARD_DATABASE_URL: urlWithScheme(['postgres:', 'postgresql:'], 'postgres://user:password@host:5432/database'),
	/** Issue 13: Redis for fan-out between processes; unset keeps it in-process. */
	PAIRBOARD_REDIS_URL: urlWithScheme(['redis:', 'rediss:'], 'redis://host:6379')
});

/** An optional URL that must parse and use one of `schemes`; an empty value counts as unset. */
function urlWithScheme(schemes: string[], example: string) {
	return z
		.string()
		.optional()
		.transform((v) => (v === '' ? undefined : v))
		.refine((v) => v === undefined || (URL.canParse(v) && schemes.includes(new URL(v).protocol)), {
			message: `must be a URL like ${example}`
		});
}

export interface Config {
	port: number;
	host: string;
	dataDir: string;
	problemsDir: string;
	/** Defaults to `rubrics/` beside the problems folder. */
	rubricsDir?: string;
	/** Installed Pyodide packages (`npm run python:packages`); unset in tests means none. */
	pythonPackagesDir?: string;
	adminKey?: string;
	publicUrl?: string;
	retentionDays?: number;
	/** Client addresses for the failed-credential limit come from X-Forwarded-For's last hop. */
	trustProxy?: boolean;
	/** PostgreSQL connection URL; absent: SQLite. */
	databaseUrl?: string;
	/** Redis URL; absent: in-process fan-out. */
	redisUrl?: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const parsed = EnvSchema.safeParse(env);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new Error(`${issue.path.join('.')}: ${issue.message}`);
	}
	const e = parsed.data;
	return {
		port: e.PORT,
		host: e.HOST,
		dataDir: path.resolve(e.PAIRBOARD_DATA),
		problemsDir: path.resolve(e.PAIRBOARD_PROBLEMS),
		rubricsDir: path.resolve(e.PAIRBOARD_RUBRICS),
		pythonPackagesDir: path.resolve(e.PAIRBOARD_PYTHON_PACKAGES),
		adminKey: e.PAIRBOARD_ADMIN_KEY,
		publicUrl: e.PAIRBOARD_PUBLIC_URL,
		retentionDays: e.PAIRBOARD_RETENTION_DAYS,
		trustProxy: e.PAIRBOARD_TRUST_PROXY,
		databaseUrl: e.PAIRBOARD_DATABASE_URL,
		redisUrl: e.PAIRBOARD_REDIS_URL
	};
}
