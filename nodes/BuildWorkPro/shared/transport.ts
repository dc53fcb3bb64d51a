import { createHash, randomInt, randomUUID } from 'node:crypto';
import { sleep } from 'n8n-workflow';
import type {
	DeclarativeRestApiSettings,
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecutePaginationFunctions,
	IGetNodeParameterOptions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	IN8nHttpFullResponse,
	IWorkflowDataProxyData,
} from 'n8n-workflow';

import {
	apiErrorFromAnswer,
	apiErrorFromNetworkFailure,
	errorBeforeSending,
	nodeSideError,
	oauthRefreshError,
	redact,
} from './errors';
import type { ApiAnswer, ErrorWording, OAuthRefreshRefusal } from './errors';
import { customIdempotencyKey, defaultIdempotencyKey } from './idempotency';
import { gateFor } from './rateLimit';
import type { RateLimitGate, Ticket } from './rateLimit';

/**
 * The one place that talks to BuildWorkPro. Every request the action node and the trigger make
 * goes through `requestBuildWorkPro`, which owns authentication, the Idempotency-Key header,
 * pacing against the rate limits, retries and the translation of failures into n8n errors.
 * Where a caller needs something else (the trigger's activation must not wait minutes), it says
 * so in the request's `policy`.
 */

export const DEFAULT_MAX_WAIT_SECONDS = 300;
/** Where BuildWorkPro lives when the credential names no Base URL. */
export const DEFAULT_BASE_URL = 'https://app.buildworkpro.com/api/v1';

