// Loads the lifetimes CDNOW summaries and example transactions from /work/shared/data for the prediction tests.
import { readFileSync } from 'node:fs';

const LIFETIMES = '/work/shared/data/lifetimes/';

function rows(file: string): number[][] {
	return readFileSync(LIFETIMES + file, 'utf8')
		.trim()
		.split(/\r?\n/)
		.slice(1)
		.map((line) => line.split(',').map(Number));
}

/** cdnow_customers_summary.csv: ID, frequency, recency, T (weeks). */
export function cdnowSummary(): { x: number[]; tx: number[]; T: number[] } {
	const r = rows('cdnow_customers_summary.csv');
	return { x: r.map((c) => c[1]), tx: r.map((c) => c[2]), T: r.map((c) => c[3]) };
}

/** cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar. */
export function cdnowWithTransactions(): { x: number[]; zbar: number[] } {
	const r = rows('cdnow_customers_summary_with_transactions.csv');
	return { x: r.map((c) => c[1]), zbar: r.map((c) => c[4]) };
}

/**
 * example_transactions.csv summarised as lifetimes' summary_data_from_transaction_data does by default
 * (PEER_EXPECTATIONS §1): daily periods, observation end = last date, frequency = distinct days − 1.
 */
export function exampleTransactionsDaily(): { x: number[]; tx: number[]; T: number[] } {
	const byId = new Map<string, Set<number>>();
	let end = -Infinity;
	for (const [date, id] of readFileSync(LIFETIMES + 'example_transactions.csv', 'utf8')
		.trim()
		.split(/\r?\n/)
		.slice(1)
		.map((l) => l.split(','))) {
		const [y, m, d] = date.slice(0, 10).split('-').map(Number);
		const day = Date.UTC(y, m - 1, d) / 86_400_000;
		end = Math.max(end, day);
		let days = byId.get(id);
		if (!days) byId.set(id, (days = new Set()));
		days.add(day);
	}
	const x: number[] = [];
	const tx: number[] = [];
	const T: number[] = [];
	for (const days of byId.values()) {
		const sorted = [...days].sort((a, b) => a - b);
		x.push(sorted.length - 1);
		tx.push(sorted[sorted.length - 1] - sorted[0]);
		T.push(end - sorted[0]);
	}
	return { x, tx, T };
}
