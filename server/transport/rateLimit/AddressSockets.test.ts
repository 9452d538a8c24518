import { describe, expect, it } from 'vitest';
import { FakeScheduler } from '../../testing/FakeScheduler.js';
import { AddressSockets } from './AddressSockets.js';

const limits = { maxOpen: 3, burst: 4, perSecond: 2 };

describe('AddressSockets (LIMIT-8)', () => {
	it('refuses the opening past the burst with a wait in seconds, and admits again once it refills', () => {
		const time = new FakeScheduler(0);
		const sockets = new AddressSockets(time, limits);
		for (let i = 0; i < 4; i++) expect(sockets.admit('10.0.0.1')).toEqual({ ok: true });
		expect(sockets.admit('10.0.0.1')).toEqual({
			ok: false,
			retryAfterS: 1,
			reason: expect.stringMatching(/Too many new connections from this address; try again in 1 s/)
		});
		expect(sockets.admit('10.0.0.2')).toEqual({ ok: true });
		time.advance(500);
		expect(sockets.admit('10.0.0.1')).toEqual({ ok: true });
	});

	it('refuses an address holding the maximum open until one is released', () => {
		const sockets = new AddressSockets(new FakeScheduler(0), { ...limits, burst: 100 });
		const releases = [0, 1, 2].map(() => sockets.hold('10.0.0.1'));
		expect(sockets.admit('10.0.0.1')).toMatchObject({ ok: false, reason: expect.stringMatching(/at most 3/) });
		releases[0]();
		releases[0]();
		expect(sockets.admit('10.0.0.1')).toEqual({ ok: true });
		expect(sockets.admit('10.0.0.1')).toEqual({ ok: true });
	});

	it('forgets an address once it holds nothing and its burst is full again', () => {
		const time = new FakeScheduler(0);
		const sockets = new AddressSockets(time, limits);
		const release = sockets.hold('10.0.0.1');
		sockets.admit('10.0.0.1');
		time.advance(1_000);
		release();
		expect(sockets.size).toBe(0);
	});
});
