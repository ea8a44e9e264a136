"""The pandas baseline of `npm run bench` (issue 5): the same outputs as computeAnalysis for monthly
periods with W = 3 (METRICS.md §3-§6: period table, cohort retention/rolling/revenue/LTV matrices,
per-customer figures with RFM scores, named segments and customer types), read_csv included.

Usage: python3 pandas_bench.py FILE [RUNS]  ->  prints one JSON object (times in ms, medians, and
the check summary the bench compares with the app's and DuckDB's)."""
import json
import statistics
import sys
import time

import numpy as np
import pandas as pd

W = 3


def month_index(dates):
    return dates.dt.year.to_numpy(np.int64) * 12 + dates.dt.month.to_numpy(np.int64) - 1


def rfm_segment(r, f):
    out = np.empty(len(r), dtype=object)
    table = {}
    for rr in range(1, 6):
        for ff in range(1, 6):
            if rr >= 4 and ff == 1:
                s = 'new' if rr == 5 else 'promising'
            elif rr >= 4 and ff <= 3:
                s = 'potential loyalist'
            elif rr == 5:
                s = 'champions'
            elif rr >= 3 and ff >= 4:
                s = 'loyal'
            elif rr == 3:
                s = 'need attention' if ff == 3 else 'about to sleep'
            else:
                s = 'hibernating' if ff <= 2 else 'at risk' if ff <= 4 else "can't lose"
            table[rr * 10 + ff] = s
    lookup = np.array([table.get(i, '') for i in range(56)], dtype=object)
    out[:] = lookup[r * 10 + f]
    return out


def score(values):
    """1 + floor(5 i / n), i = 0-based position of the first equal value in ascending order."""
    n = len(values)
    i = pd.Series(values).rank(method='min').to_numpy(np.int64) - 1
    return 1 + (5 * i) // n


