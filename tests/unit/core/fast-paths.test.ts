// The engine's fast paths (issue 5, analysis time) against slower, plainly written equivalents: the
// file-order facts against the grouped (sorted) facts, histogram/threshold RFM scores against the sort
// of METRICS.md §6, the radix sort of ids against a comparator sort, and the gap median both ways.
import { describe, expect, it } from 'vitest';
import { computeAnalysis } from '../../../src/lib/core/analysis';
import { buildFacts, buildFactsGrouped, fileOrderIsGrouped, sortByText } from '../../../src/lib/core/facts';
import { scores } from '../../../src/lib/core/segments';
import { sortedFloat64 } from '../../../src/lib/core/sort';
import { defaultSettings } from '../../../src/lib/core/types';
import { dayOf, iso, makeData, mulberry32, type Row } from './make-data';


/**
 * Rows as an order system writes them: each order's lines together, order ids in order of first
 * appearance, so every customer's order indexes only go up (the fast path's condition); with guests,
 * returns (own orders or inside a purchase's order), discounts, rows without an order id, and dates
 * that are not in file order.
 */
function orderedRows(seed: number, withOrder: boolean): Row[] {
	const rnd = mulberry32(seed);
	const int = (n: number) => Math.floor(rnd() * n);
	const base = dayOf('2020-01-01');
	const rows: Row[] = [];
	const nOrders = 1 + int(40);
	const nIds = 1 + int(12);
	const noOrderShare = seed % 5 === 0 ? 0.05 : 0;
	for (let o = 0; o < nOrders; o++) {
		const c = rnd() < 0.1 ? undefined : `c${int(nIds)}`;
		const lines = 1 + int(3);
		const day = base + int(400);
		for (let l = 0; l < lines; l++) {
			const ret = rnd() < 0.15;
			const cents = 1 + int(10000);
			rows.push({
				c,
				o: withOrder && rnd() >= noOrderShare ? `o${o}` : undefined,
				d: iso(day + (rnd() < 0.2 ? int(3) : 0)),
				amt: (ret ? -cents : cents) / 100,
				ret,
				disc: rnd() < 0.2
			});
		}
	}
	return rows;
}

describe('buildFacts in file order', () => {
	it('equals the grouped facts on ordered files (and takes the fast path there)', () => {
		let fast = 0;
		for (let seed = 1; seed <= 300; seed++) {
			const withOrder = seed % 3 !== 0;
			const rows = orderedRows(seed, withOrder);
			const data = makeData(rows, { hasOrderId: withOrder, hasAmount: true });
			const asOf = seed % 4 === 0 ? dayOf('2020-09-01') : null;
			if (fileOrderIsGrouped(data, asOf)) fast++;
			expect(buildFacts(data, asOf), `seed ${seed}`).toEqual(buildFactsGrouped(data, asOf));
		}
		// Rows without an order id after a customer's ordered ones send some files (seed % 5 = 0) to the grouped path.
		expect(fast).toBeGreaterThan(200);
	});

	it('reads only `length` rows when the columns are longer (a producer with spare capacity)', () => {
		// Every row a customer's purchase row, so rDay and rAmt are the columns themselves.
		const data = makeData(
			orderedRows(42, true).filter((r) => r.c && !r.ret),
			{ hasOrderId: true, hasAmount: true }
		);
		const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, fill: number): T => {
			const b = new (a.constructor as new (n: number) => T)(a.length + 5);
			b.set(a);
			b.fill(fill, a.length);
			return b;
		};
		const padded = {
			...data,
			customer: grow(data.customer, 0),
			order: grow(data.order, 0),
			day: grow(data.day, 99999),
			amount: grow(data.amount, 1e6),
			flags: grow(data.flags, 0)
		};
		expect(fileOrderIsGrouped(padded, null)).toBe(true);
		const f = buildFacts(padded, null);
		expect(f.rDay.length).toBe(data.length);
		expect(f).toEqual(buildFacts(data, null));
	});

	it('falls back to the grouped facts when an order comes back after a later one', () => {
		const rows: Row[] = [
			{ c: 'a', o: '1', d: '2024-01-05', amt: 10 },
			{ c: 'a', o: '2', d: '2024-01-03', amt: 20 },
			{ c: 'a', o: '1', d: '2024-01-01', amt: 0.1 },
			{ c: 'b', o: '3', d: '2024-01-02', amt: 5 }
		];
		const data = makeData(rows);
		expect(fileOrderIsGrouped(data, null)).toBe(false);
		const f = buildFacts(data, null);
		expect(f).toEqual(buildFactsGrouped(data, null));
		// Order 1 is one purchase of 10.1 on its earliest day, before order 2.
		expect(Array.from(f.pDay.subarray(f.pStart[0], f.pStart[1]))).toEqual([dayOf('2024-01-01'), dayOf('2024-01-03')]);
		expect(Array.from(f.pAmt.subarray(f.pStart[0], f.pStart[1]))).toEqual([10 + 0.1, 20]);
	});

	it('gives the same analysis either way on shuffled rows', () => {
		const rnd = mulberry32(7);
		for (let seed = 1; seed <= 40; seed++) {
			const rows = orderedRows(seed, true);
			const shuffled = rows.map((r) => ({ r, x: rnd() })).sort((a, b) => a.x - b.x).map((x) => x.r);
			const a = computeAnalysis(makeData(shuffled), defaultSettings('month'));
			const data = makeData(shuffled);
			expect(buildFacts(data, null)).toEqual(buildFactsGrouped(data, null));
			expect(a.customers.length).toBe(new Set(rows.filter((r) => r.c && !r.ret).map((r) => r.c)).size);
		}
	});
});

