// What the server accepts in a canvas document (schema in ./README.md). Plain JavaScript
// because the update guard's worker thread imports it as it is, under tsx, Vite and Vitest.
import { z } from 'zod';

/** Top-level maps of the canvas document; anything else in an update is refused. */
export const CANVAS_MAPS = /** @type {const} */ (['elements', 'deleted', 'files']);

/** Elements a scene may hold, tombstones included (the benchmark scene has 2,000). */
export const CANVAS_MAX_ELEMENTS = 10_000;
/** One element as JSON (long free-hand strokes are the largest). */
export const CANVAS_MAX_ELEMENT_CHARS = 256 * 1024;
/** One image as a data URL: about 560 KB of image, so a drop fits one WebSocket frame. */
export const CANVAS_MAX_FILE_CHARS = 750 * 1024;
export const CANVAS_MAX_FILES = 40;

export const ELEMENT_TYPES = /** @type {const} */ ([
	'rectangle',
	'diamond',
	'ellipse',
	'arrow',
	'line',
	'freedraw',
	'text',
	'image',
	'frame',
	'magicframe',
	'embeddable',
	'iframe',
	'selection'
]);

export const IMAGE_MIME_TYPES = /** @type {const} */ ([
	'image/png',
	'image/jpeg',
	'image/gif',
	'image/webp',
	'image/svg+xml',
	'image/bmp',
	'image/x-icon',
	'image/avif',
	'image/jfif'
]);

const coordinate = z.number().finite().min(-1e7).max(1e7);
const size = z.number().finite().min(-1e7).max(1e7);

/**
 * The fields the app and the replay rely on are checked; the rest of Excalidraw's element
 * (colours, roundness, bindings, ...) passes through as Excalidraw defines it.
 */
export const CanvasElementSchema = z
	.object({
		id: z.string().min(1).max(64),
		type: z.enum(ELEMENT_TYPES),
		x: coordinate,
		y: coordinate,
		width: size,
		height: size,
		angle: z.number().finite().optional(),
		version: z.number().int().min(1),
		versionNonce: z.number().int(),
		isDeleted: z.boolean(),
		points: z
			.array(z.tuple([coordinate, coordinate]))
			.max(50_000)
			.optional(),
		text: z.string().max(50_000).optional(),
		fileId: z.string().max(128).nullable().optional()
	})
	.passthrough();

export const CanvasFileSchema = z
	.object({
		id: z.string().min(1).max(128),
		mimeType: z.enum(IMAGE_MIME_TYPES),
		dataURL: z
			.string()
			.max(
				CANVAS_MAX_FILE_CHARS,
				`an image may be at most ${Math.round(CANVAS_MAX_FILE_CHARS / 1024)} KB as a data URL`
			)
			.startsWith('data:image/'),
		created: z.number().finite()
	})
	.passthrough();

/** A tombstone: the element's version when it was deleted. */
export const TombstoneSchema = z.number().int().min(0);

/**
 * Checks one changed entry of a canvas map; answers a reason to refuse it, or null.
 * @param {string} map one of CANVAS_MAPS
 * @param {string} key
 * @param {unknown} value undefined when the entry was removed
 * @returns {string | null}
 */
export function canvasEntryProblem(map, key, value) {
	if (value === undefined) {
		// Elements and images are never removed, only tombstoned, so replays and late
		// joiners still see what was there; a tombstone is removed when an element is restored.
		return map === 'deleted' ? null : `${map}.${key} may not be removed`;
	}
	if (map === 'elements') {
		const json = JSON.stringify(value);
		if (json.length > CANVAS_MAX_ELEMENT_CHARS)
			return `elements.${key} is larger than ${CANVAS_MAX_ELEMENT_CHARS} characters`;
		const r = CanvasElementSchema.safeParse(value);
		if (!r.success) return `elements.${key}: ${describe(r.error)}`;
		if (r.data.id !== key) return `elements.${key}: id must equal its key`;
		return null;
	}
	if (map === 'files') {
		const r = CanvasFileSchema.safeParse(value);
		if (!r.success) return `files.${key}: ${describe(r.error)}`;
		if (r.data.id !== key) return `files.${key}: id must equal its key`;
		return null;
	}
	if (map === 'deleted') {
		return TombstoneSchema.safeParse(value).success ? null : `deleted.${key} must be a version number`;
	}
	return `"${map}" is not part of the canvas document`;
}

/**
 * @param {number} elements
 * @param {number} files
 * @returns {string | null}
 */
export function canvasSizeProblem(elements, files) {
	if (elements > CANVAS_MAX_ELEMENTS) return `the scene may hold at most ${CANVAS_MAX_ELEMENTS} elements`;
	if (files > CANVAS_MAX_FILES) return `the scene may hold at most ${CANVAS_MAX_FILES} images`;
	return null;
}

/** @param {z.ZodError} error */
function describe(error) {
	const issue = error.issues[0];
	return `${issue.path.join('.') || '(value)'} ${issue.message}`;
}
