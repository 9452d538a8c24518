import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../domain/ports.js';
import { busContract } from '../testing/busContract.js';
import { RedisBus } from './RedisBus.js';

const url = process.env.PAIRBOARD_TEST_REDIS_URL;
const NEEDS_REDIS = 'needs PAIRBOARD_TEST_REDIS_URL (a Redis; .ci/run sets it)';

const silent: Logger = { error: () => undefined, warn: () => undefined, info: () => undefined };

if (!url && process.env.CI) {
	it('Redis bus suite: PAIRBOARD_TEST_REDIS_URL must be set under CI', () => {
		throw new Error('PAIRBOARD_TEST_REDIS_URL is not set: the Redis bus was not tested');
	});
} else if (!url) {
	console.warn(`[tests] Redis bus suite skipped: ${NEEDS_REDIS}`);
}

describe.skipIf(!url)(`RedisBus (${NEEDS_REDIS})`, () => {
	// Two buses, as two processes: what one publishes, the other's subscribers receive through Redis.
	busContract(async () => {
		const [publisher, subscriber] = await Promise.all([RedisBus.connect(url!, silent), RedisBus.connect(url!, silent)]);
		return {
			publisher,
			subscriber,
			settled: () => subscriber.settled(),
			close: async () => {
				await Promise.all([publisher.close(), subscriber.close()]);
			}
		};
	});

	it('reports itself up once connected', async () => {
		const bus = await RedisBus.connect(url!, silent);
		expect(bus.ok).toBe(true);
		await bus.close();
		expect(bus.ok).toBe(false);
	});

	it('an unreachable Redis fails to connect with one line naming it, without the password', async () => {
		const err = await RedisBus.connect('redis://:secret@127.0.0.1:1', silent).catch((e: Error) => e);
		expect((err as Error).message).toMatch(/^Cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1: .*ECONNREFUSED/);
	});
});

/** Redis servers a test started, killed after it even when it fails. */
const started = new Set<ChildProcess>();
afterEach(() => {
	for (const c of started) c.kill('SIGKILL');
	started.clear();
});

/** A Redis of the test's own, on a free port, so stopping it disturbs nobody else's. */
async function ownRedis(): Promise<{ url: string; start(): Promise<void>; stop(): Promise<void> }> {
	const port = await new Promise<number>((resolve) => {
		const probe = net.createServer().listen(0, '127.0.0.1', () => {
			const p = (probe.address() as net.AddressInfo).port;
			probe.close(() => resolve(p));
		});
	});
	let child: ChildProcess | undefined;
	return {
		url: `redis://127.0.0.1:${port}`,
		async start() {
			child = spawn('redis-server', [
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no'
			]);
			started.add(child);
			await new Promise<void>((resolve, reject) => {
				child!.stdout!.on('data', (d: Buffer) => d.toString().includes('Ready to accept connections') && resolve());
				child!.on('error', reject);
			});
		},
		async stop() {
			const c = child!;
			await new Promise((resolve) => {
				c.on('exit', resolve);
				c.kill('SIGKILL');
				started.delete(c);
			});
		}
	};
}

describe.skipIf(!url)(`RedisBus when Redis goes away (${NEEDS_REDIS}; starts its own redis-server)`, () => {
	it('reports down, logs the outage once, and is up again (and delivering) when Redis returns', async () => {
		const redis = await ownRedis();
		await redis.start();
		const warnings: string[] = [];
		let back: () => void = () => undefined;
		let lost: () => void = () => undefined;
		const logger: Logger = {
			error: (m) => warnings.push(m),
			warn: (m) => {
				warnings.push(m);
				lost();
			},
			info: (m) => m.includes('back') && back()
		};
		const bus = await RedisBus.connect(redis.url, logger);
		const got: string[] = [];
		let delivered: () => void = () => undefined;
		bus.subscribe('ch', (m) => {
			got.push(Buffer.from(m).toString());
			delivered();
		});
		await bus.settled();

		const down = new Promise<void>((r) => (lost = r));
		await redis.stop();
		await down;
		expect(bus.ok).toBe(false);
		bus.publish('ch', Buffer.from('while down'));

		const up = new Promise<void>((r) => (back = r));
		await redis.start();
		await up;
		await bus.settled();
		expect(bus.ok).toBe(true);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/Redis is unreachable/);

		// Subscribed again on its return: a message after the return arrives, the one while down did not.
		const arrived = new Promise<void>((r) => (delivered = r));
		bus.publish('ch', Buffer.from('after'));
		await arrived;
		expect(got).toEqual(['after']);
		await bus.close();
		await redis.stop();
	}, 30_000);
});
