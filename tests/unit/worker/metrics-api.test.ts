// The metrics methods of the worker API (customers page, base figures, segments, breakdown, predictions,
// holdout, exports) on the UCI mod-10 customer sample, checked against shared/data/reference/online_retail_sample_month_w3.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MandegarDB } from '../../../src/lib/db/schema';
import { createApi } from '../../../src/lib/worker/api';
import { DEFAULT_THRESHOLDS } from '../../../src/lib/core/analysis';
import { defaultSettings } from '../../../src/lib/core/types';
import type { AnalyticsApi, DashboardRequest } from '../../../src/lib/worker/api-types';

const SHARED = new URL('../../../../shared/', import.meta.url);
const retail = new Uint8Array(readFileSync(new URL('data/online_retail/online_retail_sample_customers_mod10.csv', SHARED)));
const REF = new URL('data/reference/online_retail_sample_month_w3/', SHARED);
const summary = JSON.parse(readFileSync(new URL('summary.json', REF), 'utf8'));
const refCustomers = (() => {
	const [head, ...lines] = readFileSync(new URL('customers.csv', REF), 'utf8').trim().split('\n');
	const cols = head.split(',');
	return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])) as Record<string, string>);
})();

let db: MandegarDB;
let api: AnalyticsApi;
let req: DashboardRequest;
let dimNames: string[];

beforeAll(async () => {
	db = new MandegarDB('metrics-api-test');
	await db.open();
	api = createApi(db);
	const file = new Blob([retail]);
	const pre = await api.previewFile(file, 'retail.csv', {});
	if (!pre.ok) throw new Error(pre.message);
	const res = await api.importFile({ file, name: 'retail.csv', mapping: pre.preview.mapping, options: {} });
	if (res.kind !== 'imported') throw new Error(res.kind);
	req = { datasetId: res.dataset.id, settings: defaultSettings('month') };
	dimNames = res.dataset.dimNames;
});
afterAll(async () => {
	await db.delete();
});

describe('customers page', () => {
	it('pages all customers by id by default', async () => {
		const page = await api.customers({ ...req, offset: 0, limit: 25 });
		expect(page.total).toBe(442);
		expect(page.customers).toBe(442);
		expect(page.rows).toHaveLength(25);
		expect(page.rows.map((r) => r.customer_id)).toEqual(refCustomers.slice(0, 25).map((r) => r.customer_id));
		const last = await api.customers({ ...req, offset: 440, limit: 25 });
		expect(last.rows.map((r) => r.customer_id)).toEqual(refCustomers.slice(440).map((r) => r.customer_id));
	});

	it('sorts by revenue descending, empty values last, and the first row is the reference maximum', async () => {
		const page = await api.customers({ ...req, sort: 'revenue', descending: true, offset: 0, limit: 3 });
		const max = refCustomers.reduce((a, b) => (Number(b.revenue) > Number(a.revenue) ? b : a));
		expect(page.rows[0].customer_id).toBe(max.customer_id);
		expect(page.rows[0].revenue! >= page.rows[1].revenue! && page.rows[1].revenue! >= page.rows[2].revenue!).toBe(true);
	});

	it('searches by id substring and filters by segment', async () => {
		const found = await api.customers({ ...req, search: '1237', offset: 0, limit: 100 });
		const want = refCustomers.filter((r) => r.customer_id.includes('1237')).map((r) => r.customer_id);
		expect(found.total).toBe(want.length);
		expect(found.rows.map((r) => r.customer_id)).toEqual(want);
		// Typed on a Persian keyboard (۱۲۳۷) or in Arabic-Indic digits (١٢٣٧): the same customers.
		expect((await api.customers({ ...req, search: '۱۲۳۷', offset: 0, limit: 100 })).rows.map((r) => r.customer_id)).toEqual(want);
		expect((await api.customers({ ...req, search: '١٢٣٧', offset: 0, limit: 100 })).rows.map((r) => r.customer_id)).toEqual(want);
		const c12370 = refCustomers.find((r) => r.customer_id === '12370')!;
		expect(found.rows.find((r) => r.customer_id === '12370')?.orders).toBe(Number(c12370.orders));
		const hib = await api.customers({ ...req, filter: { kind: 'rfm', segment: 'hibernating' }, offset: 0, limit: 1000 });
		expect(hib.total).toBe(refCustomers.filter((r) => r.rfm_segment === 'hibernating').length);
		expect(hib.rows.every((r) => r.rfm_segment === 'hibernating')).toBe(true);
	});

	it('filters by one R × F grid cell: its customers, as many as the grid cell counts', async () => {
		const grid = (await api.segments(req)).grid;
		for (const [r, f] of [[1, 1], [2, 1], [5, 5], [3, 2]]) {
			const want = refCustomers.filter((c) => Number(c.r_score) === r && Number(c.f_score) === f);
			expect(want.length, `R${r} F${f}`).toBeGreaterThan(0);
			const segment = want[0].rfm_segment;
			const page = await api.customers({ ...req, filter: { kind: 'rfm', segment, r, f }, offset: 0, limit: 5000 });
			expect(page.total, `R${r} F${f}`).toBe(want.length);
			expect(page.rows.map((c) => c.customer_id).sort()).toEqual(want.map((c) => c.customer_id).sort());
			expect(grid.find((g) => g.r === r && g.f === f)?.customers).toBe(want.length);
		}
		const csv = await api.exportTable({ ...req, table: 'customers', filter: { kind: 'rfm', segment: 'hibernating', r: 1, f: 1 } });
		expect(csv.csv.trim().split('\n')).toHaveLength(1 + refCustomers.filter((c) => c.r_score === '1' && c.f_score === '1').length);
		expect(csv.fileName).toMatch(/customers-rfm-hibernating-r1f1\.csv$/);
	});

	it('adds and sorts by the prediction columns when a horizon is given', async () => {
		const page = await api.customers({ ...req, sort: 'predicted_clv', descending: true, horizonWeeks: 52, offset: 0, limit: 5 });
		expect(page.rows[0].p_alive).toBeGreaterThan(0);
		expect(page.rows[0].p_alive).toBeLessThanOrEqual(1);
		for (let i = 1; i < 5; i++) expect(page.rows[i - 1].predicted_clv!).toBeGreaterThanOrEqual(page.rows[i].predicted_clv!);
		await expect(api.customers({ ...req, sort: 'p_alive', offset: 0, limit: 5 })).rejects.toThrow(/horizon/);
	});
});

