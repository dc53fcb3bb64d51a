/** The log of API requests the test controls answer (sandbox.requestLog, GET /__sandbox/requests). */
import type { IncomingMessage } from 'node:http';
import type { LoggedRequest } from './types';

const MAX_LOG_ENTRIES = 10_000;
/** Larger bodies are logged only as their size, so a long benchmark cannot exhaust memory. */
const MAX_LOGGED_BODY_BYTES = 64 * 1024;

function redactHeaders(headers: IncomingMessage['headers']): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	if (out.authorization) {
		const token = out.authorization.replace(/^Bearer\s+/i, '');
		out.authorization = `Bearer …${token.slice(-4)}`;
	}
	return out;
}

function parseForLog(bytes: Buffer): unknown {
	const text = bytes.toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		return text.length > 4096 ? `${text.slice(0, 4096)}…` : text;
	}
}

export class RequestLog {
	private entries: LoggedRequest[] = [];
	private seq = 0;

	/** Logs a request as it arrives; the pipeline fills in the rest (status, key, body) as it goes. */
	start(
		method: string,
		path: string,
		query: Record<string, string>,
		headers: IncomingMessage['headers'],
	): LoggedRequest {
		const entry: LoggedRequest = {
			seq: ++this.seq,
			at: new Date().toISOString(),
			method,
			path,
			query,
			headers: redactHeaders(headers),
			status: 0,
		};
		this.entries.push(entry);
		if (this.entries.length > MAX_LOG_ENTRIES)
			this.entries.splice(0, this.entries.length - MAX_LOG_ENTRIES);
		return entry;
	}

	recordBody(entry: LoggedRequest, bytes: Buffer): void {
		if (!bytes.length) return;
		entry.body =
			bytes.length <= MAX_LOGGED_BODY_BYTES ? parseForLog(bytes) : `<${bytes.length} bytes>`;
	}

	/** Copies, so a caller cannot change the log. */
	list(): LoggedRequest[] {
		return this.entries.map((e) => ({ ...e, query: { ...e.query }, headers: { ...e.headers } }));
	}

	clear(): void {
		this.entries = [];
	}
}
