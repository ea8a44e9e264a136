// A customer list joined to the orders by id: potential customers (no purchase), extra columns as
// dimensions of the order rows, skipped list rows reported (issue 4, item 9; METRICS.md §6).
import { describe, expect, it } from 'vitest';
import { guessCustomerListMapping, joinCustomerList, parseCustomerList } from '../../../src/lib/core/import/customer-list.ts';
import { formatDay } from '../../../src/lib/core/parse/day-number.ts';
import { runBytes } from './harness.ts';

const orders = runBytes(
	new TextEncoder().encode('customer_id,order_id,order_date,amount,product\nC1,1,2024-01-05,10,Tea\nC2,2,2024-01-20,20,Mug\nC2,3,2024-02-01,-20,Mug\n,4,2024-02-02,5,Tea\nC9,5,2024-02-03,7,Tea\nC4,C6,2024-02-04,-3,Tea\n'),
	'o.csv',
	null,
	{},
	64
).result.data!;

const LIST = 'Customer ID;Name;Signup date;City;Tier\r\nC1;Ana;13/01/2023;Tehran;gold\r\nC2;Bo;02/02/2023;Shiraz;\r\n;Nobody;01/01/2023;Tabriz;x\r\nC3;Cy;;Tehran;silver\r\nC1;Ana again;01/01/2023;Karaj;gold\r\nC4;Di;05/03/2023;Mashhad;\r\n';
const headers = ['Customer ID', 'Name', 'Signup date', 'City', 'Tier'];

describe('customer list', () => {
	it('guesses id, name and signup columns from the header', () => {
		expect(guessCustomerListMapping(headers)).toEqual({ id: 0, name: 1, signup: 2 });
		expect(guessCustomerListMapping(['email', 'کد مشتری', 'نام'])).toEqual({ id: 1, name: 2 });
	});
	it('reads ids as text, skips and reports rows without an id and repeated ids, parses signup dates', () => {
		const list = parseCustomerList(LIST, { delimiter: ';', headerLine: 1, headers }, { id: 0, name: 1, signup: 2 });
		expect(list.ids).toEqual(['C1', 'C2', 'C3', 'C4']);
		expect(list.names).toEqual(['Ana', 'Bo', 'Cy', 'Di']);
		expect([...list.signup!].map((d, i) => (i === 2 ? d : formatDay(d)))).toEqual(['2023-01-13', '2023-02-02', list.signup![2], '2023-03-05']);
		expect(list.columns.map((c) => c.name)).toEqual(['City', 'Tier']);
		expect(list.report.map((r) => [r.line, r.reason])).toEqual([
			[4, 'missing_customer_id'],
			[6, 'duplicate_customer_id']
		]);
		expect(list.records).toBe(6);
	});
	it('joins by id: potential customers, dimensions on the order rows, ids missing from the list', () => {
		const list = parseCustomerList(LIST, { delimiter: ';', headerLine: 1, headers }, { id: 0, name: 1, signup: 2 });
		const j = joinCustomerList(orders, list);
		// C1 and C2 bought; C3 never ordered and C4 has only a return: both potential.
		expect(j.matched).toBe(2);
		expect(j.potential).toBe(2);
		expect(j.notInList).toBe(1); // C9
		expect(j.dimNames).toEqual(['City', 'Tier']);
		const city = j.data.dims.find((d) => d.name === 'City')!;
		expect([...city.codes].map((c) => (c < 0 ? '' : city.values[c]))).toEqual(['Tehran', 'Shiraz', 'Shiraz', '', '', 'Mashhad']);
		// Joining again (after an append) replaces the list's dimensions instead of adding them twice.
		const again = joinCustomerList(j.data, list, j.dimNames);
		expect(again.data.dims.map((d) => d.name)).toEqual(j.data.dims.map((d) => d.name));
	});
	it('a list column named like an order dimension gets its own name', () => {
		const list = parseCustomerList('id,product\nC1,x\n', { delimiter: ',', headerLine: 1, headers: ['id', 'product'] }, { id: 0 });
		const j = joinCustomerList(orders, list);
		expect(j.dimNames).toEqual(['product (customer list)']);
	});
});
