import { personNameKey } from '../../../src/lib/shared/calibration/people.js';
import type { PeopleStore } from '../../domain/ports.js';
import type { PersonRecord } from '../../domain/calibration/calibrationTypes.js';
import type { ParticipantRecord } from '../../domain/types.js';
import { rowToParticipant, rowToPerson, type Row } from '../rows.js';
import type { PostgresDatabase } from './PostgresDatabase.js';

/** The unique index on `people.email`: a conflict on it means "email taken", not a failure. */
const EMAIL_INDEX = 'people_by_email';

/** Table `people`, and `participants.person_id` (PEOPLE-1, PEOPLE-2). */
export class PgPeopleStore implements PeopleStore {
	constructor(private readonly database: PostgresDatabase) {}

	private async rows(sql: string, params: unknown[]): Promise<Row[]> {
		return (await this.database.pool.query<Row>(sql, params)).rows;
	}

	async createPerson(p: PersonRecord): Promise<boolean> {
		return emailFree(async () => {
			const r = await this.database.pool.query(
				`INSERT INTO people (id, name, name_key, email, role, level, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
				 ON CONFLICT (id) DO NOTHING`,
				[p.id, p.name, personNameKey(p.name), p.email, p.role, p.level, p.createdAt]
			);
			return (r.rowCount ?? 0) > 0;
		});
	}

	async getPerson(id: string): Promise<PersonRecord | undefined> {
		const [r] = await this.rows(`SELECT * FROM people WHERE id = $1`, [id]);
		return r && rowToPerson(r);
	}

	async listPeople(): Promise<PersonRecord[]> {
		return (await this.rows(`SELECT * FROM people ORDER BY name_key, created_at, ord`, [])).map(rowToPerson);
	}

	async findPeopleByNameKey(nameKey: string): Promise<PersonRecord[]> {
		return (await this.rows(`SELECT * FROM people WHERE name_key = $1 ORDER BY created_at, ord`, [nameKey])).map(
			rowToPerson
		);
	}

	/**
	 * A transaction holding an advisory lock on the name key: another process or request naming the
	 * same new person waits, then finds the one this one stored.
	 */
	async createPersonNamed(p: PersonRecord): Promise<PersonRecord> {
		const key = personNameKey(p.name);
		return this.database.transaction(async (client) => {
			await client.query(`SELECT pg_advisory_xact_lock(hashtext('people:' || $1))`, [key]);
			const found = await client.query<Row>(
				`SELECT * FROM people WHERE name_key = $1 ORDER BY created_at, ord LIMIT 1`,
				[key]
			);
			if (found.rows[0]) return rowToPerson(found.rows[0]);
			await client.query(
				`INSERT INTO people (id, name, name_key, email, role, level, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				[p.id, p.name, key, p.email, p.role, p.level, p.createdAt]
			);
			return p;
		});
	}

	async updatePerson(p: PersonRecord): Promise<boolean> {
		return emailFree(async () => {
			const r = await this.database.pool.query(
				`UPDATE people SET name = $2, name_key = $3, email = $4, role = $5, level = $6 WHERE id = $1`,
				[p.id, p.name, personNameKey(p.name), p.email, p.role, p.level]
			);
			return (r.rowCount ?? 0) > 0;
		});
	}

	async deletePerson(id: string): Promise<boolean> {
		const r = await this.database.pool.query(`DELETE FROM people WHERE id = $1`, [id]);
		return (r.rowCount ?? 0) > 0;
	}

	async linksOf(id: string): Promise<{ interviewLinks: number; raterLinks: number }> {
		const [r] = await this.rows(
			`SELECT (SELECT COUNT(*) FROM participants WHERE person_id = $1) AS interview_links,
			        (SELECT COUNT(*) FROM calibration_raters WHERE person_id = $1) AS rater_links`,
			[id]
		);
		return { interviewLinks: Number(r.interview_links), raterLinks: Number(r.rater_links) };
	}

	async participantsOfPerson(personId: string): Promise<ParticipantRecord[]> {
		return (await this.rows(`SELECT * FROM participants WHERE person_id = $1 ORDER BY ord`, [personId])).map(
			rowToParticipant
		);
	}

	async listUnlinkedInterviewers(): Promise<ParticipantRecord[]> {
		return (
			await this.rows(`SELECT * FROM participants WHERE role = 'interviewer' AND person_id IS NULL ORDER BY ord`, [])
		).map(rowToParticipant);
	}

	async linkParticipant(participantId: string, personId: string): Promise<void> {
		await this.database.pool.query(`UPDATE participants SET person_id = $1 WHERE id = $2`, [personId, participantId]);
	}
}

async function emailFree(write: () => Promise<boolean>): Promise<boolean> {
	try {
		return await write();
	} catch (err) {
		if (
			(err as { code?: string; constraint?: string }).code === '23505' &&
			(err as { constraint?: string }).constraint === EMAIL_INDEX
		)
			return false;
		throw err;
	}
}
