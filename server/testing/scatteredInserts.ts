import * as Y from 'yjs';

/**
 * A valid but expensive update: `n` one-character inserts at scattered places of one text, under a
 * fresh client id. Each splits an item, so applying it costs far more than its size suggests
 * (LIMIT-6, ISO-1). `text` picks the text (by default a root of its own).
 */
export function scatteredInserts(n: number, seed: number, text: (doc: Y.Doc) => Y.Text = (d) => d.getText('scatter')) {
	const doc = new Y.Doc();
	const t = text(doc);
	let x = seed;
	for (let i = 0; i < n; i++) {
		x = (x * 1103515245 + 12345) % 2147483648;
		t.insert(x % (t.length + 1), 'ab'[i % 2]);
	}
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}
