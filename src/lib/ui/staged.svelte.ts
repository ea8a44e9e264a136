import { untrack } from 'svelte';
import { print } from '../state/print.svelte';
import { afterPaint } from './after-paint';

/**
 * A value that follows `source` a frame or more later (issue 5: no main-thread task over 50 ms after a
 * settings change). A new analysis result is applied to the dashboard's sections one after another, each
 * in a task of its own, instead of rebuilding every section in the task that receives it; a section keeps
 * its old content (and height) until its turn, so nothing jumps. The first value is taken at once; a
 * newer value before the turn restarts the wait with it; while printing the latest value is used.
 * Create it while a component is set up (it owns an effect).
 */
export function staged<T>(source: () => T, frames: number): { readonly current: T } {
	let current = $state.raw<T>(untrack(source));
	$effect(() => {
		const next = source();
		if (next === untrack(() => current)) return;
		return afterPaint(() => (current = next), frames);
	});
	return {
		get current() {
			return print.active ? source() : current;
		}
	};
}
