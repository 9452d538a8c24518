import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	elementsOf,
	readScene,
	reconcileScene,
	seedScene,
	placeScene,
	boundsOf,
	SCENE_GAP,
	tombstonesOf,
	writeElements,
	type CanvasElement
} from './canvasDoc';

const box = (id: string, over: Partial<CanvasElement> = {}): CanvasElement => ({
	id,
	type: 'rectangle',
	x: 0,
	y: 0,
	width: 100,
	height: 50,
	version: 1,
	versionNonce: 1,
	isDeleted: false,
	index: `a${id}`,
	...over
});

/** A later version of `el`, as Excalidraw would produce after a change. */
const edited = (el: CanvasElement, over: Partial<CanvasElement>, nonce: number): CanvasElement => ({
	...el,
	...over,
	version: el.version + 1,
	versionNonce: nonce
});

function permutations<T>(items: T[]): T[][] {
	if (items.length <= 1) return [items];
	return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

/**
 * Starts `n` replicas from one shared scene, lets each make its change offline, then delivers
 * every replica's update to every other in each possible order and returns the scenes.
 */
function mergeInEveryOrder(start: CanvasElement[], changes: ((doc: Y.Doc) => void)[]) {
	const base = new Y.Doc();
	seedScene(base, start);
	const baseState = Y.encodeStateAsUpdate(base);
	const results: { order: number[]; scenes: CanvasElement[][] }[] = [];
	const updates = changes.map((change) => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, baseState);
		const before = Y.encodeStateVector(doc);
		change(doc);
		return Y.encodeStateAsUpdate(doc, before);
	});
	for (const order of permutations(updates.map((_, i) => i))) {
		const scenes = changes.map((_, me) => {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, baseState);
			Y.applyUpdate(doc, updates[me]);
			for (const i of order) if (i !== me) Y.applyUpdate(doc, updates[i]);
			return readScene(doc).elements;
		});
		results.push({ order, scenes });
	}
	return results;
}

describe('canvas document merge', () => {
	const a = box('1', { x: 0 });
	const b = box('2', { x: 300 });

	it('keeps both moves when two people move different boxes, in every delivery order', () => {
		for (const { scenes } of mergeInEveryOrder(
			[a, b],
			[(d) => writeElements(d, [edited(a, { x: 40 }, 11)]), (d) => writeElements(d, [edited(b, { x: 340 }, 22)])]
		)) {
			expect(scenes[1]).toEqual(scenes[0]);
			expect(scenes[0].map((e) => e.x)).toEqual([40, 340]);
		}
	});

	it('converges on one result when two people edit the same box, in every delivery order', () => {
		const finals = new Set<string>();
		for (const { scenes } of mergeInEveryOrder(
			[a],
			[(d) => writeElements(d, [edited(a, { x: 40 }, 11)]), (d) => writeElements(d, [edited(a, { y: 90 }, 22)])]
		)) {
			expect(scenes[1]).toEqual(scenes[0]);
			finals.add(JSON.stringify(scenes[0]));
		}
		// Not only equal within one order: every order ends in the same scene.
		expect(finals.size).toBe(1);
		const [only] = [...finals].map((s) => JSON.parse(s) as CanvasElement[]);
		expect(only[0].version).toBe(2);
	});

	it('lets a deletion stick against a concurrent edit of the same element, in every delivery order', () => {
		for (const { scenes } of mergeInEveryOrder(
			[a, b],
			[
				(d) => writeElements(d, [edited(a, { isDeleted: true }, 11)]),
				(d) => {
					// The other person goes on editing it several times before hearing of the delete.
					let el = a;
					for (let i = 0; i < 4; i++) writeElements(d, [(el = edited(el, { x: (el.x as number) + 10 }, 30 + i))]);
				}
			]
		)) {
			expect(scenes[1]).toEqual(scenes[0]);
			expect(scenes[0].find((e) => e.id === '1')?.isDeleted).toBe(true);
			expect(scenes[0].find((e) => e.id === '2')?.isDeleted).toBe(false);
		}
	});

	it('converges on three documents with a move, an edit of the same box and a delete, in every order', () => {
		const finals = new Set<string>();
		for (const { scenes } of mergeInEveryOrder(
			[a, b],
			[
				(d) => writeElements(d, [edited(a, { x: 40 }, 11)]),
				(d) => writeElements(d, [edited(a, { strokeColor: '#e03131' }, 22)]),
				(d) => writeElements(d, [edited(b, { isDeleted: true }, 33)])
			]
		)) {
			expect(scenes[1]).toEqual(scenes[0]);
			expect(scenes[2]).toEqual(scenes[0]);
			expect(scenes[0].find((e) => e.id === '2')?.isDeleted).toBe(true);
			finals.add(JSON.stringify(scenes[0]));
		}
		expect(finals.size).toBe(1);
	});

	it('converges on three documents adding new elements at once, keeping all of them', () => {
		for (const { scenes } of mergeInEveryOrder(
			[],
			[
				(d) => writeElements(d, [box('x', { index: 'a1' })]),
				(d) => writeElements(d, [box('y', { index: 'a1' })]),
				(d) => writeElements(d, [box('z', { index: 'a0' })])
			]
		)) {
			expect(scenes[1]).toEqual(scenes[0]);
			expect(scenes[2]).toEqual(scenes[0]);
			// Same fractional index: the id breaks the tie identically everywhere.
			expect(scenes[0].map((e) => e.id)).toEqual(['z', 'x', 'y']);
		}
	});
});

