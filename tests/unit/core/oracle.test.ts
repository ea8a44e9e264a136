// A deliberately simple second implementation of METRICS.md §1–§6, written straight from the wording with
// Sets, Maps and loops (dates via Date.UTC and ICU's Persian calendar, no engine code), must agree with the
// fast engine on seeded random datasets, for every granularity, both calendars and several windows.
import { describe, expect, it } from 'vitest';
import { computeAnalysis } from '../../../src/lib/core/analysis';
import type { Analysis, AnalysisSettings, CalendarKind, Granularity, OrderData } from '../../../src/lib/core/types';
import { dayOf, iso, makeData, mulberry32, type Row } from './make-data';

/* ------------------------------------------------------------ seeded data */

const BASES = ['2009-11-20', '2010-12-20', '2015-11-01', '2020-12-01', '2024-02-10', '2023-03-01'];

interface Case {
	rows: Row[];
	hasAmount: boolean;
	asOf: string | null;
}

function randomCase(seed: number): Case {
	const rnd = mulberry32(seed);
	const int = (n: number) => Math.floor(rnd() * n);
	const nIds = 1 + int(10);
	const withOrder = rnd() < 0.6;
	const hasAmount = rnd() < 0.85;
	const base = dayOf(BASES[int(BASES.length)]);
	const span = 20 + int(700);
	const nRows = int(45);
	const rows: Row[] = [];
	for (let i = 0; i < nRows; i++) {
		const ret = rnd() < 0.15;
		const cents = 1 + int(10000);
		rows.push({
			c: rnd() < 0.1 ? undefined : `c${int(nIds)}`,
			o: withOrder ? `o${int(15)}` : undefined,
			d: iso(base + int(span)),
			amt: hasAmount ? (ret ? -cents : cents) / 100 : undefined,
			ret,
			disc: rnd() < 0.2
		});
	}
	const asOf = rnd() < 0.3 ? iso(base + int(span)) : null;
	return { rows, hasAmount, asOf };
}

/* ------------------------------------------------------ the simple oracle */