describe('customer base', () => {
	it('equals the reference summary and carries the formula terms', async () => {
		const b = await api.customerBase(req);
		expect(b.metrics.repeat_purchase_rate).toBeCloseTo(summary.repeat_purchase_rate, 9);
		expect((b.repeatCustomers / b.metrics.customers) * 100).toBeCloseTo(summary.repeat_purchase_rate, 9);
		expect(b.gapDaysTotal / b.gapCount).toBeCloseTo(summary.gap_mean_days, 9);
		expect(b.purchaseAmount! / b.metrics.purchases).toBeCloseTo(summary.aov, 9);
		expect(b.concentration!.top20).toBeCloseTo(summary.top20_share, 9);
		expect(b.concentration!.gini).toBeCloseTo(summary.gini, 9);
		expect(b.concentration!.topCount).toBe(Math.ceil(442 / 5));
		expect(b.concentration!.lorenz.length).toBeLessThanOrEqual(200);
		expect(b.metrics.base_shape).toBe('balanced');
	});

	it('applies editable shape thresholds', async () => {
		const b = await api.customerBase({ ...req, thresholds: { ...DEFAULT_THRESHOLDS, shape: { tall: 70, broad: 50 } } });
		expect(b.metrics.base_shape).toBe('tall');
	});
});

describe('segments', () => {
	it('counts the ten RFM segments as the reference customers.csv does, and the grid sums to the customers', async () => {
		const s = await api.segments(req);
		for (const row of s.rows.filter((r) => r.kind === 'rfm'))
			expect(row.customers, row.segment).toBe(refCustomers.filter((r) => r.rfm_segment === row.segment).length);
		expect(s.grid).toHaveLength(25);
		expect(s.grid.reduce((a, c) => a + c.customers, 0)).toBe(442);
		expect(s.rows.filter((r) => r.kind === 'type').reduce((a, r) => a + r.customers, 0)).toBe(442);
		expect(s.hasDiscount).toBe(false);
	});

	it('customer-type thresholds change the types', async () => {
		const loyal = async (minFrequency: number) =>
			(await api.segments({ ...req, thresholds: { ...DEFAULT_THRESHOLDS, types: { ...DEFAULT_THRESHOLDS.types, loyalMinDays: 0, loyalMinFrequency: minFrequency } } })).rows.find(
				(r) => r.kind === 'type' && r.segment === 'loyal'
			)!.customers;
		expect(await loyal(1)).toBeGreaterThan(await loyal(10));
	});
});

