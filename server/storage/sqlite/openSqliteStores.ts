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

/** Every repository on one SQLite database (a file, or `:memory:`), migrated on open. */
export function openSqliteStores(file: string): Stores & { database: SqliteDatabase } {
	const database = SqliteDatabase.open(file);
	return {
		database,
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
			database.close();
		}
	};
}
