/**
 * The DuckDB-WASM baseline (issue 5): the same outputs as computeAnalysis (monthly, W = 3) in SQL on a
 * table already loaded. Bundles (wasm + worker) come from node_modules through Vite's ?url, so they
 * are served by the bench's own server: no CDN.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import type { Check } from './check';

const W = 3;

/** Month index (year·12 + month − 1) of a DATE expression, relative to the first purchase month. */
const per = (e: string) => `(year(${e}) * 12 + month(${e}) - 1 - (SELECT p0 FROM params))`;

/** Names of the statements below, for the per-statement timings. */
export const STEP_NAMES = ['pur', 'params', 'ids', 'purc', 'rows', 'cp', 'cust', 'act', 'periods', 'cohorts', 'customers', 'segments', 'fetch periods', 'fetch cohorts'];

/**
 * Every statement of one full analysis; the last two return the period and cohort tables. Customer
 * ids are mapped to integers once (ids), so the joins and anti-joins that follow work on ints.
 */
const ANALYSIS_SQL: string[] = [
	// purchases: distinct (customer, order) of non-return rows, earliest date, summed amount (§1)
	`CREATE OR REPLACE TEMP TABLE pur AS
		SELECT customer_id, order_id, min(date) AS d, sum(amount) AS amt FROM t
		WHERE customer_id IS NOT NULL AND NOT coalesce(amount < 0, false) GROUP BY customer_id, order_id`,
	`CREATE OR REPLACE TEMP TABLE params AS
		SELECT obs, p0, year(obs) * 12 + month(obs) - 1 - p0 AS last
		FROM (SELECT max(date) AS obs FROM t), (SELECT min(year(d) * 12 + month(d) - 1) AS p0 FROM pur)`,
	`CREATE OR REPLACE TEMP TABLE ids AS
		SELECT customer_id, (row_number() OVER ())::INTEGER AS cid FROM (SELECT DISTINCT customer_id FROM pur)`,
	`CREATE OR REPLACE TEMP TABLE purc AS SELECT ids.cid, pur.d, pur.amt, ${per('pur.d')} AS p FROM pur JOIN ids USING (customer_id)`,
	// customers' rows (returns included) with their period, for every revenue figure
	`CREATE OR REPLACE TEMP TABLE tr AS SELECT ids.cid, ${per('t.date')} AS p, t.amount FROM t JOIN ids USING (customer_id)`,
	`CREATE OR REPLACE TEMP TABLE cp AS SELECT DISTINCT cid, p FROM purc`,
	`CREATE OR REPLACE TEMP TABLE cust AS SELECT cid, min(p) AS fp, max(p) AS lp FROM cp GROUP BY cid`,
	// active at the end of p: a purchase in p − W + 1 … p (§3)
	`CREATE OR REPLACE TEMP TABLE act AS
		SELECT DISTINCT cp.cid, cp.p + w.range AS p FROM cp, range(0, ${W}) w
		WHERE cp.p + w.range <= (SELECT last FROM params)`,
	`CREATE OR REPLACE TEMP TABLE periods AS
		WITH pp AS (SELECT unnest(generate_series(0, last)) AS p FROM params),
		e AS (SELECT p, count(*) AS e FROM act GROUP BY p),
		n AS (SELECT fp AS p, count(*) AS n FROM cust GROUP BY fp),
		nb AS (SELECT cid, p, lag(p) OVER w AS prev, lead(p) OVER w AS next FROM act WINDOW w AS (PARTITION BY cid ORDER BY p)),
		l AS (SELECT p + 1 AS p, count(*) AS lost FROM nb WHERE next IS DISTINCT FROM p + 1 GROUP BY 1),
		r AS (SELECT nb.p, count(*) AS re FROM nb JOIN cust c USING (cid)
			WHERE c.fp < nb.p AND nb.prev IS DISTINCT FROM nb.p - 1 GROUP BY nb.p),
		o AS (SELECT p, count(*) AS orders FROM purc GROUP BY p),
		v AS (SELECT p, sum(amount) AS revenue FROM tr GROUP BY p),
		x AS (SELECT pp.p, coalesce(lag(e.e) OVER (ORDER BY pp.p), 0) AS s, coalesce(e.e, 0) AS e, coalesce(n.n, 0) AS n,
			coalesce(l.lost, 0) AS lost, coalesce(r.re, 0) AS re, coalesce(o.orders, 0) AS orders, coalesce(v.revenue, 0) AS revenue,
			sum(coalesce(n.n, 0)) OVER (ORDER BY pp.p) AS customer_base
			FROM pp LEFT JOIN e USING (p) LEFT JOIN n USING (p) LEFT JOIN l USING (p) LEFT JOIN r USING (p)
			LEFT JOIN o USING (p) LEFT JOIN v USING (p))
		SELECT x.*, strftime(make_date(((x.p + params.p0) // 12)::INT, ((x.p + params.p0) % 12 + 1)::INT, 1), '%Y-%m') AS period,
			CASE WHEN s > 0 THEN (e - n) / s * 100 END AS crr, CASE WHEN s > 0 THEN lost / s * 100 END AS churn_naive,
			CASE WHEN s + n > 0 THEN lost / (s + n / 2) * 100 END AS churn_adjusted,
			CASE WHEN s > 0 THEN 100 - lost / s * 100 END AS retention_naive
		FROM x, params`,
	// cohorts: retention, rolling, revenue and LTV matrices (§4)
	`CREATE OR REPLACE TEMP TABLE cohorts AS
		WITH sz AS (SELECT fp AS c, count(*) AS size FROM cust GROUP BY fp),
		cells AS (SELECT c, size, unnest(generate_series(0, (SELECT last FROM params) - c)) AS k FROM sz),
		ret AS (SELECT c.fp AS c, cp.p - c.fp AS k, count(*) AS retained FROM cp JOIN cust c USING (cid) GROUP BY ALL),
		lk AS (SELECT fp AS c, lp - fp AS kmax, count(*) AS n FROM cust GROUP BY ALL),
		roll AS (SELECT cells.c, cells.k, sum(lk.n) AS rolling FROM cells JOIN lk ON lk.c = cells.c AND lk.kmax >= cells.k GROUP BY ALL),
		rv AS (SELECT c.fp AS c, tr.p - c.fp AS k, sum(tr.amount) AS revenue FROM tr JOIN cust c USING (cid) GROUP BY ALL)
		SELECT cells.c, cells.k, cells.size, coalesce(ret.retained, 0) AS retained, coalesce(ret.retained, 0) / cells.size AS retention,
			coalesce(roll.rolling, 0) AS rolling_n, coalesce(roll.rolling, 0) / cells.size AS rolling, coalesce(rv.revenue, 0) AS revenue,
			sum(coalesce(rv.revenue, 0)) OVER (PARTITION BY cells.c ORDER BY cells.k) / cells.size AS ltv
		FROM cells LEFT JOIN ret USING (c, k) LEFT JOIN roll USING (c, k) LEFT JOIN rv USING (c, k)`,
	// customer figures (§5), RFM scores, named segments and types (§6)
	`CREATE OR REPLACE TEMP TABLE customers AS
		WITH pdays AS (SELECT cid, d, sum(amt) AS amt, count(*) AS n FROM purc GROUP BY ALL),
		f AS (SELECT cid, sum(n) AS orders, min(d) AS first, max(d) AS last, count(*) - 1 AS frequency,
			sum(amt) AS total, arg_min(amt, d) AS first_amt FROM pdays GROUP BY ALL),
		rv AS (SELECT cid, sum(amount) AS revenue FROM tr GROUP BY ALL),
		base AS (SELECT ids.customer_id, f.*, rv.revenue, cust.fp, cust.lp, params.last AS lastp,
			date_diff('day', f.first, f.last) AS recency, date_diff('day', f.first, params.obs) AS T,
			date_diff('day', f.last, params.obs) AS since,
			CASE WHEN f.frequency = 0 THEN 0 ELSE (f.total - f.first_amt) / f.frequency END AS monetary_value
			FROM f JOIN rv USING (cid) JOIN cust USING (cid) JOIN ids USING (cid), params),
		sc AS (SELECT *,
			1 + (5 * (rank() OVER (ORDER BY since DESC) - 1)) // count(*) OVER () AS r_score,
			1 + (5 * (rank() OVER (ORDER BY orders) - 1)) // count(*) OVER () AS f_score,
			1 + (5 * (rank() OVER (ORDER BY round(revenue * 100)) - 1)) // count(*) OVER () AS m_score FROM base)
		SELECT *,
			CASE WHEN r_score >= 4 AND f_score = 1 THEN (CASE WHEN r_score = 5 THEN 'new' ELSE 'promising' END)
				WHEN r_score >= 4 AND f_score <= 3 THEN 'potential loyalist'
				WHEN r_score = 5 THEN 'champions'
				WHEN r_score >= 3 AND f_score >= 4 THEN 'loyal'
				WHEN r_score = 3 THEN (CASE WHEN f_score = 3 THEN 'need attention' ELSE 'about to sleep' END)
				WHEN f_score <= 2 THEN 'hibernating' WHEN f_score <= 4 THEN 'at risk' ELSE 'can''t lose' END AS rfm_segment,
			CASE WHEN fp >= lastp - ${W} + 1 THEN 'new'
				WHEN lp >= lastp - ${W} + 1 AND T >= 365 AND frequency >= 3 THEN 'loyal'
				WHEN orders = 1 AND lp < lastp - ${W} + 1 THEN 'one-time' ELSE 'regular' END AS type
		FROM sc`,
	`CREATE OR REPLACE TEMP TABLE segments AS
		SELECT 'rfm' AS kind, rfm_segment AS segment, count(*) AS customers, sum(revenue) AS revenue FROM customers GROUP BY ALL
		UNION ALL SELECT 'type', type, count(*), sum(revenue) FROM customers GROUP BY ALL`,
	`SELECT * FROM periods ORDER BY p`,
	`SELECT * FROM cohorts ORDER BY c, k`
];

