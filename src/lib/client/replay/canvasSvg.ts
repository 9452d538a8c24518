/**
 * Renders a canvas scene read-only, as Excalidraw 0.18 draws it, with `exportToSvg`.
 * Browser-only: Excalidraw (and React) load on first use. Its fonts come from
 * `/excalidraw/fonts/`, served by the app.
 */
import type { CanvasScene } from '$lib/shared/canvas/canvasDoc';

type ExportToSvg = (opts: {
	elements: readonly unknown[];
	files: Record<string, unknown> | null;
	appState: Record<string, unknown>;
	exportPadding?: number;
	skipInliningFonts?: boolean;
}) => Promise<SVGSVGElement>;

let loading: Promise<ExportToSvg> | null = null;

function excalidraw(): Promise<ExportToSvg> {
	if (!loading) {
		(window as unknown as { EXCALIDRAW_ASSET_PATH: string }).EXCALIDRAW_ASSET_PATH = '/excalidraw/';
		loading = import('@excalidraw/excalidraw').then((m) => m.exportToSvg as unknown as ExportToSvg);
	}
	return loading;
}

/** The scene's visible elements as an SVG; null when nothing has been drawn. */
export async function renderCanvasSvg(scene: CanvasScene): Promise<SVGSVGElement | null> {
	const elements = scene.elements.filter((e) => !e.isDeleted);
	if (elements.length === 0) return null;
	const exportToSvg = await excalidraw();
	const files = Object.fromEntries(scene.files.map((f) => [f.id, f]));
	const opts = {
		elements,
		files,
		appState: { exportBackground: true, viewBackgroundColor: '#fff' },
		exportPadding: 16
	};
	try {
		return await exportToSvg(opts);
	} catch {
		// Fonts that cannot be fetched should not hide the drawing: draw without inlining them.
		return exportToSvg({ ...opts, skipInliningFonts: true });
	}
}
