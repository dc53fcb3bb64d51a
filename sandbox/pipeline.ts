/**
 * The HTTP entry: test controls under /__sandbox (when enabled), the API under /api/v1, else 404.
 * An API request goes auth → rate limit (the route entry's cost) → route → scope → path
 * parameters → body → idempotency → the entry's handler, and is logged and audited on the way.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Answer } from './answer';
import type { SandboxApp } from './app';
import { costOf } from './catalog';
import { handleControl } from './controlApi';
import { faultError } from './faults';
import {
	API_PREFIX,
	CONTROL_PREFIX,
	isJsonContentType,
	newRequestId,
	parseQuery,
	readBody,
	sendJson,
	type RawBody,
} from './http';
import { UUID_PATTERN, requestHash } from './idempotency';
import { ApiError, badRequest, notFound, rateLimited } from './problems';
import type { RequestContext, RouteEntry } from './route';
import { pathParams } from './router';
import { FileBody, contentDisposition } from './storage';
import type { LoggedRequest, SandboxKey } from './types';

/** Who called, once authentication has told (unauthenticated requests belong to no tenant's audit log). */
interface Caller {
	tenantId?: number;
	keyId?: number;
}

/** What one API request carries through the pipeline besides its answer. */
interface ApiRequest {
	req: IncomingMessage;
	method: string;
	/** Normalized request path including /api/v1, without query. */
	path: string;
	/** The path relative to /api/v1. */
	relPath: string;
	query: Record<string, string>;
	raw: RawBody;
	requestId: string;
	/** Headers every answer gets (request id, rate-limit state, Server-Timing). */
	headers: Record<string, string>;
	afterCommit: Array<() => void>;
	logEntry: LoggedRequest;
	caller: Caller;
}

const WWW_AUTHENTICATE = { 'WWW-Authenticate': 'Bearer realm="BuildWorkPro"' };

export async function handleRequest(
	app: SandboxApp,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://sandbox.local');
	// Trailing slashes are tolerated: /contacts/ is /contacts.
	const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
	const query = parseQuery(url.searchParams);
	if (path === CONTROL_PREFIX || path.startsWith(CONTROL_PREFIX + '/')) {
		if (app.testControls)
			return handleControl(app, req, res, path.slice(CONTROL_PREFIX.length), query);
	}
	if (path === API_PREFIX || path.startsWith(API_PREFIX + '/'))
		return handleApi(app, req, res, path, query);
	await readBody(req, app.maxBodyBytes);
	const requestId = newRequestId();
	const problem = notFound(
		`No such route: ${req.method} ${path}. The API lives under ${API_PREFIX}.`,
	).toProblem(requestId);
	sendJson(res, 404, problem, { 'X-Request-Id': requestId }, 'application/problem+json');
}

async function handleApi(
	app: SandboxApp,
	req: IncomingMessage,
	res: ServerResponse,
	path: string,
	query: Record<string, string>,
): Promise<void> {
	const method = (req.method ?? 'GET').toUpperCase();
	const relPath = path.slice(API_PREFIX.length) || '/';
	const requestId = newRequestId();
	const logEntry = app.requestLog.start(method, path, query, req.headers);

	const fault = app.faults.take(method, relPath);
	if (fault?.kind === 'drop') {
		logEntry.dropped = true;
		req.socket.destroy();
		return;
	}
	if (fault?.kind === 'slow' && !(await app.faults.delay(fault.delayMs ?? 2_000))) return;
	const raw = await readBody(req, app.maxBodyBytes);
	app.requestLog.recordBody(logEntry, raw.bytes);
	if (raw.aborted) {
		req.socket.destroy();
		return;
	}

	const started = performance.now();
	const cpuStarted = process.cpuUsage();
	const request: ApiRequest = {
		req,
		method,
		path,
		relPath,
		query,
		raw,
		requestId,
		headers: { 'X-Request-Id': requestId },
		afterCommit: [],
		logEntry,
		caller: {},
	};
	let answer: Answer;
	try {
		const injected = fault && faultError(fault);
		if (injected) throw injected;
		answer = serve(app, request);
	} catch (err) {
		const apiError =
			err instanceof ApiError
				? err
				: new ApiError(500, 'internal_error', 'The sandbox hit an unexpected error.');
		if (!(err instanceof ApiError)) console.error('[sandbox] unexpected error', err);
		answer = {
			status: apiError.status,
			body: apiError.toProblem(requestId),
			contentType: 'application/problem+json',
			headers: apiError.headers,
		};
	}
	logEntry.status = answer.status;
	const text = serialize(answer);
	// Time spent serving the request (routing, store access, serialization), body reading excluded.
	const cpu = process.cpuUsage(cpuStarted);
	request.headers['Server-Timing'] =
		`app;dur=${(performance.now() - started).toFixed(3)}, cpu;dur=${((cpu.user + cpu.system) / 1000).toFixed(3)}`;
	if (fault?.kind === 'commit-then-drop') {
		logEntry.dropped = true;
		req.socket.destroy();
	} else send(res, answer, text, request.headers);
	audit(app, request, answer, started);
	for (const effect of request.afterCommit) effect();
}

