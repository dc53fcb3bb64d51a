import { randomUUID } from 'node:crypto';
import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type JsonObject,
} from 'n8n-workflow';

export const DEFAULT_BASE_URL = 'https://app.buildworkpro.com/api/v1';

/** Attempts per call when BuildWorkPro is rate limiting, briefly unavailable or the connection drops. */
const MAX_ATTEMPTS = 3;
/** Activation waits for these calls, so never sleep longer than this on one Retry-After. */
const MAX_RETRY_WAIT_MS = 10_000;

export interface ApiResponse {
	statusCode: number;
	body: IDataObject;
}

export interface ApiCall {
	method: IHttpRequestMethods;
	/** Relative to the credential's base URL, e.g. '/webhook-endpoints' */
	path: string;
	body?: IDataObject;
	/** Statuses the caller handles itself instead of getting an error (e.g. 404 on delete). */
	acceptStatuses?: number[];
	/** Turns a failed response into the error the user sees; defaults to describeApiError. */
	describeError?: (response: ApiResponse) => NodeApiError;
}

function credentialTypeOf(context: IHookFunctions): string {
	const authentication = context.getNodeParameter('authentication', 'apiKey') as string;
	return authentication === 'oAuth2' ? 'buildWorkProOAuth2Api' : 'buildWorkProApi';
}

async function baseUrlOf(context: IHookFunctions, credentialType: string): Promise<string> {
	const credentials = await context.getCredentials(credentialType);
	const configured = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	return (configured || DEFAULT_BASE_URL).replace(/\/+$/, '');
}

function parseBody(raw: unknown): IDataObject {
	if (raw === undefined || raw === null || raw === '') return {};
	if (typeof raw === 'string') {
		try {
			const parsed: unknown = JSON.parse(raw);
			return typeof parsed === 'object' && parsed !== null ? (parsed as IDataObject) : { value: parsed as string };
		} catch {
			return { detail: raw.slice(0, 500) };
		}
	}
	if (typeof raw === 'object') return raw as IDataObject;
	return { value: String(raw) };
}

function headerValue(headers: unknown, name: string): string | undefined {
	if (typeof headers !== 'object' || headers === null) return undefined;
	for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
		if (key.toLowerCase() === name) return Array.isArray(value) ? String(value[0]) : String(value);
	}
	return undefined;
}

/** The stable error code: `code`, else the `#fragment` of the problem `type` URL. */
export function problemCode(body: IDataObject): string | undefined {
	if (typeof body.code === 'string' && body.code) return body.code;
	if (typeof body.type === 'string') {
		const hash = body.type.lastIndexOf('#');
		if (hash >= 0 && hash < body.type.length - 1) return body.type.slice(hash + 1);
	}
	return undefined;
}

/** "detail (code: x, request_id: y)" for error descriptions. */
export function problemSummary(body: IDataObject): string {
	const parts: string[] = [];
	const code = problemCode(body);
	if (code) parts.push(`code: ${code}`);
	if (typeof body.request_id === 'string') parts.push(`request_id: ${body.request_id}`);
	const detail = typeof body.detail === 'string' ? body.detail : typeof body.title === 'string' ? body.title : '';
	const fieldErrors = Array.isArray(body.errors)
		? (body.errors as IDataObject[])
				.map((error) => `${String(error.field ?? '')}: ${String(error.message ?? error.code ?? '')}`)
				.join('; ')
		: '';
	return [detail, fieldErrors, parts.length ? `(${parts.join(', ')})` : ''].filter(Boolean).join(' ');
}

export function describeApiError(context: IHookFunctions, response: ApiResponse): NodeApiError {
	const { statusCode, body } = response;
	const title = typeof body.title === 'string' ? body.title : 'Request failed';
	let message = `BuildWorkPro answered ${statusCode}: ${title}`;
	if (statusCode === 401) {
		message = 'BuildWorkPro rejected the credential: check that the API key or OAuth2 connection is still valid';
	} else if (statusCode === 403 && problemCode(body) !== 'subscription_inactive' && problemCode(body) !== 'tenant_suspended') {
		message =
			'The BuildWorkPro credential lacks the "webhooks:manage" scope, which the trigger needs to register its webhook';
	} else if (statusCode === 429) {
		const retryAfter = typeof body.retryAfterSeconds === 'number' ? ` in about ${body.retryAfterSeconds} s` : '';
		message = `BuildWorkPro is rate limiting this API key: try publishing again${retryAfter}`;
	}
	return new NodeApiError(context.getNode(), body as JsonObject, {
		message,
		description: problemSummary(body) || undefined,
		httpCode: String(statusCode),
	});
}

