// Content-Security-Policy directives, shared by the Node server (every response) and
// svelte.config.js (pages, which add hashes of SvelteKit's inline bootstrap script).
// Plain JavaScript because svelte.config.js imports it before TypeScript is set up.
// connect-src 'self' is what keeps candidate code, which can call fetch from the Python
// worker, from reaching any other host.
/** @type {Record<string, string[]>} */
export const CSP_DIRECTIVES = {
	'default-src': ["'self'"],
	'script-src': ["'self'", "'wasm-unsafe-eval'"],
	'worker-src': ["'self'", 'blob:'],
	'connect-src': ["'self'"],
	'style-src': ["'self'", "'unsafe-inline'"],
	'img-src': ["'self'", 'data:', 'blob:'],
	'font-src': ["'self'", 'data:'],
	'object-src': ["'none'"],
	'base-uri': ["'self'"],
	'frame-ancestors': ["'none'"],
	'form-action': ["'self'"]
};
