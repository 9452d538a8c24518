/**
 * Runs `load` on request, one at a time: requests made while a load runs are folded into one
 * more load after it, so a burst of "changed" events (people entering a room) costs at most two
 * requests, and the last one always sees the latest filters.
 */
export function coalescedReload(load: () => Promise<void>): { request(): Promise<void> } {
	let running: Promise<void> | null = null;
	let again = false;

	async function run(): Promise<void> {
		do {
			again = false;
			try {
				await load();
			} catch {
				// `load` reports its own errors; a failed load must not stop the next one.
			}
		} while (again);
		running = null;
	}

	return {
		request() {
			if (running) {
				again = true;
				return running;
			}
			running = run();
			return running;
		}
	};
}
