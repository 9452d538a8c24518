import type { Stores } from '../../domain/ports.js';
import { PgConsentStore } from './PgConsentStore.js';
import { PgInterviewErasure } from './PgInterviewErasure.js';
import { PgInterviewStore } from './PgInterviewStore.js';
import { PgLogStore } from './PgLogStore.js';
import { PgLoopStore } from './PgLoopStore.js';
import { PgReviewerLinkStore } from './PgReviewerLinkStore.js';
import { PgScorecardStore } from './PgScorecardStore.js';
import { PgPeopleStore } from './PgPeopleStore.js';
import { PgCalibrationStore } from './PgCalibrationStore.js';
import { PostgresDatabase, type PostgresOptions } from './PostgresDatabase.js';

/** Every repository on one PostgreSQL pool, migrated (once, under an advisory lock) on open. */
export async function openPostgresStores(
	url: string,
	options: PostgresOptions = {}
): Promise<Stores & { database: PostgresDatabase }> {
	const database = await PostgresDatabase.open(url, options);
	return {
		database,
		interviews: new PgInterviewStore(database),
		consent: new PgConsentStore(database),
		log: new PgLogStore(database),
		reviewerLinks: new PgReviewerLinkStore(database),
		scorecards: new PgScorecardStore(database),
		loops: new PgLoopStore(database),
		people: new PgPeopleStore(database),
		calibrations: new PgCalibrationStore(database),
		erasure: new PgInterviewErasure(database),
		close: () => database.close()
	};
}
