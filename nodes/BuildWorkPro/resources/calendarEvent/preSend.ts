import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { errorBeforeSending } from '../../../shared/errors';

/** BuildWorkPro's longest calendar window. */
export const MAX_WINDOW_DAYS = 366;
const DAY_MS = 86_400_000;

/**
 * Start and End as BuildWorkPro expects them: both given, full ISO 8601 timestamps in UTC (n8n's
 * date picker yields "2026-01-31T00:00:00" without a zone, read as UTC), End not before Start and
 * at most 366 days after it. A window the API would refuse is refused here, naming the field.
 */
export async function requireCalendarWindow(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const qs = (requestOptions.qs ??= {});
	const fail = (message: string, description: string) =>
		errorBeforeSending(this.getNode(), message, { itemIndex: this.getItemIndex(), description });
	const times: Record<string, number> = {};
	for (const [field, label] of [
		['start', 'Start'],
		['end', 'End'],
	] as const) {
		const text = String(qs[field] ?? '').trim();
		if (text === '')
			throw fail(
				`${label} is empty`,
				'BuildWorkPro lists calendar events of a time window: give both Start and End.',
			);
		const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
		const isDateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
		const ms = Date.parse(isDateOnly ? `${text}T00:00:00Z` : hasZone ? text : `${text}Z`);
		if (Number.isNaN(ms))
			throw fail(
				`${label} is not a valid date: "${text}"`,
				'Use a date such as 2026-01-31 or a timestamp such as 2026-01-31T08:00:00Z.',
			);
		times[field] = ms;
		qs[field] = new Date(ms).toISOString();
	}
	if (times.end < times.start) throw fail('End is before Start', 'Give an End at or after Start.');
	if (times.end - times.start > MAX_WINDOW_DAYS * DAY_MS) {
		throw fail(
			`The window from Start to End is longer than ${MAX_WINDOW_DAYS} days`,
			'BuildWorkPro lists at most 366 days at once: split the period into several runs.',
		);
	}
	return requestOptions;
}
