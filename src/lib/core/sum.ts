/**
 * Compensated (Neumaier) summation for money: totals of many amounts come out as the correctly rounded
 * sum (e.g. 971414.06, not 971414.0599999327), so reports and downloads show the cents that were written.
 */

/** One running total. */
export class Accumulator {
	private s = 0;
	private c = 0;

	add(x: number): void {
		const t = this.s + x;
		this.c += Math.abs(this.s) >= Math.abs(x) ? this.s - t + x : x - t + this.s;
		this.s = t;
	}

	get value(): number {
		return this.s + this.c;
	}
}

/** Many running totals, indexed (per period, per cohort cell, per customer). */
export class Sums {
	private readonly s: Float64Array;
	private readonly c: Float64Array;

	constructor(n: number) {
		this.s = new Float64Array(n);
		this.c = new Float64Array(n);
	}

	add(i: number, x: number): void {
		const s = this.s[i];
		const t = s + x;
		this.c[i] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
		this.s[i] = t;
	}

	/** The totals (a new array). */
	values(): Float64Array {
		const out = new Float64Array(this.s.length);
		for (let i = 0; i < out.length; i++) out[i] = this.s[i] + this.c[i];
		return out;
	}
}
