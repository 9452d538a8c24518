import { describe, expect, it } from 'vitest';
import { workerExecArgv } from './nodeFlags.js';

describe('workerExecArgv', () => {
	it('keeps the profiling flags, with their values inline or as the next word', () => {
		expect(
			workerExecArgv(['--cpu-prof', '--cpu-prof-dir=/tmp/p', '--heap-prof-name', 'h.heapprofile', '--heap-prof'])
		).toEqual(['--cpu-prof', '--cpu-prof-dir=/tmp/p', '--heap-prof-name', 'h.heapprofile', '--heap-prof']);
	});

	it('drops the TypeScript loader and the V8 heap flags a worker refuses', () => {
		expect(
			workerExecArgv(['--max-semi-space-size=2', '--import', 'tsx', '--require', 'tsx/cjs', '--cpu-prof'])
		).toEqual(['--cpu-prof']);
	});
});
