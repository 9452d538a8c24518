import type { ReviewerLinkStore } from '../../domain/ports.js';
import type { ReviewerLinkRecord } from '../../domain/types.js';
import type { Row } from '../rows.js';
import type { PostgresDatabase } from './PostgresDatabase.js';

/** Table `reviewer_links`. */
export class PgReviewerLinkStore implements ReviewerLinkStore {
	constructor(private readonly database: PostgresDatabase) {}

	async createReviewerLink(link: ReviewerLinkRecord): Promise<void> {
		await this.database.pool.query(
			`INSERT INTO reviewer_links (id, interview_id, token_hash, anonymised, created_at) VALUES ($1, $2, $3, $4, $5)`,
			[link.id, link.interviewId, link.tokenHash, link.anonymised, link.createdAt]
		);
	}

	async findReviewerLinkByTokenHash(tokenHash: string): Promise<ReviewerLinkRecord | undefined> {
		const r = (await this.database.pool.query<Row>(`SELECT * FROM reviewer_links WHERE token_hash = $1`, [tokenHash]))
			.rows[0];
		if (!r) return undefined;
		return {
			id: r.id as string,
			interviewId: r.interview_id as string,
			tokenHash: r.token_hash as string,
			anonymised: r.anonymised === true,
			createdAt: r.created_at as number
		};
	}
}
