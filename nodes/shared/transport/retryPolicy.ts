import { randomInt } from 'node:crypto';

/**
 * When an answer or a network failure is worth another try, and how long to wait first:
 * BuildWorkPro's Retry-After where it sends one, otherwise full-jitter exponential backoff.
 */

/** 429 without Retry-After: the vendor's advice. */
export const RATE_LIMITED_DEFAULT_WAIT_MS = 30_000;
/** Full-jitter exponential backoff for 503, 500 and network errors. */
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 60_000;
/** A hard stop even when Max Wait would allow more (e.g. `Retry-After: 0` forever). */
export const MAX_ATTEMPTS = 10;
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

/** `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Record<string, unknown>): number | undefined {
	const raw = headers['retry-after'] ?? headers['Retry-After'];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const value = String(Array.isArray(raw) ? raw[0] : raw).trim();
	if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function fullJitterBackoffMs(retryNumber: number): number {
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retryNumber);
	return randomInt(0, ceiling + 1);
}

/**
 * The wait before trying an error answer again, `undefined` when it is not worth another try:
 * 429 and 503 as long as they last (Retry-After first), a 500 once only (a bug on the server
 * side rarely goes away by itself).
 */
export function waitBeforeRetryingAnswer(
	statusCode: number,
	serverWaitMs: number | undefined,
	retryNumber: number,
	internalErrorRetried: boolean,
): number | undefined {
	if (statusCode === 429) return serverWaitMs ?? RATE_LIMITED_DEFAULT_WAIT_MS;
	if (statusCode === 503) return serverWaitMs ?? fullJitterBackoffMs(retryNumber);
	if (statusCode === 500 && !internalErrorRetried) return fullJitterBackoffMs(0);
	return undefined;
}

/** The wait before trying again after a network failure, `undefined` when it is not worth another try. */
export function waitBeforeRetryingNetworkFailure(
	code: string | undefined,
	retryNumber: number,
): number | undefined {
	return code && RETRYABLE_NETWORK_CODES.has(code) ? fullJitterBackoffMs(retryNumber) : undefined;
}
