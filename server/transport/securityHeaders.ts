import { CSP_DIRECTIVES } from '../../src/lib/shared/csp.js';
import type { ServerResponse } from 'node:http';

/**
 * Headers on every response, static files included (adapter-node serves those before
 * SvelteKit hooks run, so they are set here, before any handler):
 * - cross-origin isolation, so SharedArrayBuffer exists and Stop can interrupt Pyodide;
 * - a CSP whose connect-src keeps candidate code (which can call fetch from the worker)
 *   from reaching any other host. SvelteKit replaces it on pages with one that adds the
 *   hashes of its inline bootstrap script (svelte.config.js), with the same directives.
 */
export function cspHeader(extra: Partial<Record<string, string[]>> = {}): string {
	return Object.entries({ ...CSP_DIRECTIVES, ...extra })
		.map(([k, v]) => `${k} ${(v ?? []).join(' ')}`)
		.join('; ');
}

export function applySecurityHeaders(res: ServerResponse, opts: { dev?: boolean } = {}): void {
	res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
	res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
	res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
	res.setHeader('X-Content-Type-Options', 'nosniff');
	res.setHeader('Referrer-Policy', 'no-referrer');
	// Vite's dev client injects inline scripts; production pages get hashes from SvelteKit.
	res.setHeader(
		'Content-Security-Policy',
		cspHeader(opts.dev ? { 'script-src': ["'self'", "'wasm-unsafe-eval'", "'unsafe-inline'"] } : {})
	);
	// A browser merges a 304's headers into the cached page: our default CSP would replace the
	// page's own (which carries the hash of SvelteKit's inline script) and a reload would break.
	const writeHead = res.writeHead;
	res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
		if (statusCode === 304) this.removeHeader('Content-Security-Policy');
		return (writeHead as (...a: unknown[]) => ServerResponse).call(this, statusCode, ...rest);
	} as ServerResponse['writeHead'];
}
