/** A reliability period: whole days in the organizer's time zone, `to` included. */
export interface Period {
	/** Epoch ms of the first day's start, or null for "from the beginning". */
	from: number | null;
	/** Epoch ms just after the last day's end, or null for "until now". */
	to: number | null;
}

export const PERIOD_PRESETS = [
	{ id: '30d', label: 'Last 30 days', days: 30 },
	{ id: '90d', label: 'Last 90 days', days: 90 },
	{ id: '365d', label: 'Last 12 months', days: 365 },
	{ id: 'all', label: 'All time', days: null }
] as const;
export type PresetId = (typeof PERIOD_PRESETS)[number]['id'];

const DAY_MS = 86_400_000;

/** The start of the local day `days` days before `now` (today counts as one of them), to now. */
export function presetPeriod(id: PresetId, now: number): Period {
	const preset = PERIOD_PRESETS.find((p) => p.id === id)!;
	if (preset.days === null) return { from: null, to: null };
	const today = new Date(now);
	today.setHours(0, 0, 0, 0);
	return { from: today.getTime() - (preset.days - 1) * DAY_MS, to: null };
}

/** `yyyy-mm-dd` from a date input (local day) to a period; an empty field is open. */
export function periodFromDates(from: string, to: string): Period | { error: string } {
	const start = from ? localDay(from) : null;
	const end = to ? localDay(to) : null;
	if (Number.isNaN(start) || Number.isNaN(end)) return { error: 'Enter the dates as year-month-day.' };
	const after = end === null ? null : (end as number) + DAY_MS;
	if (start !== null && after !== null && after <= start) return { error: 'The end date is before the start date.' };
	return { from: start, to: after };
}

function localDay(text: string): number {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!m) return NaN;
	return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
}

/** The period in words, for the page's heading and for screen readers. */
export function describePeriod(p: Period): string {
	const day = (t: number) => new Date(t).toLocaleDateString([], { dateStyle: 'medium' });
	if (p.from === null && p.to === null) return 'all time';
	// `to` is exclusive (the next day's start, or the server's "now"): its last day is the one just before it.
	if (p.to === null) return `since ${day(p.from as number)}`;
	if (p.from === null) return `until ${day(p.to - 1)}`;
	return `${day(p.from)} to ${day(p.to - 1)}`;
}

/** The period as query parameters (epoch ms), leaving out the open ends. */
export function periodQuery(p: Period): string {
	const q = new URLSearchParams();
	if (p.from !== null) q.set('from', String(p.from));
	if (p.to !== null) q.set('to', String(p.to));
	const s = q.toString();
	return s ? `?${s}` : '';
}
