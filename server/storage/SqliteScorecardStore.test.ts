import path from 'node:path';
import { describe } from 'vitest';
import { SqliteStore } from './SqliteStore.js';
import { SqliteScorecardStore } from './SqliteScorecardStore.js';
import { scorecardStoreContract } from '../testing/scorecardStoreContract.js';
import { tempDataDir } from '../../tests/helpers/startServer.js';

describe('SqliteScorecardStore (a file shared with SqliteStore)', () => {
	scorecardStoreContract(() => {
		const file = path.join(tempDataDir(), 'pairboard.sqlite');
		const open = () => {
			const interviews = new SqliteStore(file);
			return { interviews, scorecards: new SqliteScorecardStore(file) };
		};
		return { stores: open(), reopen: open };
	});
});
