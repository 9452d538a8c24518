import { describe } from 'vitest';
import { busContract } from '../testing/busContract.js';
import { InProcessBus } from './InProcessBus.js';

describe('InProcessBus', () => {
	busContract(async () => {
		const bus = new InProcessBus();
		return { publisher: bus, subscriber: bus, settled: async () => undefined, close: async () => undefined };
	});
});
