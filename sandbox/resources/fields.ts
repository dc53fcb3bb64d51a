/**
 * Field specs of the generic resource engine and the request-body validator built on them.
 * A family lists its fields once; the same list drives create/update validation (422
 * `validation_failed` with `errors[]`), defaults on create and the response projection.
 */
import { badRequest, validationFailed, type FieldError } from '../problems';
import { EMAIL_PATTERN } from '../query';

export type FieldKind =
	/** A string; `minLength`/`maxLength` apply. */
	| 'string'
	| 'integer'
	| 'boolean'
	/** A decimal amount: accepted as a numeric string or a number, stored and answered as a string. */
	| 'decimal'
	/** Any date or date-time `Date` understands; stored and answered as ISO 8601 UTC with ms. */
	| 'datetime'
	| 'email'
	/** Anything JSON (kept as sent). */
	| 'json';

export interface FieldSpec {
	name: string;
	type: FieldKind;
	nullable?: boolean;
	enum?: readonly string[];
	/** Required on create. */
	required?: boolean;
	/** Value on create when the body omits the field (a function gets the row being built). Else null when nullable. */
	default?: unknown | ((init: DefaultInit) => unknown);
	minLength?: number;
	maxLength?: number;
	min?: number;
	max?: number;
	/** Which bodies may set it: both (default), create only, update only, or none (computed / set by actions). */
	input?: 'both' | 'create' | 'update' | 'none';
	/** Not in the response schema's `required` list: left out of `compact` rows. */
	optional?: boolean;
	/** Kept on the row but never answered. */
	hidden?: boolean;
}

export interface DefaultInit {
	id: number;
	tenantId: number;
	nowIso: string;
	values: Record<string, unknown>;
}

/** int32, the range openapi.json gives most integer fields. */
export const INT32 = { min: -2147483648, max: 2147483647 } as const;

const describe = (value: unknown) =>
	value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
export const DECIMAL_PATTERN = /^-?\d{1,15}(\.\d{1,6})?$/;

/** Checks one value against its spec; returns the stored value or a field error. */
export function checkValue(
	spec: FieldSpec,
	value: unknown,
	field = spec.name,
): { value?: unknown; error?: FieldError } {
	const fail = (code: string, message: string) => ({ error: { field, code, message } });
	if (value === null) {
		return spec.nullable ? { value: null } : fail('invalid_type', `${field} must not be null.`);
	}
	switch (spec.type) {
		case 'string':
		case 'email': {
			if (typeof value !== 'string')
				return fail('invalid_type', `${field} must be a string, got ${describe(value)}.`);
			if (spec.enum && !spec.enum.includes(value))
				return fail('invalid_enum', `${field} must be one of: ${spec.enum.join(', ')}.`);
			if (spec.minLength !== undefined && value.length < spec.minLength) {
				return fail(
					'too_short',
					spec.minLength === 1
						? `${field} must not be empty.`
						: `${field} must be at least ${spec.minLength} characters.`,
				);
			}
			if (spec.maxLength !== undefined && value.length > spec.maxLength)
				return fail('too_long', `${field} must be at most ${spec.maxLength} characters.`);
			if (spec.type === 'email' && !EMAIL_PATTERN.test(value))
				return fail('invalid_format', `${field} must be a valid email address.`);
			return { value };
		}
		case 'integer': {
			if (typeof value !== 'number' || !Number.isInteger(value))
				return fail('invalid_type', `${field} must be an integer, got ${describe(value)}.`);
			if (spec.min !== undefined && value < spec.min)
				return fail('too_small', `${field} must be at least ${spec.min}.`);
			if (spec.max !== undefined && value > spec.max)
				return fail('too_large', `${field} must be at most ${spec.max}.`);
			return { value };
		}
		case 'boolean':
			return typeof value === 'boolean'
				? { value }
				: fail('invalid_type', `${field} must be a boolean, got ${describe(value)}.`);
		case 'decimal': {
			let text: string;
			if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
			else if (typeof value === 'string') text = value.trim();
			else
				return fail(
					'invalid_type',
					`${field} must be a decimal string such as "1250.00", got ${describe(value)}.`,
				);
			if (!DECIMAL_PATTERN.test(text))
				return fail('invalid_format', `${field} must be a decimal number such as "1250.00".`);
			if (spec.min !== undefined && Number(text) < spec.min)
				return fail('too_small', `${field} must be at least ${spec.min}.`);
			if (spec.max !== undefined && Number(text) > spec.max)
				return fail('too_large', `${field} must be at most ${spec.max}.`);
			return { value: text };
		}
		case 'datetime': {
			if (typeof value !== 'string')
				return fail(
					'invalid_type',
					`${field} must be a date or date-time string, got ${describe(value)}.`,
				);
			const ms = Date.parse(value);
			if (Number.isNaN(ms))
				return fail(
					'invalid_format',
					`${field} must be an ISO 8601 date or date-time, e.g. 2024-05-31T00:00:00.000Z.`,
				);
			return { value: new Date(ms).toISOString() };
		}
		case 'json':
			return { value };
	}
}

/** The body must be a JSON object (or absent, which counts as `{}`). */
export function bodyObject(body: unknown): Record<string, unknown> {
	if (body === undefined) return {};
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		throw badRequest('The request body must be a JSON object.');
	return body as Record<string, unknown>;
}

/**
 * Validates a create/update body against field specs. Unknown fields and fields the mode may
 * not set are ignored (the schemas do not forbid extra properties). Throws 422 with every error.
 * `prefix` names nested fields (e.g. `invoice.projectId`, `lines[0].description`).
 */
export function validateFields(
	specs: readonly FieldSpec[],
	body: unknown,
	mode: 'create' | 'update',
	prefix = '',
	errors?: FieldError[],
): Record<string, unknown> {
	const input = bodyObject(body);
	const own = errors ?? [];
	const out: Record<string, unknown> = {};
	for (const spec of specs) {
		const allowed = spec.input ?? 'both';
		if (allowed === 'none' || (allowed !== 'both' && allowed !== mode)) continue;
		const field = prefix + spec.name;
		if (!(spec.name in input) || input[spec.name] === undefined) {
			if (mode === 'create' && spec.required)
				own.push({ field, code: 'required', message: `${field} is required.` });
			continue;
		}
		const checked = checkValue(spec, input[spec.name], field);
		if (checked.error) own.push(checked.error);
		else out[spec.name] = checked.value;
	}
	if (!errors && own.length) throw validationFailed(own);
	return out;
}

/** Validates an action body (e.g. `{reason}`), all fields checked like a create body. */
export function validateActionBody(
	specs: readonly FieldSpec[] | undefined,
	body: unknown,
): Record<string, unknown> {
	if (!specs?.length) {
		bodyObject(body);
		return {};
	}
	return validateFields(specs, body, 'create');
}
