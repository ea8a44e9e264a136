// Normalising rules of the streaming importer (METRICS.md §1, badcsv rules 1–9, 13).
import { describe, expect, it } from 'vitest';
import { FLAG_DISCOUNT, FLAG_RETURN } from '../../../src/lib/core/types.ts';
import type { ImportOptions, Mapping } from '../../../src/lib/core/types.ts';
import { formatDay } from '../../../src/lib/core/parse/day-number.ts';
import { runBytes, summarise } from './harness.ts';

const run = (text: string, options: ImportOptions = {}, mapping: Mapping | null = null, piece = 7) =>
	runBytes(new TextEncoder().encode(text), 't.csv', mapping, options, piece).result;

describe('customer ids', () => {
	it('keeps ids as exact strings', () => {
		const r = run('customer_id,order_id,order_date,amount\n00123,1,2024-01-01,1\n0123,2,2024-01-01,1\n123,3,2024-01-01,1\n9007199254740993,4,2024-01-01,1\n9007199254740992,5,2024-01-01,1\n1e5,6,2024-01-01,1\n1E5,7,2024-01-01,1\n');
		expect(r.data?.customerIds).toEqual(['00123', '0123', '123', '9007199254740993', '9007199254740992', '1e5', '1E5']);
	});
	it('strips a spreadsheet `.0` only when every id is digits + `.0`', () => {
		expect(run('customer_id,order_id,order_date,amount\n17850.0,1,2024-01-01,1\n,2,2024-01-01,1\n13047.0,3,2024-01-01,1\n').data?.customerIds).toEqual(['17850', '13047']);
		expect(run('customer_id,order_id,order_date,amount\n17850.0,1,2024-01-01,1\n1.50,2,2024-01-01,1\n').data?.customerIds).toEqual(['17850.0', '1.50']);
	});
	it('imports empty ids as flagged guest rows', () => {
		const r = run('customer_id,order_id,order_date,amount\nC1,1,2024-01-01,1\n  ,2,2024-01-02,2\n');
		expect(r.data?.customer[1]).toBe(-1);
		expect(r.facts.outcome).toBe('import-with-warnings');
		expect(r.report).toEqual([{ line: 3, column: 'customer_id', value: '  ', reason: 'missing_customer_id', skipped: false }]);
	});
	it('treats placeholder ids like NULL as guests, never as a fake customer', () => {
		const r = run('customer_id,order_id,order_date,amount\nNULL,1,2024-01-01,1\nundefined,2,2024-01-01,1\nC1,3,2024-01-01,1\n');
		expect(r.data?.customerIds).toEqual(['C1']);
		expect([...r.data!.customer]).toEqual([-1, -1, 0]);
	});
	it('flags bidi controls in ids and keeps them', () => {
		const r = run('customer_id,order_id,order_date,amount\nC\u202e1,1,2024-01-01,1\n');
		expect(r.data?.customerIds).toEqual(['C\u202e1']);
		expect(r.facts.warnings).toEqual(['bidi_control_in_id']);
	});
});