type Row = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : Number(v ?? 0));

let db: duckdb.AsyncDuckDB | null = null;
let conn: duckdb.AsyncDuckDBConnection | null = null;

async function rows(sql: string): Promise<Row[]> {
	const t = await (conn as duckdb.AsyncDuckDBConnection).query(sql);
	return t.toArray().map((r) => r.toJSON() as Row);
}

/** Starts DuckDB-WASM (the eh bundle when the browser has wasm exceptions). */
export async function duckStart(): Promise<{ ms: number; bundle: string; version: string }> {
	const t0 = performance.now();
	const bundle = await duckdb.selectBundle({
		mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
		eh: { mainModule: ehWasm, mainWorker: ehWorker }
	});
	const worker = new Worker(bundle.mainWorker as string);
	db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
	conn = await db.connect();
	const ms = performance.now() - t0;
	return { ms, bundle: bundle.mainModule === ehWasm ? 'eh' : 'mvp', version: await db.getVersion() };
}

/** Loads the CSV bytes into table t (typed columns, as the app's import also types them). */
export async function duckLoad(bytes: ArrayBuffer): Promise<{ ms: number; rows: number }> {
	if (!db || !conn) throw new Error('DuckDB is not started');
	const t0 = performance.now();
	await db.dropFile('data.csv').catch(() => {});
	await db.registerFileBuffer('data.csv', new Uint8Array(bytes));
	await conn.query(`CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv('data.csv', header = true,
		columns = {'customer_id': 'VARCHAR', 'order_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DOUBLE', 'channel': 'VARCHAR'})`);
	const ms = performance.now() - t0;
	const n = num((await rows('SELECT count(*) AS n FROM t'))[0].n);
	return { ms, rows: n };
}

