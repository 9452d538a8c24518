/**
 * One cold player in Node, in a process of its own so that every repeat starts with V8 as cold
 * as a freshly opened page: reads what the page downloads from a folder written by
 * bench/replay.ts and runs the player's work (playerWork.ts) on it; prints one JSON line.
 *   node --import tsx bench/replay/playerRun.ts DIR SEEKS cold|prepared [PROFILE.cpuprofile]
 * cold: the seeks right after load, as a person who clicks the timeline at once. prepared: the
 * page's idle work (ReplayModel.prepare) runs to its end after load, then the seeks. With a
 * fourth argument, the player's work alone (not the module loading before it) is profiled.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { z } from 'zod';
import { playPlayer } from './playerWork.js';
import { readPlayerInput } from './playerInput.js';

// As on the page (src/hooks.client.ts): zod's interpreter, not its compiler.
z.config({ jitless: true });
const [dir, seeksArg, mode, profileFile] = process.argv.slice(2);
if (mode !== 'cold' && mode !== 'prepared') throw new Error('mode: cold or prepared');
const input = readPlayerInput(dir, Number(seeksArg ?? 100), mode);

const session = profileFile ? new Session() : null;
if (session) {
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.setSamplingInterval', { interval: 200 });
	await session.post('Profiler.start');
}
/** This process's CPU time (every thread, V8's garbage collector included): on a shared machine it moves less than the wall clock. */
const cpuMs = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};
const run = playPlayer(input, cpuMs, () => process.memoryUsage().heapUsed / 1e6);
if (session) {
	const { profile } = await session.post('Profiler.stop');
	fs.writeFileSync(profileFile, JSON.stringify(profile));
	session.disconnect();
}
console.log(JSON.stringify(run));
