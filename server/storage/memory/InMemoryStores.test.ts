import { describe } from 'vitest';
import { calibrationStoreContract } from '../../testing/calibrationStoreContract.js';
import { scorecardStoreContract } from '../../testing/scorecardStoreContract.js';
import { storeContract } from '../../testing/storeContract.js';
import { createInMemoryStores } from './InMemoryStores.js';

describe('in-memory stores', () => {
	storeContract(() => ({ stores: createInMemoryStores() }));
	scorecardStoreContract(() => ({ stores: createInMemoryStores() }));
	calibrationStoreContract(() => ({ stores: createInMemoryStores() }));
});
