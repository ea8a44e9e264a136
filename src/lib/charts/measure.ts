/**
 * The width of a chart's plot area, measured with a ResizeObserver (a Svelte action).
 *
 * `bind:clientWidth` reads `clientWidth` right after the element is inserted, which forces the browser
 * to compute style and layout of the whole new page synchronously, inside the task that mounted it
 * (29–48 ms at the dashboard's first draw, issue 5 target 4). A ResizeObserver is told the size after
 * the browser's own layout of the frame, where reading `clientWidth` costs nothing extra; the chart
 * then draws. `clientWidth` (not the content box) keeps the numbers the binding gave.
 *
 * The width is read in the observer's callback but handed on from a timer, in a task of its own: the
 * callback runs inside the frame's rendering task, after the style and layout of whatever was just
 * mounted, so a chart drawn there added its own work to that task. Opening the customers view at 100k
 * rows made one task of 71–100 ms that way: the new tab's style and layout (~30 ms, 1,800 objects), then
 * the Lorenz chart's 200 point columns and a scavenge (~48 ms) in the callback, then paint.
 * While printing, a chart mounted for the report measures at once, and a change of width is handed on
 * in the callback itself: the print snapshot is taken one animation frame after the report renders
 * (print.svelte.ts), before that frame's observer callbacks.
 */
import type { Action } from 'svelte/action';
import { print } from '../state/print.svelte';

export const measureWidth: Action<HTMLElement, (width: number) => void> = (node, onWidth) => {
	let report = onWidth;
	let last = -1;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const observer = new ResizeObserver(() => {
		const width = node.clientWidth;
		if (width === last) return;
		last = width;
		clearTimeout(timer);
		if (print.active) report(width);
		else timer = setTimeout(() => report(width), 0);
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
			clearTimeout(timer);
			observer.disconnect();
		}
	};
};
