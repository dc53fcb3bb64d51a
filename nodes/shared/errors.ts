import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { isPlainObject } from './objects';

/** What came back from BuildWorkPro, successful or not. */
export interface ApiAnswer {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

export interface FieldProblem {
	field?: unknown;
	code?: unknown;
	message?: unknown;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The problem-details object of an answer; `{}` when the body is none (empty, text, a list). */
export function problemOf(answer: ApiAnswer): Record<string, unknown> {
	return isPlainObject(answer.body) ? answer.body : {};
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
		'The API key or OAuth grant lacks the scope this operation needs (docs/operations.md in the package lists the scope of each operation).',
	subscription_inactive: "The BuildWorkPro account's subscription is inactive.",
	tenant_suspended: 'The BuildWorkPro account is suspended.',
	idempotency_key_reused:
		'This Idempotency Key was already used for a request with a different body. Use a different key, or send the same data as the first time.',
	rate_limited:
		'BuildWorkPro kept refusing requests for rate limiting longer than the Max Wait option allows. Raise Max Wait or run the workflow later.',
	service_unavailable:
		'BuildWorkPro stayed unavailable longer than the Max Wait option allows. Try again later.',
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

/** Parts of BuildWorkPro's field names that are written differently in the node's labels. */
const LABEL_WORDS: Record<string, string> = {
	id: 'ID',
	ids: 'IDs',
	url: 'URL',
	qbo: 'QuickBooks',
	hoa: 'HOA',
	sku: 'SKU',
	pdf: 'PDF',
};

/** `parentContactId` → "Parent Contact ID", the way the node labels its fields. */
function titleWords(name: string): string {
	return name
		.replace(/[_-]+/g, ' ')
		.replace(/([a-z\d])([A-Z])/g, '$1 $2')
		.split(/\s+/)
		.filter((word) => word !== '')
		.map((word) => LABEL_WORDS[word.toLowerCase()] ?? word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

/** One element of a list: "Lines" → "Line", "Event Types" → "Event Type". */
function singular(label: string): string {
	if (label.endsWith('IDs')) return label.slice(0, -1);
	if (label.endsWith('ies')) return `${label.slice(0, -3)}y`;
	return label.endsWith('s') && !label.endsWith('ss') ? label.slice(0, -1) : label;
}

/** The node's label of a resource's field, by BuildWorkPro's name for it, where it has one. */
export type FieldLabelLookup = (resource: string, name: string) => string | undefined;

let nodeFieldLabel: FieldLabelLookup = () => undefined;

/**
 * Validation errors name a field by the label the action node shows for it. The node hands its
 * lookup over once, where it assembles its description (BuildWorkPro.node.ts): its hooks run
 * inside n8n's declarative engine, which gives them no way to reach the description.
 */
export function useFieldLabels(lookup: FieldLabelLookup): void {
	nodeFieldLabel = lookup;
}

function labelOf(name: string, resource: string | undefined): string {
	return (resource !== undefined ? nodeFieldLabel(resource, name) : undefined) ?? titleWords(name);
}

/**
 * A field path of a validation error as the user knows the field: `email` → "Email",
 * `companyOhPercent` → "Company Overhead (%)" (the resource's label for it), `lines[0].unitPrice` →
 * "Unit Price (line 1)", `tags[2]` → "Tag 3". Objects that only wrap the fields in the request
 * (`invoice.taxRate`) are left out.
 */
export function fieldLabel(path: string, resource?: string): string {
	const parts = path
		.split('.')
		.filter((segment) => segment !== '')
		.map((segment) => {
			const indexed = /^(.*?)\[(\d+)\]$/.exec(segment);
			return indexed ? { name: indexed[1], position: Number(indexed[2]) + 1 } : { name: segment };
		});
	const leaf = parts.pop();
	if (!leaf) return path;
	const label =
		leaf.position === undefined
			? labelOf(leaf.name, resource)
			: `${singular(titleWords(leaf.name))} ${leaf.position}`;
	const within = parts
		.filter((part) => part.position !== undefined)
		.map((part) => `${singular(titleWords(part.name)).toLowerCase()} ${part.position}`);
	return within.length > 0 ? `${label} (${within.join(', ')})` : label;
}

/** The API's type names in BuildWorkPro's validation messages, in the words of the node's fields. */
const PLAIN_WORDS: Array<[RegExp, string]> = [
	// An empty field is sent as null already: "or null" only tells which JSON value would also pass.
	[/,? or null\b/g, ''],
	[/\bmust not be null\b/g, 'must not be empty'],
	[/\ba positive integer\b/g, 'a positive whole number'],
	[/\ban integer\b/g, 'a whole number'],
	[/\bintegers\b/g, 'whole numbers'],
	[/\ban array of strings\b/g, 'a list of text values'],
	[/\ban array of\b/g, 'a list of'],
	[/\ba string\b/g, 'text'],
	[/\ba boolean\b/g, 'true or false'],
	[/\ba decimal string\b/g, 'a decimal number'],
	[/\bdate-time\b/g, 'date and time'],
];

/** What a validation code means, for an entry that comes without a message. */
const CODE_WORDS: Record<string, string> = {
	required: 'is required',
	invalid_format: 'is not in a valid format',
	invalid_enum: 'is not one of the allowed values',
	invalid_type: 'has the wrong type of value',
	too_short: 'is too short',
	too_long: 'is too long',
	too_small: 'is too small',
	too_large: 'is too large',
	not_found: 'names a record that does not exist',
};

function sentence(value: string): string {
	const trimmed = value.trim();
	const capitalized = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
	return /[.!?]$/.test(capitalized) ? capitalized : `${capitalized}.`;
}

/**
 * One entry of a 422's `errors` as a person would write it: the field by its label, once, and
 * what is wrong with it ("Email must be a valid email address."), where BuildWorkPro writes
 * "email: email must be a valid email address or null".
 */
export function describeFieldProblem(entry: FieldProblem, resource?: string): string {
	const field = text(entry.field);
	const label = field ? fieldLabel(field, resource) : undefined;
	const code = text(entry.code);
	let words = text(entry.message)?.trim();
	if (!words) {
		const meaning = (code && CODE_WORDS[code]) ?? 'is not valid';
		return sentence(label ? `${label} ${meaning}` : `The input ${meaning}`);
	}
	for (const [jargon, plain] of PLAIN_WORDS) words = words.replace(jargon, plain);
	if (!label || !field) return sentence(words);
	// BuildWorkPro's messages usually start with the field's own name: say it once, by its label.
	const leafName = field.split('.').pop() ?? field;
	for (const name of [field, leafName]) {
		if (words.startsWith(`${name} `)) return sentence(`${label} ${words.slice(name.length + 1)}`);
	}
	return sentence(`${label}: ${words}`);
}

/**
 * Turns an API error answer into the error n8n shows: the message states the problem in
 * BuildWorkPro's words (for validation errors, each field by its label and what is wrong with
 * it), the description carries the code, HTTP status and request id needed to ask BuildWorkPro's
 * support. With `wording`, the message is the caller's and BuildWorkPro's words move to the
 * description.
 */
export function apiErrorFromAnswer(
	node: INode,
	answer: ApiAnswer,
	context: { itemIndex: number; secret?: string; note?: string; wording?: ErrorWording },
): NodeApiError {
	const problem = problemOf(answer);
	const code = problemCode(problem);
	const requestId =
		text(problem.request_id) ??
		text(answer.headers['x-request-id']) ??
		text(answer.headers['request-id']);

	const fieldProblems = Array.isArray(problem.errors)
		? ((problem.errors as unknown[]).filter(isPlainObject) as FieldProblem[])
		: [];
	const resource =
		typeof node.parameters?.resource === 'string' ? node.parameters.resource : undefined;
	const fieldMessages = fieldProblems.map((entry) => describeFieldProblem(entry, resource));
	const detail = text(problem.detail);
	const title = text(problem.title);
	// With field errors, a 422's detail ("The request body is invalid: email (invalid_format).")
	// only lists the same fields again in the API's terms: the field messages replace it.
	const ownWords = fieldMessages.length > 0 ? fieldMessages.join(' ') : (detail ?? title);
	const { wording } = context;
	const message =
		wording?.message ?? ownWords ?? `BuildWorkPro answered with HTTP status ${answer.statusCode}`;

	const facts = [
		`Code: ${code ?? 'none'}`,
		`HTTP status: ${answer.statusCode}`,
		`Request ID: ${requestId ?? 'none'}`,
	].join(' · ');
	const lines = (
		wording
			? [
					wording.description,
					ownWords ? `BuildWorkPro said: ${ownWords}` : undefined,
					context.note,
					facts,
				]
			: [context.note, code ? HINTS[code] : undefined, facts]
	).filter((line): line is string => !!line);

	// Only the documented problem fields travel with the error: never request headers or credentials.
	const errorResponse: JsonObject = {
		status: answer.statusCode,
		code: code ?? null,
		title: title ?? null,
		detail: detail ?? null,
		request_id: requestId ?? null,
	};
	if (fieldProblems.length > 0) {
		errorResponse.errors = fieldProblems.map((entry) => ({
			field: text(entry.field) ?? null,
			code: text(entry.code) ?? null,
			message: text(entry.message) ?? null,
		}));
	}

	return new NodeApiError(node, errorResponse, {
		message: redact(message, context.secret),
		description: redact(lines.join('\n'), context.secret),
		httpCode: String(answer.statusCode),
		itemIndex: context.itemIndex,
	});
}

/**
 * An error the node raises itself, not BuildWorkPro: it reads, is stored and is shown exactly
 * like a NodeOperationError (no "From BuildWorkPro" details, no error code).
 *
 * Why it is not one: a declarative node's preSend functions and its request hook run inside
 * n8n-core's RoutingNode.makeRequest, and RoutingNode (1.x and 2.x alike) re-wraps anything
 * thrown there that is not a NodeApiError into a NodeApiError with the error code "none", shown
 * in the editor as "From BuildWorkPro · Error code: none". A NodeApiError passes through as
 * thrown, so this is one in the process, and carries what a NodeOperationError carries.
 */
export function nodeSideError(
	node: INode,
	message: string,
	options: { itemIndex?: number; description?: string } = {},
): NodeApiError {
	const error = new NodeApiError(
		node,
		{},
		{ message, description: options.description, itemIndex: options.itemIndex },
	);
	// n8n swaps a message that mentions a system error code (an ID typed as "ENOENT") for its own text.
	error.message = message;
	error.messages = [];
	// What n8n stores and the editor reads (the class itself is not stored).
	error.name = 'NodeOperationError';
	Reflect.deleteProperty(error, 'httpCode');
	Reflect.deleteProperty(error, 'errorResponse');
	return error;
}

/**
 * Input the node refuses before sending anything (an ID that is no number, an empty Update
 * Fields): the message says what to fix, the description how, and that nothing was sent.
 */
export function errorBeforeSending(
	node: INode,
	message: string,
	options: { itemIndex: number; description: string },
): NodeApiError {
	return nodeSideError(node, message, {
		itemIndex: options.itemIndex,
		description: `${options.description} Nothing was sent to BuildWorkPro.`,
	});
}

/**
 * An OAuth2 credential that was saved but never connected (or whose connection was removed): it
 * has no access token, so nothing can be sent. Says where to click, in place of n8n's "Unable to
 * sign without access token".
 */
export function oauthNotConnectedError(
	node: INode,
	credentialName: string | undefined,
	itemIndex: number,
): NodeApiError {
	const credential = credentialName ? `"${credentialName}"` : 'BuildWorkPro OAuth2';
	return nodeSideError(
		node,
		`The OAuth2 credential ${credential} is not connected: open it and click Connect`,
		{
			itemIndex,
			description:
				"An OAuth2 credential gets its access token when you click Connect in it, sign in to BuildWorkPro and approve n8n. Until then it cannot be used: connect it, or pick an API key credential in this node's Credential field. Nothing was sent to BuildWorkPro.",
		},
	);
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

/** Why n8n could not refresh an OAuth2 access token: the token endpoint's RFC 6749 error code, when it gave one. */
export interface OAuthRefreshRefusal {
	/** `invalid_grant`, `invalid_client`, … or `no_refresh_token` when the credential holds none. */
	error: string;
	detail?: string;
}

/**
 * A refresh of the OAuth2 access token that failed: n8n refreshes when BuildWorkPro answers 401,
 * and once that refresh is refused the credential is unusable until a person reconnects it. The
 * message says so; the description says why it happens and where to click.
 */
export function oauthRefreshError(
	node: INode,
	refusal: OAuthRefreshRefusal,
	context: { itemIndex: number; credentialName?: string; note?: string },
): NodeApiError {
	const credential = context.credentialName ? `"${context.credentialName}"` : 'BuildWorkPro OAuth2';
	const reconnect = `Open the credential ${credential} and reconnect it (sign in to BuildWorkPro and approve again); the workflow works again from the next run.`;
	let message: string;
	let why: string;
	if (refusal.error === 'invalid_grant') {
		message = 'BuildWorkPro refused to refresh the OAuth2 token: reconnect the credential';
		why =
			'BuildWorkPro no longer accepts the refresh token this credential holds: access was revoked, the connection expired, or the refresh token had already been used once (BuildWorkPro then revokes every token of the connection).';
	} else if (refusal.error === 'no_refresh_token') {
		message =
			'The OAuth2 access token expired and the credential holds no refresh token: reconnect the credential';
		why =
			'BuildWorkPro issues a refresh token only when the offline_access scope is granted: keep it in the Scope field.';
	} else {
		message = `BuildWorkPro refused to refresh the OAuth2 token (${refusal.error}): check the credential, then reconnect it`;
		why =
			refusal.error === 'invalid_client'
				? 'BuildWorkPro did not accept the Client ID or Client Secret: the OAuth client may have been deleted, its secret changed, or a secret entered for a public client.'
				: 'The token endpoint refused the refresh request.';
	}
	const lines = [
		why,
		reconnect,
		refusal.detail ? `BuildWorkPro said: ${refusal.detail}` : undefined,
		context.note,
		'The request itself was refused (HTTP 401) before the refresh, so nothing was changed in BuildWorkPro.',
	].filter((line): line is string => !!line);
	const error = new NodeApiError(
		node,
		{ error: refusal.error, error_description: refusal.detail ?? null },
		{ message, description: lines.join('\n'), itemIndex: context.itemIndex, httpCode: '401' },
	);
	// n8n swaps a message it considers generic for its own; keep ours.
	error.message = message;
	// n8n 2.x marks such errors as a credential to reconnect (same field its own refresh error carries).
	(error as unknown as { failure?: unknown }).failure = { cause: 'credential-invalid' };
	return error;
}