/** The JSON text of an answer (undefined for a file or no body). */
function serialize(answer: Answer): string | undefined {
	if (answer.body instanceof FileBody) return undefined;
	if (answer.rawBody !== undefined) return answer.rawBody ?? undefined;
	return answer.body === undefined ? undefined : JSON.stringify(answer.body);
}

function send(
	res: ServerResponse,
	answer: Answer,
	text: string | undefined,
	headers: Record<string, string>,
): void {
	if (answer.body instanceof FileBody) {
		const file = answer.body;
		const fileHeaders: Record<string, string | number> = {
			...headers,
			...answer.headers,
			'Content-Type': file.contentType,
			'Content-Length': file.bytes.length,
		};
		if (file.fileName) fileHeaders['Content-Disposition'] = contentDisposition(file.fileName);
		res.writeHead(answer.status, fileHeaders);
		res.end(file.bytes);
		return;
	}
	sendJson(
		res,
		answer.status,
		text,
		{ ...headers, ...answer.headers },
		answer.contentType ?? 'application/json; charset=utf-8',
	);
}

function audit(app: SandboxApp, request: ApiRequest, answer: Answer, started: number): void {
	const { caller, req } = request;
	if (caller.tenantId === undefined) return;
	const code =
		answer.status >= 400 ? (answer.body as { code?: unknown } | undefined)?.code : undefined;
	const userAgent = req.headers['user-agent'];
	app.auditLog.record({
		tenantId: caller.tenantId,
		apiKeyId: caller.keyId ?? null,
		oauthTokenId: null,
		userId: null,
		method: request.method,
		path: request.path,
		status: answer.status,
		durationMs: Math.round(performance.now() - started),
		requestId: request.requestId,
		ip: req.socket.remoteAddress ?? null,
		userAgent: typeof userAgent === 'string' ? userAgent : null,
		errorCode: typeof code === 'string' ? code : null,
	});
}

function serve(app: SandboxApp, request: ApiRequest): Answer {
	const { req, method, path, relPath, query, raw, requestId } = request;
	// The OAuth 2.1 endpoints authenticate (or not) on their own (sandbox/oauth.ts).
	if (relPath === '/oauth' || relPath.startsWith('/oauth/')) {
		return app.oauth.handle({
			method,
			relPath,
			query,
			headers: req.headers,
			body: raw.bytes,
			ip: req.socket.remoteAddress ?? null,
			requestId,
			caller: request.caller,
		});
	}
	const { key, keyId, oauth } = authenticate(app, request);

	// Rate limits (both buckets; a refused request is not counted; OAuth callers have no key bucket).
	// A request no entry serves is charged its documented cost class.
	const match = app.router.match(method, relPath, path);
	const cost = match.entry ? match.entry.cost : costOf(method, relPath);
	const verdict = app.rateLimiter.consume(key.token, key.tenantId, cost, undefined, {
		keyBucket: !oauth,
	});
	Object.assign(request.headers, verdict.headers);
	if (!verdict.allowed) throw rateLimited(verdict.retryAfterSeconds!);
	if (!match.entry) throw match.error;
	const route = match.entry;
	checkScopes(route, key);
	const params = pathParams(route, match.template, match.segments);
	const ctx: RequestContext = {
		requestId,
		method,
		path,
		query,
		key,
		keyId,
		tenantId: key.tenantId,
		body: parseJsonBody(req, raw, method, app.maxBodyBytes),
		...params,
		afterCommit: request.afterCommit,
	};
	return runIdempotent(app, req, ctx, () => route.handler(app, ctx));
}

