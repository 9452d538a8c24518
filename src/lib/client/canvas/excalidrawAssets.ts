// Excalidraw loads its fonts from window.EXCALIDRAW_ASSET_PATH, falling back to a CDN. The app
// serves them itself (copied by scripts/copy-assets.mjs), so the canvas works offline. The path
// must be set before Excalidraw's module runs; bundling can run that module before any code
// of the importing chunk, so whoever imports Excalidraw sets it first.
declare global {
	interface Window {
		EXCALIDRAW_ASSET_PATH?: string | string[];
	}
}

export const EXCALIDRAW_ASSET_PATH = '/excalidraw/';