/** One full analysis in SQL; returns its time and the check figures (computed afterwards, untimed). */
export async function duckAnalyse(): Promise<{ ms: number; steps: number[]; names: string[]; check: Check }> {
	const t0 = performance.now();
	let periods: Row[] = [];
	let cohorts: Row[] = [];
	const steps: number[] = [];
	for (let i = 0; i < ANALYSIS_SQL.length; i++) {
		const ts = performance.now();
		const out = await rows(ANALYSIS_SQL[i]);
		steps.push(performance.now() - ts);
		if (i === ANALYSIS_SQL.length - 2) periods = out;
		if (i === ANALYSIS_SQL.length - 1) cohorts = out;
	}
	const ms = performance.now() - t0;
	const c0 = cohorts.length ? num(cohorts[0].c) : 0;
	const agg = (await rows(`SELECT count(*) AS customers, sum(frequency) AS sum_frequency, sum(recency) AS sum_recency,
		sum(T) AS sum_T, sum(r_score) AS sum_r, sum(f_score) AS sum_f, sum(m_score) AS sum_m FROM customers`))[0];
	const segs = await rows('SELECT kind, segment, customers FROM segments');
	const by = (kind: string) => Object.fromEntries(segs.filter((s) => s.kind === kind).map((s) => [String(s.segment), num(s.customers)]));
	const check: Check = {
		periods: periods.map((p) => [
			String(p.period),
			num(p.s),
			num(p.e),
			num(p.n),
			num(p.lost),
			num(p.re),
			num(p.orders),
			Math.round(num(p.revenue) * 100) / 100
		]),
		cohort0: cohorts.filter((c) => num(c.c) === c0).map((c) => num(c.retained)),
		cells: cohorts.length,
		sum_retained: cohorts.reduce((s, c) => s + num(c.retained), 0),
		sum_rolling: cohorts.reduce((s, c) => s + num(c.rolling_n), 0),
		customers: num(agg.customers),
		sum_frequency: num(agg.sum_frequency),
		sum_recency: num(agg.sum_recency),
		sum_T: num(agg.sum_T),
		sum_r: num(agg.sum_r),
		sum_f: num(agg.sum_f),
		sum_m: num(agg.sum_m),
		segments: by('rfm'),
		types: by('type')
	};
	return { ms, steps, names: STEP_NAMES, check };
}
