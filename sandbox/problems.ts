/**
 * RFC 9457 problem documents. The stable code is sent both as `code` and as the `#fragment`
 * of the `type` URL, because the vendor's pages use one or the other.
 */

export const ERROR_TYPE_BASE = 'https://docs.buildworkpro.com/errors#';

export type ErrorCode =
	| 'bad_request'
	| 'unauthorized'
	| 'token_expired'
	| 'forbidden'
	| 'scope_insufficient'
	| 'subscription_inactive'
	| 'tenant_suspended'
	| 'not_found'
	| 'conflict'
	| 'idempotency_key_reused'
	| 'validation_failed'
	| 'rate_limited'
	| 'internal_error'
	| 'service_unavailable'
	| 'maintenance';

const TITLES: Record<ErrorCode, string> = {
	bad_request: 'Bad request',
	unauthorized: 'Unauthorized',
	token_expired: 'Token expired',
	forbidden: 'Forbidden',
	scope_insufficient: 'Insufficient scope',
	subscription_inactive: 'Subscription inactive',
	tenant_suspended: 'Tenant suspended',
	not_found: 'Not found',
	conflict: 'Conflict',
	idempotency_key_reused: 'Idempotency key reused',
	validation_failed: 'Validation failed',
	rate_limited: 'Too many requests',
	internal_error: 'Internal server error',
	service_unavailable: 'Service unavailable',
	maintenance: 'Down for maintenance',
};

export interface FieldError {
	field: string;
	code: string;
	message: string;
}

export interface ProblemDocument {
	type: string;
	title: string;
	status: number;
	code: ErrorCode;
	detail?: string;
	request_id?: string;
	errors?: FieldError[];
	[extra: string]: unknown;
}

/** Thrown anywhere in request handling; turned into a problem+json answer by the pipeline. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: ErrorCode,
		detail?: string,
		readonly errors?: FieldError[],
		readonly headers: Record<string, string> = {},
		readonly extra: Record<string, unknown> = {},
		/** Title override, e.g. for 405/413/415 which reuse the generic bad_request code. */
		readonly title?: string,
	) {
		super(detail ?? TITLES[code]);
	}

	toProblem(requestId: string): ProblemDocument {
		const problem: ProblemDocument = {
			type: ERROR_TYPE_BASE + this.code,
			title: this.title ?? TITLES[this.code],
			status: this.status,
			code: this.code,
			detail: this.message,
			request_id: requestId,
			...this.extra,
		};
		// `errors` belongs to 422 answers only.
		if (this.status === 422) problem.errors = this.errors ?? [];
		return problem;
	}
}

export const badRequest = (detail: string) => new ApiError(400, 'bad_request', detail);
export const notFound = (detail = 'The requested resource does not exist.') =>
	new ApiError(404, 'not_found', detail);
/** A request a rate limit refused: 429 with Retry-After, plus `headers` (the RateLimit-* ones). */
export const rateLimited = (retryAfterSeconds: number, headers: Record<string, string> = {}) =>
	new ApiError(
		429,
		'rate_limited',
		`Rate limit exceeded. Retry after ${retryAfterSeconds} s.`,
		undefined,
		{ ...headers, 'Retry-After': String(retryAfterSeconds) },
	);
export const validationFailed = (errors: FieldError[]) =>
	new ApiError(
		422,
		'validation_failed',
		`The request body is invalid: ${errors.map((e) => `${e.field} (${e.code})`).join(', ')}.`,
		errors,
	);
