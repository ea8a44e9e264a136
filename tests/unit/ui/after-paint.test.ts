// afterPaint: a frame, then a new task; n frames wait n of them; cancel stops it at any step.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPaint, afterPaintTurn } from '../../../src/lib/ui/after-paint';

/** A hand-driven animation frame queue (node has none). */
let frameQueue: FrameRequestCallback[] = [];
function frame() {
	const q = frameQueue;
	frameQueue = [];
	for (const cb of q) cb(0);
}

beforeEach(() => {
	vi.useFakeTimers();
	frameQueue = [];
	vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frameQueue.push(cb));
	vi.stubGlobal('cancelAnimationFrame', (id: number) => {
		if (id > 0) frameQueue[id - 1] = () => {};
	});
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

describe('afterPaint', () => {
	it('runs after one animation frame and then a timer, not inside the frame', () => {
		const fn = vi.fn();
		afterPaint(fn);
		vi.runAllTimers();
		expect(fn).not.toHaveBeenCalled(); // no frame yet
		frame();
		expect(fn).not.toHaveBeenCalled(); // the frame callback only sets the timer
		vi.runAllTimers();
		expect(fn).toHaveBeenCalledTimes(1);
	});

	it('waits the given number of frames', () => {
		const fn = vi.fn();
		afterPaint(fn, 3);
		for (let i = 0; i < 2; i++) {
			frame();
			vi.runAllTimers();
			expect(fn).not.toHaveBeenCalled();
		}
		frame();
		vi.runAllTimers();
		expect(fn).toHaveBeenCalledTimes(1);
	});

	it('does nothing once cancelled, before the frame or between frame and timer', () => {
		const a = vi.fn();
		afterPaint(a)();
		frame();
		vi.runAllTimers();
		expect(a).not.toHaveBeenCalled();

		const b = vi.fn();
		const cancel = afterPaint(b);
		frame();
		cancel();
		vi.runAllTimers();
		expect(b).not.toHaveBeenCalled();
	});

	it('goes on with timers alone in a hidden tab (no animation frames there)', () => {
		vi.stubGlobal('document', { hidden: true });
		const fn = vi.fn();
		afterPaint(fn, 2);
		vi.runAllTimers();
		expect(fn).toHaveBeenCalledTimes(1);
		expect(frameQueue).toHaveLength(0);
	});
});

/** One painted frame: the animation frame, then the timer it sets. */
function paint() {
	frame();
	vi.runOnlyPendingTimers();
}

describe('afterPaintTurn (lists that grow over frames take turns)', () => {
	it('runs one function per painted frame, in the order they asked', () => {
		const ran: string[] = [];
		for (const k of ['a', 'b', 'c']) afterPaintTurn(() => ran.push(k));
		vi.runAllTimers();
		expect(ran).toEqual([]);
		paint();
		expect(ran).toEqual(['a']);
		paint();
		expect(ran).toEqual(['a', 'b']);
		paint();
		expect(ran).toEqual(['a', 'b', 'c']);
		paint();
		expect(ran).toEqual(['a', 'b', 'c']);
		expect(frameQueue).toEqual([]); // nothing left waiting: no frames asked for
	});

	it('a function that asks again waits behind the others (each list grows in turn)', () => {
		const ran: string[] = [];
		let left = 2;
		const a = () => {
			ran.push('a');
			if (--left > 0) afterPaintTurn(a);
		};
		afterPaintTurn(a);
		afterPaintTurn(() => ran.push('b'));
		for (let i = 0; i < 4; i++) paint();
		expect(ran).toEqual(['a', 'b', 'a']);
	});

	it('a cancelled turn never runs and gives its frame to the next', () => {
		const ran: string[] = [];
		afterPaintTurn(() => ran.push('a'));
		const cancel = afterPaintTurn(() => ran.push('b'));
		afterPaintTurn(() => ran.push('c'));
		cancel();
		paint();
		paint();
		paint();
		expect(ran).toEqual(['a', 'c']);
	});
});
