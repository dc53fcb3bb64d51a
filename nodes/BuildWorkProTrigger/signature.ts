import { createHmac, timingSafeEqual } from 'node:crypto';

/** BuildWorkPro's documented header, plus the short name one vendor page uses. */
export const SIGNATURE_HEADER_NAMES = ['buildworkpro-signature', 'bwp-signature'] as const;

/** Deliveries older or newer than this (seconds) are refused, so a captured one cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface ParsedSignatureHeader {
	/** Unix seconds from `t=` */
	timestamp: number;
	/** Every `v1=` token (several while BuildWorkPro rotates the endpoint's secret) */
	signatures: string[];
}

export type SignatureVerdict =
	| { valid: true; timestamp: number }
	| { valid: false; reason: string };

type HeaderValue = string | string[] | undefined;

/**
 * The signature header's value, whatever case the sender or a proxy gave its name.
 * Node lower-cases incoming header names already; other callers may not.
 */
export function findSignatureHeader(headers: Record<string, HeaderValue>): string | undefined {
	for (const wanted of SIGNATURE_HEADER_NAMES) {
		for (const [name, value] of Object.entries(headers)) {
			if (name.toLowerCase() !== wanted || value === undefined) continue;
			const joined = Array.isArray(value) ? value.join(',') : value;
			if (joined.trim() !== '') return joined;
		}
	}
	return undefined;
}

/**
 * Parses `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`. Unknown schemes (say `v0=`) are ignored so
 * a future scheme does not break verification; undefined when `t` or every `v1` is missing or
 * malformed.
 */
export function parseSignatureHeader(value: string): ParsedSignatureHeader | undefined {
	let timestamp: number | undefined;
	const signatures: string[] = [];
	for (const part of value.split(',')) {
		const separator = part.indexOf('=');
		if (separator <= 0) continue;
		const key = part.slice(0, separator).trim().toLowerCase();
		const tokenValue = part.slice(separator + 1).trim();
		if (key === 't') {
			// Two different timestamps make the header ambiguous: refuse rather than pick one.
			if (!/^\d{1,12}$/.test(tokenValue)) return undefined;
			const parsed = Number(tokenValue);
			if (timestamp !== undefined && timestamp !== parsed) return undefined;
			timestamp = parsed;
		} else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(tokenValue)) {
			signatures.push(tokenValue.toLowerCase());
		}
	}
	if (timestamp === undefined || signatures.length === 0) return undefined;
	return { timestamp, signatures };
}

/** hex(HMAC-SHA256(secret, `${t}.${rawBody}`)) over the exact bytes received. */
export function computeSignature(
	secret: string,
	timestamp: number,
	rawBody: Buffer | string,
): string {
	return createHmac('sha256', secret)
		.update(`${timestamp}.`, 'utf8')
		.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
		.digest('hex');
}

export interface VerifyOptions {
	headers: Record<string, HeaderValue>;
	rawBody: Buffer | string | undefined;
	/** Every secret that may have signed this delivery (ours for each registered endpoint). */
	secrets: string[];
	/** Defaults to Date.now(); tests pass a fixed clock. */
	nowMs?: number;
	toleranceSeconds?: number;
}

/**
 * Accepts a delivery only when some `v1` token equals the HMAC under some secret (compared in
 * constant time) and the timestamp is within the tolerance in either direction.
 */
export function verifySignature(options: VerifyOptions): SignatureVerdict {
	const { headers, rawBody, secrets } = options;
	const nowMs = options.nowMs ?? Date.now();
	const tolerance = options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;

	if (rawBody === undefined) {
		return {
			valid: false,
			reason: 'the raw request body is not available, so it cannot be verified',
		};
	}
	const usableSecrets = secrets.filter((secret) => typeof secret === 'string' && secret.length > 0);
	if (usableSecrets.length === 0) {
		return {
			valid: false,
			reason: 'no signing secret is stored for this trigger (re-publish the workflow)',
		};
	}
	const headerValue = findSignatureHeader(headers);
	if (headerValue === undefined) {
		return { valid: false, reason: 'the BuildWorkPro-Signature header is missing' };
	}
	const parsed = parseSignatureHeader(headerValue);
	if (parsed === undefined) {
		return { valid: false, reason: 'the BuildWorkPro-Signature header is malformed' };
	}
	const ageSeconds = Math.abs(nowMs / 1000 - parsed.timestamp);
	if (!(ageSeconds <= tolerance)) {
		return {
			valid: false,
			reason: `the signature timestamp is ${Math.round(ageSeconds)} s away from now (more than ${tolerance} s)`,
		};
	}

	const receivedSignatures = parsed.signatures.map((hex) => Buffer.from(hex, 'hex'));
	for (const secret of usableSecrets) {
		const expected = Buffer.from(computeSignature(secret, parsed.timestamp, rawBody), 'hex');
		for (const received of receivedSignatures) {
			// timingSafeEqual throws on different lengths; the parser only keeps 32-byte tokens.
			if (received.length === expected.length && timingSafeEqual(received, expected)) {
				return { valid: true, timestamp: parsed.timestamp };
			}
		}
	}
	return { valid: false, reason: 'no v1 signature matches the signing secret' };
}
