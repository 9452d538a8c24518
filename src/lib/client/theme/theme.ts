/**
 * The page theme: light, dark, or whatever the system prefers. mode-watcher keeps the choice in
 * localStorage and puts `dark` on <html>; static/theme-init.js applies it before the first paint.
 */
import { mode, setMode, userPrefersMode } from 'mode-watcher';

export const THEME_STORAGE_KEY = 'pairboard:theme';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: { id: ThemeChoice; label: string }[] = [
	{ id: 'system', label: 'System' },
	{ id: 'light', label: 'Light' },
	{ id: 'dark', label: 'Dark' }
];

/** The person's choice ('system' until they pick one). */
export function themeChoice(): ThemeChoice {
	return userPrefersMode.current;
}

export function chooseTheme(choice: ThemeChoice): void {
	setMode(choice);
}

/** What is on screen now: the choice, or the system's preference for 'system'. */
export function effectiveTheme(): 'light' | 'dark' {
	return mode.current === 'dark' ? 'dark' : 'light';
}
