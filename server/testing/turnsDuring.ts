/** Counts turns of the event loop until `p` settles: work that never yields gets none. */
export async function turnsDuring(p: Promise<unknown>): Promise<number> {
	let turns = 0;
	let done = false;
	const tick = () => {
		if (done) return;
		turns++;
		setImmediate(tick);
	};
	setImmediate(tick);
	await p;
	done = true;
	return turns;
}