def analyse(path):
    t0 = time.perf_counter()
    df = pd.read_csv(path, dtype={'customer_id': str, 'order_id': str, 'channel': 'category'}, parse_dates=['date'])
    t1 = time.perf_counter()
    obs = df['date'].max()
    pur = (
        df[~(df['amount'] < 0)]
        .groupby(['customer_id', 'order_id'], sort=False)
        .agg(d=('date', 'min'), amt=('amount', 'sum'))
        .reset_index()
    )
    pm = month_index(pur['d'])
    p0 = int(pm.min())
    last = obs.year * 12 + obs.month - 1 - p0
    P = last + 1
    pur_p = pm - p0
    cid, ids = pd.factorize(pur['customer_id'])
    n = len(ids)
    # purchases per (customer, period)
    buy = np.zeros((n, P), dtype=bool)
    buy[cid, pur_p] = True
    fp = np.argmax(buy, axis=1)
    lp = P - 1 - np.argmax(buy[:, ::-1], axis=1)
    active = buy.copy()
    for s in range(1, W):
        active[:, s:] |= buy[:, :-s]
    E = active.sum(axis=0)
    S = np.concatenate([[0], E[:-1]])
    N = np.bincount(fp, minlength=P)
    prev = np.zeros_like(active)
    prev[:, 1:] = active[:, :-1]
    lost = (prev & ~active).sum(axis=0)
    react = (active & ~prev & (fp[:, None] < np.arange(P)[None, :])).sum(axis=0)
    orders = np.bincount(pur_p, minlength=P)
    # customers' rows (all rows, returns included) for revenue
    row_c = pd.Index(ids).get_indexer(df['customer_id'])
    mine = row_c >= 0
    row_c = row_c[mine]
    row_p = month_index(df['date'][mine]) - p0
    amt = df['amount'].to_numpy()[mine]
    inside = (row_p >= 0) & (row_p < P)
    revenue = np.bincount(row_p[inside], weights=amt[inside], minlength=P)
    periods = pd.DataFrame({'start': S, 'end': E, 'new': N, 'lost': lost, 'reactivated': react, 'orders': orders, 'revenue': revenue})
    S_ = periods['start'].replace(0, np.nan)
    periods['crr'] = (periods['end'] - periods['new']) / S_ * 100
    periods['churn_naive'] = periods['lost'] / S_ * 100
    # cohorts
    size = np.bincount(fp, minlength=P)
    retained = np.zeros((P, P))
    b_rows, b_cols = np.nonzero(buy)
    np.add.at(retained, (fp[b_rows], b_cols - fp[b_rows]), 1)
    lastk = np.zeros((P, P))
    np.add.at(lastk, (fp, lp - fp), 1)
    rolling = lastk[:, ::-1].cumsum(axis=1)[:, ::-1]
    row_k = row_p - fp[row_c]
    keep = row_k >= 0
    rev = np.zeros((P, P))
    np.add.at(rev, (fp[row_c][keep], row_k[keep]), amt[keep])
    with np.errstate(invalid='ignore', divide='ignore'):
        ltv = rev.cumsum(axis=1) / size[:, None]
        retention = retained / size[:, None]
        rolling_share = rolling / size[:, None]
    valid = (size[:, None] > 0) & (np.arange(P)[:, None] + np.arange(P)[None, :] <= last)
    cells = int(valid.sum())
    # customer figures
    pd_days = pur.assign(c=cid, day=pur['d']).groupby(['c', 'day'], sort=True)['amt'].sum().reset_index()
    pd_c = pd_days['c'].to_numpy()
    ndays = np.bincount(pd_c, minlength=n)
    first_idx = np.concatenate([[0], np.cumsum(ndays)[:-1]])
    day_amt = pd_days['amt'].to_numpy()
    day_sum = np.bincount(pd_c, weights=day_amt, minlength=n)
    first_day = pd_days['day'].to_numpy()[first_idx]
    last_day = pd_days['day'].to_numpy()[first_idx + ndays - 1]
    frequency = ndays - 1
    with np.errstate(invalid='ignore', divide='ignore'):
        monetary = np.where(frequency > 0, (day_sum - day_amt[first_idx]) / frequency, 0.0)
    n_orders = np.bincount(cid, minlength=n)
    cust_rev = np.bincount(row_c, weights=amt, minlength=n)
    recency = (last_day - first_day) // np.timedelta64(1, 'D')
    T = (np.datetime64(obs) - first_day) // np.timedelta64(1, 'D')
    since_last = (np.datetime64(obs) - last_day) // np.timedelta64(1, 'D')
    r = score(-since_last)
    f = score(n_orders)
    m = score(np.round(cust_rev * 100))
    seg = rfm_segment(r, f)
    act_now = lp >= last - W + 1
    ctype = np.full(n, 'regular', dtype=object)
    ctype[(n_orders == 1) & ~act_now] = 'one-time'
    ctype[act_now & (T >= 365) & (frequency >= 3)] = 'loyal'
    ctype[fp >= last - W + 1] = 'new'
    customers = pd.DataFrame({
        'customer_id': ids, 'orders': n_orders, 'first_purchase': first_day, 'last_purchase': last_day,
        'revenue': cust_rev, 'frequency': frequency, 'recency': recency, 'T': T, 'monetary_value': monetary,
        'r_score': r, 'f_score': f, 'm_score': m, 'rfm_segment': seg, 'type': ctype, 'cohort': fp,
    })
    segments = customers.groupby('rfm_segment')['revenue'].agg(['size', 'sum'])
    types = customers.groupby('type')['revenue'].agg(['size', 'sum'])
    t2 = time.perf_counter()
    labels = [f'{(p + p0) // 12:04d}-{(p + p0) % 12 + 1:02d}' for p in range(P)]
    c0 = int(np.argmax(size > 0))
    check = {
        'periods': [
            [labels[p], int(S[p]), int(E[p]), int(N[p]), int(lost[p]), int(react[p]), int(orders[p]), round(float(revenue[p]), 2)]
            for p in range(P)
        ],
        'cohort0': [int(x) for x in retained[c0, : last - c0 + 1]],
        'cells': cells,
        'sum_retained': int(retained[valid].sum()),
        'sum_rolling': int(rolling[valid].sum()),
        'customers': n,
        'sum_frequency': int(frequency.sum()),
        'sum_recency': int(recency.sum()),
        'sum_T': int(T.sum()),
        'sum_r': int(r.sum()),
        'sum_f': int(f.sum()),
        'sum_m': int(m.sum()),
        'segments': {k: int(v) for k, v in segments['size'].items()},
        'types': {k: int(v) for k, v in types['size'].items()},
    }
    del retention, rolling_share, ltv
    return (t1 - t0) * 1000, (t2 - t1) * 1000, check


def main():
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    reads, computes, totals = [], [], []
    check = None
    for _ in range(runs):
        read_ms, compute_ms, check = analyse(path)
        reads.append(read_ms)
        computes.append(compute_ms)
        totals.append(read_ms + compute_ms)
    print(json.dumps({
        'pandas': pd.__version__,
        'read_ms': statistics.median(reads),
        'compute_ms': statistics.median(computes),
        'total_ms': statistics.median(totals),
        'check': check,
    }))


if __name__ == '__main__':
    main()