/** METRICS.md §6 as written: sort ascending; score = 1 + ⌊5·i/n⌋, i = position of the first equal value. */
function naiveScores(values: number[]): number[] {
	const sorted = [...values].sort((a, b) => a - b);
	return values.map((v) => 1 + Math.floor((5 * sorted.findIndex((x) => x === v)) / values.length));
}

describe('RFM scores', () => {
	it('agree with the sort of METRICS.md §6 on small-range integers, wide integers and fractions', () => {
		const rnd = mulberry32(11);
		for (let t = 0; t < 300; t++) {
			const n = 1 + Math.floor(rnd() * (t < 200 ? 30 : 400));
			const kind = t % 3;
			const values = Array.from({ length: n }, () => {
				if (kind === 0) return Math.floor(rnd() * 8) - 4; // small range, many ties, −4 … 3
				if (kind === 1) return Math.floor(rnd() * 5e7) * (rnd() < 0.3 ? -1 : 1); // range ≫ 4n: sorted path
				return Math.round(rnd() * 1000) / 8; // fractions
			});
			expect(Array.from(scores(values)), `case ${t}`).toEqual(naiveScores(values));
		}
	});

	it('treat −0 and 0 as one value and share the lower score on ties', () => {
		expect(Array.from(scores([0, -0, 5, 5, 5]))).toEqual([1, 1, 3, 3, 3]);
		expect(Array.from(scores([-0, 0.5, 0, 0.5, 1e9]))).toEqual([1, 3, 1, 3, 5]);
		expect(Array.from(scores([7]))).toEqual([1]);
	});
});

describe('M scores from the sorted revenues', () => {
	it('equal the §6 sort of revenues rounded to the cent (ties, returns, negatives)', () => {
		const rnd = mulberry32(21);
		const rows: Row[] = [];
		for (let i = 0; i < 4000; i++) {
			const ret = rnd() < 0.1;
			// Few distinct amounts, so many customers tie on revenue.
			const cents = 100 * (1 + Math.floor(rnd() * 30)) + (rnd() < 0.5 ? 0 : 99);
			rows.push({ c: `c${Math.floor(rnd() * 1500)}`, o: `o${i}`, d: iso(dayOf('2021-01-01') + Math.floor(rnd() * 700)), amt: (ret ? -3 : 1) * cents / 100, ret });
		}
		const a = computeAnalysis(makeData(rows), defaultSettings('month'));
		expect(a.customers.length).toBeGreaterThan(1000);
		const want = naiveScores(a.customers.map((c) => Math.round((c.revenue as number) * 100)));
		expect(a.customers.map((c) => c.m_score)).toEqual(want);
		expect(new Set(want).size).toBe(5);
	});
});

