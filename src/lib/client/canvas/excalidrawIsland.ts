import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { CaptureUpdateAction, Excalidraw, exportToBlob, exportToSvg } from '@excalidraw/excalidraw';
import type { ExcalidrawImperativeAPI } from '@excalidraw/excalidraw/types';
import '@excalidraw/excalidraw/index.css';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { readScene, type CanvasElement } from '$lib/shared/canvas/canvasDoc';
import { bindExcalidraw, type ExcalidrawLike } from './bindExcalidraw';

export interface IslandOptions {
	doc: Y.Doc;
	awareness: Awareness;
	readOnly: boolean;
	theme: 'light' | 'dark';
	onReady(): void;
	onRefused(message: string): void;
	onScene?(elements: readonly CanvasElement[]): void;
	/** The open problem's sketch (element ids), fitted into view when the canvas opens. */
	focus?(): readonly string[] | null;
	/** The part of the scene on screen, in scene units (for the page's summary, and tests). */
	onView?(view: CanvasView): void;
}

export interface CanvasView {
	x: number;
	y: number;
	width: number;
	height: number;
	zoom: number;
}

export interface CanvasIsland {
	setReadOnly(readOnly: boolean): void;
	/** Fits the open problem's sketch into view (after a problem switch). */
	reveal(): void;
	setTheme(theme: 'light' | 'dark'): void;
	exportPng(): Promise<Blob>;
	exportSvg(): Promise<Blob>;
	unmount(): void;
}

/**
 * Mounts Excalidraw (a React component) into a Svelte-owned element and binds it to the
 * canvas document. Everything React lives here; the Svelte side sees a small handle.
 */
export function mountCanvasIsland(host: HTMLElement, options: IslandOptions): CanvasIsland {
	let readOnly = options.readOnly;
	let theme = options.theme;
	let binding: ReturnType<typeof bindExcalidraw> | null = null;
	let api: ExcalidrawImperativeAPI | null = null;
	const root = createRoot(host);

	const render = () =>
		root.render(
			createElement(Excalidraw, {
				excalidrawAPI: (a: ExcalidrawImperativeAPI) => {
					if (api) return;
					api = a;
					binding = bindExcalidraw(adapt(a), options.doc, options.awareness, {
						readOnly: () => readOnly,
						onRefused: options.onRefused,
						onScene: options.onScene,
						focus: options.focus
					});
					options.onReady();
				},
				// The scene at mount; later changes arrive through the binding.
				initialData: () => {
					const scene = readScene(options.doc);
					return {
						elements: scene.elements as never[],
						files: Object.fromEntries(scene.files.map((f) => [f.id, f])) as never
					};
				},
				isCollaborating: true,
				viewModeEnabled: readOnly,
				theme,
				onChange: (elements, appState, files) => {
					binding?.onChange(elements as never, appState, files as never);
					const zoom = appState.zoom.value;
					options.onView?.({
						x: -appState.scrollX,
						y: -appState.scrollY,
						width: appState.width / zoom,
						height: appState.height / zoom,
						zoom
					});
				},
				onPointerUpdate: (p) => binding?.onPointerUpdate({ pointer: p.pointer, button: p.button }),
				UIOptions: {
					canvasActions: { loadScene: false, saveToActiveFile: false, export: false, saveAsImage: false }
				},
				// Links on the canvas open in a new tab; embeds of other sites are not allowed (CSP too).
				validateEmbeddable: false
			})
		);
	render();

	async function visibleScene() {
		const scene = readScene(options.doc);
		return {
			elements: scene.elements.filter((e) => !e.isDeleted) as never[],
			files: Object.fromEntries(scene.files.map((f) => [f.id, f])) as never,
			appState: { exportBackground: true, viewBackgroundColor: '#ffffff', exportWithDarkMode: false }
		};
	}

	return {
		setReadOnly(v) {
			readOnly = v;
			render();
		},
		reveal() {
			binding?.reveal();
		},
		setTheme(v) {
			theme = v;
			render();
		},
		async exportPng() {
			return exportToBlob({ ...(await visibleScene()), mimeType: 'image/png', exportPadding: 24 });
		},
		async exportSvg() {
			const svg = await exportToSvg({ ...(await visibleScene()), exportPadding: 24 });
			return new Blob([new XMLSerializer().serializeToString(svg)], { type: 'image/svg+xml' });
		},
		unmount() {
			binding?.destroy();
			root.unmount();
		}
	};
}

/** Height of Excalidraw's floating toolbar: the fitted scene starts below it. */
const TOOLBAR_OFFSET_PX = 72;

/** Remote changes never enter this person's undo history. */
function adapt(api: ExcalidrawImperativeAPI): ExcalidrawLike {
	return {
		getSceneElementsIncludingDeleted: () => api.getSceneElementsIncludingDeleted() as never,
		getAppState: () => api.getAppState(),
		getFiles: () => api.getFiles() as never,
		updateScene: (scene) =>
			api.updateScene({
				...(scene as Parameters<typeof api.updateScene>[0]),
				captureUpdate: CaptureUpdateAction.NEVER
			}),
		addFiles: (files) => api.addFiles(files as never),
		scrollToContent: (ids) => {
			const wanted = ids ? new Set(ids) : null;
			const targets = api.getSceneElements().filter((e) => !wanted || wanted.has(e.id));
			// Fitted below Excalidraw's toolbar, with a margin, never zoomed past 100% (issue 17, item 8).
			api.scrollToContent(targets, {
				fitToContent: true,
				viewportZoomFactor: 1,
				canvasOffsets: { top: TOOLBAR_OFFSET_PX, bottom: 16, left: 16, right: 16 },
				animate: false
			});
		}
	};
}
