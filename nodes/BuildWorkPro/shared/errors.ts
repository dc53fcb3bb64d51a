import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

/** What came back from BuildWorkPro, successful or not. */
export interface ApiAnswer {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

interface FieldProblem {
	field?: unknown;
	code?: unknown;
	message?: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The problem-details object of an answer; `{}` when the body is none (empty, text, a list). */
export function problemOf(answer: ApiAnswer): Record<string, unknown> {
	return isObject(answer.body) ? answer.body : {};
}

/** The stable error code: `code`, or else the `#fragment` of the problem `type` URL. */
export function problemCode(problem: Record<string, unknown>): string | undefined {
	const code = text(problem.code);
	if (code) return code;
	const type = text(problem.type);
	const hash = type?.lastIndexOf('#') ?? -1;
	return type && hash >= 0 && hash < type.length - 1 ? type.slice(hash + 1) : undefined;
}

/** What to do about an error, for the codes where the fix is not obvious from BuildWorkPro's own words. */
const HINTS: Record<string, string> = {
	unauthorized:
		'BuildWorkPro did not accept the credential. Check the API key (or reconnect the OAuth2 credential) and the Base URL.',
	token_expired: 'The access token has expired. Reconnect the BuildWorkPro OAuth2 credential.',
	scope_insufficient:
		'The API key or OAuth grant lacks the scope this operation needs (see the README for the scope of each operation).',
	subscription_inactive: "The BuildWorkPro account's subscription is inactive.",
	tenant_suspended: 'The BuildWorkPro account is suspended.',
	idempotency_key_reused:
		'This Idempotency Key was already used for a request with a different body. Use a different key, or send the same data as the first time.',
	rate_limited:
		'BuildWorkPro kept refusing requests for rate limiting longer than the Max Wait option allows. Raise Max Wait or run the workflow later.',
	service_unavailable: 'BuildWorkPro stayed unavailable longer than the Max Wait option allows. Try again later.',
	maintenance: 'BuildWorkPro is down for maintenance. Try again later.',
};

/** Removes a secret from any text that might reach the user. */
export function redact(value: string, secret: string | undefined): string {
	return secret && secret.length >= 4 ? value.split(secret).join('[redacted]') : value;
}

/** A caller's own words for an error (say, the trigger's "publish again" advice). */
export interface ErrorWording {
	message: string;
	/** Comes first in the description; BuildWorkPro's own words and the facts follow. */
	description?: string;
}

/**
 * Turns an API error answer into the error n8n shows: the message states the problem in
 * BuildWorkPro's words (each `field: message` for validation errors), the description carries
 * the code, HTTP status and request id needed to ask BuildWorkPro's support. With `wording`, the
 * message is the caller's and BuildWorkPro's words move to the description.
 */
export function apiErrorFromAnswer(
	node: INode,
	answer: ApiAnswer,
	context: { itemIndex: number; secret?: string; note?: string; wording?: ErrorWording },
): NodeApiError {
	const problem = problemOf(answer);
	const code = problemCode(problem);
	const requestId =
		text(problem.request_id) ?? text(answer.headers['x-request-id']) ?? text(answer.headers['request-id']);

	const fieldMessages = Array.isArray(problem.errors)
		? (problem.errors as FieldProblem[])
				.filter(isObject)
				.map((entry) => {
					const what = (text(entry.message) ?? text(entry.code) ?? 'invalid').trim().replace(/\.$/, '');
					return `${text(entry.field) ?? '(body)'}: ${what}`;
				})
		: [];
	const detail = text(problem.detail);
	const title = text(problem.title);
	const ownWords = fieldMessages.length > 0 ? fieldMessages.join('; ') : (detail ?? title);
	const { wording } = context;
	const message = wording?.message ?? ownWords ?? `BuildWorkPro answered with HTTP status ${answer.statusCode}`;

	const facts = [
		`Code: ${code ?? 'none'}`,
		`HTTP status: ${answer.statusCode}`,
		`Request ID: ${requestId ?? 'none'}`,
	].join(' · ');
	const lines = (
		wording
			? [
					wording.description,
					ownWords ? `BuildWorkPro said: ${fieldMessages.length > 0 && detail ? `${detail} ${ownWords}` : ownWords}` : undefined,
					context.note,
					facts,
				]
			: [fieldMessages.length > 0 && detail ? detail : undefined, context.note, code ? HINTS[code] : undefined, facts]
	).filter((line): line is string => !!line);

	// Only the documented problem fields travel with the error: never request headers or credentials.
	const errorResponse: JsonObject = {
		status: answer.statusCode,
		code: code ?? null,
		title: title ?? null,
		detail: detail ?? null,
		request_id: requestId ?? null,
	};
	if (fieldMessages.length > 0) errorResponse.errors = fieldMessages;

	return new NodeApiError(node, errorResponse, {
		message: redact(message, context.secret),
		description: redact(lines.join('\n'), context.secret),
		httpCode: String(answer.statusCode),
		itemIndex: context.itemIndex,
	});
}

/** Words for the network failures users meet; the raw code goes to the description. */
const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was closed before an answer arrived',
	ECONNREFUSED: 'the connection was refused',
	ECONNABORTED: 'the request timed out',
	ETIMEDOUT: 'the request timed out',
	EPIPE: 'the connection broke while sending',
	EAI_AGAIN: 'the host name could not be looked up right now',
	ENOTFOUND: 'the host name does not exist (check the Base URL)',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	ERR_CANCELED: 'the request was cancelled',
};

export function apiErrorFromNetworkFailure(
	node: INode,
	failure: { code?: string; detail: string; host?: string },
	context: { itemIndex: number; secret?: string; note?: string },
): NodeApiError {
	const what = failure.code ? (NETWORK_WORDS[failure.code] ?? 'the connection failed') : undefined;
	// Without a network code the request never left n8n (say, an OAuth2 credential that is not
	// connected): n8n's own explanation is the useful one.
	// The message must not contain the raw code: n8n swaps messages containing one for a generic text.
	const message = what
		? `Could not reach BuildWorkPro${failure.host ? ` at ${failure.host}` : ''}: ${what}`
		: `The request to BuildWorkPro could not be sent: ${failure.detail}`;
	const description = [
		context.note,
		what
			? `Network error: ${failure.code} (${failure.detail})`
			: 'Nothing was sent. Check the credential (an OAuth2 credential must be connected) and its Base URL.',
	]
		.filter((line): line is string => !!line)
		.join('\n');
	return new NodeApiError(
		node,
		{ networkError: failure.code ?? 'unknown' },
		{
			message: redact(message, context.secret),
			description: redact(description, context.secret),
			itemIndex: context.itemIndex,
		},
	);
}
