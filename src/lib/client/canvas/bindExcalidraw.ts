import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import {
	readScene,
	reconcileScene,
	writeElements,
	writeFiles,
	type CanvasElement,
	type CanvasFile
} from '$lib/shared/canvas/canvasDoc';
import { CANVAS_MAX_FILE_CHARS } from '$lib/shared/canvas/canvasRules.js';

/** The few Excalidraw API calls the binding uses; the island passes the real API. */
export interface ExcalidrawLike {
	getSceneElementsIncludingDeleted(): readonly CanvasElement[];
	getAppState(): EditorState;
	getFiles(): Record<string, CanvasFile>;
	updateScene(scene: { elements?: readonly CanvasElement[]; collaborators?: Map<string, Collaborator> }): void;
	addFiles(files: CanvasFile[]): void;
	/** Fits these elements (all of the drawing when none is given) into view. */
	scrollToContent(ids?: readonly string[]): void;
}

export interface EditorState {
	editingTextElement?: { id: string } | null;
	newElement?: { id: string } | null;
	resizingElement?: { id: string } | null;
	multiElement?: { id: string } | null;
	selectedElementIds: Readonly<Record<string, true>>;
}

export interface Collaborator {
	pointer?: { x: number; y: number; tool: 'pointer' | 'laser' };
	button?: 'up' | 'down';
	selectedElementIds?: Record<string, true>;
	username?: string;
	color?: { background: string; stroke: string };
	id?: string;
}

export interface PointerUpdate {
	pointer: { x: number; y: number; tool: 'pointer' | 'laser' };
	button: 'up' | 'down';
}

export interface BindingOptions {
	/** Observers and ended interviews: show everything, write nothing. */
	readOnly(): boolean;
	/** An image was refused (too large); the message says why, in words. */
	onRefused(message: string): void;
	/** The elements on screen changed (for the page's summary of the scene). */
	onScene?(elements: readonly CanvasElement[]): void;
	/** The open problem's starting scene (element ids): what to bring into view; null for all. */
	focus?(): readonly string[] | null;
}

/** How often this person's pointer is shared: enough to look live, cheap on the wire. */
const POINTER_INTERVAL_MS = 40;
const LOCAL = Symbol('canvas-local');

/**
 * Ties an Excalidraw instance to the canvas document: local changes are written element by
 * element (see canvasDoc.ts), remote ones are shown without entering this person's undo
 * history (the island applies them with CaptureUpdateAction.NEVER), and pointers and
 * selections travel as awareness.
 */
