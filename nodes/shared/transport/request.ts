import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import {
	apiErrorFromAnswer,
	apiErrorFromNetworkFailure,
	oauthRefreshError,
	redact,
} from '../errors';
import type { ApiAnswer, ErrorWording } from '../errors';
import { isPlainObject } from '../objects';
import { itemIndexOf } from './context';
import type { TransportContext } from './context';
import { answerFromError, networkFailureFromError, oauthRefreshRefusalFrom } from './errorChain';
import { idempotencyKeyFor } from './idempotency';
import { OAuthRefreshCoordination } from './oauthRefresh';
import type { Ticket } from './rateLimit';
import {
	MAX_ATTEMPTS,
	RATE_LIMITED_DEFAULT_WAIT_MS,
	retryAfterMs,
	waitBeforeRetryingAnswer,
	waitBeforeRetryingNetworkFailure,
} from './retryPolicy';
import { openSession } from './session';
import type { RequestSession } from './session';
import { isCancelled, sleepUnlessCancelled } from './wait';

/**
 * The one place that talks to BuildWorkPro. Every request the action node and the trigger make
 * goes through `requestBuildWorkPro`, which puts together authentication (session), the
 * Idempotency-Key header (idempotency), pacing against the rate limits (rateLimit), retries
 * (retryPolicy) and the translation of failures into n8n errors (errorChain, ../errors). Where a
 * caller needs something else (the trigger's activation must not wait minutes), it says so in the
 * request's `policy`.
 */

const MUTATING_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

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
 * One attempt through n8n's authenticated request helper: the answer (also one n8n threw as an
 * error), and what was thrown, if anything.
 */
async function sendAttempt(
	context: TransportContext,
	session: RequestSession,
	options: IHttpRequestOptions,
): Promise<{ answer?: ApiAnswer; failure?: unknown }> {
	const { credentialType, credentialsDecrypted } = session;
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
		return {
			answer: {
				statusCode: response.statusCode,
				headers: { ...(response.headers as Record<string, unknown>) },
				body: response.body,
			},
		};
	} catch (error) {
		return { answer: answerFromError(error), failure: error };
	}
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
	const itemSession = session ?? (await openSession(context));
	const { credentialType, secret, baseUrl, gate, waitBudgetMs } = itemSession;
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
	const oauth =
		credentialType === 'buildWorkProOAuth2Api'
			? new OAuthRefreshCoordination(`${node.credentials?.[credentialType]?.id ?? ''}\n${baseUrl}`)
			: undefined;
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

	/** Pacing: waits for the rate-limit budget before sending, so the server never has to refuse. */
	const reserveSlot = async (): Promise<Ticket> => {
		for (;;) {
			const decision = gate.tryReserve(cost, Date.now());
			if (decision.kind === 'go') return decision.ticket;
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
	};

	for (let attempt = 1; ; attempt++) {
		const ticket = await reserveSlot();
		// OAuth2: only the lead may have n8n refresh the token (see oauthRefresh).
		const oauthAttempt = oauth?.beginAttempt();
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
			// on every n8n version.
			ignoreHttpStatusErrors: oauthAttempt?.ignoreHttpStatusErrors ?? true,
		};
		if (request.timeout) options.timeout = request.timeout;
		const { answer, failure } = await sendAttempt(context, itemSession, options).finally(() =>
			oauthAttempt?.finish(),
		);
		const refusal = oauth && failure !== undefined ? oauthRefreshRefusalFrom(failure) : undefined;
		if (refusal) {
			throw oauthRefreshError(node, refusal, {
				itemIndex,
				credentialName: node.credentials?.[credentialType]?.name,
				note: request.note,
			});
		}
		if (request.binary && answer && answer.statusCode >= 400)
			answer.body = decodedErrorBody(answer.body);

		const refusedForRate = answer?.statusCode === 429;
		const serverWaitMs = answer ? retryAfterMs(answer.headers) : undefined;
		gate.release(
			ticket,
			Date.now(),
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

		if (
			oauth &&
			oauthAttempt &&
			answer?.statusCode === 401 &&
			failure === undefined &&
			attempt < maxAttempts &&
			(await oauth.retriesUnrefreshed401(oauthAttempt))
		) {
			continue;
		}

		if (!answer) {
			const network = networkFailureFromError(failure);
			const waitMs = isCancelled(context)
				? undefined
				: waitBeforeRetryingNetworkFailure(network.code, attempt - 1);
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

		const waitMs = waitBeforeRetryingAnswer(
			answer.statusCode,
			serverWaitMs,
			attempt - 1,
			internalErrorRetried,
		);
		if (answer.statusCode === 500) internalErrorRetried = true;
		if (waitMs === undefined || !retryable || attempt >= maxAttempts || !budgetAllows(waitMs)) {
			throw errorFromAnswer(answer, gaveUpNote(attempt), serverWaitMs);
		}
		await spendWait(waitMs);
	}
}

/** The `data` of BuildWorkPro's `{ data, meta }` envelope; other bodies pass through. */
export function unwrapEnvelope(body: unknown): unknown {
	return isPlainObject(body) && 'data' in body ? body.data : body;
}
