import type { Stores } from '../../domain/ports.js';
import { SqliteConsentStore } from './SqliteConsentStore.js';
import { SqliteDatabase } from './SqliteDatabase.js';
import { SqliteInterviewErasure } from './SqliteInterviewErasure.js';
import { SqliteInterviewStore } from './SqliteInterviewStore.js';
import { SqliteLogStore } from './SqliteLogStore.js';
import { SqliteLoopStore } from './SqliteLoopStore.js';
import { SqliteReviewerLinkStore } from './SqliteReviewerLinkStore.js';
import { SqliteScorecardStore } from './SqliteScorecardStore.js';
import { SqlitePeopleStore } from './SqlitePeopleStore.js';
import { SqliteCalibrationStore } from './SqliteCalibrationStore.js';
import { WalCheckpointer } from './WalCheckpointer.js';

/**
 * Every repository on one SQLite database (a file, or `:memory:`), migrated on open. A file's
 * WAL is checkpointed from a worker thread (WalCheckpointer), off the connection that commits.
 */
export function openSqliteStores(
	file: string,
	onCheckpointFailure: (reason: string) => void = (reason) =>
		console.error(`SQLite checkpoints are back on the main thread: ${reason}`)
): Stores & { database: SqliteDatabase; checkpointer: WalCheckpointer | null } {
	const database = SqliteDatabase.open(file);
	const checkpointer = file === ':memory:' ? null : new WalCheckpointer(file, database.db, onCheckpointFailure);
	return {
		database,
		checkpointer,
		interviews: new SqliteInterviewStore(database),
		consent: new SqliteConsentStore(database),
		log: new SqliteLogStore(database),
		reviewerLinks: new SqliteReviewerLinkStore(database),
		scorecards: new SqliteScorecardStore(database),
		loops: new SqliteLoopStore(database),
		people: new SqlitePeopleStore(database),
		calibrations: new SqliteCalibrationStore(database),
		erasure: new SqliteInterviewErasure(database),
		async close() {
			await checkpointer?.close();
			database.close();
		}
	};
}
