/** The URL without its password, for messages an operator reads. */
export function redactUrl(url: string): string {
	try {
		const u = new URL(url);
		if (u.password) u.password = '***';
		return u.toString();
	} catch {
		return '(an invalid URL)';
	}
}

/**
 * One line saying why a connection failed. Node reports a refused connection to a name with
 * several addresses as an AggregateError with an empty message; its parts say what happened.
 */
export function describeConnectionError(err: unknown): string {
	if (err instanceof AggregateError && err.errors.length > 0) {
		return [...new Set(err.errors.map(describeConnectionError))].join('; ');
	}
	if (err instanceof Error) {
		const code = (err as { code?: string }).code;
		return err.message || code || err.name;
	}
	return String(err);
}
