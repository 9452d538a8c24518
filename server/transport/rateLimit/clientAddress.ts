import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';

/**
 * The key a client's failures are counted under. Behind a reverse proxy (`trustProxy`), the address
 * the proxy appended last to X-Forwarded-For; otherwise the socket's. An IPv6 client is counted per
 * /64, the block one subscriber usually holds, so hopping addresses within it does not help.
 */
export function clientAddress(req: IncomingMessage, trustProxy = false): string {
	const forwarded = trustProxy ? lastForwarded(req.headers['x-forwarded-for']) : undefined;
	const address = (forwarded ?? req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
	return isIPv6(address) ? ipv6Prefix64(address) : address;
}

function lastForwarded(header: string | string[] | undefined): string | undefined {
	const value = Array.isArray(header) ? header.join(',') : header;
	const last = value?.split(',').pop()?.trim();
	return last || undefined;
}

function ipv6Prefix64(address: string): string {
	const [head, tail = ''] = address.split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups = address.includes('::')
		? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
		: left;
	return `${groups
		.slice(0, 4)
		.map((g) => parseInt(g || '0', 16).toString(16))
		.join(':')}::/64`;
}
