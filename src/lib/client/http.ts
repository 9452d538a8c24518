/** A JSON request to our own API; a refusal or a network failure becomes an Error in words. */
export async function requestJson<T>(path: string, init: RequestInit = {}): Promise<T> {
	let res: Response;
	try {
		res = await fetch(path, init);
	} catch {
		throw new Error('Could not reach the server. Check your connection and try again.');
	}
	const body = await res.json().catch(() => ({}));
	if (!res.ok) throw new Error(body.error ?? `The server answered ${res.status}`);
	return body as T;
}
