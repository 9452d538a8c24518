/**
 * The canvas document (schema in ./README.md): Excalidraw elements kept whole, one map entry
 * per element, merged element by element. Pure Yjs, used by the browser binding, the server's
 * checks, tests and the replay.
 */
import * as Y from 'yjs';

/** The fields of an Excalidraw element the merge reads; the rest travels untouched. */
export interface CanvasElement {
	id: string;
	type: string;
	version: number;
	versionNonce: number;
	isDeleted: boolean;
	/** Excalidraw's fractional z-order index. */
	index?: string | null;
	fileId?: string | null;
	[field: string]: unknown;
}

export interface CanvasFile {
	id: string;
	mimeType: string;
	dataURL: string;
	created: number;
	[field: string]: unknown;
}

export interface CanvasScene {
	elements: CanvasElement[];
	files: CanvasFile[];
}

export const elementsOf = (doc: Y.Doc): Y.Map<CanvasElement> => doc.getMap<CanvasElement>('elements');
/** Element id → the version it had when deleted. A tombstone beats a concurrent edit. */
export const tombstonesOf = (doc: Y.Doc): Y.Map<number> => doc.getMap<number>('deleted');
export const canvasFilesOf = (doc: Y.Doc): Y.Map<CanvasFile> => doc.getMap<CanvasFile>('files');

/** Every element (tombstoned ones marked deleted) in z-order, and every image. */
export function readScene(doc: Y.Doc): CanvasScene {
	const tombs = tombstonesOf(doc);
	const elements = [...elementsOf(doc).values()].map((e) =>
		tombs.has(e.id) && !e.isDeleted ? { ...e, isDeleted: true } : e
	);
	elements.sort(byZOrder);
	return { elements, files: [...canvasFilesOf(doc).values()] };
}

/** Excalidraw's fractional indices sort as plain strings; the id breaks ties the same way everywhere. */
export function byZOrder(a: CanvasElement, b: CanvasElement): number {
	const ia = a.index ?? '\uffff';
	const ib = b.index ?? '\uffff';
	if (ia !== ib) return ia < ib ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Writes a client's changed elements. An element is written when it is new to the document
 * or its version went up (Excalidraw bumps `version` on every change), so re-reading a remote
 * change never echoes it back. A deletion also leaves a tombstone; an element comes back only
 * when its deleted copy in the document is restored with a newer version (undo of a delete).
 * Answers how many elements were written.
 */
export function writeElements(doc: Y.Doc, elements: readonly CanvasElement[], origin?: unknown): number {
	const map = elementsOf(doc);
	const tombs = tombstonesOf(doc);
	let written = 0;
	doc.transact(() => {
		for (const el of elements) {
			const stored = map.get(el.id);
			if (stored && el.version <= stored.version) continue;
			if (el.isDeleted) {
				if (!tombs.has(el.id)) tombs.set(el.id, el.version);
			} else if (tombs.has(el.id)) {
				if (!stored?.isDeleted) continue; // deleted meanwhile by someone else: the deletion stands
				tombs.delete(el.id);
			}
			map.set(el.id, plain(el));
			written++;
		}
	}, origin);
	return written;
}

/** Images are immutable by id: each is stored once. */
export function writeFiles(doc: Y.Doc, files: readonly CanvasFile[], origin?: unknown): number {
	const map = canvasFilesOf(doc);
	let written = 0;
	doc.transact(() => {
		for (const f of files) {
			if (map.has(f.id)) continue;
			map.set(f.id, plain(f));
			written++;
		}
	}, origin);
	return written;
}

/** Space left between an earlier drawing and a starting scene placed beside it. */
export const SCENE_GAP = 160;

interface Box {
	minX: number;
	minY: number;
	maxX: number;
	maxY: number;
}

/** The box around elements' x, y, width and height; null when there is none. */
export function boundsOf(elements: readonly CanvasElement[]): Box | null {
	let box: Box | null = null;
	for (const e of elements) {
		const [x, y, w, h] = [e.x, e.y, e.width, e.height].map((v) => (typeof v === 'number' ? v : 0));
		const [x1, x2] = [Math.min(x, x + w), Math.max(x, x + w)];
		const [y1, y2] = [Math.min(y, y + h), Math.max(y, y + h)];
		box = box
			? {
					minX: Math.min(box.minX, x1),
					minY: Math.min(box.minY, y1),
					maxX: Math.max(box.maxX, x2),
					maxY: Math.max(box.maxY, y2)
				}
			: { minX: x1, minY: y1, maxX: x2, maxY: y2 };
	}
	return box;
}

const overlaps = (a: Box, b: Box) => a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;

/**
 * Where a starting scene goes on a canvas that already holds `drawing`: where its file puts it
 * when that covers nothing, else to the right of everything drawn, top edges aligned, so a
 * second design problem's sketch never lands on the first one's drawing.
 */
export function placeScene(drawing: readonly CanvasElement[], scene: readonly CanvasElement[]): CanvasElement[] {
	const shown = boundsOf(drawing.filter((e) => !e.isDeleted));
	const own = boundsOf(scene);
	if (!shown || !own || !overlaps(shown, own)) return [...scene];
	const dx = shown.maxX + SCENE_GAP - own.minX;
	const dy = shown.minY - own.minY;
	return scene.map((e) => ({ ...e, x: (e.x as number) + dx, y: (e.y as number) + dy }));
}

/**
 * Adds a problem's starting scene once: only elements the document has never held, so a
 * box someone moved or deleted is never put back; placed beside what is drawn already
 * (`placeScene`). Two clients seeding the same document write the same values (the scene file
 * fixes ids and versions, the placement depends on the document only).
 */
export function seedScene(doc: Y.Doc, elements: readonly CanvasElement[], origin?: unknown): number {
	const map = elementsOf(doc);
	const fresh = elements.filter((e) => !map.has(e.id));
	// Part of the scene is there already (someone seeded it): the rest goes where the file says.
	const placed = fresh.length === elements.length ? placeScene(readScene(doc).elements, fresh) : fresh;
	doc.transact(() => {
		for (const e of placed) map.set(e.id, plain(e));
	}, origin);
	return fresh.length;
}

/**
 * What a client shows after a remote change: the document's element, except where this
 * client is in the middle of changing it (typing a label, dragging a new shape) or holds a
 * newer version it is about to write. Every client that is not mid-edit shows the document,
 * so all screens converge on what Yjs converged on.
 */
export function reconcileScene<E extends CanvasElement>(
	local: readonly E[],
	remote: readonly E[],
	editingIds: ReadonlySet<string>
): E[] {
	const localById = new Map(local.map((e) => [e.id, e]));
	const out: E[] = [];
	const seen = new Set<string>();
	for (const r of remote) {
		const l = localById.get(r.id);
		seen.add(r.id);
		out.push(l && (editingIds.has(r.id) || l.version > r.version) ? l : r);
	}
	// Local elements the document does not have yet (being drawn right now) stay.
	for (const l of local) if (!seen.has(l.id)) out.push(l);
	return out.sort(byZOrder);
}

/** Excalidraw freezes some objects and may carry class instances; the document holds plain JSON. */
function plain<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}