/** 429 without Retry-After: the vendor's advice. */
const RATE_LIMITED_DEFAULT_WAIT_MS = 30_000;
/** Full-jitter exponential backoff for 503, 500 and network errors. */
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 60_000;
/** A hard stop even when Max Wait would allow more (e.g. `Retry-After: 0` forever). */
const MAX_ATTEMPTS = 10;
/** Network failures worth another try; anything else (bad host name, TLS, cancelled) is not. */
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);
const MUTATING_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * What the transport needs from n8n. An action node's item (IExecuteSingleFunctions,
 * IExecutePaginationFunctions) and a trigger's webhook hook (IHookFunctions) both have it. The
 * optional members exist only for an item of an execution; without them the transport uses item
 * index 0, a fresh Idempotency-Key per call (kept across that call's retries) and no cancel signal.
 */
export interface TransportContext {
	getNode(): INode;
	getNodeParameter(
		parameterName: string,
		fallbackValue?: unknown,
		options?: IGetNodeParameterOptions,
	): unknown;
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
	helpers: {
		httpRequestWithAuthentication(
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
			additionalCredentialOptions?: IAdditionalCredentialOptions,
		): Promise<unknown>;
	};
	getItemIndex?(): number;
	getExecutionId?(): string;
	getExecutionCancelSignal?(): AbortSignal | undefined;
	getWorkflowDataProxy?(itemIndex: number): IWorkflowDataProxyData;
}

/**
 * How one call differs from the action node's defaults. Data, not code: the same loop serves
 * every caller.
 */
export interface CallPolicy {
	/** Attempts in all, the first included (default 10). */
	maxAttempts?: number;
	/**
	 * The longest single wait (Retry-After, backoff, rate-limit pause) this call accepts; a longer
	 * one fails at once instead. Default: the Max Wait budget.
	 */
	maxSingleWaitMs?: number;
	/** Error statuses the caller handles itself (e.g. 404 on delete): returned as answers, never retried. */
	acceptStatuses?: readonly number[];
	/**
	 * The caller's words for a failed answer; `undefined` keeps the standard ones. `retryAfterMs` is
	 * how long BuildWorkPro (or the rate-limit pause) asked to wait, when known.
	 */
	describeError?: (answer: ApiAnswer, facts: { retryAfterMs?: number }) => ErrorWording | undefined;
}

export interface BuildWorkProRequest {
	method: IHttpRequestMethods;
	url: string;
	baseURL?: string;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: IDataObject;
	timeout?: number;
	/** Context for error messages, e.g. "While fetching page 3 of the list." */
	note?: string;
	/** n8n's own request settings (proxy, SSL, allowed domains) passed through untouched. */
	passthrough?: Partial<IHttpRequestOptions>;
	policy?: CallPolicy;
	/**
	 * The answer is a file (a PDF, a document): its body comes back as a Buffer, untouched. An
	 * error answer's problem details are still read as JSON.
	 */
	binary?: boolean;
}

/** The credential type the node's Authentication parameter selects. */
export function credentialTypeOf(context: TransportContext): string {
	const authentication = context.getNodeParameter('authentication', 'apiKey') as string;
	return authentication === 'oAuth2' ? 'buildWorkProOAuth2Api' : 'buildWorkProApi';
}

/** "contact.create": the logical operation an idempotency key belongs to. */
function operationName(context: TransportContext): string {
	const resource = context.getNodeParameter('resource', 'contact') as string;
	const operation = context.getNodeParameter('operation', '') as string;
	return `${resource}.${operation}`;
}

function itemIndexOf(context: Pick<TransportContext, 'getItemIndex'>): number {
	return context.getItemIndex?.() ?? 0;
}

function idempotencyKeyFor(context: TransportContext): string {
	// A trigger's hook is no item of an execution: nothing to derive a key from.
	if (!context.getItemIndex || !context.getWorkflowDataProxy) return randomUUID();
	const operation = operationName(context);
	const itemIndex = context.getItemIndex();
	// Look at the raw parameters: an expression that resolves to nothing must not quietly fall back.
	const rawOptions = context.getNodeParameter(
		'options',
		{},
		{ rawExpressions: true },
	) as IDataObject;
	if (rawOptions && Object.prototype.hasOwnProperty.call(rawOptions, 'idempotencyKey')) {
		const custom = context.getNodeParameter('options.idempotencyKey', null) as unknown;
		const value = custom === undefined || custom === null ? '' : String(custom).trim();
		if (value === '') {
			throw errorBeforeSending(
				context.getNode(),
				'The Idempotency Key option is empty for this item',
				{
					itemIndex,
					description:
						'Remove the option to let the node derive a key, or make its expression yield a value for every item (for example a form submission ID).',
				},
			);
		}
		return customIdempotencyKey(operation, value);
	}
	const node = context.getNode();
	return defaultIdempotencyKey({
		// Real executions always have an id; without one, a random id still keeps the key stable within this run.
		executionId: context.getExecutionId?.() || randomUUID(),
		nodeId: node.id || node.name,
		runIndex: Number(context.getWorkflowDataProxy(itemIndex).$runIndex ?? 0),
		itemIndex,
		operation,
	});
}

function maxWaitMs(context: TransportContext): number {
	const seconds = Number(context.getNodeParameter('options.maxWait', DEFAULT_MAX_WAIT_SECONDS));
	return Number.isFinite(seconds) && seconds >= 0
		? seconds * 1000
		: DEFAULT_MAX_WAIT_SECONDS * 1000;
}

/** `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Record<string, unknown>): number | undefined {
	const raw = headers['retry-after'] ?? headers['Retry-After'];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const value = String(Array.isArray(raw) ? raw[0] : raw).trim();
	if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Waits, but wakes up early when the execution is cancelled (and then stops with an error). */
export async function sleepUnlessCancelled(
	context: Pick<TransportContext, 'getNode' | 'getItemIndex' | 'getExecutionCancelSignal'>,
	ms: number,
): Promise<void> {
	const signal = context.getExecutionCancelSignal?.();
	let onAbort: (() => void) | undefined;
	const cancelled = new Promise<void>((resolve) => {
		onAbort = resolve;
		signal?.addEventListener('abort', onAbort, { once: true });
	});
	await Promise.race([sleep(ms), cancelled]);
	if (onAbort) signal?.removeEventListener('abort', onAbort);
	if (signal?.aborted) {
		throw nodeSideError(
			context.getNode(),
			'The execution was cancelled while waiting for BuildWorkPro',
			{
				itemIndex: itemIndexOf(context),
			},
		);
	}
}

function fullJitterBackoffMs(retryNumber: number): number {
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retryNumber);
	return randomInt(0, ceiling + 1);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

/** A file request's error answer arrives as bytes: its problem details are JSON all the same. */
function decodedErrorBody(body: unknown): unknown {
	const bytes = Buffer.isBuffer(body)
		? body
		: body instanceof ArrayBuffer
			? Buffer.from(body)
			: undefined;
	if (!bytes) return body;
	const text = bytes.toString('utf8');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/**
 * n8n's request helpers throw on HTTP error statuses (that is what lets n8n refresh an expired
 * OAuth2 token), wrapping the HTTP client's error. Digs the answer out of that chain.
 */
function answerFromError(error: unknown): ApiAnswer | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && isObject(current); depth++) {
		const response = current.response;
		if (isObject(response) && typeof response.status === 'number') {
			return {
				statusCode: response.status,
				headers: isObject(response.headers)
					? { ...(response.headers as Record<string, unknown>) }
					: {},
				body: response.data ?? response.body,
			};
		}
		current = current.cause;
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
function oauthRefreshRefusalFrom(error: unknown): OAuthRefreshRefusal | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && isObject(current); depth++) {
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
		if (
			typeof current.message === 'string' &&
			/no refresh token is available/i.test(current.message)
		) {
			return { error: 'no_refresh_token' };
		}
		current = current.cause;
	}
	return undefined;
}

