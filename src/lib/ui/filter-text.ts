/**
 * The active row filter in words (issue 6: "the active filters are always visible"): the chips of the
 * filter bar, and the line exported charts carry under their dataset name so a PNG of filtered
 * figures says so.
 */
import type { OrderFilter } from '../core/filter';
import { i18n, t } from '../i18n/locale.svelte';
import { MESSAGES, type MessageKey } from '../i18n/messages';

/** A dimension's name in the UI language when it is a canonical field (location → Location); a column of the user's file keeps its own name. */
export function dimensionLabel(name: string): string {
	const key = `field.${name}`;
	return key in MESSAGES.en ? t(key as MessageKey) : name;
}

/** One condition of the filter: its words, and the filter left when it is removed (the chip's × button). */
export interface FilterCondition {
	id: string;
	label: string;
	without: () => OrderFilter;
}

/** The filter's conditions in the filter bar's order: from, to, then each dimension value. */
export function filterConditions(f: OrderFilter): FilterCondition[] {
	const out: FilterCondition[] = [];
	if (f.from !== null) out.push({ id: 'from', label: t('filter.chipFrom', { date: i18n.day(f.from) }), without: () => ({ ...f, from: null }) });
	if (f.to !== null) out.push({ id: 'to', label: t('filter.chipTo', { date: i18n.day(f.to) }), without: () => ({ ...f, to: null }) });
	for (const d of f.dims)
		for (const v of d.values)
			out.push({
				id: `${d.dimension}=${v}`,
				label: t('filter.chipDim', { dimension: dimensionLabel(d.dimension), value: v }),
				without: () => ({ ...f, dims: f.dims.map((x) => (x === d ? { ...x, values: x.values.filter((y) => y !== v) } : x)) })
			});
	return out;
}

/** One label per condition (the chips' words). */
export function filterLabels(f: OrderFilter): string[] {
	return filterConditions(f).map((c) => c.label);
}

/** The whole filter as one line in the UI language (Intl list), or '' when nothing is filtered. */
export function filterSentence(f: OrderFilter): string {
	const labels = filterLabels(f);
	return labels.length ? new Intl.ListFormat(i18n.lang, { type: 'conjunction' }).format(labels) : '';
}