describe('writeElements', () => {
	it('does not write an element again when its version has not grown (no echo of remote changes)', () => {
		const doc = new Y.Doc();
		expect(writeElements(doc, [box('1')])).toBe(1);
		expect(writeElements(doc, [box('1', { x: 999 })])).toBe(0);
		expect(elementsOf(doc).get('1')?.x).toBe(0);
	});

	it('restores an element whose own deletion is undone, and clears its tombstone', () => {
		const doc = new Y.Doc();
		const el = box('1');
		writeElements(doc, [el]);
		const gone = edited(el, { isDeleted: true }, 5);
		writeElements(doc, [gone]);
		expect(tombstonesOf(doc).get('1')).toBe(2);
		writeElements(doc, [edited(gone, { isDeleted: false }, 6)]);
		expect(tombstonesOf(doc).has('1')).toBe(false);
		expect(readScene(doc).elements[0].isDeleted).toBe(false);
	});

	it('stores plain JSON even when given frozen objects', () => {
		const doc = new Y.Doc();
		writeElements(doc, [Object.freeze(box('1', { points: Object.freeze([[0, 0]]) as unknown as number[][] }))]);
		const stored = elementsOf(doc).get('1')!;
		expect(Object.isFrozen(stored)).toBe(false);
	});
});

describe('seedScene', () => {
	it('adds a starting scene once and never puts back a box someone moved or deleted', () => {
		const doc = new Y.Doc();
		const scene = [box('s1'), box('s2')];
		expect(seedScene(doc, scene)).toBe(2);
		writeElements(doc, [edited(scene[0], { x: 77 }, 9), edited(scene[1], { isDeleted: true }, 9)]);
		expect(seedScene(doc, scene)).toBe(0);
		const els = readScene(doc).elements;
		expect(els.map((e) => [e.id, e.x, e.isDeleted])).toEqual([
			['s1', 77, false],
			['s2', 0, true]
		]);
	});
});

describe('placeScene', () => {
	const drawn = [
		box('d1', { x: 0, y: 0, width: 300, height: 200 }),
		box('d2', { x: 400, y: 50, width: 100, height: 100 })
	];
	it.each<[string, CanvasElement[], CanvasElement[], [number, number][]]>([
		['keeps the file’s place on an empty canvas', [], [box('s', { x: 10, y: 10 })], [[10, 10]]],
		['keeps the file’s place when it covers nothing', drawn, [box('s', { x: 0, y: 400 })], [[0, 400]]],
		[
			'moves a scene that would cover the drawing to its right, top edges aligned, keeping its own layout',
			drawn,
			[box('s1', { x: 20, y: 30 }), box('s2', { x: 220, y: 130 })],
			[
				[500 + SCENE_GAP, 0],
				[700 + SCENE_GAP, 100]
			]
		],
		[
			'ignores deleted elements',
			[box('gone', { isDeleted: true, width: 900, height: 900 })],
			[box('s', { x: 5, y: 5 })],
			[[5, 5]]
		]
	])('%s', (_what, drawing, scene, expected) => {
		const placed = placeScene(drawing, scene);
		expect(placed.map((e) => [e.x, e.y])).toEqual(expected);
		const a = boundsOf(placed.filter((e) => e.id.startsWith('s')))!;
		const b = boundsOf(drawing.filter((e) => !e.isDeleted));
		if (b) expect(a.minX >= b.maxX || a.maxY <= b.minY || a.minY >= b.maxY || a.maxX <= b.minX).toBe(true);
	});

	it('a second problem’s scene is seeded beside the first one’s drawing, the same on two replicas', () => {
		const [one, two] = [new Y.Doc(), new Y.Doc()];
		seedScene(one, [box('p1', { width: 400, height: 300 })]);
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		const second = [box('p2', { x: 50, y: 50 })];
		seedScene(one, second);
		seedScene(two, second);
		Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		for (const doc of [one, two]) {
			expect(readScene(doc).elements.find((e) => e.id === 'p2')).toMatchObject({ x: 400 + SCENE_GAP, y: 0 });
		}
	});
});

describe('reconcileScene', () => {
	const remote = [box('1', { version: 3, x: 30 }), box('2', { version: 2 })];
	it.each([
		['takes the document version when not editing', [box('1', { version: 2 })], new Set<string>(), 30],
		['keeps the local element while it is being edited', [box('1', { version: 2, x: 5 })], new Set(['1']), 5],
		['keeps a newer local version about to be written', [box('1', { version: 4, x: 9 })], new Set<string>(), 9],
		[
			'takes the document on equal versions (Yjs already chose)',
			[box('1', { version: 3, versionNonce: 0, x: 1 })],
			new Set<string>(),
			30
		]
	])('%s', (_, local, editing, expectedX) => {
		const out = reconcileScene(local, remote, editing);
		expect(out.find((e) => e.id === '1')?.x).toBe(expectedX);
		expect(out.map((e) => e.id)).toEqual(['1', '2']);
	});

	it('keeps a local element the document does not have yet', () => {
		const out = reconcileScene([box('new', { index: 'a9' })], remote, new Set());
		expect(out.map((e) => e.id)).toEqual(['1', '2', 'new']);
	});
});