/**
 * OAuth2 refreshes, one at a time per credential in this process. BuildWorkPro rotates the
 * refresh token on every use and revokes the whole connection when an old one comes back, so
 * two requests that meet an expired access token together must not both refresh. n8n 2.x
 * coordinates its own refreshes; n8n 1.x refreshes once per failing request. So only one request
 * per credential at a time (the lead) lets a 401 reach n8n's refresh; the others take a 401 as an
 * answer, wait for the lead and go again with whatever token n8n holds by then.
 */
const oauthLeads = new Map<string, Promise<void>>();
/** A follower's 401s retried before it gives up. */
const OAUTH_FOLLOWER_RETRIES = 3;
/**
 * n8n 1.x knows no `ignoreHttpStatusErrors.except`: it ignores every status, so a 401 never
 * reaches its refresh. Learnt from the first 401 the lead gets back as an answer; from then on the
 * lead asks for error statuses to be thrown (1.x keeps the status and body on the error).
 */
let statusExceptionsUnsupported = false;

function takeOAuthLead(key: string): (() => void) | undefined {
	if (oauthLeads.has(key)) return undefined;
	let release!: () => void;
	oauthLeads.set(key, new Promise<void>((resolve) => (release = resolve)));
	let released = false;
	return () => {
		if (released) return;
		released = true;
		oauthLeads.delete(key);
		release();
	};
}

function networkFailureFromError(error: unknown): { code?: string; detail: string } {
	let code: string | undefined;
	let detail = '';
	let current: unknown = error;
	for (let depth = 0; depth < 6 && isObject(current); depth++) {
		if (
			!code &&
			typeof current.code === 'string' &&
			/^(E[A-Z_]+|ERR_[A-Z_]+)$/.test(current.code)
		) {
			code = current.code;
		}
		if (!detail && typeof current.message === 'string') detail = current.message;
		current = current.cause;
	}
	if (!code && /socket hang up/i.test(detail)) code = 'ECONNRESET';
	if (!code && /timeout/i.test(detail)) code = 'ETIMEDOUT';
	return { code, detail: detail || 'no details' };
}

/**
 * What stays the same for every request of one item: the credential (read once, not once per
 * page: inside n8n each read is a database lookup), its rate-limit gate and the Max Wait budget.
 */
export interface RequestSession {
	credentialType: string;
	/** Passed back to n8n so it need not read the credential again (API key only: OAuth2 tokens change on refresh). */
	credentialsDecrypted?: ICredentialsDecrypted;
	/** The API key, to scrub from anything shown to the user. */
	secret?: string;
	/** The credential's Base URL (no trailing slash), for requests that name none. */
	baseUrl: string;
	gate: RateLimitGate;
	waitBudgetMs: number;
}

