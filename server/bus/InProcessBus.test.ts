import { describe, expect, it } from 'vitest';
import { busContract } from '../testing/busContract.js';
import { InProcessBus } from './InProcessBus.js';

describe('InProcessBus', () => {
	busContract(async () => {
		const bus = new InProcessBus();
		return { publisher: bus, subscriber: bus, settled: async () => undefined, close: async () => undefined };
	});

	it('reaches others on a channel only while someone besides the asker is subscribed to it', () => {
		const bus = new InProcessBus();
		const self = () => undefined;
		const other = () => undefined;
		expect(bus.reachesOthers('c', self)).toBe(false);
		const stopSelf = bus.subscribe('c', self);
		bus.subscribe('elsewhere', other);
		expect(bus.reachesOthers('c', self)).toBe(false);
		const stopOther = bus.subscribe('c', other);
		expect(bus.reachesOthers('c', self)).toBe(true);
		expect(bus.reachesOthers('c', other)).toBe(true);
		stopOther();
		expect(bus.reachesOthers('c', self)).toBe(false);
		stopSelf();
		expect(bus.reachesOthers('c', other)).toBe(false);
	});
});
