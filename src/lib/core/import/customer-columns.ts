/** Column roles of a customer list (id, name, signup date), small enough for the main thread's bundle. */

/** Which column of the list holds what (0-based). Every other column becomes a dimension. */
export interface CustomerListMapping {
	id: number;
	name?: number;
	signup?: number;
}

export const NAME_RE = /(^|[\s_])(name|full.?name|customer.?name|client.?name)$|^نام|^имя|^фио|^наименование/i;
export const SIGNUP_RE = /sign.?up|joined|registered|registration|created|since|first.?seen|عضویت|ثبت.?نام|регистрац/i;
export const ID_RE = /^(customer|client|buyer|member|user)?[\s_.-]*(id|no|number|code|#)$|^(customer|client)$|شماره.?مشتری|کد.?مشتری|^مشتری$|код.?клиента|^клиент$/i;

/** A first guess of the list's columns from its header names. */
export function guessCustomerListMapping(headers: string[], customerColumn?: number): CustomerListMapping {
	const find = (re: RegExp, not: number[] = []) => headers.findIndex((h, i) => !not.includes(i) && re.test(h.trim()));
	let id = customerColumn ?? -1;
	if (id < 0) id = find(ID_RE);
	if (id < 0) id = 0;
	const name = find(NAME_RE, [id]);
	const signup = find(SIGNUP_RE, [id, name]);
	return { id, ...(name >= 0 ? { name } : {}), ...(signup >= 0 ? { signup } : {}) };
}