describe('dates and decimals across the file', () => {
	it('decides D/M from one proving row at the end', () => {
		const rows = Array.from({ length: 30 }, (_, i) => `C${i},${i},0${1 + (i % 9)}/0${1 + (i % 7)}/2022,1`);
		const r = run(`customer_id,order_id,order_date,amount\n${rows.join('\n')}\nX,99,25/03/2022,1\n`);
		expect(r.facts.date_order).toBe('dmy');
		expect(formatDay(r.data!.day[0])).toBe('2022-01-01');
		expect(formatDay(r.data!.day[1])).toBe('2022-02-02');
		expect(formatDay(r.data!.day[2])).toBe('2022-03-03');
		expect(formatDay(r.data!.day[5])).toBe('2022-06-06');
		expect(formatDay(r.data!.day[7])).toBe('2022-01-08');
	});
	it('asks for the date order when nothing proves it, and uses the answer', () => {
		const text = 'customer_id,order_id,order_date,amount\nA,1,01/02/2022,1\nB,2,03/04/2022,1\n';
		const r = run(text);
		expect(r.facts.outcome).toBe('needs-answer');
		expect(r.facts.question?.kind).toBe('date_order');
		expect(r.data).toBeNull();
		expect(formatDay(run(text, { dateOrder: 'mdy' }).data!.day[0])).toBe('2022-01-02');
		expect(formatDay(run(text, { dateOrder: 'dmy' }).data!.day[0])).toBe('2022-02-01');
	});
	it('asks about "1.250" and uses the answer', () => {
		const text = 'customer_id;order_id;order_date;amount\nA;1;2024-01-01;1.250\nB;2;2024-01-02;350\n';
		expect(run(text).facts.question?.kind).toBe('decimal');
		expect(run(text, { decimal: '.' }).data!.amount[0]).toBe(1.25);
		expect(run(text, { decimal: ',' }).data!.amount[0]).toBe(1250);
	});
	it('reports the written component order', () => {
		expect(run('customer_id,order_id,order_date,amount\nA,1,06.03.2022,1\n').facts.date_order).toBe('dmy');
		expect(run('customer_id,order_id,order_date,amount\nA,1,2022-03-06,1\n').facts.date_order).toBe('ymd');
		expect(run('customer_id,order_id,order_date,amount\nA,1,45123,1\n').facts.date_order).toBe(null);
	});
	it('decides the decimal comma from the file', () => {
		const r = run('customer_id;order_id;order_date;amount\nA;1;05.03.2022;1.234,56\nB;2;06.03.2022;1.250\n');
		expect(r.facts.decimal).toBe(',');
		expect([...r.data!.amount]).toEqual([1234.56, 1250]);
	});
	it('skips impossible and missing dates with the reason', () => {
		const r = run('customer_id,order_id,order_date,amount\nA,1,2023-02-30,1\nB,2,,1\nC,3,NULL,1\nD,4,2024-02-29,1\n');
		expect(r.report.map((e) => [e.line, e.reason])).toEqual([[2, 'invalid_date'], [3, 'missing_date'], [4, 'missing_date']]);
		expect(r.facts.rows_imported).toBe(1);
		expect(r.facts.warnings).toEqual(['rows_skipped']);
	});
});

describe('amounts and returns', () => {
	it('never imports an empty or junk amount as 0', () => {
		const r = run('customer_id,order_id,order_date,amount\nA,1,2024-01-01,\nB,2,2024-01-01,N/A\nC,3,2024-01-01,#VALUE!\nD,4,2024-01-01,0.00\n');
		expect(r.report.map((e) => e.reason)).toEqual(['missing_amount', 'invalid_amount', 'invalid_amount']);
		expect([...r.data!.amount]).toEqual([0]);
	});
	it('computes quantity × unit price and flags negative quantities as returns', () => {
		const r = run('InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n536365,6,2010-12-01 08:26:00,2.55,17850.0\nC536379,-1,2010-12-01 09:41:00,27.50,14527.0\n');
		expect(r.data!.hasAmount).toBe(true);
		expect([...r.data!.amount]).toEqual([15.299999999999999, -27.5]);
		expect([...r.data!.flags]).toEqual([0, FLAG_RETURN]);
	});
	it('turns the C-prefix convention on automatically, and lets the user switch it off', () => {
		const rows = ['536365,2010-12-01,1', 'C536366,2010-12-01,5', '536367,2010-12-02,1'];
		const text = `InvoiceNo,InvoiceDate,Amount\n${rows.join('\n')}\n`;
		expect([...run(text).data!.flags]).toEqual([0, FLAG_RETURN, 0]);
		expect(run(text).facts.warnings).toEqual(['return_positive_amount']);
		expect([...run(text, { cPrefixReturns: false }).data!.flags]).toEqual([0, 0, 0]);
		const mixed = `order,date,amount\nC1,2024-01-01,1\nAB-2,2024-01-01,1\n3,2024-01-01,1\n`;
		expect([...run(mixed).data!.flags]).toEqual([0, 0, 0]);
	});
	it('flags returns from status words and discounts', () => {
		const r = run('order,date,amount,status,discount\n1,2024-01-01,-5,refunded,0\n2,2024-01-01,-5,Возврат,no\n3,2024-01-01,5,paid,10%\n4,2024-01-01,-5,مرجوعی,\n');
		expect([...r.data!.flags]).toEqual([FLAG_RETURN, FLAG_RETURN, FLAG_DISCOUNT, FLAG_RETURN]);
	});
	it('has no amount when none is mapped', () => {
		const r = run('id,date\n1,2024-01-01\n2,2024-01-02\n', {}, { customer_id: 0, date: 1 });
		expect(r.data!.hasAmount).toBe(false);
		expect(Number.isNaN(r.data!.amount[0])).toBe(true);
	});
});

