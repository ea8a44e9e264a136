/** Colour theme (a rune module): light, dark or the system's (default), remembered, applied as `<html data-theme>`. */

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEMES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const KEY_THEME = 'mandegar.theme';

export function isTheme(v: unknown): v is ThemeChoice {
	return v === 'system' || v === 'light' || v === 'dark';
}

class Theme {
	choice = $state<ThemeChoice>('system');

	init(): void {
		let saved: string | null = null;
		try {
			saved = localStorage.getItem(KEY_THEME);
		} catch {
			// Storage disabled: follow the system.
		}
		this.choice = isTheme(saved) ? saved : 'system';
		this.#apply();
	}

	set(choice: ThemeChoice): void {
		this.choice = choice;
		try {
			if (choice === 'system') localStorage.removeItem(KEY_THEME);
			else localStorage.setItem(KEY_THEME, choice);
		} catch {
			// The choice lasts for this page only.
		}
		this.#apply();
	}

	#apply(): void {
		const root = document.documentElement;
		// No attribute = follow the system (the stylesheet's prefers-color-scheme block).
		if (this.choice === 'system') delete root.dataset.theme;
		else root.dataset.theme = this.choice;
	}
}

export const theme = new Theme();
