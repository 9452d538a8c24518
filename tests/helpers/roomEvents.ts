import type { Socket } from 'socket.io-client';
import type { CommittedRoomEvent, RoomEventType } from '../../src/lib/shared/room/roomEvents.js';

export type EventOf<T extends RoomEventType> = Extract<CommittedRoomEvent, { type: T }>;

/** The next committed room event of `type` this socket receives (optionally one that matches). */
export function nextRoomEvent<T extends RoomEventType>(
	sock: Socket,
	type: T,
	match: (e: EventOf<T>) => boolean = () => true
): Promise<EventOf<T>> {
	return new Promise((resolve) => {
		const on = (e: CommittedRoomEvent) => {
			if (e.type !== type || !match(e as EventOf<T>)) return;
			sock.off('room:event', on);
			resolve(e as EventOf<T>);
		};
		sock.on('room:event', on);
	});
}