describe('structure', () => {
	it('skips exact duplicates when an order id is mapped, keeps them without', () => {
		const text = 'customer_id,order_id,order_date,amount\nA,1,2024-01-01,1\nA,1,2024-01-01,1\n';
		const skip = run(text);
		expect([skip.facts.rows_imported, skip.facts.duplicate_rows, skip.report[0].reason, skip.report[0].skipped]).toEqual([1, 1, 'duplicate_row', true]);
		expect(run(text, { duplicates: 'keep' }).facts.rows_imported).toBe(2);
		const noOrder = run('customer_id,order_date,amount\nA,2024-01-01,1\nA,2024-01-01,1\n');
		expect([noOrder.facts.rows_imported, noOrder.facts.duplicate_rows, noOrder.facts.warnings]).toEqual([2, 1, ['duplicate_rows_kept']]);
		expect(run('customer_id,order_date,amount\nA,2024-01-01,1\nA,2024-01-01,1\n', { duplicates: 'skip' }).facts.rows_imported).toBe(1);
	});
	it('skips summary rows, repeated headers and shifted rows; pads short rows', () => {
		const r = run('order_id,customer,amount,order_date,note\n1,A,5,2024-01-01,x\n2,B,6,2024-01-02\norder_id,customer,amount,order_date,note\n3,C,7,2024-01-03,x,extra\n4,D\nTotal,,18,,\n');
		expect(r.report.map((e) => [e.line, e.reason, e.skipped])).toEqual([
			[3, 'short_row_padded', false],
			[4, 'repeated_header', true],
			[5, 'too_many_fields', true],
			[6, 'too_few_fields', true],
			[7, 'summary_row', true]
		]);
		expect(r.facts.rows_imported).toBe(2);
		expect(r.facts.rows_rejected).toBe(4);
	});
	it('finds a summary label in any column', () => {
		const r = run('order_id,customer,order_date,amount\n1,A,2024-01-01,5\n,Итого:,,5\n');
		expect(r.report.map((e) => [e.line, e.reason])).toEqual([[3, 'summary_row']]);
	});
	it('removes NUL with a warning and ignores NUL / Ctrl-Z padding', () => {
		const r = run('customer_id,order_id,order_date,amount,product\nA,1,2024-01-01,1,Mu\u0000g\n' + '\u0000'.repeat(300) + '\u001a');
		expect(r.data!.dims[0].values).toEqual(['Mug']);
		expect(r.facts.warnings).toEqual(['control_chars_removed']);
		expect(r.facts.rows_imported).toBe(1);
	});
	it('keeps text exactly, only trimmed', () => {
		const r = run('customer_id,order_id,order_date,amount,product\n"  =HYPERLINK(""x"")  ",1,2024-01-01,1,"<b>&amp;</b>\u200c"\n');
		expect(r.data!.customerIds).toEqual(['=HYPERLINK("x")']);
		expect(r.data!.dims[0].values).toEqual(['<b>&amp;</b>\u200c']);
	});
	it('rejects a file whose records all fail', () => {
		expect(run('customer_id,order_id,order_date,amount\nA,1,,1\n').facts.outcome).toBe('reject');
	});
	it('reports progress and gives the same result for any piece size', () => {
		const text = 'customer_id,order_id,order_date,amount,product\n' + Array.from({ length: 200 }, (_, i) => `C${i % 17},${i},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${i}.5,"P ""${i % 5}""\r\nline"`).join('\r\n');
		const a = summarise(run(text, {}, null, 1));
		const b = summarise(run(text, {}, null, 100_000));
		expect(a).toEqual(b);
		expect(a.rows_imported).toBe(200);
	});
});

