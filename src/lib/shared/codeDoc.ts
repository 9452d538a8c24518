/**
 * The code document's schema (DESIGN.md contract):
 *   Y.Map  `files`  problem id → Y.Text holding that problem's buffer
 *   Y.Map  `state`  `activeProblem` → the problem id everyone sees
 * The server seeds it once from the problems' starters, so two clients never both insert
 * the starter text.
 */
import * as Y from 'yjs';

export const FILES = 'files';
export const STATE = 'state';
export const ACTIVE_PROBLEM = 'activeProblem';

export function filesOf(doc: Y.Doc): Y.Map<Y.Text> {
	return doc.getMap<Y.Text>(FILES);
}

export function stateOf(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(STATE);
}

export function activeProblemOf(doc: Y.Doc): string | undefined {
	const v = stateOf(doc).get(ACTIVE_PROBLEM);
	return typeof v === 'string' ? v : undefined;
}

/**
 * The seed's Yjs client id. Fixed, so that the seed is the same bytes wherever it is built: two
 * processes that open a new room at once both seed it, and Yjs keeps one copy of identical changes.
 */
export const SEED_CLIENT_ID = 0;

/** The update that seeds a fresh code document with every problem's starter. */
export function buildCodeSeed(starters: { problemId: string; text: string }[]): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = SEED_CLIENT_ID;
	doc.transact(() => {
		const files = filesOf(doc);
		for (const s of starters) {
			const text = new Y.Text();
			text.insert(0, s.text.replace(/\r\n/g, '\n'));
			files.set(s.problemId, text);
		}
		if (starters.length > 0) stateOf(doc).set(ACTIVE_PROBLEM, starters[0].problemId);
	});
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}
