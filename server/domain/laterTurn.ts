/** Runs `fn` on a later turn of the event loop (the server passes system/timers' nextTurn). */
export type NextTurn = (fn: () => void) => void;

/**
 * Resolves on a later turn, so that the rooms' messages waiting meanwhile are handled first; at
 * once when no `next` is given (tests and tools without live rooms).
 */
export function laterTurn(next: NextTurn | undefined): Promise<void> {
	return next ? new Promise((resolve) => next(resolve)) : Promise.resolve();
}
