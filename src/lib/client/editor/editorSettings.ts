import { z } from 'zod';

/** The editor's look and keys, chosen per person and kept in this browser (localStorage). */
export const EDITOR_SETTINGS_KEY = 'pairboard:editor-settings';

export const KEYMAPS = ['default', 'vim', 'emacs'] as const;
export type Keymap = (typeof KEYMAPS)[number];
export const KEYMAP_LABEL: Record<Keymap, string> = { default: 'Default', vim: 'Vim', emacs: 'Emacs' };

export const FONT_SIZES = [12, 13, 14, 15, 16, 18, 20, 22, 24] as const;

export const EditorSettingsSchema = z.object({
	fontSize: z
		.number()
		.int()
		.refine((n) => (FONT_SIZES as readonly number[]).includes(n)),
	keymap: z.enum(KEYMAPS)
});
export type EditorSettings = z.infer<typeof EditorSettingsSchema>;

export const DEFAULT_EDITOR_SETTINGS: EditorSettings = { fontSize: 14, keymap: 'default' };

/** What was stored, or the defaults for anything missing or not understood (field by field). */
export function parseEditorSettings(raw: string | null): EditorSettings {
	let value: unknown;
	try {
		value = raw ? JSON.parse(raw) : {};
	} catch {
		return { ...DEFAULT_EDITOR_SETTINGS };
	}
	const obj = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
	const fontSize = EditorSettingsSchema.shape.fontSize.safeParse(obj.fontSize);
	const keymap = EditorSettingsSchema.shape.keymap.safeParse(obj.keymap);
	return {
		fontSize: fontSize.success ? fontSize.data : DEFAULT_EDITOR_SETTINGS.fontSize,
		keymap: keymap.success ? keymap.data : DEFAULT_EDITOR_SETTINGS.keymap
	};
}
