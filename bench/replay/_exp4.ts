import fs from 'node:fs';
import { z } from 'zod';
import { ReplayModel } from '../../src/lib/shared/replay/ReplayModel.js';
import { parseCheckpointLines } from '../../src/lib/shared/replay/checkpointLines.js';
import { PARTICIPANTS, rng } from './buildInterview.js';
z.config({ jitless: true });
const cpu = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};
const ndjson = fs.readFileSync('/tmp/rp-data/2h/log.ndjson', 'utf8');
const cpText = fs.readFileSync('/tmp/rp-data/2h/checkpoints.ndjson', 'utf8');
for (let k = 0; k < 3; k++) {
	let c = cpu();
	const model = new ReplayModel({
		interviewId: 'b',
		ndjson,
		checkpoints: parseCheckpointLines(cpText),
		participants: PARTICIPANTS
	});
	model.seek(model.start);
	const load = cpu() - c;
	const rand = rng(7 + k);
	const xs: number[] = [];
	for (let i = 0; i < 100; i++) {
		c = cpu();
		ReplayModel.textOf(model.seek(model.start + rand() * (model.end - model.start)));
		xs.push(cpu() - c);
	}
	const s = [...xs].sort((a, b) => a - b);
	console.log(
		'load',
		load.toFixed(0),
		'p50',
		s[49].toFixed(1),
		'p99',
		s[98].toFixed(1),
		'first',
		xs.slice(0, 8).map(Math.round).join(',')
	);
}