export async function openSession(context: TransportContext): Promise<RequestSession> {
	const credentialType = credentialTypeOf(context);
	const credentials = await context.getCredentials(credentialType);
	const secret = typeof credentials.apiKey === 'string' ? credentials.apiKey : undefined;
	const configuredBaseUrl =
		typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	const nodeCredential = context.getNode().credentials?.[credentialType];
	const identity = createHash('sha256')
		.update(
			[
				credentialType,
				String(credentials.baseUrl ?? ''),
				secret ?? String(credentials.clientId ?? ''),
				nodeCredential?.id ?? '',
			].join('\n'),
		)
		.digest('hex');
	return {
		credentialType,
		credentialsDecrypted:
			credentialType === 'buildWorkProApi'
				? {
						id: nodeCredential?.id ?? '',
						name: nodeCredential?.name ?? '',
						type: credentialType,
						data: credentials,
					}
				: undefined,
		secret,
		baseUrl: (configuredBaseUrl || DEFAULT_BASE_URL).replace(/\/+$/, ''),
		gate: gateFor(identity),
		waitBudgetMs: maxWaitMs(context),
	};
}

/**
 * Sends one request to BuildWorkPro and returns its answer, or throws a NodeApiError that says
 * what went wrong. Retry waits never exceed the node's Max Wait option in total, nor does any
 * single rate-limit pause (nor the policy's `maxSingleWaitMs`).
 */