describe('sortByText', () => {
	const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
	it('orders like < on strings: prefixes first, UTF-16 code units, any length', () => {
		const rnd = mulberry32(3);
		const alphabets = ['0123456789', 'abcXYZ-_.@', 'ابپ۱۲۳абв😀e\u0301', 'C0'];
		for (let t = 0; t < 60; t++) {
			const alpha = alphabets[t % alphabets.length];
			const n = 1 + Math.floor(rnd() * 300);
			const maxLen = t % 10 === 9 ? 120 : 12; // 120 characters of a wide alphabet: the comparator fallback
			const set = new Set<string>();
			for (let i = 0; i < n; i++) {
				const len = Math.floor(rnd() * (maxLen + 1));
				let s = '';
				for (let j = 0; j < len; j++) s += alpha[Math.floor(rnd() * alpha.length)];
				set.add(s);
			}
			const text = [...set];
			const list = Int32Array.from(text.keys());
			const expected = [...text].sort(cmp);
			expect(Array.from(sortByText(list, text), (i) => text[i]), `case ${t}`).toEqual(expected);
		}
	});

	it('sorts only the listed entries and leaves the list as it was', () => {
		const text = ['b', 'a', 'ab', '', 'c'];
		const list = Int32Array.of(0, 1, 2, 4);
		expect(Array.from(sortByText(list, text))).toEqual([1, 2, 0, 4]);
		expect(Array.from(list)).toEqual([0, 1, 2, 4]);
	});
});

describe('gap median', () => {
	it('is the middle gap (or the mean of the two) whether counted or sorted', () => {
		// Counted: gaps 1, 2, 4 (a) and 10 (b): sorted 1, 2, 4, 10 → (2 + 4) / 2.
		const counted = computeAnalysis(
			makeData([
				{ c: 'a', d: '2024-01-01', amt: 1 },
				{ c: 'a', d: '2024-01-02', amt: 1 },
				{ c: 'a', d: '2024-01-04', amt: 1 },
				{ c: 'a', d: '2024-01-08', amt: 1 },
				{ c: 'b', d: '2024-01-01', amt: 1 },
				{ c: 'b', d: '2024-01-11', amt: 1 }
			]),
			defaultSettings('month')
		);
		expect(counted.metrics.gap_median_days).toBe(3);
		// A gap of 70,000 days (> 4 × count + 65,536): sorted. Gaps 70000, 1, 3 → 3.
		const start = dayOf('1900-01-01');
		const sorted = computeAnalysis(
			makeData([
				{ c: 'a', d: iso(start), amt: 1 },
				{ c: 'a', d: iso(start + 70000), amt: 1 },
				{ c: 'a', d: iso(start + 70001), amt: 1 },
				{ c: 'a', d: iso(start + 70004), amt: 1 }
			]),
			defaultSettings('year')
		);
		expect(sorted.metrics.gap_median_days).toBe(3);
		expect(sorted.metrics.gap_mean_days).toBe(70004 / 3);
		// A span of days too long for the ISO text table: each row's dates made on their own.
		expect(sorted.customers[0].first_purchase).toBe('1900-01-01');
		expect(sorted.customers[0].last_purchase).toBe(iso(start + 70004));
		expect(counted.customers.map((c) => [c.first_purchase, c.last_purchase])).toEqual([
			['2024-01-01', '2024-01-08'],
			['2024-01-01', '2024-01-11']
		]);
	});
});

describe('sortedFloat64', () => {
	it('orders exactly as Float64Array.prototype.sort: negatives, −0 before +0, infinities, ties', () => {
		const rnd = mulberry32(5);
		for (let t = 0; t < 12; t++) {
			const n = t < 4 ? 1 + Math.floor(rnd() * 300) : 300 + Math.floor(rnd() * 5000);
			const v = Float64Array.from({ length: n }, () => {
				const r = rnd();
				if (r < 0.02) return -0;
				if (r < 0.04) return 0;
				if (r < 0.05) return r < 0.045 ? Infinity : -Infinity;
				if (r < 0.3) return Math.floor(rnd() * 10); // ties
				return (rnd() < 0.3 ? -1 : 1) * Math.exp(rnd() * 40 - 20);
			});
			const want = Float64Array.from(v).sort();
			const got = sortedFloat64(v);
			expect(got.length).toBe(n);
			for (let i = 0; i < n; i++) if (!Object.is(got[i], want[i])) expect(`${i}: ${got[i]}`).toBe(`${i}: ${want[i]}`);
		}
	});

	it('leaves its input alone and sorts NaN last like the built-in sort', () => {
		const v = Float64Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? NaN : 400 - i));
		const copy = Float64Array.from(v);
		const got = sortedFloat64(v);
		expect(Array.from(v)).toEqual(Array.from(copy));
		expect(Array.from(got)).toEqual(Array.from(Float64Array.from(v).sort()));
		expect(Number.isNaN(got[399])).toBe(true);
	});
});
