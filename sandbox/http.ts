/** Small HTTP helpers: body reading with a size cap, query parsing, JSON answers, request ids. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Where the API lives; the test controls live under CONTROL_PREFIX. */
export const API_PREFIX = '/api/v1';
export const CONTROL_PREFIX = '/__sandbox';

export const newRequestId = () => `req_${randomBytes(12).toString('hex')}`;

export interface RawBody {
	bytes: Buffer;
	/** True when the body exceeded the cap; `bytes` then holds only the first part. */
	oversized: boolean;
	/** True when the body was so large we stopped reading it and the connection must close. */
	aborted: boolean;
}

/**
 * Reads the whole body, keeping at most `maxBytes`. Past the cap the rest is drained and
 * discarded (so the client sees a clean 413 instead of a reset) up to a hard ceiling, after
 * which the connection is given up.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<RawBody> {
	const hardCeiling = Math.max(maxBytes * 16, 16 * 1024 * 1024);
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let kept = 0;
		let seen = 0;
		let settled = false;
		const finish = (aborted: boolean) => {
			if (settled) return;
			settled = true;
			resolve({ bytes: Buffer.concat(chunks), oversized: seen > maxBytes, aborted });
		};
		req.on('data', (chunk: Buffer) => {
			seen += chunk.length;
			if (kept < maxBytes) {
				const part = chunk.subarray(0, maxBytes - kept);
				chunks.push(part);
				kept += part.length;
			}
			if (seen > hardCeiling) {
				req.pause();
				finish(true);
			}
		});
		req.on('end', () => finish(false));
		req.on('error', () => finish(true));
		req.on('close', () => finish(!req.complete));
	});
}

export function parseQuery(searchParams: URLSearchParams): Record<string, string> {
	const query: Record<string, string> = {};
	// With repeated parameters the first one wins.
	for (const [name, value] of searchParams) if (!(name in query)) query[name] = value;
	return query;
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
	contentType = 'application/json; charset=utf-8',
): void {
	const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
	const all: Record<string, string | number> = { ...headers };
	if (status !== 204 && text !== '') {
		all['Content-Type'] = contentType;
		all['Content-Length'] = Buffer.byteLength(text);
	}
	res.writeHead(status, all);
	res.end(status === 204 ? undefined : text);
}

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;
export const isJsonContentType = (value: string | undefined) =>
	value === undefined || value === '' || JSON_TYPE.test(value);
