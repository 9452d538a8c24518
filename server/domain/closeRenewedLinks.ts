import { CLOSE } from '../../src/lib/shared/protocol.js';
import { LINK_REPLACED_REASON } from '../../src/lib/shared/organizer.js';
import type { InterviewService } from './InterviewService.js';
import type { Bus } from './ports.js';
import type { RoomRegistry } from './RoomRegistry.js';

/** Where a process says "this participant's link was replaced" to the others (issue 13). */
export const LINK_RENEWED_CHANNEL = 'participant:link-renewed';

interface RenewedMessage {
	origin: string;
	interviewId: string;
	participantId: string;
}

/**
 * ORG-3: once a link is replaced, the document connections still open with the old token are
 * closed (4401, with the reason), on this process at once and on the others through the bus.
 * (Socket.IO's own adapter carries its disconnects across processes: see socketIo.ts.) A process
 * ignores its own message when it comes back.
 */
export function closeRenewedLinks(deps: {
	interviews: Pick<InterviewService, 'onLinkRenewed'>;
	rooms: Pick<RoomRegistry, 'disconnectParticipant'>;
	bus: Bus;
	processId: string;
}): () => void {
	const close = (interviewId: string, participantId: string) =>
		deps.rooms.disconnectParticipant(interviewId, participantId, CLOSE.UNAUTHORIZED, LINK_REPLACED_REASON);
	const stopLocal = deps.interviews.onLinkRenewed((interviewId, participantId) => {
		close(interviewId, participantId);
		const message: RenewedMessage = { origin: deps.processId, interviewId, participantId };
		deps.bus.publish(LINK_RENEWED_CHANNEL, new TextEncoder().encode(JSON.stringify(message)));
	});
	const stopRemote = deps.bus.subscribe(LINK_RENEWED_CHANNEL, (bytes) => {
		let m: RenewedMessage;
		try {
			m = JSON.parse(new TextDecoder().decode(bytes)) as RenewedMessage;
		} catch {
			return;
		}
		if (m.origin !== deps.processId && typeof m.interviewId === 'string' && typeof m.participantId === 'string') {
			close(m.interviewId, m.participantId);
		}
	});
	return () => {
		stopLocal();
		stopRemote();
	};
}