export function bindExcalidraw(api: ExcalidrawLike, doc: Y.Doc, awareness: Awareness, options: BindingOptions) {
	/** Version of each element as last shown or written, so only real changes are written. */
	const known = new Map<string, number>();
	const refusedFiles = new Set<string>();
	let lastSelection = '';
	let lastPointerAt = 0;
	let initialised = false;
	/** The view is fitted once there is something to fit: when the canvas opens and on reveal(). */
	let fitPending = true;

	function editingIds(): Set<string> {
		const s = api.getAppState();
		const ids = [s.editingTextElement, s.newElement, s.resizingElement, s.multiElement].map((e) => e?.id);
		return new Set(ids.filter((id): id is string => !!id));
	}

	function showDocument(): void {
		const scene = readScene(doc);
		const have = api.getFiles();
		const missing = scene.files.filter((f) => !have[f.id]);
		if (missing.length > 0) api.addFiles(missing);
		const local = api.getSceneElementsIncludingDeleted();
		const merged = reconcileScene(local, scene.elements, editingIds());
		// Only what came from the document counts as known: a local element kept because it is
		// being edited still has to be written.
		const fromDoc = new Set(scene.elements);
		for (const e of merged) if (fromDoc.has(e)) known.set(e.id, e.version);
		const wasEmpty = !local.some((e) => !e.isDeleted);
		api.updateScene({ elements: merged });
		options.onScene?.(merged);
		// A scene that arrives after the canvas opened (a starting sketch, a late sync) is brought into view.
		if (wasEmpty) fitPending = true;
		fitIfPending(merged);
	}

	/** Fits the open problem's sketch (or the whole drawing) into view once it is on the canvas. */
	function fitIfPending(shown: readonly CanvasElement[]): void {
		// Before Excalidraw has loaded its initial scene, a scroll would be reset with it.
		if (!fitPending || !initialised) return;
		const visible = new Set(shown.filter((e) => !e.isDeleted).map((e) => e.id));
		if (visible.size === 0) return;
		const focus = options.focus?.()?.filter((id) => visible.has(id)) ?? [];
		// The problem's sketch is on its way (seeded once synced): wait for it rather than fit the rest.
		if (focus.length === 0 && (options.focus?.()?.length ?? 0) > 0) return;
		fitPending = false;
		api.scrollToContent(focus.length > 0 ? focus : undefined);
	}

	const onDocUpdate = (_update: Uint8Array, origin: unknown) => {
		if (origin !== LOCAL) showDocument();
	};

	/** Excalidraw's onChange: write what changed here. */
	function onChange(elements: readonly CanvasElement[], state: EditorState, files: Record<string, CanvasFile>): void {
		if (!initialised) {
			// Excalidraw loads its initial scene after handing out its API; anything shown before
			// that is replaced, so the document is shown again once it is up.
			initialised = true;
			showDocument();
			return;
		}
		shareSelection(state);
		if (options.readOnly()) return;
		const changed: CanvasElement[] = [];
		const images: CanvasFile[] = [];
		const refused: CanvasElement[] = [];
		for (const el of elements) {
			if (known.get(el.id) === el.version) continue;
			if (el.type === 'image' && !el.isDeleted) {
				const file = el.fileId ? files[el.fileId] : undefined;
				if (!file) continue; // still loading: written once its data is here
				if (refusedFiles.has(file.id) || file.dataURL.length > CANVAS_MAX_FILE_CHARS) {
					refused.push(el);
					continue;
				}
				images.push(file);
			}
			changed.push(el);
		}
		if (refused.length > 0) refuseImages(refused, files);
		if (changed.length === 0) return;
		doc.transact(() => {
			writeFiles(doc, images, LOCAL);
			writeElements(doc, changed, LOCAL);
		}, LOCAL);
		for (const el of changed) known.set(el.id, el.version);
		options.onScene?.(elements);
	}

	/** Too large to share: say so and take it off this canvas, rather than lose it silently elsewhere. */
	function refuseImages(elements: CanvasElement[], files: Record<string, CanvasFile>): void {
		const ids = new Set(elements.map((e) => e.id));
		for (const e of elements) if (e.fileId) refusedFiles.add(e.fileId);
		const sizes = elements.map((e) => Math.round(((files[e.fileId ?? '']?.dataURL.length ?? 0) * 3) / 4 / 1024));
		const limit = Math.round((CANVAS_MAX_FILE_CHARS * 3) / 4 / 1024);
		options.onRefused(
			`That image is too large to share (${Math.max(...sizes)} KB; the limit is ${limit} KB). ` +
				'It was not added. Try a smaller or compressed image, or a screenshot of part of it.'
		);
		const next = api
			.getSceneElementsIncludingDeleted()
			.map((e) => (ids.has(e.id) ? { ...e, isDeleted: true, version: e.version + 1 } : e));
		// Marked known first: the removal itself is not something to share.
		for (const e of next) if (ids.has(e.id)) known.set(e.id, e.version);
		api.updateScene({ elements: next });
	}

	function shareSelection(state: EditorState): void {
		const selection = JSON.stringify(Object.keys(state.selectedElementIds).sort());
		if (selection === lastSelection) return;
		lastSelection = selection;
		const cur = (awareness.getLocalState()?.canvas ?? {}) as Record<string, unknown>;
		awareness.setLocalStateField('canvas', { ...cur, selectedElementIds: state.selectedElementIds });
	}

	function onPointerUpdate(p: PointerUpdate): void {
		const now = performance.now();
		if (now - lastPointerAt < POINTER_INTERVAL_MS && p.button === 'up') return;
		lastPointerAt = now;
		const cur = (awareness.getLocalState()?.canvas ?? {}) as Record<string, unknown>;
		awareness.setLocalStateField('canvas', { ...cur, pointer: p.pointer, button: p.button });
	}

	/** Others' pointers and selections; this person's own changes need no repaint (and would interrupt a drag). */
	const onAwarenessChange = (_change: unknown, origin: unknown) => {
		if (origin !== 'local') showCollaborators();
	};

	function showCollaborators(): void {
		const collaborators = new Map<string, Collaborator>();
		for (const [clientId, state] of awareness.getStates()) {
			if (clientId === awareness.clientID) continue;
			const user = state.user as { id?: string; name?: string; color?: string } | undefined;
			const canvas = state.canvas as Partial<Collaborator> | undefined;
			if (!user || !canvas) continue;
			collaborators.set(String(clientId), {
				pointer: canvas.pointer,
				button: canvas.button,
				selectedElementIds: canvas.selectedElementIds,
				username: user.name,
				color: { background: user.color ?? '#888', stroke: user.color ?? '#888' },
				id: user.id
			});
		}
		api.updateScene({ collaborators });
	}

	doc.on('update', onDocUpdate);
	awareness.on('change', onAwarenessChange);
	showDocument();
	showCollaborators();

	return {
		onChange,
		onPointerUpdate,
		/** Re-reads the document (after the island remounts, say). */
		refresh: showDocument,
		/** Another problem opened: bring its sketch into view once it is there. */
		reveal(): void {
			fitPending = true;
			fitIfPending(api.getSceneElementsIncludingDeleted());
		},
		destroy(): void {
			doc.off('update', onDocUpdate);
			awareness.off('change', onAwarenessChange);
			awareness.setLocalStateField('canvas', null);
		}
	};
}
