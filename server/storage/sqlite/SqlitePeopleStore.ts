import { personNameKey } from '../../../src/lib/shared/calibration/people.js';
import type { PeopleStore } from '../../domain/ports.js';
import type { PersonRecord } from '../../domain/calibration/calibrationTypes.js';
import type { ParticipantRecord } from '../../domain/types.js';
import { rowToParticipant, rowToPerson, type Row } from '../rows.js';
import type { SqliteDatabase } from './SqliteDatabase.js';

/** Table `people`, and `participants.person_id` (PEOPLE-1, PEOPLE-2). */
export class SqlitePeopleStore implements PeopleStore {
	private readonly stmt;

	constructor(database: SqliteDatabase) {
		const db = database.db;
		this.stmt = {
			insert: db.prepare(
				`INSERT OR IGNORE INTO people (id, name, name_key, email, role, level, created_at)
				 VALUES (@id, @name, @nameKey, @email, @role, @level, @createdAt)`
			),
			get: db.prepare(`SELECT * FROM people WHERE id = ?`),
			list: db.prepare(`SELECT * FROM people ORDER BY name_key, created_at, rowid`),
			byNameKey: db.prepare(`SELECT * FROM people WHERE name_key = ? ORDER BY created_at, rowid`),
			emailTaken: db.prepare(`SELECT 1 FROM people WHERE email = ? AND id <> ?`),
			update: db.prepare(
				`UPDATE people SET name = @name, name_key = @nameKey, email = @email, role = @role, level = @level WHERE id = @id`
			),
			delete: db.prepare(`DELETE FROM people WHERE id = ?`),
			interviewLinks: db.prepare(`SELECT COUNT(*) AS n FROM participants WHERE person_id = ?`),
			raterLinks: db.prepare(`SELECT COUNT(*) AS n FROM calibration_raters WHERE person_id = ?`),
			participantsOf: db.prepare(`SELECT * FROM participants WHERE person_id = ? ORDER BY rowid`),
			unlinked: db.prepare(
				`SELECT * FROM participants WHERE role = 'interviewer' AND person_id IS NULL ORDER BY rowid`
			),
			link: db.prepare(`UPDATE participants SET person_id = ? WHERE id = ?`)
		};
	}

	private params(p: PersonRecord) {
		return { ...p, nameKey: personNameKey(p.name) };
	}

	async createPerson(person: PersonRecord): Promise<boolean> {
		if (person.email !== null && this.stmt.emailTaken.get(person.email, person.id)) return false;
		return this.stmt.insert.run(this.params(person)).changes > 0;
	}

	async getPerson(id: string): Promise<PersonRecord | undefined> {
		const r = this.stmt.get.get(id) as Row | undefined;
		return r && rowToPerson(r);
	}

	async listPeople(): Promise<PersonRecord[]> {
		return (this.stmt.list.all() as Row[]).map(rowToPerson);
	}

	async findPeopleByNameKey(nameKey: string): Promise<PersonRecord[]> {
		return (this.stmt.byNameKey.all(nameKey) as Row[]).map(rowToPerson);
	}

	/** One synchronous step on the one connection: nothing can come between the look and the insert. */
	async createPersonNamed(person: PersonRecord): Promise<PersonRecord> {
		const [oldest] = this.stmt.byNameKey.all(personNameKey(person.name)) as Row[];
		if (oldest) return rowToPerson(oldest);
		this.stmt.insert.run(this.params(person));
		return person;
	}

	async updatePerson(person: PersonRecord): Promise<boolean> {
		if (person.email !== null && this.stmt.emailTaken.get(person.email, person.id)) return false;
		return this.stmt.update.run(this.params(person)).changes > 0;
	}

	async deletePerson(id: string): Promise<boolean> {
		return this.stmt.delete.run(id).changes > 0;
	}

	async linksOf(id: string): Promise<{ interviewLinks: number; raterLinks: number }> {
		const count = (s: { get(id: string): unknown }) => (s.get(id) as { n: number }).n;
		return { interviewLinks: count(this.stmt.interviewLinks), raterLinks: count(this.stmt.raterLinks) };
	}

	async participantsOfPerson(personId: string): Promise<ParticipantRecord[]> {
		return (this.stmt.participantsOf.all(personId) as Row[]).map(rowToParticipant);
	}

	async listUnlinkedInterviewers(): Promise<ParticipantRecord[]> {
		return (this.stmt.unlinked.all() as Row[]).map(rowToParticipant);
	}

	async linkParticipant(participantId: string, personId: string): Promise<void> {
		this.stmt.link.run(personId, participantId);
	}
}
