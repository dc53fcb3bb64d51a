/** The sandbox's request pipeline: auth → rate limit → route → scope → body → idempotency → handler. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { FaultSpec, LoggedRequest, SandboxKey, SandboxOptions } from './types';
import { ApiError, badRequest, notFound } from './problems';
import { OPERATIONS, costOf } from './catalog';
import { RateLimiter, DEFAULT_RATE_LIMIT, type RateLimitConfig } from './rateLimiter';
import { CursorCodec, filterFingerprint } from './cursor';
import { IdempotencyCache, UUID_PATTERN, requestHash } from './idempotency';
import { OAuthServer, toOAuthUser } from './oauth';
import {
	CONTACT_TYPES,
	ContactTable,
	buildSearchText,
	contactMatcher,
	newStoredContact,
	parseDateParam,
	presentContact,
	validateContactInput,
	type ContactFilters,
	type StoredContact,
} from './contacts';
import { firstIndexAfter, pageOf } from './keyset';
import { WebhookService } from './webhooks';
import { AuditLog, brandingOf, dataRetentionOf } from './account';
import { generateContacts } from './seed';
import { isJsonContentType, parseQuery, readBody, sendJson } from './http';
import { FAMILIES, RESOURCE_OPERATIONS, ResourceStore } from './resources';
import { buildMatcher } from './resources/engine';
import type { FamilyDef, ResourceContext, Row } from './resources/types';
import { attachFile } from './resources/documents';
import { WRITABLE_FIELDS } from './contacts';
import {
	JOB_ROUTES,
	JobService,
	type ExportSnapshot,
	type ImportField,
	type JobConfig,
	type JobData,
	type JobOwner,
} from './jobs';
import { FileBody, StorageService, contentDisposition } from './storage';
import type { PdfContent } from './pdf';

export const API_PREFIX = '/api/v1';
export const CONTROL_PREFIX = '/__sandbox';
const MAX_LOG_ENTRIES = 10_000;

interface Answer {
	status: number;
	body?: unknown;
	/** Pre-serialized body (idempotent replays). */
	rawBody?: string | null;
	contentType?: string;
	headers?: Record<string, string>;
}

interface Context {
	requestId: string;
	method: string;
	/** Normalized request path including /api/v1, without query. */
	path: string;
	query: Record<string, string>;
	key: SandboxKey;
	keyId: number;
	tenantId: number;
	body: unknown;
	/** First path parameter ({id}); `params` holds all of them by name. */
	id: number;
	params: Record<string, number>;
	/** Path parameters the route takes as text ({entityType}). */
	texts: Record<string, string>;
	/** Side effects (webhooks) to run once the answer has been committed. */
	afterCommit: Array<() => void>;
}

type Handler = (ctx: Context) => Answer;

interface Caller {
	tenantId?: number;
	keyId?: number;
}

interface Route {
	method: string;
	template: string;
	segments: string[];
	/** Every scope the operation requires. */
	scopes: string[];
	/** Path parameters taken as text instead of positive integers. */
	textParams?: readonly string[];
	handler: Handler;
}

const isoNow = () => new Date().toISOString();

/** Export columns of contacts, in the order a spreadsheet shows them. */
const CONTACT_COLUMNS = [
	'id',
	'type',
	'firstName',
	'lastName',
	'companyName',
	'email',
	'phone',
	'mobile',
	'website',
	'notes',
	'position',
	'parentContactId',
	'createdAt',
	'updatedAt',
];
/** The number field that names a record in its PDF and file name. */
const PDF_NUMBER_FIELDS: Record<string, string> = {
	bids: 'bidNumber',
	'pay-apps': 'payAppNumber',
	'change-orders': 'changeOrderNumber',
	invoices: 'invoiceNumber',
};
const PDF_AMOUNT_FIELDS: Array<[string, string]> = [
	['total', 'Total'],
	['totalAmount', 'Total amount'],
	['contractSum', 'Contract sum'],
	['currentPaymentDue', 'Current payment due'],
	['amountDue', 'Amount due'],
	['balanceDue', 'Balance due'],
];

/** Who started a job (its work runs as them). */
interface JobCaller {
	key: SandboxKey;
	keyId: number;
}

/** A document to add with given bytes (sandbox.addDocument, POST /__sandbox/documents). */
export interface DocumentInput {
	entityType: string;
	entityId: number;
	originalFilename: string;
	mimeType: string;
	bytes: Buffer;
	category?: string | null;
	description?: string | null;
}
const newRequestId = () => `req_${randomBytes(12).toString('hex')}`;
const POSITIVE_ID = /^[1-9]\d{0,14}$/;

function parseLimit(value: string | undefined): number {
	if (value === undefined || value === '') return 25;
	if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 100) {
		throw badRequest('limit must be an integer between 1 and 100.');
	}
	return Number(value);
}

export class SandboxApp {
	readonly keys: SandboxKey[];
	private readonly keysByToken = new Map<string, { key: SandboxKey; keyId: number }>();
	private tables = new Map<number, ContactTable>();
	private nextContactId = 1;
	/** Every resource family served by the generic engine (leads, projects, bids, …). */
	readonly resources: ResourceStore;
	readonly rateLimiter: RateLimiter;
	readonly cursors: CursorCodec;
	readonly idempotency: IdempotencyCache;
	readonly webhooks: WebhookService;
	/** The object storage listener (another origin) behind signed upload and download URLs. */
	readonly storage: StorageService;
	/** Exports, imports, bulk actions and PDFs. */
	readonly jobs: JobService;
	/** Every authenticated API request, per tenant, for GET /api-audit-logs. */
	readonly auditLog = new AuditLog();
	/** The OAuth 2.1 authorization server (/oauth/*) and the `bwp_at_` callers it vouches for. */
	readonly oauth: OAuthServer;
	private log: LoggedRequest[] = [];
	private logSeq = 0;
	private faults: Array<FaultSpec & { remaining: number }> = [];
	private sleeps = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
	private readonly routes: Route[];
	private closed = false;
	readonly maxBodyBytes: number;
	readonly testControls: boolean;

