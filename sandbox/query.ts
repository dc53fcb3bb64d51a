/** Parsing and validation of query values and common formats, shared by every family. */
import { ApiError, badRequest } from './problems';

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

/** The distinct ids of a POST /<family>/get-many body ({ids: 1 to 50 positive integers}), else 400/422. */
export function parseGetManyIds(body: unknown): number[] {
	if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
		throw badRequest('The request body must be a JSON object.');
	}
	const ids = (body as { ids?: unknown } | undefined)?.ids;
	const fail = (code: string, message: string): never => {
		throw new ApiError(422, 'validation_failed', message, [{ field: 'ids', code, message }]);
	};
	if (ids === undefined) fail('required', 'ids is required.');
	if (!Array.isArray(ids))
		return fail('invalid_type', 'ids must be an array of positive integers.');
	if (ids.length < 1 || ids.length > 50) fail('invalid_length', 'ids must hold 1 to 50 ids.');
	if (!ids.every((v) => typeof v === 'number' && Number.isInteger(v) && v > 0))
		fail('invalid_type', 'Every id must be a positive integer.');
	return [...new Set(ids as number[])];
}