/** The API key or OAuth access token of the request (401 without a valid one). */
function authenticate(
	app: SandboxApp,
	request: ApiRequest,
): { key: SandboxKey; keyId: number; oauth: boolean } {
	const authorization = request.req.headers.authorization ?? '';
	const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
	if (!match) {
		throw new ApiError(
			401,
			'unauthorized',
			'Send an API key as "Authorization: Bearer <key>".',
			undefined,
			{ ...WWW_AUTHENTICATE },
		);
	}
	// OAuth access tokens (bwp_at_…) carry the scopes granted to the app (sandbox/oauth.ts).
	const oauth = match[1].startsWith('bwp_at_') ? app.oauth.authenticate(match[1]) : undefined;
	const binding = oauth ?? app.keysByToken.get(match[1]);
	if (!binding)
		throw new ApiError(401, 'unauthorized', 'The API key is not valid.', undefined, {
			...WWW_AUTHENTICATE,
		});
	request.logEntry.keyName = binding.key.name;
	request.caller.tenantId = binding.key.tenantId;
	request.caller.keyId = oauth ? undefined : binding.keyId;
	return { key: binding.key, keyId: binding.keyId, oauth: !!oauth };
}

/** Every scope the entry lists is required. */
function checkScopes(route: RouteEntry, key: SandboxKey): void {
	const missing = route.scopes.find((scope) => !key.scopes.includes(scope));
	if (!missing) return;
	const all = route.scopes.length > 1 ? ` (it requires ${route.scopes.join(' and ')})` : '';
	throw new ApiError(
		403,
		'scope_insufficient',
		`This operation requires the scope ${missing}, which the API key does not have${all}.`,
		undefined,
		{},
		{ required_scope: missing },
	);
}

function parseJsonBody(
	req: IncomingMessage,
	raw: RawBody,
	method: string,
	maxBodyBytes: number,
): unknown {
	if (raw.oversized) {
		throw new ApiError(
			413,
			'bad_request',
			`The request body exceeds ${maxBodyBytes} bytes.`,
			undefined,
			{},
			{},
			'Payload too large',
		);
	}
	if (!raw.bytes.length || method === 'GET' || method === 'HEAD') return undefined;
	const contentType = req.headers['content-type'];
	if (!isJsonContentType(contentType)) {
		throw new ApiError(
			415,
			'bad_request',
			`Send the body as application/json, not ${contentType}.`,
			undefined,
			{},
			{},
			'Unsupported media type',
		);
	}
	const text = raw.bytes.toString('utf8');
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		throw badRequest('The request body is not valid JSON.');
	}
}

/** Runs a mutating request once per Idempotency-Key; a repeat answers the stored answer. */
function runIdempotent(
	app: SandboxApp,
	req: IncomingMessage,
	ctx: RequestContext,
	run: () => Answer,
): Answer {
	const { method, path, body, tenantId } = ctx;
	const header = req.headers['idempotency-key'];
	const idempotencyKey = Array.isArray(header) ? header[0] : header;
	const mutating =
		method === 'POST' || method === 'PATCH' || method === 'DELETE' || method === 'PUT';
	if (!mutating || idempotencyKey === undefined) return run();
	if (idempotencyKey.length > 255 || !UUID_PATTERN.test(idempotencyKey)) {
		throw badRequest('Idempotency-Key must be a UUID (for example a fresh UUID v4 per operation).');
	}
	const hash = requestHash(method, path, body);
	const cached = app.idempotency.lookup(tenantId, idempotencyKey);
	if (cached) {
		if (cached.hash !== hash) {
			throw new ApiError(
				409,
				'idempotency_key_reused',
				'This Idempotency-Key was already used with a different request body.',
			);
		}
		return { status: cached.status, rawBody: cached.body, contentType: cached.contentType };
	}
	const firstSeenAt = app.idempotency.now();
	const answer = run();
	if (answer.status < 200 || answer.status >= 300) return answer;
	const text = answer.body === undefined ? null : JSON.stringify(answer.body);
	app.idempotency.store(
		tenantId,
		idempotencyKey,
		{ hash, status: answer.status, body: text, contentType: answer.contentType },
		firstSeenAt,
	);
	return { ...answer, body: undefined, rawBody: text };
}