	constructor(keys: SandboxKey[], options: SandboxOptions) {
		this.keys = keys;
		keys.forEach((key, i) => this.keysByToken.set(key.token, { key, keyId: i + 1 }));
		this.rateLimiter = new RateLimiter({ ...DEFAULT_RATE_LIMIT, ...options.rateLimit });
		this.cursors = new CursorCodec(options.cursorSecret ?? randomBytes(32).toString('hex'));
		this.idempotency = new IdempotencyCache(options.idempotencyTtlMs ?? 24 * 3_600_000);
		this.webhooks = new WebhookService(options.webhooks);
		this.maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
		this.testControls = options.testControls ?? false;
		this.oauth = new OAuthServer(
			{
				usersOf: (t) => [...this.resources.table('users', t).live()].map(toOAuthUser),
				apiKey: (token) => this.keysByToken.get(token),
				rateLimiter: this.rateLimiter,
			},
			options.oauth,
		);
		this.resources = new ResourceStore(FAMILIES, this.cursors, (tenantId, type, data, previous) =>
			this.webhooks.emit(tenantId, type, data, previous),
		);
		this.storage = new StorageService({
			host: options.host,
			port: options.storagePort,
			credentials: keys.map((k) => k.token),
		});
		this.jobs = new JobService(this.storage, this.cursors, this.jobData());
		if (options.jobs) this.jobs.configure(options.jobs);
		this.routes = this.buildRoutes();
	}

	// ---- state shared with the in-process API (index.ts) --------------------------------

	table(tenantId: number): ContactTable {
		let table = this.tables.get(tenantId);
		if (!table) this.tables.set(tenantId, (table = new ContactTable()));
		return table;
	}

	seed(count: number, tenantId = 1): number {
		const table = this.table(tenantId);
		const now = Date.now();
		// Spread creation times over the past, one minute apart, oldest first.
		const step = 60_000;
		const inputs = generateContacts(count, this.nextContactId);
		inputs.forEach((input, i) => {
			table.insert(
				newStoredContact(this.nextContactId++, tenantId, input, now - (count - i) * step),
			);
		});
		return table.liveCount;
	}

	/** Seeds `count` generated records of a resource family; returns the family's live total. */
	seedFamily(family: string, count: number, tenantId = 1): number {
		if (family === 'contacts') return this.seed(count, tenantId);
		if (!this.resources.defs.has(family) || !this.resources.defs.get(family)!.seedInput) {
			const seedable = ['contacts', ...FAMILIES.filter((f) => f.seedInput).map((f) => f.name)];
			throw new Error(`family must be one of: ${seedable.join(', ')}.`);
		}
		return this.resources.seed(family, count, tenantId);
	}

	reset(): void {
		this.tables.clear();
		this.resources.reset();
		this.webhooks.reset();
		this.auditLog.reset();
		this.jobs.reset();
		this.storage.reset();
		this.idempotency.clear();
		this.rateLimiter.reset();
		this.oauth.reset();
		this.log = [];
		this.faults = [];
	}

	requestLog(): LoggedRequest[] {
		return this.log.map((e) => ({ ...e, query: { ...e.query }, headers: { ...e.headers } }));
	}

	clearRequestLog(): void {
		this.log = [];
	}

	injectFault(fault: FaultSpec): void {
		const kinds = [
			'commit-then-drop',
			'drop',
			'rate-limited',
			'unavailable',
			'internal-error',
			'slow',
		];
		if (!fault || !kinds.includes(fault.kind))
			throw new Error(`fault.kind must be one of: ${kinds.join(', ')}`);
		this.faults.push({ ...fault, remaining: fault.count ?? 1 });
	}

	clearFaults(): void {
		this.faults = [];
	}

	setRateLimit(r: SandboxOptions['rateLimit']): RateLimitConfig {
		const config = { ...this.rateLimiter.config, ...r };
		this.rateLimiter.reconfigure(config);
		return config;
	}

	async close(): Promise<void> {
		this.closed = true;
		for (const s of this.sleeps) {
			clearTimeout(s.timer);
			s.resolve();
		}
		this.sleeps.clear();
		this.jobs.close();
		await this.webhooks.close();
		await this.storage.close();
	}

