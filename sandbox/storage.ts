/**
 * The sandbox's object storage: its own HTTP listener on another port (so another origin than the
 * API), in the manner of S3 behind pre-signed URLs. It stores uploads (PUT to a signed URL), serves
 * artifacts (GET a signed URL), and, as S3 does, refuses with 400 any request that carries an
 * Authorization header: a pre-signed URL is its own authentication. Every request it sees is
 * logged (method, path, whether an Authorization header or an API key was present) so tests can
 * prove that no BuildWorkPro credential ever reached the storage host.
 *
 * Signed URLs: `<origin>/bwp-sandbox/<key>?X-Amz-Date=…&X-Amz-Expires=…&X-Amz-Signature=…`, the
 * signature an HMAC of the method, key, date and lifetime. An expired URL answers 403
 * `AccessDenied`, a wrong signature (or a GET URL used for PUT) 403 `SignatureDoesNotMatch`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const STORAGE_BUCKET = 'bwp-sandbox';
const DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
const MAX_LOG_ENTRIES = 10_000;

/** A file answer of the API (document download, invoice PDF): the pipeline sends its bytes as they are. */
export class FileBody {
	constructor(
		readonly bytes: Buffer,
		readonly contentType: string,
		readonly fileName?: string,
	) {}
}

/** `attachment; filename="…"` with a UTF-8 `filename*` when the name is not plain ASCII. */
export function contentDisposition(fileName: string): string {
	const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	const disposition = `attachment; filename="${ascii}"`;
	return ascii === fileName
		? disposition
		: `${disposition}; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export interface StoredObject {
	bytes: Buffer;
	contentType: string;
	/** Sent as Content-Disposition when set. */
	fileName?: string;
	storedAt: string;
}

export interface StorageRequest {
	seq: number;
	at: string;
	method: string;
	/** Path without the query (the query holds the signature: never logged). */
	path: string;
	/** An Authorization header was present (always refused with 400). */
	authorization: boolean;
	/** Some header carried one of the sandbox's API keys (Authorization, X-API-Key, …). */
	credential: boolean;
	/** Names of the request's headers, lower-case. */
	headerNames: string[];
	status: number;
	/** Bytes received (PUT) or sent (GET). */
	bytes: number;
}

export interface StorageOptions {
	host?: string;
	port?: number;
	/** API key tokens whose presence in any header is flagged in the log. */
	credentials?: readonly string[];
	maxUploadBytes?: number;
}

export class StorageService {
	private objects = new Map<string, StoredObject>();
	private log: StorageRequest[] = [];
	private seq = 0;
	private server: Server | null = null;
	private sockets = new Set<Socket>();
	private readonly secret = randomBytes(32);
	private readonly maxUploadBytes: number;
	/** Origin of the listener, e.g. http://127.0.0.1:53121 (set by start()). */
	origin = '';

	constructor(private readonly options: StorageOptions = {}) {
		this.maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
	}

	async start(): Promise<string> {
		const server = createServer((req, res) => this.handle(req, res));
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		this.server = server;
		const address = server.address() as AddressInfo;
		const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
		this.origin = `http://${host}:${address.port}`;
		return this.origin;
	}

	async close(): Promise<void> {
		const server = this.server;
		this.server = null;
		if (!server) return;
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			for (const socket of this.sockets) socket.destroy();
		});
	}

	// ---- objects ----------------------------------------------------------------------------

	put(key: string, object: Omit<StoredObject, 'storedAt'>): void {
		this.objects.set(key, { ...object, storedAt: new Date().toISOString() });
	}

	get(key: string): StoredObject | undefined {
		return this.objects.get(key);
	}

	has(key: string): boolean {
		return this.objects.has(key);
	}

	delete(key: string): void {
		this.objects.delete(key);
	}

	/** A pre-signed URL for one method on one key, valid `ttlSeconds` from now. */
	signedUrl(method: 'GET' | 'PUT', key: string, ttlSeconds: number, nowMs = Date.now()): string {
		const date = amzDate(nowMs);
		const expires = String(Math.max(1, Math.floor(ttlSeconds)));
		const signature = this.sign(method, key, date, expires);
		const query = new URLSearchParams({
			'X-Amz-Algorithm': 'BWP-HMAC-SHA256',
			'X-Amz-Date': date,
			'X-Amz-Expires': expires,
			'X-Amz-Signature': signature,
		});
		return `${this.origin}/${STORAGE_BUCKET}/${key.split('/').map(encodeURIComponent).join('/')}?${query}`;
	}

	requestLog(): StorageRequest[] {
		return this.log.map((e) => ({ ...e, headerNames: [...e.headerNames] }));
	}

	clearLog(): void {
		this.log = [];
	}

	reset(): void {
		this.objects.clear();
		this.log = [];
	}

	// ---- HTTP -----------------------------------------------------------------------------------

	private sign(method: string, key: string, date: string, expires: string): string {
		return createHmac('sha256', this.secret)
			.update(`${method}\n${key}\n${date}\n${expires}`)
			.digest('hex');
	}

	private handle(req: IncomingMessage, res: ServerResponse): void {
		const method = (req.method ?? 'GET').toUpperCase();
		const url = new URL(req.url ?? '/', 'http://storage.local');
		const headerNames = Object.keys(req.headers).map((h) => h.toLowerCase());
		const tokens = this.options.credentials ?? [];
		const credential = Object.values(req.headers).some((v) => {
			const text = Array.isArray(v) ? v.join(' ') : (v ?? '');
			return tokens.some((t) => t && text.includes(t));
		});
		const entry: StorageRequest = {
			seq: ++this.seq,
			at: new Date().toISOString(),
			method,
			path: url.pathname,
			authorization: req.headers.authorization !== undefined,
			credential,
			headerNames,
			status: 0,
			bytes: 0,
		};
		this.log.push(entry);
		if (this.log.length > MAX_LOG_ENTRIES) this.log.splice(0, this.log.length - MAX_LOG_ENTRIES);

		const fail = (status: number, code: string, message: string) => {
			entry.status = status;
			const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>\n`;
			// Drain what the client still sends, then answer (a PUT refused early must not hang).
			req.resume();
			res.writeHead(status, {
				'Content-Type': 'application/xml',
				'Content-Length': Buffer.byteLength(body),
				Connection: 'close',
			});
			res.end(body);
		};

		if (entry.authorization) {
			return fail(
				400,
				'InvalidArgument',
				'Only one auth mechanism allowed; only the X-Amz-Signature query parameter or the Authorization header should be specified.',
			);
		}
		const prefix = `/${STORAGE_BUCKET}/`;
		if (!url.pathname.startsWith(prefix))
			return fail(404, 'NoSuchBucket', 'The specified bucket does not exist.');
		let key: string;
		try {
			key = url.pathname.slice(prefix.length).split('/').map(decodeURIComponent).join('/');
		} catch {
			return fail(400, 'InvalidURI', 'Could not parse the specified URI.');
		}
		const date = url.searchParams.get('X-Amz-Date') ?? '';
		const expires = url.searchParams.get('X-Amz-Expires') ?? '';
		const signature = url.searchParams.get('X-Amz-Signature') ?? '';
		if (!date || !expires || !signature)
			return fail(403, 'AccessDenied', 'Access Denied: the request is not signed.');
		const signedMethod = method === 'HEAD' ? 'GET' : method;
		if (signedMethod !== 'GET' && signedMethod !== 'PUT')
			return fail(
				405,
				'MethodNotAllowed',
				'The specified method is not allowed against this resource.',
			);
		const expected = Buffer.from(this.sign(signedMethod, key, date, expires), 'hex');
		const given = Buffer.from(/^[0-9a-f]{64}$/.test(signature) ? signature : '', 'hex');
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
			return fail(
				403,
				'SignatureDoesNotMatch',
				'The request signature we calculated does not match the signature you provided.',
			);
		}
		const signedAt = parseAmzDate(date);
		if (signedAt === null || !/^\d{1,6}$/.test(expires))
			return fail(
				400,
				'AuthorizationQueryParametersError',
				'X-Amz-Date or X-Amz-Expires is malformed.',
			);
		if (Date.now() > signedAt + Number(expires) * 1000)
			return fail(403, 'AccessDenied', 'Request has expired.');

		if (signedMethod === 'PUT') return this.receive(req, res, key, entry, fail);
		const object = this.objects.get(key);
		if (!object) return fail(404, 'NoSuchKey', 'The specified key does not exist.');
		const headers: Record<string, string | number> = {
			'Content-Type': object.contentType,
			'Content-Length': object.bytes.length,
			ETag: `"${createHmac('md5', 'etag').update(object.bytes).digest('hex')}"`,
			'Last-Modified': new Date(object.storedAt).toUTCString(),
		};
		if (object.fileName) headers['Content-Disposition'] = contentDisposition(object.fileName);
		entry.status = 200;
		entry.bytes = method === 'HEAD' ? 0 : object.bytes.length;
		req.resume();
		res.writeHead(200, headers);
		res.end(method === 'HEAD' ? undefined : object.bytes);
	}

	private receive(
		req: IncomingMessage,
		res: ServerResponse,
		key: string,
		entry: StorageRequest,
		fail: (s: number, c: string, m: string) => void,
	): void {
		const chunks: Buffer[] = [];
		let size = 0;
		let failed = false;
		req.on('data', (chunk: Buffer) => {
			if (failed) return;
			size += chunk.length;
			if (size > this.maxUploadBytes) {
				failed = true;
				chunks.length = 0;
				fail(
					413,
					'EntityTooLarge',
					`Your proposed upload exceeds the maximum allowed size (${this.maxUploadBytes} bytes).`,
				);
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => {
			if (failed) return;
			const bytes = Buffer.concat(chunks);
			const contentType = String(req.headers['content-type'] ?? 'application/octet-stream');
			this.put(key, { bytes, contentType });
			entry.status = 200;
			entry.bytes = bytes.length;
			res.writeHead(200, {
				ETag: `"${createHmac('md5', 'etag').update(bytes).digest('hex')}"`,
				'Content-Length': 0,
			});
			res.end();
		});
		req.on('error', () => {
			failed = true;
		});
	}
}

/** ISO 8601 basic format, as S3 signs: 20260102T030405Z. */
function amzDate(ms: number): string {
	return new Date(ms)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

function parseAmzDate(text: string): number | null {
	const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
	if (!m) return null;
	return Date.UTC(
		Number(m[1]),
		Number(m[2]) - 1,
		Number(m[3]),
		Number(m[4]),
		Number(m[5]),
		Number(m[6]),
	);
}
