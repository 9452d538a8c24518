import * as Y from 'yjs';

/**
 * UPD-1: every Yjs client id belongs to the participant (and, while it is open, the connection)
 * that first wrote under it. A connection may add structs only under ids it owns, so nobody can
 * write in another person's name: Yjs identifies an edit by (client id, clock), and a forged
 * struct at someone's next clock would make the server drop that person's real keystroke.
 * A participant's reconnecting tab keeps its ids once its old connection is gone.
 */
export class ClientOwners<Conn> {
	private readonly owners = new Map<number, { participantId: string; conn: Conn | null }>();

	/** Owners as kept with a checkpoint: client id → participant id. */
	static fromRecord<Conn>(record: Record<string, string> | undefined): ClientOwners<Conn> {
		const owners = new ClientOwners<Conn>();
		for (const [client, participantId] of Object.entries(record ?? {})) {
			owners.owners.set(Number(client), { participantId, conn: null });
		}
		return owners;
	}

	toRecord(): Record<string, string> {
		return Object.fromEntries([...this.owners].map(([client, o]) => [String(client), o.participantId]));
	}

	/** A stored update (loading the log): its clients belong to who wrote it, unless known already. */
	bindStored(update: Uint8Array, participantId: string): void {
		for (const client of Y.parseUpdateMeta(update).from.keys()) {
			if (!this.owners.has(client)) this.owners.set(client, { participantId, conn: null });
		}
	}

	/**
	 * Binds `clients` to this writer if it may write under all of them; otherwise binds nothing
	 * and answers why, in words.
	 */
	claim(clients: number[], participantId: string, conn: Conn | null, isOpen: (c: Conn) => boolean): string | null {
		for (const client of clients) {
			const owner = this.owners.get(client);
			if (!owner) continue;
			if (owner.participantId !== participantId) return `it writes as another participant (Yjs client ${client})`;
			if (owner.conn !== null && owner.conn !== conn && isOpen(owner.conn)) {
				return `Yjs client ${client} is in use by another connection`;
			}
		}
		for (const client of clients) this.owners.set(client, { participantId, conn });
		return null;
	}
}
