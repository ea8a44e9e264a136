/**
 * Run `fn` after the browser has painted what is on the page now, in a task of its own (issue 5: no
 * main-thread task over 50 ms). An animation frame callback runs before that frame's style, layout and
 * paint; a timer set from it runs after them, in a new task. Work that reads layout (`focus()`,
 * `scrollWidth`) is cheap there, since the frame's layout is already done, instead of forcing the whole
 * new page's style and layout inside the task that mounted it.
 *
 * `frames` > 1 waits that many painted frames. A hidden tab gets no animation frames: there it goes
 * on with timers only. Returns a cancel function (for an effect's teardown).
 */
export function afterPaint(fn: () => void, frames = 1): () => void {
	let raf = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let cancelled = false;
	const step = (left: number) => {
		const next = () => {
			timer = setTimeout(() => {
				if (cancelled) return;
				if (left <= 1) fn();
				else step(left - 1);
			}, 0);
		};
		if (typeof document !== 'undefined' && document.hidden) next();
		else raf = requestAnimationFrame(next);
	};
	step(Math.max(1, frames));
	return () => {
		cancelled = true;
		cancelAnimationFrame(raf);
		clearTimeout(timer);
	};
}

/** Work waiting for its turn (afterPaintTurn), first come first served; one runs per painted frame. */
const turns: (() => void)[] = [];
let scheduled = false;

/**
 * Run `fn` after a painted frame (like afterPaint), when it is its turn: one such function runs per
 * painted frame, in the order they were asked for. However many lists are growing at once (the period
 * table, the heatmap's label column and header after a change of period unit, `progressive`), one step
 * of one list is added per frame, so their layouts do not pile up into one long frame (issue 5: that
 * frame ran 60–100 ms). Returns a cancel function.
 */
export function afterPaintTurn(fn: () => void): () => void {
	const turn = () => fn();
	turns.push(turn);
	if (!scheduled) schedule();
	return () => {
		const i = turns.indexOf(turn);
		if (i >= 0) turns.splice(i, 1);
	};
}

function schedule() {
	scheduled = true;
	afterPaint(() => {
		scheduled = false;
		turns.shift()?.();
		if (turns.length > 0 && !scheduled) schedule();
	});
}
