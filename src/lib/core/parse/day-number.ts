/** Integer civil-date arithmetic (Gregorian and Solar Hijri) for the importer; to merge with core/calendar.ts later. */

/** Marks "no valid day" in day-number columns. */
export const NO_DAY = -2147483648;

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil); no validation. */
export function daysFromCivil(y: number, m: number, d: number): number {
	const yy = m <= 2 ? y - 1 : y;
	const era = Math.floor(yy / 400);
	const yoe = yy - era * 400;
	const mp = (m + 9) % 12;
	const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

export function isLeapYear(y: number): boolean {
	return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Day number of a valid Gregorian date (year 1..9999), or NO_DAY when impossible (never rolled over). */
export function gregorianDay(y: number, m: number, d: number): number {
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return NO_DAY;
	const max = m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1];
	if (d > max) return NO_DAY;
	return daysFromCivil(y, m, d);
}

/** ISO `YYYY-MM-DD` of a day number. */
export function formatDay(day: number): string {
	const z = day + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const m = mp < 10 ? mp + 3 : mp - 9;
	const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const JALALI_BREAKS = [
	-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178
];

const div = (a: number, b: number): number => Math.trunc(a / b);
const mod = (a: number, b: number): number => a - Math.trunc(a / b) * b;

/** The jalaali-js year computation: Gregorian year of Farvardin 1, its March day, and leap (0 = leap year). */
function jalCal(jy: number): { gy: number; march: number; leap: number } {
	const gy = jy + 621;
	let leapJ = -14;
	let jp = JALALI_BREAKS[0];
	let jump = 0;
	for (let i = 1; i < JALALI_BREAKS.length; i++) {
		const jm = JALALI_BREAKS[i];
		jump = jm - jp;
		if (jy < jm) break;
		leapJ = leapJ + div(jump, 33) * 8 + div(mod(jump, 33), 4);
		jp = jm;
	}
	let n = jy - jp;
	leapJ = leapJ + div(n, 33) * 8 + div(mod(n, 33) + 3, 4);
	if (mod(jump, 33) === 4 && jump - n === 4) leapJ += 1;
	const leapG = div(gy, 4) - div((div(gy, 100) + 1) * 3, 4) - 150;
	const march = 20 + leapJ - leapG;
	if (jump - n < 6) n = n - jump + div(jump + 4, 33) * 33;
	let leap = mod(mod(n + 1, 33) - 1, 4);
	if (leap === -1) leap = 4;
	return { gy, march, leap };
}

/** Day number of a valid Solar Hijri (Jalali) date, or NO_DAY when impossible (e.g. Esfand 30 of a common year). */
export function jalaliDay(jy: number, jm: number, jd: number): number {
	if (jy < 1 || jy > 3177 || jm < 1 || jm > 12 || jd < 1) return NO_DAY;
	const info = jalCal(jy);
	const max = jm <= 6 ? 31 : jm <= 11 ? 30 : info.leap === 0 ? 30 : 29;
	if (jd > max) return NO_DAY;
	return daysFromCivil(info.gy, 3, info.march) + (jm - 1) * 31 - div(jm, 7) * (jm - 7) + jd - 1;
}
