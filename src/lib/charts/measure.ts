/**
 * The width of a chart's plot area, measured with a ResizeObserver (a Svelte action).
 *
 * `bind:clientWidth` reads `clientWidth` right after the element is inserted, which forces the browser
 * to compute style and layout of the whole new page synchronously, inside the task that mounted it
 * (29–48 ms at the dashboard's first draw, issue 5 target 4). A ResizeObserver is told the size after
 * the browser's own layout of the frame, where reading `clientWidth` costs nothing extra; the chart
 * then draws in that callback. `clientWidth` (not the content box) keeps the numbers the binding gave.
 * While printing, a chart mounted for the report measures at once: the print snapshot is taken one
 * animation frame after the report renders (print.svelte.ts), before that frame's observer callbacks.
 */
import type { Action } from 'svelte/action';
import { print } from '../state/print.svelte';

export const measureWidth: Action<HTMLElement, (width: number) => void> = (node, onWidth) => {
	let report = onWidth;
	let last = -1;
	const observer = new ResizeObserver(() => {
		const width = node.clientWidth;
		if (width === last) return;
		last = width;
		report(width);
	});
	observer.observe(node);
	if (print.active) {
		last = node.clientWidth;
		report(last);
	}
	return {
		update(next) {
			report = next;
		},
		destroy() {
			observer.disconnect();
		}
	};
};
