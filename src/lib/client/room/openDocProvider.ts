import type * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { CLOSE, type DocName, type SessionView } from '$lib/shared/protocol';

/** Backoff cap for reconnecting: short, people are waiting on a call. */
const MAX_RECONNECT_BACKOFF_MS = 4_000;

/**
 * The stock y-websocket provider for one of an interview's documents. `onRefused` hears a
 * close the server meant for good (bad link, unknown interview), after which it stops retrying;
 * a refused update (4422) or a garbled frame (4400) only reconnects.
 */
export function openDocProvider(
	session: SessionView,
	token: string,
	docName: DocName,
	doc: Y.Doc,
	onRefused: (reason: string) => void
): WebsocketProvider {
	const origin = location.origin.replace(/^http/, 'ws');
	const provider = new WebsocketProvider(`${origin}/yjs/${session.interview.id}`, docName, doc, {
		params: { token },
		disableBc: true,
		maxBackoffTime: MAX_RECONNECT_BACKOFF_MS
	});
	provider.awareness.setLocalStateField('user', { name: session.me.name, color: session.me.color });
	provider.on('connection-close', (event: CloseEvent | null) => {
		const transient = event?.code === CLOSE.UPDATE_REJECTED || event?.code === CLOSE.MALFORMED;
		if (event && event.code >= 4400 && event.code < 4500 && !transient) {
			provider.shouldConnect = false;
			onRefused(event.reason || 'The server refused this link');
		}
	});
	return provider;
}
