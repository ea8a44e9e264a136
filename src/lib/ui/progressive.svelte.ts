import { print } from '../state/print.svelte';
import { afterPaintTurn } from './after-paint';

/**
 * A long list drawn over several frames (issue 5: no main-thread task over 50 ms). A weekly period table
 * at 1M rows has 157 rows: built in one task it took ~75 ms of script and then ~55 ms of layout. The
 * first `first` items show at once, then `step` more after each painted frame; a new list starts again
 * from `first`. While printing every item shows at once. Create it while a component is set up (it owns
 * an effect).
 */
export function progressive<T>(source: () => readonly T[], first = 40, step = 40): { readonly items: readonly T[]; readonly complete: boolean } {
	const all = $derived(source());
	/** How far the list `list` has grown; another list shows its first items until its own turn. */
	let grown = $state.raw<{ list: readonly T[] | null; count: number }>({ list: null, count: first });
	const items = $derived.by(() => {
		if (print.active) return all;
		const n = grown.list === all ? grown.count : first;
		return n >= all.length ? all : all.slice(0, n);
	});
	$effect(() => {
		const list = all;
		let count = first;
		let cancel = () => {};
		const grow = () => {
			if (count >= list.length) return;
			cancel = afterPaintTurn(() => {
				count += step;
				grown = { list, count };
				grow();
			});
		};
		grow();
		return () => cancel();
	});
	return {
		get items() {
			return items;
		},
		get complete() {
			return items.length === all.length;
		}
	};
}
