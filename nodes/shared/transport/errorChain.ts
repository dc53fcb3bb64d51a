import type { ApiAnswer, OAuthRefreshRefusal } from '../errors';
import { isObject } from '../objects';

/**
 * What n8n's request helpers throw, read across n8n versions: they wrap the HTTP client's error
 * (n8n 2.x keeps it as `cause`, n8n 1.x keeps only some of its fields), so the answer, an OAuth2
 * refresh refusal or a network code has to be dug out of a chain of errors.
 */

/** How deep into `cause` the chain is followed. */
const MAX_CHAIN_DEPTH = 6;

/** The errors of the chain, outermost first. */
function* errorChain(error: unknown): Generator<Record<string, unknown>> {
	let current: unknown = error;
	for (let depth = 0; depth < MAX_CHAIN_DEPTH && isObject(current); depth++) {
		yield current;
		current = current.cause;
	}
}

/**
 * n8n's request helpers throw on HTTP error statuses (that is what lets n8n refresh an expired
 * OAuth2 token), wrapping the HTTP client's error. Digs the answer out of that chain.
 */
export function answerFromError(error: unknown): ApiAnswer | undefined {
	for (const current of errorChain(error)) {
		const response = current.response;
		if (isObject(response) && typeof response.status === 'number') {
			return {
				statusCode: response.status,
				headers: isObject(response.headers) ? { ...response.headers } : {},
				body: response.data ?? response.body,
			};
		}
	}
	// n8n 1.x keeps neither the HTTP client's error nor the headers: only the status as
	// `httpCode` and the parsed body as `context.data`.
	if (isObject(error) && /^\d{3}$/.test(String(error.httpCode ?? ''))) {
		const context = isObject(error.context) ? error.context : {};
		return { statusCode: Number(error.httpCode), headers: {}, body: context.data };
	}
	return undefined;
}

/** How n8n 1.x's OAuth client words the token endpoint's refusals (its ERROR_RESPONSES). */
const OAUTH_CLIENT_MESSAGES: Array<[RegExp, string]> = [
	[
		/^The provided authorization grant \(e\.g\., authorization code, resource owner credentials\) or refresh token is invalid, expired, revoked/,
		'invalid_grant',
	],
	[/^Client authentication failed \(e\.g\., unknown client/, 'invalid_client'],
];

/**
 * n8n refreshes an OAuth2 token inside the request helper (on a 401) and throws when the token
 * endpoint refuses: n8n 2.x as its "needs to be reconnected" error (marked `credential-invalid`),
 * n8n 1.x as the OAuth client's error carrying the RFC 6749 body. Either may come wrapped.
 */
export function oauthRefreshRefusalFrom(error: unknown): OAuthRefreshRefusal | undefined {
	for (const current of errorChain(error)) {
		// n8n 1.x's NodeApiError drops the OAuth client's error (and its body) and keeps only its
		// message: the client library's fixed RFC 6749 wording of the error code.
		const message = current.message;
		if (typeof message === 'string') {
			const code = OAUTH_CLIENT_MESSAGES.find(([wording]) => wording.test(message))?.[1];
			if (code) return { error: code };
		}
		const body = current.body;
		if (isObject(body) && typeof body.error === 'string' && !isObject(current.response)) {
			return {
				error: body.error,
				detail: typeof body.error_description === 'string' ? body.error_description : undefined,
			};
		}
		if (isObject(current.failure) && current.failure.cause === 'credential-invalid')
			return { error: 'invalid_grant' };
		if (typeof message === 'string' && /no refresh token is available/i.test(message)) {
			return { error: 'no_refresh_token' };
		}
	}
	return undefined;
}

/** The system error code (`ECONNRESET`, `ERR_CANCELED`, …) of the first error in the chain that has one. */
export function networkErrorCode(error: unknown): string | undefined {
	for (const current of errorChain(error)) {
		if (typeof current.code === 'string' && /^(E[A-Z_]+|ERR_[A-Z_]+)$/.test(current.code))
			return current.code;
	}
	return undefined;
}

/** A request that got no answer: its network code (inferred from the words where none is given) and message. */
export function networkFailureFromError(error: unknown): { code?: string; detail: string } {
	let detail = '';
	for (const current of errorChain(error)) {
		if (typeof current.message === 'string' && current.message !== '') {
			detail = current.message;
			break;
		}
	}
	let code = networkErrorCode(error);
	if (!code && /socket hang up/i.test(detail)) code = 'ECONNRESET';
	if (!code && /timeout/i.test(detail)) code = 'ETIMEDOUT';
	return { code, detail: detail || 'no details' };
}
