/** Parsing and validation of query values and common formats, shared by every family. */
import { badRequest } from './problems';

/** Same pattern ajv-formats uses for `format: email`, so what we accept also passes the schema. */
export const EMAIL_PATTERN =
	/^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** A positive integer id as it appears in a path or query (no sign, no leading zero, at most 15 digits). */
export const POSITIVE_ID = /^[1-9]\d{0,14}$/;

/** Parses a date-time query value; accepts anything `Date` understands (liberal), else 400. */
export function parseDateParam(name: string, value: string | undefined): number | undefined {
	if (value === undefined || value === '') return undefined;
	const ms = Date.parse(value);
	if (Number.isNaN(ms))
		throw badRequest(`${name} must be an ISO 8601 date-time, e.g. 2024-01-31T00:00:00.000Z.`);
	return ms;
}

/** The `limit` of a cursor-paginated list: 1 to 100, 25 when absent. */
export function parseLimit(value: string | undefined): number {
	if (value === undefined || value === '') return 25;
	if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 100) {
		throw badRequest('limit must be an integer between 1 and 100.');
	}
	return Number(value);
}
