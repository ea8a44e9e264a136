// afterPaint: a frame, then a new task; n frames wait n of them; cancel stops it at any step.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPaint } from '../../../src/lib/ui/after-paint';

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
