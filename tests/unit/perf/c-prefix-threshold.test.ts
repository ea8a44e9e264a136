// The C-prefix return rule (METRICS.md §1) reads the order ids in finish; it stops early once more than
// 1/20 of them are neither `C` + digits nor digits (issue 5). The decision must stay the same on both
// sides of the 95 % threshold, with the non-numeric ids first (the ones that trigger the early stop).
import { expect, it } from 'vitest';
import { FLAG_RETURN } from '../../../src/lib/core/types.ts';
import { runBytes } from '../import/harness.ts';

function file(others: number, digits: number): string {
	const rows: string[] = [];
	for (let i = 0; i < others; i++) rows.push(`X-${i},2024-01-01,1`);
	rows.push('C1,2024-01-01,1');
	for (let i = 0; i < digits; i++) rows.push(`${1000 + i},2024-01-01,1`);
	return `order,date,amount\n${rows.join('\n')}\n`;
}
const flagsOf = (text: string) => [...runBytes(new TextEncoder().encode(text), 't.csv', null).result.data!.flags];

it('10 other ids of 201 (digits 190 ≥ 0.95 × 200): C1 is a return', () => {
	const flags = flagsOf(file(10, 190));
	expect(flags.length).toBe(201);
	expect(flags[10]).toBe(FLAG_RETURN);
	expect(flags.filter((f) => f !== 0).length).toBe(1);
});

it('11 other ids of 201 (digits 189 < 0.95 × 200): the rule stays off', () => {
	const flags = flagsOf(file(11, 189));
	expect(flags.length).toBe(201);
	expect(flags.every((f) => f === 0)).toBe(true);
});
