import type { CanvasElement } from '../../src/lib/shared/canvas/canvasDoc.js';

/** A valid Excalidraw 0.18 rectangle, as the canvas binding writes it. */
export function rect(id: string, x: number, version = 1): CanvasElement {
	return {
		id,
		type: 'rectangle',
		x,
		y: 20,
		width: 120,
		height: 60,
		angle: 0,
		version,
		versionNonce: 1000 + version,
		isDeleted: false,
		index: 'a0',
		strokeColor: '#1e1e1e',
		backgroundColor: 'transparent',
		fillStyle: 'solid',
		strokeWidth: 2,
		strokeStyle: 'solid',
		roughness: 1,
		opacity: 100,
		groupIds: [],
		frameId: null,
		roundness: null,
		seed: 7,
		boundElements: null,
		updated: 1,
		link: null,
		locked: false
	};
}
