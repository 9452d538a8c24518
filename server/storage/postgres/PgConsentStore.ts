import type { ConsentStore } from '../../domain/ports.js';
import type { PostgresDatabase } from './PostgresDatabase.js';

/** CONSENT-2: the column `interviews.consented_at`. */
export class PgConsentStore implements ConsentStore {
	constructor(private readonly database: PostgresDatabase) {}

	async markConsented(interviewId: string, at: number): Promise<{ consentedAt: number; changed: boolean }> {
		const pool = this.database.pool;
		const set = await pool.query(`UPDATE interviews SET consented_at = $1 WHERE id = $2 AND consented_at IS NULL`, [
			at,
			interviewId
		]);
		const r = await pool.query<{ consented_at: number | null }>(`SELECT consented_at FROM interviews WHERE id = $1`, [
			interviewId
		]);
		return { consentedAt: r.rows[0]?.consented_at ?? at, changed: (set.rowCount ?? 0) > 0 };
	}
}
