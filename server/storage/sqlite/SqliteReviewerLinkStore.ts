import type { ReviewerLinkStore } from '../../domain/ports.js';
import type { ReviewerLinkRecord } from '../../domain/types.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import type { Row } from '../rows.js';

/** Table `reviewer_links`. */
export class SqliteReviewerLinkStore implements ReviewerLinkStore {
	private readonly stmt;

	constructor(database: SqliteDatabase) {
		this.stmt = {
			insert: database.db.prepare(
				`INSERT INTO reviewer_links (id, interview_id, token_hash, anonymised, created_at) VALUES (?, ?, ?, ?, ?)`
			),
			byHash: database.db.prepare(`SELECT * FROM reviewer_links WHERE token_hash = ?`)
		};
	}

	async createReviewerLink(link: ReviewerLinkRecord): Promise<void> {
		this.stmt.insert.run(link.id, link.interviewId, link.tokenHash, link.anonymised ? 1 : 0, link.createdAt);
	}

	async findReviewerLinkByTokenHash(tokenHash: string): Promise<ReviewerLinkRecord | undefined> {
		const r = this.stmt.byHash.get(tokenHash) as Row | undefined;
		if (!r) return undefined;
		return {
			id: r.id as string,
			interviewId: r.interview_id as string,
			tokenHash: r.token_hash as string,
			anonymised: r.anonymised === 1,
			createdAt: r.created_at as number
		};
	}
}
