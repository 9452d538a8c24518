// Excalidraw loads its fonts from EXCALIDRAW_ASSET_PATH, falling back to a CDN. The app serves
// them itself (copied by scripts/copy-assets.mjs), so the canvas works offline; this module is
// imported before Excalidraw so the path is set when Excalidraw reads it.
declare global {
	interface Window {
		EXCALIDRAW_ASSET_PATH?: string | string[];
	}
}

window.EXCALIDRAW_ASSET_PATH = '/excalidraw/';

export {};
