/**
 * Print mode (a rune module): while printing, the analysis renders every view one after another as a
 * report. Set by the print button, by the browser's beforeprint/afterprint and by a `print` media match
 * (emulated print media fires no beforeprint).
 */
import { tick } from 'svelte';
import { metrics } from './metrics.svelte';

class PrintMode {
	active = $state(false);

	/** Follow the browser's print events; returns the cleanup. */
	start(): () => void {
		const on = () => this.#enter();
		const off = () => (this.active = false);
		const media = window.matchMedia('print');
		const onMedia = (e: MediaQueryListEvent) => (e.matches ? on() : off());
		window.addEventListener('beforeprint', on);
		window.addEventListener('afterprint', off);
		media.addEventListener('change', onMedia);
		if (media.matches) on();
		return () => {
			window.removeEventListener('beforeprint', on);
			window.removeEventListener('afterprint', off);
			media.removeEventListener('change', onMedia);
		};
	}

	#enter(): Promise<void> {
		this.active = true;
		return metrics.loadAll();
	}

	/** The print button: render and load every view first, then open the print dialog. */
	async printReport(): Promise<void> {
		await this.#enter();
		await tick();
		// Charts measure their width in an effect: give them one frame to draw before the snapshot.
		await new Promise((r) => requestAnimationFrame(() => r(null)));
		window.print();
	}
}

export const print = new PrintMode();
