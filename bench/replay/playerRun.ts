/**
 * One cold player, in a process of its own so that every repeat starts with V8 as cold as a
 * freshly opened page: reads what the page downloads from a folder written by bench/replay.ts,
 * loads it into the player's model, seeks to random moments, and prints one JSON line.
 *   node --import tsx bench/replay/playerRun.ts DIR SEEKS cold|prepared [PROFILE.cpuprofile]
 * cold: the seeks right after load, as a person who clicks the timeline at once. prepared: the
 * page's idle work (ReplayModel.prepare) runs to its end after load, then the seeks. With a
 * fourth argument, the player's work alone (not the module loading before it) is profiled.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { z } from 'zod';
import { ReplayModel } from '../../src/lib/shared/replay/ReplayModel.js';
import { parseCheckpointLines } from '../../src/lib/shared/replay/checkpointLines.js';
import { PARTICIPANTS, rng } from './buildInterview.js';

// As on the page (src/hooks.client.ts): zod's interpreter, not its compiler.
z.config({ jitless: true });
const [dir, seeksArg, mode, profileFile] = process.argv.slice(2);
if (mode !== 'cold' && mode !== 'prepared') throw new Error('mode: cold or prepared');
const SEEKS = Number(seeksArg ?? 100);
const ndjson = fs.readFileSync(path.join(dir, 'log.ndjson'), 'utf8');
const cpText = fs.readFileSync(path.join(dir, 'checkpoints.ndjson'), 'utf8');
const finalTexts = JSON.parse(fs.readFileSync(path.join(dir, 'final.json'), 'utf8')) as Record<string, string>;

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
const tLoad = performance.now();
const cLoad = cpuMs();
const checkpoints = parseCheckpointLines(cpText);
const model = new ReplayModel({ interviewId: 'bench', ndjson, checkpoints, participants: PARTICIPANTS });
void ReplayModel.textOf(model.seek(model.start));
const loadMs = performance.now() - tLoad;
const loadCpuMs = cpuMs() - cLoad;
if (model.error) throw model.error;

/** Seeks to SEEKS random moments (the same ones in every run). */
function seekAround(): { wall: number[]; cpu: number[] } {
	const rand = rng(7);
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let i = 0; i < SEEKS; i++) {
		const at = model.start + rand() * (model.end - model.start);
		const s0 = performance.now();
		const c0 = cpuMs();
		void ReplayModel.textOf(model.seek(at));
		wall.push(performance.now() - s0);
		cpu.push(cpuMs() - c0);
	}
	return { wall, cpu };
}
let prepareMs = 0;
let prepareCpuMs = 0;
if (mode === 'prepared') {
	const p0 = performance.now();
	const pc0 = cpuMs();
	model.prepare(() => true);
	prepareMs = performance.now() - p0;
	prepareCpuMs = cpuMs() - pc0;
}
const seeks = seekAround();
if (session) {
	const { profile } = await session.post('Profiler.stop');
	fs.writeFileSync(profileFile, JSON.stringify(profile));
	session.disconnect();
}
// Faithfulness spot check: the end of the replay is the recorder's final documents.
const last = model.seek(model.end);
for (const [p, text] of Object.entries(finalTexts)) {
	if (ReplayModel.textOf(last, p) !== text) throw new Error(`final text of ${p} differs`);
}
console.log(
	JSON.stringify({
		entries: model.entries.length,
		checkpointsServed: checkpoints.length,
		loadMs,
		loadCpuMs,
		prepareMs,
		prepareCpuMs,
		seekMs: seeks.wall,
		seekCpuMs: seeks.cpu,
		heapMB: process.memoryUsage().heapUsed / 1e6
	})
);