describe('scale', () => {
	it('streams 300k rows in 1 MB pieces with typed-array columns', () => {
		const parts = ['customer_id,order_id,order_date,amount,product\n'];
		for (let i = 0; i < 300_000; i++) parts.push(`C${i % 50_000},${100_000 + i},2023-${String(1 + (i % 12)).padStart(2, '0')}-15 10:00:00,${(i % 5000) / 100 + 1},P${i % 300}\n`);
		const bytes = new TextEncoder().encode(parts.join(''));
		const t0 = performance.now();
		const r = runBytes(bytes, 'big.csv', null, {}, 1 << 20).result;
		const ms = performance.now() - t0;
		expect(r.facts.rows_imported).toBe(300_000);
		expect(r.data!.customerIds.length).toBe(50_000);
		expect(r.data!.dims[0].values.length).toBe(300);
		expect(ms).toBeLessThan(20_000);
	});
});

describe('progress at the end of a large import', () => {
	it('finish() reports how far its row-by-row work is, rising and below 1, and the rows are unchanged', async () => {
		const { createImporter } = await import('../../../src/lib/core/import/importer.ts');
		const rows = 200_000;
		const lines = ['customer_id,order_id,date,amount'];
		for (let i = 0; i < rows; i++) lines.push(`c${i % 997},o${i},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${(i % 50) + 0.5}`);
		const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
		const importer = createImporter({ fileName: 'big.csv', mapping: { customer_id: 0, order_id: 1, date: 2, amount: 3 }, options: {} });
		for (let at = 0; at < bytes.length; at += 1 << 18) importer.push(bytes.subarray(at, at + (1 << 18)));
		const ticks: number[] = [];
		const result = importer.finish((f) => ticks.push(f));
		expect(result.data?.length).toBe(rows);
		expect(result.data?.amount[rows - 1]).toBe(((rows - 1) % 50) + 0.5);
		// one tick per 65,536 rows: 3 for 200,000
		expect(ticks.length).toBe(3);
		for (let i = 0; i < ticks.length; i++) {
			expect(ticks[i]).toBeGreaterThan(i === 0 ? 0 : ticks[i - 1]);
			expect(ticks[i]).toBeLessThan(1);
		}
	});
});