export async function requestBuildWorkPro(
	context: TransportContext,
	request: BuildWorkProRequest,
	session?: RequestSession,
): Promise<ApiAnswer> {
	const node = context.getNode();
	const itemIndex = itemIndexOf(context);
	const method = request.method.toUpperCase() as IHttpRequestMethods;
	const { credentialType, credentialsDecrypted, secret, baseUrl, gate, waitBudgetMs } =
		session ?? (await openSession(context));
	const policy = request.policy ?? {};
	const maxAttempts = policy.maxAttempts ?? MAX_ATTEMPTS;
	const singleWaitCapMs = Math.min(waitBudgetMs, policy.maxSingleWaitMs ?? Infinity);
	const baseURL = request.baseURL || baseUrl;
	const cost = MUTATING_METHODS.has(method) ? 5 : 1;

	const headers: IDataObject = { ...(request.headers ?? {}) };
	if (MUTATING_METHODS.has(method)) {
		// Computed once: every retry below, and n8n's Retry On Fail, reuse it.
		headers['Idempotency-Key'] = idempotencyKeyFor(context);
	}
	const retryable = method === 'GET' || headers['Idempotency-Key'] !== undefined;
	const noteWith = (extra?: string) =>
		[request.note, extra].filter((line) => !!line).join(' ') || undefined;
	const host = (() => {
		try {
			return new URL(baseURL).host;
		} catch {
			return undefined;
		}
	})();

	let waitedMs = 0;
	let internalErrorRetried = false;
	const oauth = credentialType === 'buildWorkProOAuth2Api';
	const oauthKey = `${node.credentials?.[credentialType]?.id ?? ''}\n${baseUrl}`;
	let oauthFollowerRetries = 0;
	const spendWait = async (ms: number) => {
		await sleepUnlessCancelled(context, ms);
		waitedMs += ms;
	};
	// Max Wait 0 means: never wait, never retry.
	const budgetAllows = (ms: number) =>
		waitBudgetMs > 0 && waitedMs + ms <= waitBudgetMs && ms <= singleWaitCapMs;
	const errorFromAnswer = (answer: ApiAnswer, note: string | undefined, retryAfter?: number) =>
		apiErrorFromAnswer(node, answer, {
			itemIndex,
			secret,
			note,
			wording: policy.describeError?.(answer, { retryAfterMs: retryAfter }),
		});
	const gaveUpNote = (attempt: number) =>
		noteWith(attempt > 1 ? `Gave up after ${attempt} attempts.` : undefined);

	for (let attempt = 1; ; attempt++) {
		// Pacing: wait for the rate-limit budget before sending, so the server never has to refuse.
		let ticket: Ticket;
		for (;;) {
			const decision = gate.tryReserve(cost, Date.now());
			if (decision.kind === 'go') {
				ticket = decision.ticket;
				break;
			}
			if (decision.kind === 'waitForAnswer') {
				await gate.nextAnswer();
				continue;
			}
			// A pause is not a retry: queueing behind other items does not use up Max Wait, but a
			// single pause longer than Max Wait (say, an hour-long tenant lockout) fails at once.
			if (waitBudgetMs === 0 || decision.ms > singleWaitCapMs) {
				const limit =
					singleWaitCapMs < waitBudgetMs
						? `longer than this request may wait (${Math.round(singleWaitCapMs / 1000)} s)`
						: `longer than the Max Wait option allows (${Math.round(waitBudgetMs / 1000)} s)`;
				throw errorFromAnswer(
					{
						statusCode: 429,
						headers: {},
						body: { code: 'rate_limited', detail: 'The BuildWorkPro rate limit is used up' },
					},
					noteWith(`The rate limit frees up in ${Math.ceil(decision.ms / 1000)} s, ${limit}.`),
					decision.ms,
				);
			}
			await sleepUnlessCancelled(context, decision.ms);
		}

		const options: IHttpRequestOptions = {
			...request.passthrough,
			method,
			url: request.url,
			baseURL,
			qs: request.qs,
			body: request.body,
			headers: { ...headers },
			json: !request.binary,
			...(request.binary ? { encoding: 'arraybuffer' as const } : {}),
			returnFullResponse: true,
			// Error answers come back as answers, with their headers (Retry-After, RateLimit-*),
			// on every n8n version. OAuth2 keeps 401 thrown: that is what makes n8n refresh the token.
			ignoreHttpStatusErrors:
				credentialType === 'buildWorkProOAuth2Api' ? { ignore: true, except: [401] } : true,
		};
		if (request.timeout) options.timeout = request.timeout;
		// OAuth2: only the lead may have n8n refresh the token (see oauthLeads).
		const releaseLead = oauth ? takeOAuthLead(oauthKey) : undefined;
		if (oauth && !releaseLead) options.ignoreHttpStatusErrors = true;
		else if (releaseLead && statusExceptionsUnsupported) options.ignoreHttpStatusErrors = false;

		let answer: ApiAnswer | undefined;
		let failure: unknown;
		try {
			const response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				credentialType,
				options,
				// A copy: n8n may add to the object it is given.
				credentialsDecrypted
					? {
							credentialsDecrypted: {
								...credentialsDecrypted,
								data: { ...credentialsDecrypted.data },
							},
						}
					: undefined,
			)) as IN8nHttpFullResponse;
			answer = {
				statusCode: response.statusCode,
				headers: { ...(response.headers as Record<string, unknown>) },
				body: response.body,
			};
		} catch (error) {
			const refusal = oauth ? oauthRefreshRefusalFrom(error) : undefined;
			if (refusal) {
				throw oauthRefreshError(node, refusal, {
					itemIndex,
					credentialName: node.credentials?.[credentialType]?.name,
					note: request.note,
				});
			}
			failure = error;
			answer = answerFromError(error);
		} finally {
			releaseLead?.();
		}

		if (request.binary && answer && answer.statusCode >= 400)
			answer.body = decodedErrorBody(answer.body);

		const now = Date.now();
		const refusedForRate = answer?.statusCode === 429;
		const serverWaitMs = answer ? retryAfterMs(answer.headers) : undefined;
		gate.release(
			ticket,
			now,
			answer?.headers,
			refusedForRate ? (serverWaitMs ?? RATE_LIMITED_DEFAULT_WAIT_MS) : undefined,
		);

		if (
			answer &&
			((answer.statusCode < 400 && failure === undefined) ||
				policy.acceptStatuses?.includes(answer.statusCode))
		) {
			return answer;
		}

		// An OAuth2 401 that n8n did not get to refresh for: go again, now as (or after) the lead.
		if (oauth && answer?.statusCode === 401 && failure === undefined && attempt < maxAttempts) {
			if (releaseLead && !statusExceptionsUnsupported) {
				statusExceptionsUnsupported = true;
				continue;
			}
			if (!releaseLead && oauthFollowerRetries < OAUTH_FOLLOWER_RETRIES) {
				oauthFollowerRetries += 1;
				await oauthLeads.get(oauthKey);
				continue;
			}
		}

		// Decide whether and how long to wait before trying again.
		let waitMs: number | undefined;
		if (answer) {
			if (answer.statusCode === 429) waitMs = serverWaitMs ?? RATE_LIMITED_DEFAULT_WAIT_MS;
			else if (answer.statusCode === 503) waitMs = serverWaitMs ?? fullJitterBackoffMs(attempt - 1);
			else if (answer.statusCode === 500 && !internalErrorRetried) {
				internalErrorRetried = true;
				waitMs = fullJitterBackoffMs(0);
			}
		} else {
			const network = networkFailureFromError(failure);
			const cancelled = context.getExecutionCancelSignal?.()?.aborted === true;
			if (!cancelled && network.code && RETRYABLE_NETWORK_CODES.has(network.code)) {
				waitMs = fullJitterBackoffMs(attempt - 1);
			}
			if (waitMs === undefined || !retryable || attempt >= maxAttempts || !budgetAllows(waitMs)) {
				throw apiErrorFromNetworkFailure(
					node,
					{ ...network, detail: redact(network.detail, secret), host },
					{ itemIndex, secret, note: gaveUpNote(attempt) },
				);
			}
			await spendWait(waitMs);
			continue;
		}

		if (waitMs === undefined || !retryable || attempt >= maxAttempts || !budgetAllows(waitMs)) {
			throw errorFromAnswer(answer, gaveUpNote(attempt), serverWaitMs);
		}
		await spendWait(waitMs);
	}
}

