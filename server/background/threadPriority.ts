import fs from 'node:fs';
import os from 'node:os';

/** The nice value of a background thread: it runs when the rooms' thread does not need the core. */
export const BACKGROUND_NICE = 19;

/**
 * Gives the calling thread the lowest CPU priority. Background work keeps a core busy for seconds; on a
 * machine of two cores the rooms' thread then shares the other with everything else, and its
 * keystrokes waited behind its time slices. Linux only (a thread's own id is its
 * /proc/thread-self, and setpriority with it changes that thread alone); elsewhere nothing
 * changes. Answers the nice value the thread now has, or null when it could not be set.
 */
export function lowerThisThreadsPriority(): number | null {
	try {
		const tid = Number(lastSegment(fs.readlinkSync('/proc/thread-self')));
		if (!Number.isInteger(tid) || tid <= 0) return null;
		os.setPriority(tid, BACKGROUND_NICE);
		return os.getPriority(tid);
	} catch {
		return null;
	}
}

/** "1234/task/1240" → "1240". */
function lastSegment(link: string): string {
	return link.split('/').pop() ?? '';
}
