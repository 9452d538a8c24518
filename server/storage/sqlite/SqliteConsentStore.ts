import type { ConsentStore } from '../../domain/ports.js';
import type { SqliteDatabase } from './SqliteDatabase.js';

/** CONSENT-2: the column `interviews.consented_at`. */
export class SqliteConsentStore implements ConsentStore {
	private readonly stmt;

	constructor(database: SqliteDatabase) {
		this.stmt = {
			mark: database.db.prepare(`UPDATE interviews SET consented_at = ? WHERE id = ? AND consented_at IS NULL`),
			get: database.db.prepare(`SELECT consented_at FROM interviews WHERE id = ?`)
		};
	}

	async markConsented(interviewId: string, at: number): Promise<{ consentedAt: number; changed: boolean }> {
		const changed = this.stmt.mark.run(at, interviewId).changes > 0;
		const r = this.stmt.get.get(interviewId) as { consented_at: number | null } | undefined;
		return { consentedAt: r?.consented_at ?? at, changed };
	}
}