/** The `data` of BuildWorkPro's `{ data, meta }` envelope; other bodies pass through. */
export function unwrapEnvelope(body: unknown): unknown {
	return isObject(body) && !Array.isArray(body) && 'data' in body ? body.data : body;
}

export function toItems(data: unknown, itemIndex: number): INodeExecutionData[] {
	const records = Array.isArray(data)
		? data
		: data === undefined || data === null || data === ''
			? []
			: [data];
	// n8n items hold objects; anything else (never expected from BuildWorkPro) is wrapped, not dropped.
	return records.map((record) => ({
		json:
			isObject(record) && !Array.isArray(record)
				? (record as IDataObject)
				: { value: record as IDataObject[string] },
		pairedItem: { item: itemIndex },
	}));
}

/** The request n8n built from the operation's `routing` description. */
export function requestFromRouting(
	requestData: DeclarativeRestApiSettings.ResultOptions,
): BuildWorkProRequest {
	const {
		method,
		url,
		baseURL,
		qs,
		body,
		headers,
		timeout,
		proxy,
		skipSslCertificateValidation,
		allowedDomains,
	} = requestData.options;
	const passthrough: Partial<IHttpRequestOptions> = {};
	if (proxy) passthrough.proxy = proxy;
	if (skipSslCertificateValidation)
		passthrough.skipSslCertificateValidation =
			skipSslCertificateValidation === true || skipSslCertificateValidation === 'true';
	if (allowedDomains) passthrough.allowedDomains = allowedDomains;
	return {
		method: (method ?? 'GET') as IHttpRequestMethods,
		url: url ?? '',
		baseURL,
		qs: qs as IDataObject | undefined,
		body: body as IDataObject | undefined,
		headers: headers as IDataObject | undefined,
		timeout,
		passthrough,
	};
}

/**
 * Declarative hook for single-request operations (create, get, update, delete). n8n hands a
 * `routing.operations.pagination` function the fully built request; using that hook for every
 * operation lets the transport send it. Output: the envelope's `data` as items, then the
 * operation's own `routing.output.postReceive` functions, if any.
 */
export async function sendSingleRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const answer = await requestBuildWorkPro(this, requestFromRouting(requestData));
	const itemIndex = this.getItemIndex();
	let items = toItems(unwrapEnvelope(answer.body), itemIndex);
	const response: IN8nHttpFullResponse = {
		statusCode: answer.statusCode,
		headers: answer.headers as IN8nHttpFullResponse['headers'],
		body: answer.body as IN8nHttpFullResponse['body'],
	};
	for (const group of requestData.postReceive) {
		for (const action of group.actions) {
			if (typeof action === 'function') items = await action.call(this, items, response);
		}
	}
	return items.map((item) => ({ ...item, pairedItem: item.pairedItem ?? { item: itemIndex } }));
}
