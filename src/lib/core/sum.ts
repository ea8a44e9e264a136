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

/**
 * The totals s[i] + c[i] of sum and compensation arrays that a per-row loop filled with Sums.add's
 * step written out (as Sums.values).
 */
export function compensatedTotals(s: Float64Array, c: Float64Array): Float64Array {
	const out = new Float64Array(s.length);
	for (let i = 0; i < out.length; i++) out[i] = s[i] + c[i];
	return out;
}

/** Most decimal places looked for in amounts; beyond it money is left as computed. */
export const MAX_MONEY_DECIMALS = 6;

/**
 * The decimal places the amounts are written with (e.g. 2 for cents; quantity × unit price gives the
 * sum of both), or null when some amount has more than MAX_MONEY_DECIMALS. A sum of such amounts has
 * no more places than they do, so rounding a money total to them returns the exact decimal total.
 */
export function moneyDecimals(amounts: ArrayLike<number>): number | null {
	let d = 0;
	for (let i = 0; i < amounts.length; i++) {
		const x = amounts[i];
		if (!Number.isFinite(x)) continue;
		while (d <= MAX_MONEY_DECIMALS) {
			const scaled = x * 10 ** d;
			if (Math.abs(scaled - Math.round(scaled)) <= 1e-10 * Math.max(1, Math.abs(scaled))) break;
			d++;
		}
		if (d > MAX_MONEY_DECIMALS) return null;
	}
	return d;
}

/** A money total rounded to the amounts' decimal places (see moneyDecimals); null stays null. */
export function roundMoney<T extends number | null>(x: T, decimals: number | null): T {
	if (x === null || decimals === null || !Number.isFinite(x)) return x;
	const f = 10 ** decimals;
	return (Math.round((x as number) * f) / f) as T;
}
