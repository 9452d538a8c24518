import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './clientAddress.js';

const req = (remoteAddress: string, forwarded?: string) =>
	({
		socket: { remoteAddress },
		headers: forwarded ? { 'x-forwarded-for': forwarded } : {}
	}) as unknown as IncomingMessage;

describe('clientAddress', () => {
	it('is the socket address, IPv4-mapped addresses unwrapped', () => {
		expect(clientAddress(req('::ffff:10.0.0.7'))).toBe('10.0.0.7');
		expect(clientAddress(req('10.0.0.7', '1.2.3.4'))).toBe('10.0.0.7'); // the header is not trusted by default
	});
	it('counts an IPv6 client per /64', () => {
		expect(clientAddress(req('2001:db8:1:2:aaaa::1'))).toBe('2001:db8:1:2::/64');
		expect(clientAddress(req('2001:db8:1:2:ffff:1:2:3'))).toBe('2001:db8:1:2::/64');
		expect(clientAddress(req('2001:db8::1'))).toBe('2001:db8:0:0::/64');
	});
	it('behind a trusted proxy, takes the hop the proxy appended last', () => {
		expect(clientAddress(req('10.0.0.1', 'spoofed, 203.0.113.9'), true)).toBe('203.0.113.9');
	});
});