	private sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const entry = {
				timer: setTimeout(() => {
					this.sleeps.delete(entry);
					resolve();
				}, ms),
				resolve,
			};
			this.sleeps.add(entry);
		});
	}

	private takeFault(method: string, relPath: string): FaultSpec | undefined {
		const index = this.faults.findIndex((f) => {
			if (f.method && f.method.toUpperCase() !== method) return false;
			if (!f.path) return true;
			return f.path.endsWith('*') ? relPath.startsWith(f.path.slice(0, -1)) : relPath === f.path;
		});
		if (index < 0) return undefined;
		const fault = this.faults[index];
		if (--fault.remaining <= 0) this.faults.splice(index, 1);
		return fault;
	}

	// ---- HTTP entry point -----------------------------------------------------------------

	async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sandbox.local');
		// Trailing slashes are tolerated: /contacts/ is /contacts.
		const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
		const query = parseQuery(url.searchParams);
		if (path === CONTROL_PREFIX || path.startsWith(CONTROL_PREFIX + '/')) {
			if (this.testControls)
				return this.handleControl(req, res, path.slice(CONTROL_PREFIX.length), query);
		}
		if (path === API_PREFIX || path.startsWith(API_PREFIX + '/'))
			return this.handleApi(req, res, path, query);
		await readBody(req, this.maxBodyBytes);
		const requestId = newRequestId();
		const problem = notFound(
			`No such route: ${req.method} ${path}. The API lives under ${API_PREFIX}.`,
		).toProblem(requestId);
		sendJson(res, 404, problem, { 'X-Request-Id': requestId }, 'application/problem+json');
	}

	private async handleApi(
		req: IncomingMessage,
		res: ServerResponse,
		path: string,
		query: Record<string, string>,
	) {
		const method = (req.method ?? 'GET').toUpperCase();
		const relPath = path.slice(API_PREFIX.length) || '/';
		const requestId = newRequestId();
		const entry: LoggedRequest = {
			seq: ++this.logSeq,
			at: isoNow(),
			method,
			path,
			query,
			headers: redactHeaders(req.headers),
			status: 0,
		};
		this.log.push(entry);
		if (this.log.length > MAX_LOG_ENTRIES) this.log.splice(0, this.log.length - MAX_LOG_ENTRIES);

		const fault = this.takeFault(method, relPath);
		if (fault?.kind === 'drop') {
			entry.dropped = true;
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'slow') {
			await this.sleep(fault.delayMs ?? 2_000);
			if (this.closed) return;
		}
		const raw = await readBody(req, this.maxBodyBytes);
		// Large bodies are logged only as their size, so a long benchmark cannot exhaust memory.
		if (raw.bytes.length)
			entry.body =
				raw.bytes.length <= 64 * 1024 ? parseForLog(raw.bytes) : `<${raw.bytes.length} bytes>`;
		if (raw.aborted) {
			req.socket.destroy();
			return;
		}

		const started = performance.now();
		const cpuStarted = process.cpuUsage();
		const afterCommit: Array<() => void> = [];
		const headers: Record<string, string> = { 'X-Request-Id': requestId };
		/** Who called, once authentication has told (unauthenticated requests belong to no tenant's audit log). */
		const caller: Caller = {};
		let answer: Answer;
		try {
			if (
				fault &&
				(fault.kind === 'rate-limited' ||
					fault.kind === 'unavailable' ||
					fault.kind === 'internal-error')
			) {
				this.throwFault(fault);
			} else {
				answer = this.process(
					req,
					method,
					path,
					relPath,
					query,
					raw,
					requestId,
					headers,
					afterCommit,
					entry,
					caller,
				);
			}
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
		entry.status = answer.status;
		const file = answer.body instanceof FileBody ? answer.body : null;
		const text =
			file || answer.rawBody === undefined
				? file || answer.body === undefined
					? undefined
					: JSON.stringify(answer.body)
				: (answer.rawBody ?? undefined);
		// Time spent serving the request (routing, store access, serialization), body reading excluded.
		const cpu = process.cpuUsage(cpuStarted);
		headers['Server-Timing'] =
			`app;dur=${(performance.now() - started).toFixed(3)}, cpu;dur=${((cpu.user + cpu.system) / 1000).toFixed(3)}`;
		if (fault?.kind === 'commit-then-drop') {
			entry.dropped = true;
			req.socket.destroy();
		} else if (file) {
			const fileHeaders: Record<string, string | number> = {
				...headers,
				...answer.headers,
				'Content-Type': file.contentType,
				'Content-Length': file.bytes.length,
			};
			if (file.fileName) fileHeaders['Content-Disposition'] = contentDisposition(file.fileName);
			res.writeHead(answer.status, fileHeaders);
			res.end(file.bytes);
		} else {
			sendJson(
				res,
				answer.status,
				text,
				{ ...headers, ...answer.headers },
				answer.contentType ?? 'application/json; charset=utf-8',
			);
		}
		if (caller.tenantId !== undefined) {
			const code =
				answer.status >= 400 ? (answer.body as { code?: unknown } | undefined)?.code : undefined;
			const userAgent = req.headers['user-agent'];
			this.auditLog.record({
				tenantId: caller.tenantId,
				apiKeyId: caller.keyId ?? null,
				oauthTokenId: null,
				userId: null,
				method,
				path,
				status: answer.status,
				durationMs: Math.round(performance.now() - started),
				requestId,
				ip: req.socket.remoteAddress ?? null,
				userAgent: typeof userAgent === 'string' ? userAgent : null,
				errorCode: typeof code === 'string' ? code : null,
			});
		}
		for (const effect of afterCommit) effect();
	}

	private throwFault(fault: FaultSpec): never {
		const spec = {
			'rate-limited': [429, 'rate_limited', 'Rate limit exceeded (injected fault).'],
			unavailable: [
				503,
				'service_unavailable',
				'The service is temporarily unavailable (injected fault).',
			],
			'internal-error': [500, 'internal_error', 'Internal server error (injected fault).'],
		} as const;
		const [status, code, detail] = spec[fault.kind as keyof typeof spec];
		const retryAfter = fault.retryAfter === undefined ? 1 : fault.retryAfter;
		const headers: Record<string, string> = {};
		if (status !== 500 && retryAfter !== null) headers['Retry-After'] = String(retryAfter);
		throw new ApiError(status, code, detail, undefined, headers);
	}

	private process(
		req: IncomingMessage,
		method: string,
		path: string,
		relPath: string,
		query: Record<string, string>,
		raw: { bytes: Buffer; oversized: boolean },
		requestId: string,
		responseHeaders: Record<string, string>,
		afterCommit: Array<() => void>,
		entry: LoggedRequest,
		caller: Caller,
	): Answer {
		// The OAuth 2.1 endpoints authenticate (or not) on their own (sandbox/oauth.ts).
		if (relPath === '/oauth' || relPath.startsWith('/oauth/')) {
			return this.oauth.handle({
				method,
				relPath,
				query,
				headers: req.headers,
				body: raw.bytes,
				ip: req.socket.remoteAddress ?? null,
				requestId,
				caller,
			});
		}
		// 1. Authentication.
		const authorization = req.headers.authorization ?? '';
		const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
		const wwwAuthenticate = { 'WWW-Authenticate': 'Bearer realm="BuildWorkPro"' };
		if (!match) {
			throw new ApiError(
				401,
				'unauthorized',
				'Send an API key as "Authorization: Bearer <key>".',
				undefined,
				wwwAuthenticate,
			);
		}
		// OAuth access tokens (bwp_at_…) carry the scopes granted to the app (sandbox/oauth.ts).
		const oauth = match[1].startsWith('bwp_at_') ? this.oauth.authenticate(match[1]) : undefined;
		const binding = oauth ?? this.keysByToken.get(match[1]);
		if (!binding)
			throw new ApiError(
				401,
				'unauthorized',
				'The API key is not valid.',
				undefined,
				wwwAuthenticate,
			);
		const { key, keyId } = binding;
		entry.keyName = key.name;
		caller.tenantId = key.tenantId;
		caller.keyId = oauth ? undefined : keyId;

		// 2. Rate limits (both buckets; a refused request is not counted; OAuth callers have no key bucket).
		const verdict = this.rateLimiter.consume(
			key.token,
			key.tenantId,
			costOf(method, relPath),
			undefined,
			{ keyBucket: !oauth },
		);
		Object.assign(responseHeaders, verdict.headers);
		if (!verdict.allowed) {
			throw new ApiError(
				429,
				'rate_limited',
				`Rate limit exceeded. Retry after ${verdict.retryAfterSeconds} s.`,
				undefined,
				{ 'Retry-After': String(verdict.retryAfterSeconds) },
			);
		}

		// 3. Routing.
		const segments = relPath.split('/').slice(1);
		const candidates = this.routes.filter((r) => matchesTemplate(r.segments, segments));
		if (!candidates.length) throw notFound(`No such route: ${method} ${path}.`);
		// Literal segments win over {id}: /contacts/count is not /contacts/{id}.
		const bestLiteralCount = Math.max(...candidates.map((r) => literalCount(r.segments)));
		const sameShape = candidates.filter((r) => literalCount(r.segments) === bestLiteralCount);
		const route = sameShape.find((r) => r.method === method);
		if (!route) {
			// POST /contacts/123 looks like a route (/contacts/{id}) but has no such method: 405; a non-id there is 404.
			const idIndexes = sameShape[0].segments.flatMap((seg, i) => (isParam(seg) ? [i] : []));
			if (idIndexes.some((i) => !POSITIVE_ID.test(segments[i])))
				throw notFound(`The sandbox does not serve ${method} ${path}.`);
			const allow = sameShape.map((r) => r.method).join(', ');
			throw new ApiError(
				405,
				'bad_request',
				`${method} is not allowed here. Allowed: ${allow}.`,
				undefined,
				{ Allow: allow },
				{},
				'Method not allowed',
			);
		}

		// 4. Scope (every listed scope is required).
		const missing = route.scopes.find((scope) => !key.scopes.includes(scope));
		if (missing) {
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

		// 5. Path parameters ({id}, {itemId}, …): positive integers.
		let id = 0;
		const params: Record<string, number> = {};
		const texts: Record<string, string> = {};
		route.segments.forEach((seg, i) => {
			if (!isParam(seg)) return;
			const rawId = segments[i];
			const name = seg.slice(1, -1);
			if (route.textParams?.includes(name)) return void (texts[name] = decodeSafe(rawId));
			if (!POSITIVE_ID.test(rawId))
				throw badRequest(
					`The ${name} in the path must be a positive integer, got "${decodeSafe(rawId)}".`,
				);
			params[name] = Number(rawId);
			if (!id) id = params[name];
		});

		// 6. Body.
		if (raw.oversized) {
			throw new ApiError(
				413,
				'bad_request',
				`The request body exceeds ${this.maxBodyBytes} bytes.`,
				undefined,
				{},
				{},
				'Payload too large',
			);
		}
		let body: unknown = undefined;
		if (raw.bytes.length && method !== 'GET' && method !== 'HEAD') {
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
			if (text.trim() !== '') {
				try {
					body = JSON.parse(text);
				} catch {
					throw badRequest('The request body is not valid JSON.');
				}
			}
		}

		const ctx: Context = {
			requestId,
			method,
			path,
			query,
			key,
			keyId,
			tenantId: key.tenantId,
			body,
			id,
			params,
			texts,
			afterCommit,
		};

		// 7. Idempotency (every POST, PATCH, DELETE).
		const idemKey = req.headers['idempotency-key'];
		const idempotencyKey = Array.isArray(idemKey) ? idemKey[0] : idemKey;
		const mutating =
			method === 'POST' || method === 'PATCH' || method === 'DELETE' || method === 'PUT';
		if (mutating && idempotencyKey !== undefined) {
			if (idempotencyKey.length > 255 || !UUID_PATTERN.test(idempotencyKey)) {
				throw badRequest(
					'Idempotency-Key must be a UUID (for example a fresh UUID v4 per operation).',
				);
			}
			const hash = requestHash(method, path, body);
			const cached = this.idempotency.lookup(key.tenantId, idempotencyKey);
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
			const firstSeenAt = Date.now();
			const answer = route.handler(ctx);
			if (answer.status >= 200 && answer.status < 300) {
				const text = answer.body === undefined ? null : JSON.stringify(answer.body);
				this.idempotency.store(
					key.tenantId,
					idempotencyKey,
					{ hash, status: answer.status, body: text, contentType: answer.contentType },
					firstSeenAt,
				);
				return { ...answer, body: undefined, rawBody: text };
			}
			return answer;
		}
		return route.handler(ctx);
	}

	// ---- routes ---------------------------------------------------------------------------

	private ok(
		ctx: Context,
		data: unknown,
		status = 200,
		metaExtra: Record<string, unknown> = {},
	): Answer {
		return { status, body: { data, meta: { request_id: ctx.requestId, ...metaExtra } } };
	}

	private buildRoutes(): Route[] {
		const handlers: Record<string, Handler> = {
			'GET /me': (ctx) =>
				this.ok(ctx, {
					keyId: ctx.keyId,
					keyName: ctx.key.name,
					tenantId: ctx.tenantId,
					scopes: [...ctx.key.scopes],
				}),
			'GET /usage': (ctx) => this.ok(ctx, this.rateLimiter.usage(ctx.key.token, ctx.tenantId)),
			'GET /contacts': (ctx) => this.listContacts(ctx),
			'POST /contacts': (ctx) => this.createContact(ctx),
			'GET /contacts/count': (ctx) => this.countContacts(ctx),
			'GET /contacts/summary': (ctx) => this.summarizeContacts(ctx),
			'POST /contacts/get-many': (ctx) => this.getManyContacts(ctx),
			'GET /contacts/{id}': (ctx) => this.ok(ctx, presentContact(this.findContact(ctx))),
			'PATCH /contacts/{id}': (ctx) => this.updateContact(ctx),
			'DELETE /contacts/{id}': (ctx) => this.deleteContact(ctx),
			'GET /webhook-endpoints': (ctx) => this.ok(ctx, this.webhooks.list(ctx.tenantId)),
			'POST /webhook-endpoints': (ctx) =>
				this.ok(ctx, this.webhooks.create(ctx.tenantId, ctx.body), 201),
			'GET /webhook-endpoints/{id}': (ctx) => this.ok(ctx, this.webhooks.get(ctx.tenantId, ctx.id)),
			'PATCH /webhook-endpoints/{id}': (ctx) =>
				this.ok(ctx, this.webhooks.update(ctx.tenantId, ctx.id, ctx.body)),
			'DELETE /webhook-endpoints/{id}': (ctx) => {
				this.webhooks.remove(ctx.tenantId, ctx.id);
				return { status: 204 };
			},
			'POST /webhook-endpoints/{id}/rotate-secret': (ctx) =>
				this.ok(ctx, this.webhooks.rotateSecret(ctx.tenantId, ctx.id)),
			'GET /webhook-endpoints/{id}/deliveries': (ctx) =>
				this.ok(ctx, this.webhooks.endpointDeliveries(ctx.tenantId, ctx.id)),
			'GET /webhook-deliveries': (ctx) => {
				const page = this.webhooks.listDeliveries(
					ctx.tenantId,
					ctx.query,
					parseLimit(ctx.query.limit),
					this.cursors,
				);
				return this.ok(ctx, page.data, 200, { pagination: page.pagination });
			},
			'GET /webhook-deliveries/{id}': (ctx) =>
				this.ok(ctx, this.webhooks.getDelivery(ctx.tenantId, ctx.id)),
			'POST /webhook-deliveries/{id}/replay': (ctx) =>
				this.ok(ctx, this.webhooks.replay(ctx.tenantId, ctx.id)),
			'GET /settings/branding': (ctx) => this.ok(ctx, brandingOf(ctx.tenantId)),
			'GET /settings/data-retention': (ctx) => this.ok(ctx, dataRetentionOf(ctx.tenantId)),
			'GET /api-audit-logs': (ctx) => {
				const page = this.auditLog.list(
					ctx.tenantId,
					ctx.query,
					parseLimit(ctx.query.limit),
					this.cursors,
				);
				return this.ok(ctx, page.data, 200, { pagination: page.pagination });
			},
		};
		for (const op of RESOURCE_OPERATIONS)
			handlers[`${op.method} ${op.path}`] = (ctx) => op.run(this.resources, ctx);
		for (const op of JOB_ROUTES) {
			handlers[`${op.method} ${op.path}`] = (ctx) =>
				this.jobs.handle(op.method, op.path, {
					requestId: ctx.requestId,
					tenantId: ctx.tenantId,
					caller: { key: ctx.key, keyId: ctx.keyId } satisfies JobCaller,
					body: ctx.body,
					query: ctx.query,
					id: ctx.id,
					texts: ctx.texts,
				});
		}
		const textParams = new Map<string, readonly string[] | undefined>([
			...RESOURCE_OPERATIONS.map((op) => [`${op.method} ${op.path}`, op.textParams] as const),
			...JOB_ROUTES.map((op) => [`${op.method} ${op.path}`, op.textParams] as const),
		]);
		return OPERATIONS.map((op) => {
			const handler = handlers[`${op.method} ${op.path}`];
			if (!handler) throw new Error(`No handler for ${op.method} ${op.path}`);
			return {
				method: op.method,
				template: op.path,
				segments: op.path.split('/').slice(1),
				scopes: op.scopes,
				textParams: textParams.get(`${op.method} ${op.path}`),
				handler,
			};
		});
	}

	// ---- what jobs need: records to export, import and bulk-change, PDFs ------------------------

	private jobData(): JobData {
		return {
			exportRecords: (tenantId, family, filters) => this.exportRecords(tenantId, family, filters),
			importFields: (family) => this.importFields(family),
			importRecord: (job, family, values, id) => {
				const answer =
					id === undefined
						? this.internalCall(job, 'POST', `/${family}`, undefined, values)
						: this.internalCall(job, 'PATCH', `/${family}/{id}`, id, values);
				return answer.status === 201 ? 'created' : 'updated';
			},
			bulk: (job, family, operation, id) => {
				if (operation === 'delete')
					this.internalCall(job, 'DELETE', `/${family}/{id}`, id, undefined);
				else this.restoreRecord(job, family, id);
			},
			pdfSource: (tenantId, family, id) => this.pdfSource(tenantId, family, id),
		};
	}

	private exportRecords(
		tenantId: number,
		family: string,
		filters: Record<string, string>,
	): ExportSnapshot {
		if (family === 'contacts') {
			const matches = contactMatcher({
				type: filters.type || undefined,
				search: filters.search || undefined,
				dateFromMs: parseDateParam('dateFrom', filters.dateFrom),
				dateToMs: parseDateParam('dateTo', filters.dateTo),
			});
			const table = this.table(tenantId);
			const contacts: StoredContact[] = [];
			for (const id of table.ids) {
				const c = table.byId.get(id)!;
				if (matches(c)) contacts.push(c);
			}
			// A stored contact holds every export column under its answered name: no copy is needed.
			return {
				columns: CONTACT_COLUMNS,
				count: contacts.length,
				records: () => contacts as unknown as Array<Record<string, unknown>>,
			};
		}
		const def = this.resources.def(family);
		const { match } = buildMatcher(def.filters, filters);
		const rows: Row[] = [];
		for (const row of this.resources.table(family, tenantId).live())
			if (!match || match(row)) rows.push(row);
		const columns = [
			'id',
			...def.fields.filter((f) => !f.hidden).map((f) => f.name),
			'createdAt',
			'updatedAt',
		];
		const resources = this.resources;
		return {
			columns,
			count: rows.length,
			*records() {
				for (const row of rows) yield resources.present(def, row, false, false);
			},
		};
	}

	private importFields(family: string): ImportField[] {
		if (family === 'contacts')
			return WRITABLE_FIELDS.map((name) => ({
				name,
				type: name === 'parentContactId' ? 'integer' : 'string',
			}));
		const def = this.resources.def(family);
		const fields = new Map<string, ImportField>();
		for (const f of [...def.fields, ...(def.updateFields ?? [])]) {
			if ((f.input ?? 'both') !== 'none' && !fields.has(f.name))
				fields.set(f.name, { name: f.name, type: f.type });
		}
		return [...fields.values()];
	}

	/** Runs an API route's handler for a job, as the job's key, and its side effects (webhooks) at once. */
	private internalCall(
		job: JobOwner,
		method: string,
		template: string,
		id: number | undefined,
		body: unknown,
	): Answer {
		const route = this.routes.find((r) => r.method === method && r.template === template);
		if (!route) throw notFound(`The sandbox does not serve ${method} ${template}.`);
		const binding = job.caller as JobCaller;
		const path = API_PREFIX + template.replace('{id}', String(id ?? ''));
		const ctx: Context = {
			requestId: newRequestId(),
			method,
			path,
			query: {},
			key: binding.key,
			keyId: binding.keyId,
			tenantId: job.tenantId,
			body,
			id: id ?? 0,
			params: id === undefined ? {} : { id },
			texts: {},
			afterCommit: [],
		};
		const answer = route.handler(ctx);
		for (const effect of ctx.afterCommit) effect();
		return answer;
	}

	/** Puts a soft-deleted record back among the live ones; a live one is left as it is. */
	private restoreRecord(job: JobOwner, family: string, id: number): void {
		if (family === 'contacts') {
			const table = this.table(job.tenantId);
			const contact = table.byId.get(id);
			if (!contact) throw notFound(`Contact ${id} not found.`);
			if (contact.deletedAt === null) return;
			contact.deletedAt = null;
			table.liveCount++;
			contact.updatedAt = new Date(
				Math.max(Date.now(), Date.parse(contact.updatedAt) + 1),
			).toISOString();
			this.webhooks.emit(job.tenantId, 'contact.updated', presentContact(contact), {
				deletedAt: null,
			});
			return;
		}
		const def: FamilyDef = this.resources.def(family);
		const table = this.resources.table(family, job.tenantId);
		const row = table.byId.get(id);
		if (!row) throw notFound(`${def.nouns.singular} ${id} not found.`);
		if (row.deletedAt === null) return;
		row.deletedAt = null;
		table.ids.splice(firstIndexAfter(table.ids, row.id), 0, row.id);
		this.resources.touch(def, row);
		const { key } = job.caller as JobCaller;
		const ctx: ResourceContext = {
			requestId: newRequestId(),
			tenantId: job.tenantId,
			body: undefined,
			query: {},
			id,
			params: { id },
			afterCommit: [],
			key: { name: key.name, scopes: key.scopes },
		};
		this.resources.emit(ctx, def, 'updated', this.resources.present(def, row));
		for (const effect of ctx.afterCommit) effect();
	}

	private pdfSource(
		tenantId: number,
		family: string,
		id: number,
	): PdfContent & { fileName: string } {
		const def = this.resources.def(family);
		const record = this.resources.present(def, this.resources.find(def, tenantId, id));
		const number = String(record[PDF_NUMBER_FIELDS[family]] ?? id);
		const noun = def.nouns.singular;
		const lines: string[] = [];
		const name = record.name ?? record.title;
		if (typeof name === 'string' && name) lines.push(name);
		if (typeof record.status === 'string') lines.push(`Status: ${record.status}`);
		for (const [field, label] of PDF_AMOUNT_FIELDS)
			if (typeof record[field] === 'string') lines.push(`${label}: ${record[field]}`);
		lines.push(
			`Created: ${String(record.createdAt).slice(0, 10)}`,
			'Generated by the BuildWorkPro sandbox',
		);
		return {
			title: `${noun} ${number}`,
			lines,
			fileName: `${noun.toLowerCase().replace(/\s+/g, '-')}-${number}.pdf`,
		};
	}

	/** Adds a document with the given bytes (there is no upload route in v1). */
	addDocument(input: DocumentInput, tenantId = 1): Record<string, unknown> {
		const def = this.resources.def('documents');
		if (!Buffer.isBuffer(input.bytes)) throw new Error('bytes must be a Buffer.');
		for (const name of ['entityType', 'originalFilename', 'mimeType'] as const) {
			if (typeof input[name] !== 'string' || !input[name])
				throw new Error(`${name} must be a non-empty string.`);
		}
		if (!Number.isInteger(input.entityId)) throw new Error('entityId must be an integer.');
		const row = this.resources.insertNew(null, def, tenantId, {
			entityType: input.entityType,
			entityId: input.entityId,
			originalFilename: input.originalFilename,
			mimeType: input.mimeType,
			category: input.category ?? null,
			description: input.description ?? null,
		});
		attachFile(row, input.bytes);
		this.resources.touch(def, row);
		return this.resources.present(def, row);
	}

	setJobs(config: Partial<JobConfig>): JobConfig {
		return this.jobs.configure(config);
	}

	private contactFilters(ctx: Context): { filters: ContactFilters; fingerprint: string } {
		const q = ctx.query;
		const filters: ContactFilters = {
			type: q.type || undefined,
			search: q.search || undefined,
			dateFromMs: parseDateParam('dateFrom', q.dateFrom),
			dateToMs: parseDateParam('dateTo', q.dateTo),
		};
		const fingerprint = filterFingerprint({
			type: q.type,
			search: q.search,
			dateFrom: q.dateFrom,
			dateTo: q.dateTo,
		});
		return { filters, fingerprint };
	}

	private listContacts(ctx: Context): Answer {
		const limit = parseLimit(ctx.query.limit);
		const { filters, fingerprint } = this.contactFilters(ctx);
		const compact = ctx.query.compact === 'true' || ctx.query.compact === '1';
		const after = ctx.query.cursor
			? this.cursors.decode(ctx.query.cursor, ctx.tenantId, 'contacts', fingerprint)
			: undefined;
		const table = this.table(ctx.tenantId);
		const page = pageOf(
			table.ids,
			(id) => table.byId.get(id),
			contactMatcher(filters),
			after,
			limit,
		);
		const last = page.items[page.items.length - 1];
		return this.ok(
			ctx,
			page.items.map((c) => presentContact(c, compact)),
			200,
			{
				pagination: {
					cursor:
						page.hasMore && last
							? this.cursors.encode(ctx.tenantId, 'contacts', fingerprint, last.id)
							: null,
					has_more: page.hasMore,
					count: page.items.length,
				},
			},
		);
	}

	private countContacts(ctx: Context): Answer {
		const { filters } = this.contactFilters(ctx);
		const table = this.table(ctx.tenantId);
		let total = 0;
		if (
			!filters.type &&
			!filters.search &&
			filters.dateFromMs === undefined &&
			filters.dateToMs === undefined
		) {
			total = table.liveCount;
		} else {
			const matches = contactMatcher(filters);
			for (const c of table.byId.values()) if (matches(c)) total++;
		}
		return this.ok(ctx, { total });
	}

	private summarizeContacts(ctx: Context): Answer {
		const matches = contactMatcher({
			dateFromMs: parseDateParam('dateFrom', ctx.query.dateFrom),
			dateToMs: parseDateParam('dateTo', ctx.query.dateTo),
		});
		const counts = new Map<string, number>(CONTACT_TYPES.map((t) => [t, 0]));
		let total = 0;
		for (const c of this.table(ctx.tenantId).byId.values()) {
			if (!matches(c)) continue;
			total++;
			counts.set(c.type, (counts.get(c.type) ?? 0) + 1);
		}
		return this.ok(ctx, {
			totals: { count: total },
			by_type: [...counts].map(([type, count]) => ({ type, count })),
		});
	}

	private getManyContacts(ctx: Context): Answer {
		const body = ctx.body as { ids?: unknown } | undefined;
		if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
			throw badRequest('The request body must be a JSON object.');
		}
		const ids = body?.ids;
		const fail = (code: string, message: string): never => {
			throw new ApiError(422, 'validation_failed', message, [{ field: 'ids', code, message }]);
		};
		if (ids === undefined) fail('required', 'ids is required.');
		if (!Array.isArray(ids))
			return fail('invalid_type', 'ids must be an array of positive integers.');
		if (ids.length < 1 || ids.length > 50) fail('invalid_length', 'ids must hold 1 to 50 ids.');
		if (!ids.every((v) => typeof v === 'number' && Number.isInteger(v) && v > 0)) {
			fail('invalid_type', 'Every id must be a positive integer.');
		}
		const unique = [...new Set(ids as number[])];
		const table = this.table(ctx.tenantId);
		const found = unique.map((id) => table.getLive(id)).filter((c): c is StoredContact => !!c);
		return this.ok(
			ctx,
			found.map((c) => presentContact(c)),
			200,
			{ requested: unique.length, returned: found.length },
		);
	}

	private findContact(ctx: Context): StoredContact {
		const contact = this.table(ctx.tenantId).getLive(ctx.id);
		if (!contact) throw notFound(`Contact ${ctx.id} not found.`);
		return contact;
	}

	private createContact(ctx: Context): Answer {
		const input = validateContactInput(ctx.body, 'create');
		const contact = newStoredContact(this.nextContactId++, ctx.tenantId, input, Date.now());
		this.table(ctx.tenantId).insert(contact);
		const snapshot = presentContact(contact);
		ctx.afterCommit.push(() => this.webhooks.emit(ctx.tenantId, 'contact.created', snapshot));
		return this.ok(ctx, snapshot, 201);
	}

	private updateContact(ctx: Context): Answer {
		const contact = this.findContact(ctx);
		const input = validateContactInput(ctx.body, 'update');
		const previous: Record<string, unknown> = {};
		const stored = contact as unknown as Record<string, unknown>;
		for (const [field, value] of Object.entries(input)) {
			if (stored[field] !== value) {
				previous[field] = stored[field];
				stored[field] = value;
			}
		}
		if (Object.keys(previous).length) {
			const now = new Date();
			// Keep updatedAt strictly increasing even for two updates within one millisecond.
			const prevMs = Date.parse(contact.updatedAt);
			contact.updatedAt = new Date(Math.max(now.getTime(), prevMs + 1)).toISOString();
			contact.searchText = buildSearchText(contact);
			const snapshot = presentContact(contact);
			ctx.afterCommit.push(() =>
				this.webhooks.emit(ctx.tenantId, 'contact.updated', snapshot, previous),
			);
		}
		return this.ok(ctx, presentContact(contact));
	}

	private deleteContact(ctx: Context): Answer {
		const contact = this.findContact(ctx);
		this.table(ctx.tenantId).softDelete(contact, isoNow());
		const snapshot = presentContact(contact);
		ctx.afterCommit.push(() => this.webhooks.emit(ctx.tenantId, 'contact.deleted', snapshot));
		return { status: 204 };
	}

	// ---- test controls --------------------------------------------------------------------

	private async handleControl(
		req: IncomingMessage,
		res: ServerResponse,
		sub: string,
		query: Record<string, string>,
	) {
		const method = (req.method ?? 'GET').toUpperCase();
		const raw = await readBody(req, 16 * 1024 * 1024);
		let body: Record<string, unknown> = {};
		try {
			if (raw.bytes.length) body = JSON.parse(raw.bytes.toString('utf8')) ?? {};
		} catch {
			return sendJson(res, 400, { error: 'Body must be JSON.' });
		}
		const tenantParam = query.tenantId ? Number(query.tenantId) : undefined;
		try {
			if (sub === '/oauth' || sub.startsWith('/oauth/'))
				return sendJson(res, ...this.oauth.control(method, sub.slice('/oauth'.length), body));
			switch (`${method} ${sub}`) {
				case 'POST /seed': {
					// {count, tenantId?} seeds contacts (as always); {family, count, tenantId?} any seedable family.
					const count = Number(body.count ?? 0);
					if (!Number.isInteger(count) || count < 0 || count > 1_000_000) {
						return sendJson(res, 400, { error: 'count must be an integer from 0 to 1,000,000.' });
					}
					const tenantId = body.tenantId === undefined ? 1 : Number(body.tenantId);
					if (!Number.isInteger(tenantId) || tenantId < 1)
						return sendJson(res, 400, { error: 'tenantId must be a positive integer.' });
					if (body.family === undefined)
						return sendJson(res, 200, { total: this.seed(count, tenantId) });
					const family = String(body.family);
					return sendJson(res, 200, { family, total: this.seedFamily(family, count, tenantId) });
				}
				case 'POST /reset':
					this.reset();
					return sendJson(res, 200, { ok: true });
				case 'GET /requests':
					return sendJson(res, 200, { data: this.requestLog() });
				case 'DELETE /requests':
					this.clearRequestLog();
					return sendJson(res, 200, { ok: true });
				case 'POST /faults':
					this.injectFault(body as unknown as FaultSpec);
					return sendJson(res, 200, { ok: true });
				case 'DELETE /faults':
					this.clearFaults();
					return sendJson(res, 200, { ok: true });
				case 'PUT /rate-limit':
					return sendJson(res, 200, {
						data: this.setRateLimit(body as SandboxOptions['rateLimit']),
					});
				case 'GET /contacts': {
					const tables = tenantParam === undefined ? [this.table(1)] : [this.table(tenantParam)];
					const data = tables.flatMap((t) =>
						[...t.byId.values()].filter((c) => c.deletedAt === null).map((c) => presentContact(c)),
					);
					return sendJson(res, 200, { data });
				}
				case 'GET /webhook-endpoints':
					return sendJson(res, 200, { data: this.webhooks.rawEndpoints(tenantParam) });
				case 'GET /webhook-deliveries':
					return sendJson(res, 200, { data: this.webhooks.rawDeliveries() });
				case 'PUT /jobs':
					return sendJson(res, 200, { data: this.jobs.configure(body as Partial<JobConfig>) });
				case 'GET /jobs':
					return sendJson(res, 200, { data: this.jobs.rawJobs(tenantParam) });
				case 'GET /storage':
					return sendJson(res, 200, { url: this.storage.origin });
				case 'GET /storage/requests':
					return sendJson(res, 200, { data: this.storage.requestLog() });
				case 'DELETE /storage/requests':
					this.storage.clearLog();
					return sendJson(res, 200, { ok: true });
				case 'POST /documents': {
					const { content, contentBase64, tenantId, ...rest } = body as Record<string, unknown>;
					const bytes =
						typeof contentBase64 === 'string'
							? Buffer.from(contentBase64, 'base64')
							: Buffer.from(typeof content === 'string' ? content : '', 'utf8');
					const data = this.addDocument(
						{ ...(rest as unknown as Omit<DocumentInput, 'bytes'>), bytes },
						tenantId === undefined ? 1 : Number(tenantId),
					);
					return sendJson(res, 201, { data });
				}
				case 'POST /deliver': {
					if (typeof body.url !== 'string')
						return sendJson(res, 400, { error: 'url is required.' });
					return sendJson(res, 200, await this.webhooks.sendDelivery(body as never));
				}
				default:
					return sendJson(res, 404, {
						error: `No test control ${method} ${CONTROL_PREFIX}${sub}.`,
					});
			}
		} catch (err) {
			return sendJson(res, 400, { error: (err as Error).message });
		}
	}
}

const isParam = (segment: string) => segment.startsWith('{');

function matchesTemplate(template: string[], segments: string[]): boolean {
	return (
		template.length === segments.length && template.every((t, i) => isParam(t) || t === segments[i])
	);
}

const literalCount = (segments: string[]) => segments.filter((s) => !isParam(s)).length;

function decodeSafe(s: string): string {
	try {
		return decodeURIComponent(s).slice(0, 64);
	} catch {
		return s.slice(0, 64);
	}
}

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