describe('breakdown', () => {
	it('names the dimensions and splits the customers into top values and (other)', async () => {
		expect(dimNames.length).toBeGreaterThan(0);
		const country = dimNames.findIndex((n) => n === 'location');
		expect(country).toBeGreaterThanOrEqual(0);
		const b = await api.breakdown({ ...req, dimension: country, top: 3 });
		expect(b.dimension).toBe('location');
		expect(b.groups.length).toBeLessThanOrEqual(4);
		expect(b.groups[0].value).toBe('United Kingdom');
		expect(b.groups.reduce((a, g) => a + g.customers, 0)).toBe(442);
		expect(b.groups.at(-1)?.value).toBe('(other)');
		await expect(api.breakdown({ ...req, dimension: 99 })).rejects.toThrow();
	});
});

describe('predictions and holdout', () => {
	it('fits BG/NBD and Gamma-Gamma and lists the top customers by predicted CLV', async () => {
		const p = await api.predictions({ ...req, horizonWeeks: 26, top: 10 });
		expect(p.bgnbd).not.toBeNull();
		expect(p.gammaGamma).not.toBeNull();
		expect(p.customers).toBe(442);
		expect(p.fitted).toBeLessThanOrEqual(442);
		expect(p.top).toHaveLength(10);
		for (let i = 1; i < 10; i++) expect(p.top[i - 1].predicted_clv!).toBeGreaterThanOrEqual(p.top[i].predicted_clv!);
		expect(p.totalPredictedClv).toBeGreaterThan(0);
		const longer = await api.predictions({ ...req, horizonWeeks: 52, top: 1 });
		expect(longer.totalExpectedPurchases!).toBeGreaterThan(p.totalExpectedPurchases!);
	});

	it('holdout: predicted vs actual repeat purchase days after the calibration end', async () => {
		const cal = Math.round(Date.UTC(2011, 5, 30) / 86400000);
		const res = await api.holdout({ ...req, calibrationEnd: cal });
		expect(res.ok).toBe(true);
		if (!res.ok) return;
		expect(res.result.calibrationEnd).toBe('2011-06-30');
		expect(res.result.holdoutEnd).toBe('2011-12-09');
		expect(res.result.holdoutWeeks).toBeCloseTo(162 / 7, 12);
		// Customers with a first purchase before 2011-06-30 (T > 0 at the calibration end).
		const before = refCustomers.filter((r) => r.first_purchase < '2011-06-30').length;
		expect(res.result.byFrequency.reduce((a, r) => a + r.customers, 0)).toBe(before);
		expect(res.result.totalActual).toBeGreaterThan(0);
		expect(res.result.totalPredicted).toBeGreaterThan(0);
		const bad = await api.holdout({ ...req, calibrationEnd: cal + 10_000 });
		expect(bad.ok).toBe(false);
	});
});

describe('exports of the new tables', () => {
	it('writes headers the report uses', async () => {
		const head = async (table: Parameters<AnalyticsApi['exportTable']>[0]['table'], extra = {}) =>
			(await api.exportTable({ ...req, table, ...extra })).csv.split('\n')[0];
		expect(await head('predictions', { horizonWeeks: 52 })).toMatch(/,cohort,p_alive,expected_purchases,predicted_clv$/);
		expect(await head('breakdown-periods', { dimension: 0 })).toMatch(/^value,period,start,/);
		expect(await head('breakdown-cohorts', { dimension: 0 })).toMatch(/^value,cohort,size,/);
		expect(await head('rfm-grid')).toBe('r,f,segment,customers,revenue');
		expect(await head('holdout', { calibrationEnd: Math.round(Date.UTC(2011, 5, 30) / 86400000) })).toBe('frequency,customers,predicted,actual');
		const hib = await api.exportTable({ ...req, table: 'customers', filter: { kind: 'rfm', segment: 'hibernating' } });
		expect(hib.csv.trim().split('\n')).toHaveLength(1 + refCustomers.filter((r) => r.rfm_segment === 'hibernating').length);
		expect(hib.fileName).toMatch(/customers-rfm-hibernating\.csv$/);
	});
});