describe('the first MB is parsed a piece at a time (issue 5: progress every 250 ms)', () => {
	const bigFile = () => {
		const lines = ['customer_id,order_id,date,amount'];
		// multi-byte ids, so pieces end inside a character too
		for (let i = 0; i < 60_000; i++) lines.push(`клиент${i % 991},o${i},2024-02-${String(1 + (i % 28)).padStart(2, '0')},${(i % 40) + 0.25}`);
		return new TextEncoder().encode(lines.join('\n') + '\n');
	};
	const config = { fileName: 'big.csv', mapping: { customer_id: 0, order_id: 1, date: 2, amount: 3 }, options: {} };

	it('push() holds the first MB unparsed, pump() parses it in bounded pieces, and the result equals one without pump()', async () => {
		const { createImporter } = await import('../../../src/lib/core/import/importer.ts');
		const bytes = bigFile();
		expect(bytes.length).toBeGreaterThan(2 << 20);
		const piece = 1 << 18;
		const pumped = createImporter(config);
		const unparsed: number[] = [];
		const records: number[] = [];
		let pumps = 0;
		let pushed = 0;
		for (let at = 0; at < bytes.length; at += piece) {
			const part = bytes.subarray(at, at + piece);
			pumped.push(part);
			pushed += part.length;
			unparsed.push(pumped.unparsedBytes);
			while (pumped.pump(piece)) {
				pumps++;
				records.push(pumped.records);
				unparsed.push(pumped.unparsedBytes);
			}
		}
		// until the layout is known (1 MB) nothing is parsed; then 4 pumps of 256 kB parse that MB, the
		// records growing with each, and from then on push() parses as it goes
		expect(unparsed.slice(0, 3)).toEqual([piece, 2 * piece, 3 * piece]);
		expect(unparsed.slice(3, 8)).toEqual([4 * piece, 3 * piece, 2 * piece, piece, 0]);
		expect(pumps).toBe(4);
		for (let i = 1; i < records.length; i++) expect(records[i]).toBeGreaterThan(records[i - 1]);
		expect(unparsed.slice(8).every((n) => n === 0)).toBe(true);
		expect(pushed).toBe(bytes.length);

		const plain = createImporter(config);
		for (let at = 0; at < bytes.length; at += piece) plain.push(bytes.subarray(at, at + piece));
		const a = pumped.finish();
		const b = plain.finish();
		expect(a.data?.length).toBe(60_000);
		expect(a.facts).toEqual(b.facts);
		expect(Array.from(a.data!.customer)).toEqual(Array.from(b.data!.customer));
		expect(Array.from(a.data!.amount)).toEqual(Array.from(b.data!.amount));
		expect(Array.from(a.data!.day)).toEqual(Array.from(b.data!.day));
		expect(a.data!.customerIds).toEqual(b.data!.customerIds);
		expect(a.data!.customerIds[5]).toBe('клиент5');
	});

	it('a push() after a partial pump parses the rest of the first MB before its own bytes', async () => {
		const { createImporter } = await import('../../../src/lib/core/import/importer.ts');
		const bytes = bigFile();
		const importer = createImporter(config);
		importer.push(bytes.subarray(0, 1 << 20));
		expect(importer.pump(100_000)).toBe(true);
		expect(importer.unparsedBytes).toBe((1 << 20) - 100_000);
		importer.push(bytes.subarray(1 << 20));
		expect(importer.unparsedBytes).toBe(0);
		expect(importer.pump(1 << 18)).toBe(false);
		const r = importer.finish();
		expect(r.data?.length).toBe(60_000);
		expect(r.data?.amount[59_999]).toBe((59_999 % 40) + 0.25);
	});
});

describe('duplicate rows found through their order ids', () => {
	const text = [
		'order_id,customer,date,amount',
		'o1,A,not-a-date,5', // line 2: invalid date, skipped
		'o1,A,not-a-date,5', // line 3: repeats line 2 (a row already skipped still counts)
		'o2,B,2024-01-02,7', // line 4
		'o1,C,2024-01-03,9', // line 5: o1's first row that passes the date check
		'o2,B,2024-01-02,7', // line 6: repeats line 4, o2's first row
		'o3,D,2024-01-04,1', // line 7
		'o3,D,2024-01-04,2', // line 8: a second row of o3
		'o3,D,2024-01-04,2', // line 9: repeats line 8, not o3's first row
		' o3,D,2024-01-04,1' // line 10: same trimmed order id as line 7 but not the same row
	].join('\n');

	it("skips repeats of an order's first and later rows, numbers order ids as they first pass the date check", async () => {
		const { createImporter } = await import('../../../src/lib/core/import/importer.ts');
		const { unpackStrings } = await import('../../../src/lib/core/packed-strings.ts');
		const importer = createImporter({ fileName: 'dups.csv', mapping: { order_id: 0, customer_id: 1, date: 2, amount: 3 }, options: {} });
		importer.push(new TextEncoder().encode(text + '\n'));
		const r = importer.finish();
		const d = r.data;
		expect(d?.length).toBe(5);
		expect(unpackStrings(d!.orderIds)).toEqual(['o2', 'o1', 'o3']);
		expect(Array.from(d!.order)).toEqual([0, 1, 2, 2, 2]);
		expect(Array.from(d!.amount)).toEqual([7, 9, 1, 2, 1]);
		expect(r.report.map((e) => [e.line, e.reason])).toEqual([
			[2, 'invalid_date'],
			[3, 'duplicate_row'],
			[6, 'duplicate_row'],
			[9, 'duplicate_row']
		]);
		expect(r.facts.duplicate_rows).toBe(3);
	});
});