const persianFmt = new Intl.DateTimeFormat('en-US-u-ca-persian', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
const persianCache = new Map<number, number[]>();
function persian(day: number): number[] {
	let v = persianCache.get(day);
	if (!v) {
		const parts = persianFmt.formatToParts(new Date(day * 86400000));
		const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
		v = [get('year'), get('month'), get('day')];
		persianCache.set(day, v);
	}
	return v;
}
const p2 = (n: number) => String(n).padStart(2, '0');

/** The period label of a day, straight from METRICS.md §2. */
function labelOf(day: number, g: Granularity, cal: CalendarKind): string {
	if (cal === 'gregorian') {
		const date = new Date(day * 86400000);
		const y = date.getUTCFullYear();
		const m = date.getUTCMonth() + 1;
		if (g === 'year') return String(y);
		if (g === 'quarter') return `${y}-Q${Math.ceil(m / 3)}`;
		if (g === 'month') return `${y}-${p2(m)}`;
		const mondayBased = (date.getUTCDay() + 6) % 7;
		const thursday = day - mondayBased + 3;
		const ty = new Date(thursday * 86400000).getUTCFullYear();
		const week = Math.floor((thursday - Date.UTC(ty, 0, 1) / 86400000) / 7) + 1;
		return `${ty}-W${p2(week)}`;
	}
	const [y, m] = persian(day);
	if (g === 'year') return String(y);
	if (g === 'quarter') return `${y}-Q${Math.ceil(m / 3)}`;
	if (g === 'month') return `${y}-${p2(m)}`;
	const saturday = day - ((new Date(day * 86400000).getUTCDay() + 1) % 7);
	const [sy, sm, sd] = persian(saturday);
	return `${sy}-${p2(sm)}-${p2(sd)}`;
}

interface Purchase {
	customer: string;
	day: number;
	amount: number;
	discounted: boolean;
}

function oracle(c: Case, s: AnalysisSettings) {
	const asOf = c.asOf === null ? null : dayOf(c.asOf);
	const rows = c.rows.filter((r) => asOf === null || dayOf(r.d) <= asOf);
	const hasOrder = c.rows.some((r) => r.o !== undefined);
	// §1 purchases: distinct (customer, order) groups of non-return rows; date = earliest, amount = sum.
	const groups = new Map<string, Purchase>();
	rows.forEach((r, i) => {
		if (!r.c || r.ret) return;
		const key = `${r.c}|${hasOrder ? r.o : `row${i}`}`;
		const g = groups.get(key);
		if (!g) groups.set(key, { customer: r.c, day: dayOf(r.d), amount: r.amt ?? 0, discounted: !!r.disc });
		else {
			g.day = Math.min(g.day, dayOf(r.d));
			g.amount += r.amt ?? 0;
			g.discounted ||= !!r.disc;
		}
	});
	const purchases = [...groups.values()];
	const customers = [...new Set(purchases.map((p) => p.customer))].sort();
	const isCustomer = new Set(customers);
	const obsEnd = asOf ?? (rows.length ? Math.max(...rows.map((r) => dayOf(r.d))) : null);
	const custRows = rows.filter((r) => r.c && isCustomer.has(r.c));
	const revenueOf = (list: Row[]) => list.reduce((t, r) => t + (r.amt ?? 0), 0);
	const money = (x: number) => (c.hasAmount ? x : null);

	// §2 periods: walk the days from the first purchase to observation end.
	const labels: string[] = [];
	if (customers.length && obsEnd !== null) {
		const first = Math.min(...purchases.map((p) => p.day));
		for (let d = first; d <= obsEnd; d++) {
			const l = labelOf(d, s.granularity, s.calendar);
			if (labels.at(-1) !== l) labels.push(l);
		}
	}
	const periodOf = (day: number) => labels.indexOf(labelOf(day, s.granularity, s.calendar));
	const last = labels.length - 1;
	const lastPartial = obsEnd !== null && labelOf(obsEnd + 1, s.granularity, s.calendar) === labelOf(obsEnd, s.granularity, s.calendar);
	const periodsOf = (cu: string) => new Set(purchases.filter((p) => p.customer === cu).map((p) => periodOf(p.day)));
	const firstPeriod = (cu: string) => Math.min(...periodsOf(cu));
	const activeAt = (cu: string, p: number) => p >= 0 && [...periodsOf(cu)].some((q) => q >= p - s.window + 1 && q <= p);

	// §3
	const periods = labels.map((label, p) => {
		const S = customers.filter((cu) => activeAt(cu, p - 1)).length;
		const E = customers.filter((cu) => activeAt(cu, p)).length;
		const N = customers.filter((cu) => firstPeriod(cu) === p).length;
		const lost = customers.filter((cu) => activeAt(cu, p - 1) && !activeAt(cu, p)).length;
		const reactivated = customers.filter((cu) => activeAt(cu, p) && !activeAt(cu, p - 1) && firstPeriod(cu) < p).length;
		return {
			period: label,
			start: S,
			end: E,
			new: N,
			lost,
			reactivated,
			customer_base: customers.filter((cu) => firstPeriod(cu) <= p).length,
			crr: S ? ((E - N) / S) * 100 : null,
			churn_naive: S ? (lost / S) * 100 : null,
			churn_adjusted: S + N / 2 ? (lost / (S + N / 2)) * 100 : null,
			retention_naive: S ? 100 - (lost / S) * 100 : null,
			orders: purchases.filter((x) => periodOf(x.day) === p).length,
			revenue: money(revenueOf(custRows.filter((r) => periodOf(dayOf(r.d)) === p))),
			partial: p === last && lastPartial
		};
	});

	// §4
	const cohorts = [];
	const curve = new Map<number, { retained: number; size: number }>();
	for (let co = 0; co <= last; co++) {
		const members = customers.filter((cu) => firstPeriod(cu) === co);
		if (!members.length) continue;
		let cumulative = 0;
		for (let k = 0; co + k <= last; k++) {
			const retained = members.filter((cu) => periodsOf(cu).has(co + k)).length;
			const rolling = members.filter((cu) => [...periodsOf(cu)].some((q) => q >= co + k)).length;
			const revenue = revenueOf(custRows.filter((r) => members.includes(r.c!) && periodOf(dayOf(r.d)) === co + k));
			cumulative += revenue;
			const partial = co + k === last && lastPartial;
			cohorts.push({
				cohort: labels[co], size: members.length, offset: k, period: labels[co + k], retained,
				retention: retained / members.length, rolling: rolling / members.length,
				revenue: money(revenue), ltv: money(cumulative / members.length), partial
			});
			const point = curve.get(k) ?? { retained: 0, size: 0 };
			if (!partial) {
				point.retained += retained;
				point.size += members.length;
			}
			curve.set(k, point);
		}
	}

	// §5, §6
	const days = (cu: string) => [...new Set(purchases.filter((p) => p.customer === cu).map((p) => p.day))].sort((a, b) => a - b);
	const revenue = (cu: string) => revenueOf(custRows.filter((r) => r.c === cu));
	const score = (value: (cu: string) => number) => {
		const sorted = customers.map(value).sort((a, b) => a - b);
		return (cu: string) => 1 + Math.floor((5 * sorted.indexOf(value(cu))) / customers.length);
	};
	const rScore = score((cu) => -(obsEnd! - Math.max(...days(cu))));
	const fScore = score((cu) => purchases.filter((p) => p.customer === cu).length);
	const mScore = score((cu) => Math.round(revenue(cu) * 100));
	const SEG: Record<number, string[]> = {
		5: ['new', 'potential loyalist', 'potential loyalist', 'champions', 'champions'],
		4: ['promising', 'potential loyalist', 'potential loyalist', 'loyal', 'loyal'],
		3: ['about to sleep', 'about to sleep', 'need attention', 'loyal', 'loyal'],
		2: ['hibernating', 'hibernating', 'at risk', 'at risk', "can't lose"],
		1: ['hibernating', 'hibernating', 'at risk', 'at risk', "can't lose"]
	};
	const customerRows = customers.map((cu) => {
		const ds = days(cu);
		const mine = purchases.filter((p) => p.customer === cu);
		const repeatDays = ds.slice(1);
		const perDay = repeatDays.map((d) => mine.filter((p) => p.day === d).reduce((t, p) => t + p.amount, 0));
		const active = activeAt(cu, last);
		let type = 'regular';
		if (firstPeriod(cu) > last - s.window) type = 'new';
		else if (active && obsEnd! - ds[0] >= 365 && ds.length - 1 >= 3) type = 'loyal';
		else if (mine.filter((p) => p.discounted).length * 2 >= mine.length && mine.some((p) => p.discounted)) type = 'deal-seeker';
		else if (mine.length === 1 && !active) type = 'one-time';
		return {
			customer_id: cu,
			orders: mine.length,
			first_purchase: iso(ds[0]),
			last_purchase: iso(ds.at(-1)!),
			revenue: money(revenue(cu)),
			frequency: ds.length - 1,
			recency: ds.at(-1)! - ds[0],
			T: obsEnd! - ds[0],
			monetary_value: money(perDay.length ? perDay.reduce((a, b) => a + b, 0) / perDay.length : 0),
			r_score: rScore(cu),
			f_score: fScore(cu),
			m_score: c.hasAmount ? mScore(cu) : null,
			rfm_segment: SEG[rScore(cu)][fScore(cu) - 1],
			type,
			cohort: labels[firstPeriod(cu)]
		};
	});
	const gaps = customers.flatMap((cu) => days(cu).slice(1).map((d, i) => d - days(cu)[i])).sort((a, b) => a - b);
	const returnOrders = new Set(
		rows.map((r, i) => (r.c && r.ret && isCustomer.has(r.c) ? `${r.c}|${hasOrder ? r.o : `row${i}`}` : '')).filter(Boolean)
	).size;
	const revenues = customers.map(revenue).sort((a, b) => b - a);
	const total = revenues.reduce((a, b) => a + b, 0);
	const top = revenues.slice(0, Math.ceil(customers.length / 5)).reduce((a, b) => a + b, 0);
	const xs = revenues.map((x) => Math.max(0, x)).reverse();
	const sx = xs.reduce((a, b) => a + b, 0);
	const gini = sx ? (2 * xs.reduce((t, x, i) => t + (i + 1) * x, 0)) / (xs.length * sx) - (xs.length + 1) / xs.length : null;
	const top20 = c.hasAmount && total ? (top / total) * 100 : null;
	const metrics = {
		customers: customers.length,
		purchases: purchases.length,
		return_orders: returnOrders,
		customer_revenue: money(total),
		repeat_purchase_rate: customers.length ? (customerRows.filter((r) => r.orders >= 2).length / customers.length) * 100 : null,
		gap_mean_days: gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : null,
		gap_median_days: gaps.length ? (gaps[Math.floor((gaps.length - 1) / 2)] + gaps[Math.ceil((gaps.length - 1) / 2)]) / 2 : null,
		aov: c.hasAmount && purchases.length ? purchases.reduce((t, p) => t + p.amount, 0) / purchases.length : null,
		clv_historical: c.hasAmount && customers.length ? total / customers.length : null,
		return_rate: purchases.length + returnOrders ? (returnOrders / (purchases.length + returnOrders)) * 100 : null,
		top20_share: top20,
		gini: c.hasAmount && customers.length ? gini : null,
		base_shape: top20 === null ? null : top20 >= 80 ? 'tall' : top20 <= 50 ? 'broad' : 'balanced',
		observation_end: obsEnd === null ? null : iso(obsEnd)
	};
	const orderIds = new Set(rows.map((r, i) => (hasOrder ? r.o : `row${i}`)));
	const data = {
		guest_rows: rows.filter((r) => !r.c).length,
		return_rows: rows.filter((r) => r.ret).length,
		customer_ids: new Set(rows.filter((r) => r.c).map((r) => r.c)).size,
		orders: orderIds.size,
		revenue: money(revenueOf(rows)),
		date_min: rows.length ? iso(Math.min(...rows.map((r) => dayOf(r.d)))) : null,
		date_max: rows.length ? iso(Math.max(...rows.map((r) => dayOf(r.d)))) : null
	};
	const curvePoints = [...curve.entries()].map(([offset, v]) => ({ offset, ...v, retention: v.size ? v.retained / v.size : null }));
	return { periods, cohorts, curve: curvePoints, customers: customerRows, metrics, data };
}

/* --------------------------------------------------------------- compare */

/** Deep comparison: numbers within 1e-9 (relative) or 1e-6 absolute for money sums, everything else exactly. */
function diff(path: string, expected: unknown, actual: unknown, out: string[]): void {
	if (out.length > 10) return;
	if (typeof expected === 'number' && typeof actual === 'number') {
		if (Math.abs(expected - actual) > 1e-6 + 1e-9 * Math.abs(expected)) out.push(`${path}: expected ${expected}, got ${actual}`);
		return;
	}
	if (expected && typeof expected === 'object') {
		if (!actual || typeof actual !== 'object') {
			out.push(`${path}: expected an object, got ${String(actual)}`);
			return;
		}
		const e = expected as Record<string, unknown>;
		const a = actual as Record<string, unknown>;
		if (Array.isArray(e) && (!Array.isArray(a) || a.length !== e.length)) {
			out.push(`${path}: expected ${e.length} items, got ${Array.isArray(a) ? a.length : 'no array'}`);
			return;
		}
		for (const k of Object.keys(e)) diff(`${path}.${k}`, e[k], a[k], out);
		return;
	}
	if (expected !== actual) out.push(`${path}: expected ${String(expected)}, got ${String(actual)}`);
}

const WINDOWS: Record<Granularity, number[]> = { week: [1, 4, 13], month: [1, 2, 3], quarter: [1, 2], year: [1, 2] };

describe('the fast engine agrees with the simple oracle on 50 seeded random datasets', () => {
	const cases = Array.from({ length: 50 }, (_, i) => randomCase(1000 + i));
	for (const calendar of ['gregorian', 'persian'] as CalendarKind[]) {
		for (const granularity of ['week', 'month', 'quarter', 'year'] as Granularity[]) {
			it(`${calendar} ${granularity}`, () => {
				let compared = 0;
				cases.forEach((c, i) => {
					const data: OrderData = makeData(c.rows, { hasAmount: c.hasAmount });
					for (const window of WINDOWS[granularity]) {
						const settings: AnalysisSettings = { granularity, window, calendar, asOf: c.asOf === null ? null : dayOf(c.asOf) };
						const fast: Analysis = computeAnalysis(data, settings);
						const slow = oracle(c, settings);
						const problems: string[] = [];
						diff('', slow, fast, problems);
						expect(problems, `seed ${1000 + i} W${window}`).toEqual([]);
						for (const p of fast.periods) expect(p.end).toBe(p.start - p.lost + p.new + p.reactivated);
						compared += fast.periods.length;
					}
				});
				expect(compared).toBeGreaterThan(100);
			});
		}
	}
});

describe('E = S − lost + N + reactivated on larger generated data', () => {
	it('holds for every period, granularity and window', () => {
		const rnd = mulberry32(7);
		const rows: Row[] = [];
		const base = dayOf('2019-01-01');
		for (let i = 0; i < 20000; i++) {
			rows.push({ c: `c${Math.floor(rnd() * 2000)}`, d: iso(base + Math.floor(rnd() * rnd() * 1500)), amt: 1, ret: rnd() < 0.05 });
		}
		const data = makeData(rows);
		for (const granularity of ['week', 'month', 'quarter', 'year'] as Granularity[]) {
			for (const window of [1, 2, 3, 6, 13]) {
				const a = computeAnalysis(data, { granularity, window, calendar: 'gregorian', asOf: null });
				expect(a.periods.length).toBeGreaterThan(0);
				for (const p of a.periods) expect(p.end, `${granularity} W${window} ${p.period}`).toBe(p.start - p.lost + p.new + p.reactivated);
				expect(a.periods.at(-1)?.customer_base).toBe(a.metrics.customers);
			}
		}
	});
});