function isRetryableStatus(statusCode: number, attempt: number): boolean {
	if (statusCode === 429 || statusCode === 503 || statusCode === 502 || statusCode === 504) return true;
	// The vendor advises retrying a 500 once.
	return statusCode === 500 && attempt === 1;
}

function retryDelayMs(retryAfterHeader: string | undefined, attempt: number): number {
	const seconds = retryAfterHeader !== undefined ? Number(retryAfterHeader) : Number.NaN;
	const wanted = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000 * 2 ** (attempt - 1);
	return Math.min(wanted, MAX_RETRY_WAIT_MS);
}

/**
 * A dropped or timed-out connection: the request may or may not have reached BuildWorkPro, so
 * it is retried (with the same Idempotency-Key for writes).
 */
function isConnectionError(failure: { message?: string; code?: string; httpCode?: string | null }): boolean {
	if (failure.httpCode && /^\d{3}$/.test(String(failure.httpCode))) return false;
	const code = String(failure.code ?? failure.httpCode ?? '');
	return (
		/^(ECONN|EPIPE|ETIMEDOUT|ESOCKET|EAI_AGAIN|UND_ERR)/.test(code) ||
		/socket hang up|ECONNRESET|ECONNREFUSED|ETIMEDOUT|timeout|connection.*(aborted|closed|reset)|other side closed|terminated/i.test(
			String(failure.message ?? ''),
		)
	);
}

/**
 * Calls the BuildWorkPro API with the node's credential. Writes carry one Idempotency-Key for
 * all their attempts, so retrying after a dropped connection never registers a second
 * endpoint. Statuses outside 2xx and `acceptStatuses` become NodeApiErrors that never contain
 * the key.
 */
export async function buildWorkProApiRequest(this: IHookFunctions, call: ApiCall): Promise<ApiResponse> {
	const credentialType = credentialTypeOf(this);
	const baseUrl = await baseUrlOf(this, credentialType);
	const headers: IDataObject = { Accept: 'application/json' };
	if (call.method !== 'GET') headers['Idempotency-Key'] = randomUUID();

	const options: IHttpRequestOptions = {
		method: call.method,
		url: `${baseUrl}${call.path}`,
		headers,
		json: true,
		returnFullResponse: true,
		// We read problem+json bodies ourselves; a 401 still throws so n8n can refresh an OAuth2 token.
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
		timeout: 30_000,
	};
	if (call.body !== undefined) options.body = call.body;

	for (let attempt = 1; ; attempt++) {
		let raw: { statusCode: number; body: unknown; headers?: unknown };
		try {
			raw = await this.helpers.httpRequestWithAuthentication.call(this, credentialType, options);
		} catch (error) {
			const failure = error as { message?: string; code?: string; httpCode?: string | null };
			if (String(failure.httpCode) === '401') {
				throw describeApiError(this, { statusCode: 401, body: {} });
			}
			const connectionLost = isConnectionError(failure);
			if (attempt < MAX_ATTEMPTS && connectionLost) {
				await sleep(retryDelayMs(undefined, attempt));
				continue;
			}
			// Only the message and code travel on: a raw HTTP error holds the request and its headers.
			const message = String(failure.message ?? 'unknown error');
			throw new NodeApiError(
				this.getNode(),
				{ message, code: String(failure.code ?? failure.httpCode ?? '') },
				connectionLost
					? { message: `Could not reach BuildWorkPro at ${baseUrl}`, description: message }
					: { message },
			);
		}

		const response: ApiResponse = { statusCode: raw.statusCode, body: parseBody(raw.body) };
		if ((response.statusCode >= 200 && response.statusCode < 300) || call.acceptStatuses?.includes(response.statusCode)) {
			return response;
		}
		const retryAfter = headerValue(raw.headers, 'retry-after');
		if (attempt < MAX_ATTEMPTS && isRetryableStatus(response.statusCode, attempt)) {
			await sleep(retryDelayMs(retryAfter, attempt));
			continue;
		}
		if (retryAfter !== undefined && Number.isFinite(Number(retryAfter))) {
			response.body = { ...response.body, retryAfterSeconds: Number(retryAfter) };
		}
		throw (call.describeError ?? ((failed: ApiResponse) => describeApiError(this, failed)))(response);
	}
}
