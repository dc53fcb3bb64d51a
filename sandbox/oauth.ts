/**
 * The sandbox's OAuth 2.1 authorization server (openapi.json's /oauth/* entries, API.md "OAuth 2.1"):
 * authorization code with PKCE (S256 only) behind an HTML consent page, single-use codes, refresh
 * tokens that rotate on every use (reusing a rotated one revokes its whole family), RFC 7009
 * revocation, userinfo and RFC 7591 dynamic client registration.
 *
 * Access tokens (`bwp_at_…`) authenticate on the whole API with the granted scopes (requested ∩ the
 * client's registered scope, if any ∩ the signed-in user's role); refresh tokens look like `bwp_rt_…`
 * and are only issued when `offline_access` was granted. Sandbox users sign in on the consent page
 * with their email (e.g. dana.whitaker@tenant1.example.com) and the shared password below.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ALL_SCOPES } from './catalog';
import { ApiError, rateLimited } from './problems';
import type { RateLimiter } from './rateLimiter';
import type { OAuthClientInput, OAuthConfig, OAuthOptions, SandboxKey } from './types';

/** Password of every sandbox user on the consent page. */
export const SANDBOX_USER_PASSWORD = 'sandbox';
/** Clients every sandbox starts with (and gets back on reset). */
export const SANDBOX_CONFIDENTIAL_CLIENT = {
	clientId: 'n8n-sandbox',
	clientSecret: 'n8n-sandbox-secret',
} as const;
export const SANDBOX_PUBLIC_CLIENT = { clientId: 'n8n-sandbox-public' } as const;
/** n8n's OAuth2 callback on its default local addresses (n8n's "OAuth Redirect URL"). */
export const N8N_LOCAL_REDIRECT_URIS = [
	'http://localhost:5678/rest/oauth2-credential/callback',
	'http://127.0.0.1:5678/rest/oauth2-credential/callback',
];

const SESSION_COOKIE = 'bwp_sandbox_session';
const GRANT_TYPES = ['authorization_code', 'refresh_token'] as const;
const AUTH_METHODS = ['none', 'client_secret_basic', 'client_secret_post'] as const;
type AuthMethod = (typeof AUTH_METHODS)[number];

const READ_SCOPES = ALL_SCOPES.filter((s) => s.endsWith(':read'));
/** Scopes each tenant role may grant an app (the granted set is the intersection with the request). */
export const ROLE_SCOPES: Record<string, readonly string[]> = {
	owner: ALL_SCOPES,
	company_admin: ALL_SCOPES,
	project_manager: ALL_SCOPES.filter(
		(s) => !['settings:write', 'audit:read', 'webhooks:manage'].includes(s),
	),
	estimator: [
		...READ_SCOPES.filter((s) => s !== 'audit:read'),
		...[
			'contacts:write',
			'leads:write',
			'bids:write',
			'bids:send',
			'products:write',
			'documents:write',
			'comments:write',
			'jobs:read',
			'offline_access',
		],
	],
	field_supervisor: [
		...[
			'projects:read',
			'contacts:read',
			'users:read',
			'notifications:read',
			'comments:read',
			'comments:write',
			'documents:read',
			'documents:write',
		],
		...[
			'site_logs:read',
			'site_logs:write',
			'time_entries:read',
			'time_entries:write',
			'offline_access',
		],
	],
};

export const DEFAULT_OAUTH_CONFIG: OAuthConfig = {
	accessTokenTtlSeconds: 3600,
	refreshTokenTtlSeconds: 30 * 24 * 3600,
	codeTtlSeconds: 60,
	autoApprove: false,
	registrationsPerMinute: 5,
};

interface Client {
	clientId: string;
	clientSecret: string | null;
	name: string;
	redirectUris: string[];
	scope: string[];
	grantTypes: string[];
	authMethod: AuthMethod;
	issuedAt: number;
	seeded: boolean;
}

/** A signed-in sandbox user (a row of the users family). */
export interface OAuthUser {
	id: number;
	tenantId: number;
	email: string;
	name: string;
	role: string;
	isActive: boolean;
}

interface Family {
	id: number;
	clientId: string;
	user: OAuthUser;
	/** What the user granted; refreshes can narrow an access token's scope, never widen it. */
	scopes: string[];
	createdAt: number;
	revokedAt: number | null;
	revokedReason: string | null;
	rotations: number;
}

interface AccessToken {
	id: number;
	token: string;
	familyId: number;
	scopes: string[];
	expiresAt: number;
	revoked: boolean;
}

interface RefreshToken {
	token: string;
	familyId: number;
	expiresAt: number;
	/** Set once the token was exchanged (rotated); using it again is reuse. */
	usedAt: number | null;
	revoked: boolean;
}

interface Code {
	code: string;
	clientId: string;
	redirectUri: string;
	challenge: string;
	scopes: string[];
	user: OAuthUser;
	expiresAt: number;
	usedAt: number | null;
	familyId: number | null;
}

/** What the pipeline (sandbox/pipeline.ts) answers (same shape as its Answer). */
export interface OAuthAnswer {
	status: number;
	body?: unknown;
	rawBody?: string | null;
	contentType?: string;
	headers?: Record<string, string>;
}

export interface OAuthRequest {
	method: string;
	/** Path relative to /api/v1, e.g. /oauth/token. */
	relPath: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	body: Buffer;
	ip: string | null;
	requestId: string;
	/** Told who called once a bearer token was accepted (GET /oauth/userinfo), for the audit log. */
	caller: { tenantId?: number; keyId?: number };
}

export interface OAuthDeps {
	/** The users of a tenant (the users family's rows). */
	usersOf(tenantId: number): OAuthUser[];
	/** An API key by its token. */
	apiKey(token: string): { key: SandboxKey; keyId: number } | undefined;
	rateLimiter: RateLimiter;
}

/** Family state as tests see it (sandbox.oauth.families(), GET /__sandbox/oauth/families). */
export interface OAuthFamilyView {
	id: number;
	clientId: string;
	userId: number;
	userEmail: string;
	tenantId: number;
	scopes: string[];
	createdAt: string;
	revokedAt: string | null;
	/** 'refresh_token_reuse', 'code_reuse', 'revoked' (POST /oauth/revoke) or 'sandbox'. */
	revokedReason: string | null;
	/** How many refreshes rotated this family's refresh token. */
	rotations: number;
	/** The one refresh token that works now (null when revoked, expired or never issued). */
	activeRefreshToken: string | null;
	refreshTokens: Array<{ token: string; state: 'active' | 'rotated' | 'revoked' | 'expired' }>;
	accessTokens: Array<{
		token: string;
		scopes: string[];
		expiresAt: string;
		state: 'active' | 'expired' | 'revoked';
	}>;
}

class OAuthError extends Error {
	constructor(
		readonly status: number,
		readonly error: string,
		readonly description: string,
		readonly headers: Record<string, string> = {},
	) {
		super(description);
	}
}

/** A fatal authorize error: shown as an HTML page, never redirected. */
class FatalAuthorizeError extends Error {}

/** An authorize error after the redirect_uri was verified: redirected as ?error=&state=. */
class RedirectAuthorizeError extends Error {
	constructor(
		readonly error: string,
		readonly description: string,
	) {
		super(description);
	}
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
const random = (bytes = 24) => randomBytes(bytes).toString('base64url');
const sha256Base64Url = (text: string) => createHash('sha256').update(text).digest('base64url');
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;
const splitScope = (scope: string | undefined) => [
	...new Set((scope ?? '').split(/\s+/).filter(Boolean)),
];

function safeEqual(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
	);
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

function parseForm(req: OAuthRequest): Record<string, string> {
	const contentType = headerValue(req.headers, 'content-type') ?? '';
	if (!FORM_TYPE.test(contentType)) {
		throw new OAuthError(
			400,
			'invalid_request',
			`Send the body as application/x-www-form-urlencoded (RFC 6749), not ${contentType || 'nothing'}.`,
		);
	}
	const form: Record<string, string> = {};
	for (const [name, value] of new URLSearchParams(req.body.toString('utf8'))) {
		if (name in form)
			throw new OAuthError(
				400,
				'invalid_request',
				`The parameter ${name} is given more than once.`,
			);
		form[name] = value;
	}
	return form;
}

function isAbsoluteHttpUri(uri: string): boolean {
	try {
		const url = new URL(uri);
		return (
			(url.protocol === 'http:' || url.protocol === 'https:') && !url.hash && !uri.includes('#')
		);
	} catch {
		return false;
	}
}

function withQuery(uri: string, params: Record<string, string | undefined>): string {
	const url = new URL(uri);
	for (const [name, value] of Object.entries(params))
		if (value !== undefined) url.searchParams.set(name, value);
	return url.toString();
}

export class OAuthServer {
	config: OAuthConfig;
	private clients = new Map<string, Client>();
	private families_ = new Map<number, Family>();
	private accessTokens = new Map<string, AccessToken>();
	private refreshTokens = new Map<string, RefreshToken>();
	private codes = new Map<string, Code>();
	private sessions = new Map<string, OAuthUser>();
	private registrations = new Map<string, number[]>();
	private nextFamilyId = 1;
	private nextAccessTokenId = 1;
	private readonly extraClients: OAuthClientInput[];

	constructor(
		private readonly deps: OAuthDeps,
		options: OAuthOptions = {},
	) {
		const { clients, ...config } = options;
		this.config = { ...DEFAULT_OAUTH_CONFIG };
		this.configure(config);
		this.extraClients = clients ?? [];
		this.seedClients();
	}

	// ---- state and test controls ------------------------------------------------------------

	/** Forgets every token, code, session and registered client; the seeded clients come back. */
	reset(): void {
		this.clients.clear();
		this.families_.clear();
		this.accessTokens.clear();
		this.refreshTokens.clear();
		this.codes.clear();
		this.sessions.clear();
		this.registrations.clear();
		this.seedClients();
	}

	private seedClients(): void {
		this.registerClient(
			{
				...SANDBOX_CONFIDENTIAL_CLIENT,
				name: 'n8n (sandbox, confidential)',
				redirectUris: N8N_LOCAL_REDIRECT_URIS,
				tokenEndpointAuthMethod: 'client_secret_post',
			},
			true,
		);
		this.registerClient(
			{
				...SANDBOX_PUBLIC_CLIENT,
				name: 'n8n (sandbox, public)',
				redirectUris: N8N_LOCAL_REDIRECT_URIS,
			},
			true,
		);
		for (const client of this.extraClients) this.registerClient(client, true);
	}

	configure(changes: Partial<OAuthConfig>): OAuthConfig {
		const next = { ...this.config };
		for (const name of [
			'accessTokenTtlSeconds',
			'refreshTokenTtlSeconds',
			'codeTtlSeconds',
			'registrationsPerMinute',
		] as const) {
			const value = changes[name];
			if (value === undefined) continue;
			if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
				throw new Error(`${name} must be a number >= 0.`);
			next[name] = value;
		}
		if (changes.autoApprove !== undefined) {
			const value = changes.autoApprove;
			if (!['string', 'number', 'boolean'].includes(typeof value))
				throw new Error('autoApprove must be an email, a user id, true or false.');
			if (value !== false) this.autoApproveUser(value);
			next.autoApprove = value;
		}
		this.config = next;
		return { ...next };
	}

	/** Registers (or replaces, by clientId) a client; answers it as POST /oauth/register does. */
	registerClient(input: OAuthClientInput, seeded = false): Record<string, unknown> {
		if (!input || !Array.isArray(input.redirectUris) || !input.redirectUris.length)
			throw new Error('redirectUris must hold at least one URI.');
		for (const uri of input.redirectUris)
			if (!isAbsoluteHttpUri(uri))
				throw new Error(`redirect URI ${uri} must be an absolute http(s) URI without a fragment.`);
		const scope = splitScope(input.scope);
		const unknown = scope.filter((s) => !ALL_SCOPES.includes(s));
		if (unknown.length) throw new Error(`Unknown scopes: ${unknown.join(', ')}.`);
		const grantTypes = input.grantTypes ?? [...GRANT_TYPES];
		if (grantTypes.some((g) => !(GRANT_TYPES as readonly string[]).includes(g)))
			throw new Error(`grantTypes must be among ${GRANT_TYPES.join(', ')}.`);
		const confidential = input.clientSecret !== undefined && input.clientSecret !== null;
		const authMethod: AuthMethod =
			input.tokenEndpointAuthMethod ?? (confidential ? 'client_secret_basic' : 'none');
		if (!AUTH_METHODS.includes(authMethod))
			throw new Error(`tokenEndpointAuthMethod must be one of ${AUTH_METHODS.join(', ')}.`);
		if (confidential !== (authMethod !== 'none'))
			throw new Error(
				'A public client (no secret) uses tokenEndpointAuthMethod none; a confidential one client_secret_basic or client_secret_post.',
			);
		const client: Client = {
			clientId: input.clientId || `bwpc_${randomBytes(12).toString('hex')}`,
			clientSecret: confidential ? input.clientSecret || `bwp_cs_${random(32)}` : null,
			name: input.name || 'Sandbox app',
			redirectUris: [...input.redirectUris],
			scope,
			grantTypes: [...grantTypes],
			authMethod,
			issuedAt: Math.floor(Date.now() / 1000),
			seeded,
		};
		this.clients.set(client.clientId, client);
		return this.presentClient(client);
	}

	private presentClient(client: Client): Record<string, unknown> {
		return {
			client_id: client.clientId,
			...(client.clientSecret !== null
				? { client_secret: client.clientSecret, client_secret_expires_at: 0 }
				: {}),
			client_id_issued_at: client.issuedAt,
			client_name: client.name,
			redirect_uris: [...client.redirectUris],
			grant_types: [...client.grantTypes],
			scope: client.scope.join(' '),
			token_endpoint_auth_method: client.authMethod,
		};
	}

	/** Every registered client as POST /oauth/register answers it (secrets included). */
	listClients(): Array<Record<string, unknown>> {
		return [...this.clients.values()].map((c) => this.presentClient(c));
	}

	/** Expires every access token now, or only the given one; answers how many were expired. */
	expireAccessTokens(token?: string): number {
		const now = Date.now();
		let count = 0;
		for (const t of this.accessTokens.values()) {
			if (token !== undefined && t.token !== token) continue;
			if (t.expiresAt > now) {
				t.expiresAt = now - 1;
				count++;
			}
		}
		return count;
	}

	/** Revokes a family (every family when no id is given), as a user removing the app would. */
	revokeFamilies(familyId?: number): number {
		let count = 0;
		for (const family of this.families_.values()) {
			if (familyId !== undefined && family.id !== familyId) continue;
			if (family.revokedAt === null) count++;
			this.revokeFamily(family, 'sandbox');
		}
		return count;
	}

	families(): OAuthFamilyView[] {
		const now = Date.now();
		return [...this.families_.values()].map((f) => {
			const refreshTokens = [...this.refreshTokens.values()]
				.filter((t) => t.familyId === f.id)
				.map(
					(t) =>
						({
							token: t.token,
							state: t.revoked
								? 'revoked'
								: t.usedAt !== null
									? 'rotated'
									: t.expiresAt <= now
										? 'expired'
										: 'active',
						}) as const,
				);
			return {
				id: f.id,
				clientId: f.clientId,
				userId: f.user.id,
				userEmail: f.user.email,
				tenantId: f.user.tenantId,
				scopes: [...f.scopes],
				createdAt: new Date(f.createdAt).toISOString(),
				revokedAt: f.revokedAt === null ? null : new Date(f.revokedAt).toISOString(),
				revokedReason: f.revokedReason,
				rotations: f.rotations,
				activeRefreshToken: refreshTokens.find((t) => t.state === 'active')?.token ?? null,
				refreshTokens,
				accessTokens: [...this.accessTokens.values()]
					.filter((t) => t.familyId === f.id)
					.map(
						(t) =>
							({
								token: t.token,
								scopes: [...t.scopes],
								expiresAt: new Date(t.expiresAt).toISOString(),
								state: t.revoked ? 'revoked' : t.expiresAt <= now ? 'expired' : 'active',
							}) as const,
					),
			};
		});
	}

	/** PUT/GET/POST /__sandbox/oauth…; answers [status, body]. */
	control(method: string, sub: string, body: Record<string, unknown>): [number, unknown] {
		switch (`${method} ${sub}`) {
			case 'GET ':
				return [200, { data: { ...this.config } }];
			case 'PUT ':
				return [200, { data: this.configure(body as Partial<OAuthConfig>) }];
			case 'POST /expire': {
				const token = body.token === undefined ? undefined : String(body.token);
				return [200, { expired: this.expireAccessTokens(token) }];
			}
			case 'GET /families':
				return [200, { data: this.families() }];
			case 'POST /revoke-families':
				return [
					200,
					{
						revoked: this.revokeFamilies(
							body.familyId === undefined ? undefined : Number(body.familyId),
						),
					},
				];
			case 'GET /clients':
				return [200, { data: this.listClients() }];
			case 'POST /clients':
				return [201, { data: this.registerClient(body as unknown as OAuthClientInput) }];
			default:
				return [404, { error: `No test control ${method} /__sandbox/oauth${sub}.` }];
		}
	}

	// ---- bearer authentication on the API -------------------------------------------------------

	/**
	 * The caller behind a `bwp_at_…` token, as the pipeline (sandbox/pipeline.ts) needs it (a key-like binding with
	 * the granted scopes). Unknown or revoked → 401 unauthorized; expired → 401 token_expired.
	 */
	authenticate(token: string): { key: SandboxKey; keyId: number; oauth: true; user: OAuthUser } {
		const fail = (code: 'unauthorized' | 'token_expired', detail: string): never => {
			const error =
				code === 'token_expired'
					? 'invalid_token", error_description="The access token expired'
					: 'invalid_token';
			throw new ApiError(401, code, detail, undefined, {
				'WWW-Authenticate': `Bearer realm="BuildWorkPro", error="${error}"`,
			});
		};
		const record = this.accessTokens.get(token);
		if (!record) return fail('unauthorized', 'The OAuth access token is not valid.');
		const family = this.families_.get(record.familyId)!;
		if (record.revoked || family.revokedAt !== null)
			return fail(
				'unauthorized',
				'The OAuth access token has been revoked. Connect the app again.',
			);
		if (!family.user.isActive)
			return fail(
				'unauthorized',
				'The user who authorized this app is no longer an active member of the tenant.',
			);
		if (record.expiresAt <= Date.now())
			return fail(
				'token_expired',
				'The OAuth access token has expired. Get a new one with the refresh token (POST /oauth/token, grant_type=refresh_token).',
			);
		const client = this.clients.get(family.clientId);
		return {
			key: {
				token,
				name: `OAuth: ${client?.name ?? family.clientId} (${family.user.name})`,
				scopes: [...record.scopes],
				tenantId: family.user.tenantId,
			},
			keyId: record.id,
			oauth: true,
			user: family.user,
		};
	}

	// ---- /oauth/* -----------------------------------------------------------------------------

	handle(req: OAuthRequest): OAuthAnswer {
		const route = `${req.method} ${req.relPath}`;
		try {
			switch (route) {
				case 'GET /oauth/authorize':
					return this.authorizePage(req);
				case 'POST /oauth/authorize':
					return this.authorizeDecision(req);
				case 'POST /oauth/token':
					return this.token(req);
				case 'POST /oauth/revoke':
					return this.revoke(req);
				case 'GET /oauth/userinfo':
					return this.userinfo(req);
				case 'POST /oauth/register':
					return this.register(req);
			}
		} catch (err) {
			if (err instanceof OAuthError) {
				const body: Record<string, string> = {
					error: err.error,
					error_description: err.description,
				};
				return { status: err.status, body, headers: { ...NO_STORE, ...err.headers } };
			}
			throw err;
		}
		const allowed: Record<string, string> = {
			'/oauth/authorize': 'GET, POST',
			'/oauth/token': 'POST',
			'/oauth/revoke': 'POST',
			'/oauth/userinfo': 'GET',
			'/oauth/register': 'POST',
		};
		const allow = allowed[req.relPath];
		if (allow)
			throw new ApiError(
				405,
				'bad_request',
				`${req.method} is not allowed here. Allowed: ${allow}.`,
				undefined,
				{ Allow: allow },
				{},
				'Method not allowed',
			);
		throw new ApiError(404, 'not_found', `No such route: ${req.method} /api/v1${req.relPath}.`);
	}

	// ---- authorize: consent page and decision ---------------------------------------------

	/** Checks an authorization request; fatal problems throw FatalAuthorizeError, the rest RedirectAuthorizeError. */
	private validateAuthorize(query: Record<string, string>): {
		client: Client;
		redirectUri: string;
		state?: string;
		scopes: string[];
		challenge: string;
	} {
		const clientId = query.client_id;
		if (!clientId) throw new FatalAuthorizeError('The request has no client_id.');
		const client = this.clients.get(clientId);
		if (!client)
			throw new FatalAuthorizeError(`No app is registered with the client_id "${clientId}".`);
		const redirectUri = query.redirect_uri;
		if (!redirectUri) throw new FatalAuthorizeError('The request has no redirect_uri.');
		if (!client.redirectUris.includes(redirectUri)) {
			throw new FatalAuthorizeError(
				`The redirect_uri "${redirectUri}" is not registered for ${client.name}. Register it exactly (scheme, host, port and path) with the app.`,
			);
		}
		const state = query.state;
		if (query.response_type !== 'code') {
			throw new RedirectAuthorizeError(
				query.response_type ? 'unsupported_response_type' : 'invalid_request',
				'response_type must be code.',
			);
		}
		if (!client.grantTypes.includes('authorization_code'))
			throw new RedirectAuthorizeError(
				'unauthorized_client',
				'This app may not use the authorization code grant.',
			);
		if (!query.code_challenge)
			throw new RedirectAuthorizeError(
				'invalid_request',
				'PKCE is required: send code_challenge and code_challenge_method=S256.',
			);
		if (query.code_challenge_method !== 'S256') {
			throw new RedirectAuthorizeError(
				'invalid_request',
				`code_challenge_method must be S256${query.code_challenge_method ? ` (${query.code_challenge_method} is not supported)` : ''}.`,
			);
		}
		if (!PKCE_VALUE.test(query.code_challenge))
			throw new RedirectAuthorizeError(
				'invalid_request',
				'code_challenge must be 43 to 128 base64url characters.',
			);
		let scopes = splitScope(query.scope);
		const unknown = scopes.filter((s) => !ALL_SCOPES.includes(s));
		if (unknown.length)
			throw new RedirectAuthorizeError('invalid_scope', `Unknown scopes: ${unknown.join(', ')}.`);
		if (client.scope.length) {
			const outside = scopes.filter((s) => !client.scope.includes(s));
			if (outside.length)
				throw new RedirectAuthorizeError(
					'invalid_scope',
					`This app is not registered for: ${outside.join(', ')}.`,
				);
			if (!scopes.length) scopes = [...client.scope];
		}
		return { client, redirectUri, state, scopes, challenge: query.code_challenge };
	}

	private authorizePage(req: OAuthRequest): OAuthAnswer {
		let request: ReturnType<OAuthServer['validateAuthorize']>;
		try {
			request = this.validateAuthorize(req.query);
		} catch (err) {
			return this.authorizeFailure(err, req.query);
		}
		if (this.config.autoApprove !== false) {
			return this.approve(request, this.autoApproveUser(this.config.autoApprove), req.query.state);
		}
		const requestUri = `/api/v1/oauth/authorize?${new URLSearchParams(req.query).toString()}`;
		return this.consentPage(request, requestUri, this.sessionUser(req));
	}

	private authorizeDecision(req: OAuthRequest): OAuthAnswer {
		let form: Record<string, string>;
		try {
			form = parseForm(req);
		} catch (err) {
			return this.errorPage(400, (err as Error).message);
		}
		if (!form.request_uri)
			return this.errorPage(400, 'The consent form was sent without its request_uri.');
		let query: Record<string, string>;
		try {
			const url = new URL(form.request_uri, 'http://sandbox.local');
			query = Object.fromEntries(url.searchParams);
		} catch {
			return this.errorPage(400, 'The request_uri of the consent form is not a URL.');
		}
		let request: ReturnType<OAuthServer['validateAuthorize']>;
		try {
			request = this.validateAuthorize(query);
		} catch (err) {
			return this.authorizeFailure(err, query);
		}
		if (form.decision === 'deny')
			return this.redirect(
				withQuery(request.redirectUri, {
					error: 'access_denied',
					error_description: 'The user denied the request.',
					state: request.state,
				}),
			);
		if (form.decision !== 'approve')
			return this.errorPage(400, 'decision must be approve or deny.');
		let user = form.email ? undefined : this.sessionUser(req);
		if (!user) {
			const found = this.findUser(form.email ?? '');
			if (!found || !safeEqual(form.password ?? '', SANDBOX_USER_PASSWORD)) {
				return this.consentPage(
					request,
					form.request_uri,
					undefined,
					'Wrong email or password.',
					form.email,
				);
			}
			if (!found.isActive)
				return this.consentPage(
					request,
					form.request_uri,
					undefined,
					`${found.name} is deactivated in this tenant and cannot approve apps.`,
					form.email,
				);
			user = found;
		}
		const answer = this.approve(request, user, request.state);
		const sid = random(24);
		this.sessions.set(sid, user);
		answer.headers = {
			...answer.headers,
			'Set-Cookie': `${SESSION_COOKIE}=${sid}; Path=/api/v1/oauth; HttpOnly; SameSite=Lax`,
		};
		return answer;
	}

	private approve(
		request: ReturnType<OAuthServer['validateAuthorize']>,
		user: OAuthUser,
		state: string | undefined,
	): OAuthAnswer {
		if (!user.isActive) {
			return this.redirect(
				withQuery(request.redirectUri, {
					error: 'access_denied',
					error_description: `${user.name} is deactivated in this tenant.`,
					state,
				}),
			);
		}
		const allowed = ROLE_SCOPES[user.role] ?? [];
		const requested = request.scopes.length ? request.scopes : [...allowed];
		const scopes = requested.filter((s) => allowed.includes(s));
		if (!scopes.length) {
			return this.redirect(
				withQuery(request.redirectUri, {
					error: 'invalid_scope',
					error_description: `A ${user.role} cannot grant any of the requested scopes.`,
					state,
				}),
			);
		}
		const code = `bwp_ac_${random(24)}`;
		this.codes.set(code, {
			code,
			clientId: request.client.clientId,
			redirectUri: request.redirectUri,
			challenge: request.challenge,
			scopes,
			user,
			expiresAt: Date.now() + this.config.codeTtlSeconds * 1000,
			usedAt: null,
			familyId: null,
		});
		return this.redirect(withQuery(request.redirectUri, { code, state }));
	}

	private authorizeFailure(err: unknown, query: Record<string, string>): OAuthAnswer {
		if (err instanceof FatalAuthorizeError) return this.errorPage(400, err.message);
		if (err instanceof RedirectAuthorizeError) {
			return this.redirect(
				withQuery(query.redirect_uri, {
					error: err.error,
					error_description: err.description,
					state: query.state,
				}),
			);
		}
		throw err;
	}

	private redirect(location: string): OAuthAnswer {
		return { status: 302, headers: { Location: location, 'Cache-Control': 'no-store' } };
	}

	private autoApproveUser(who: string | number | true): OAuthUser {
		let user: OAuthUser | undefined;
		if (who === true) user = this.deps.usersOf(1)[0];
		else if (typeof who === 'number') user = this.findUserById(who);
		else user = this.findUser(who);
		if (!user) throw new Error(`autoApprove: no sandbox user ${String(who)}.`);
		return user;
	}

	private findUser(email: string): OAuthUser | undefined {
		const tenant = /@tenant(\d+)\.example\.com$/i.exec(email.trim());
		if (!tenant) return undefined;
		return this.deps
			.usersOf(Number(tenant[1]))
			.find((u) => u.email.toLowerCase() === email.trim().toLowerCase());
	}

	private findUserById(id: number): OAuthUser | undefined {
		// Users of tenant N have ids N×1000+n in the users family's tenantUserId; search the likely tenants.
		for (const tenantId of [1, 2, Math.floor(id / 1000)]) {
			const user = this.deps.usersOf(tenantId).find((u) => u.id === id);
			if (user) return user;
		}
		return undefined;
	}

	private sessionUser(req: OAuthRequest): OAuthUser | undefined {
		const cookie = headerValue(req.headers, 'cookie') ?? '';
		const sid = cookie
			.split(';')
			.map((part) => part.trim().split('='))
			.find(([name]) => name === SESSION_COOKIE)?.[1];
		return sid ? this.sessions.get(sid) : undefined;
	}

	private consentPage(
		request: ReturnType<OAuthServer['validateAuthorize']>,
		requestUri: string,
		signedIn: OAuthUser | undefined,
		error?: string,
		email?: string,
	): OAuthAnswer {
		const scopes = request.scopes.length ? request.scopes : ['(everything your role allows)'];
		const signIn = signedIn
			? `<p class="who">Signed in as <strong>${escapeHtml(signedIn.name)}</strong> (${escapeHtml(signedIn.email)}).</p>`
			: `<fieldset><legend>Sign in to BuildWorkPro (sandbox)</legend>
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" value="${escapeHtml(email ?? '')}" placeholder="dana.whitaker@tenant1.example.com">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<p class="hint">Sandbox users: dana.whitaker, luis.ortega, priya.raman @tenant1.example.com (or @tenant2…); password <code>${SANDBOX_USER_PASSWORD}</code>.</p>
</fieldset>`;
		const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorize ${escapeHtml(request.client.name)} – BuildWorkPro</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.4rem}
fieldset{border:1px solid #d1d5db;border-radius:.5rem;padding:1rem;margin:1rem 0}label{display:block;margin-top:.5rem}input{width:100%;padding:.4rem;box-sizing:border-box}
.error{background:#fee2e2;color:#991b1b;padding:.6rem;border-radius:.4rem}.hint{font-size:.85rem;color:#6b7280}ul{line-height:1.6}
button{padding:.5rem 1.4rem;margin-right:.6rem;font-size:1rem;border-radius:.4rem;border:1px solid #1f4e79;cursor:pointer}#approve{background:#1f4e79;color:#fff}#deny{background:#fff}</style></head>
<body><h1><strong id="client-name">${escapeHtml(request.client.name)}</strong> wants to access your BuildWorkPro account</h1>
${error ? `<p class="error" id="error">${escapeHtml(error)}</p>` : ''}
<p>It asks for these permissions (you grant only those your role allows):</p>
<ul id="scopes">${scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')}</ul>
<p class="hint">After your decision you are sent back to ${escapeHtml(new URL(request.redirectUri).origin)}.</p>
<form method="post" action="/api/v1/oauth/authorize">
<input type="hidden" name="request_uri" value="${escapeHtml(requestUri)}">
${signIn}
<button id="approve" type="submit" name="decision" value="approve">Approve</button>
<button id="deny" type="submit" name="decision" value="deny" formnovalidate>Deny</button>
</form></body></html>`;
		return {
			status: 200,
			rawBody: html,
			contentType: 'text/html; charset=utf-8',
			headers: { 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY' },
		};
	}

	private errorPage(status: number, message: string): OAuthAnswer {
		const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorization error – BuildWorkPro</title></head>
<body style="font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem">
<h1>This app cannot be authorized</h1><p id="error">${escapeHtml(message)}</p>
<p>Tell the app's developer; you were not sent back to the app because its request could not be trusted.</p></body></html>`;
		return {
			status,
			rawBody: html,
			contentType: 'text/html; charset=utf-8',
			headers: { 'Cache-Control': 'no-store' },
		};
	}

	// ---- token endpoint -----------------------------------------------------------------------

	/** Authenticates the client of a token or revoke request (body client_secret or HTTP Basic). */
	private authenticateClient(req: OAuthRequest, form: Record<string, string>): Client {
		let clientId = form.client_id || undefined;
		let secret = form.client_secret || undefined;
		let basic = false;
		const authorization = headerValue(req.headers, 'authorization');
		const match = authorization ? /^Basic\s+(\S+)\s*$/i.exec(authorization) : null;
		if (authorization && !match && !/^Bearer\s/i.test(authorization)) {
			throw new OAuthError(
				401,
				'invalid_client',
				'Authenticate the client with HTTP Basic or client_secret in the body.',
				{ 'WWW-Authenticate': 'Basic realm="BuildWorkPro"' },
			);
		}
		if (match) {
			basic = true;
			const decoded = Buffer.from(match[1], 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			// RFC 6749 §2.3.1 form-encodes both parts; many clients do not, so the literal text counts too.
			const decode = (text: string) => {
				try {
					return decodeURIComponent(text.replace(/\+/g, ' '));
				} catch {
					return text;
				}
			};
			const rawId = colon < 0 ? decoded : decoded.slice(0, colon);
			const rawPass = colon < 0 ? '' : decoded.slice(colon + 1);
			const id = this.clients.has(rawId) ? rawId : decode(rawId);
			if (clientId && clientId !== id)
				throw new OAuthError(
					400,
					'invalid_request',
					'client_id in the body and in the Authorization header differ.',
				);
			clientId = id;
			if (rawPass) {
				const known = this.clients.get(id)?.clientSecret;
				const pass =
					known && (safeEqual(rawPass, known) || safeEqual(decode(rawPass), known))
						? known
						: rawPass;
				if (secret && secret !== pass)
					throw new OAuthError(
						400,
						'invalid_request',
						'The client was authenticated twice with different secrets.',
					);
				secret = pass;
			}
		}
		const challenge = basic ? { 'WWW-Authenticate': 'Basic realm="BuildWorkPro"' } : undefined;
		if (!clientId) throw new OAuthError(400, 'invalid_request', 'client_id is required.');
		const client = this.clients.get(clientId);
		if (!client)
			throw new OAuthError(401, 'invalid_client', `Unknown client "${clientId}".`, challenge);
		if (client.clientSecret === null) {
			if (secret)
				throw new OAuthError(
					401,
					'invalid_client',
					'This is a public client: send no client_secret.',
					challenge,
				);
			return client;
		}
		if (!secret)
			throw new OAuthError(
				401,
				'invalid_client',
				'This confidential client must authenticate with its client_secret.',
				challenge,
			);
		if (!safeEqual(secret, client.clientSecret))
			throw new OAuthError(401, 'invalid_client', 'The client_secret is wrong.', challenge);
		return client;
	}

	private token(req: OAuthRequest): OAuthAnswer {
		const form = parseForm(req);
		const client = this.authenticateClient(req, form);
		if (!form.grant_type) throw new OAuthError(400, 'invalid_request', 'grant_type is required.');
		if (!(GRANT_TYPES as readonly string[]).includes(form.grant_type)) {
			throw new OAuthError(
				400,
				'unsupported_grant_type',
				`grant_type ${form.grant_type} is not supported (use authorization_code or refresh_token).`,
			);
		}
		if (!client.grantTypes.includes(form.grant_type))
			throw new OAuthError(
				400,
				'unauthorized_client',
				`This client is not registered for the ${form.grant_type} grant.`,
			);
		return form.grant_type === 'authorization_code'
			? this.exchangeCode(client, form)
			: this.refresh(client, form);
	}

	private exchangeCode(client: Client, form: Record<string, string>): OAuthAnswer {
		if (!form.code) throw new OAuthError(400, 'invalid_request', 'code is required.');
		if (!form.code_verifier)
			throw new OAuthError(400, 'invalid_request', 'code_verifier is required (PKCE).');
		const code = this.codes.get(form.code);
		if (!code || code.clientId !== client.clientId)
			throw new OAuthError(400, 'invalid_grant', 'The authorization code is not valid.');
		if (code.usedAt !== null) {
			// A code works once; its second use revokes what the first one issued (RFC 6749 §4.1.2).
			const family = code.familyId === null ? undefined : this.families_.get(code.familyId);
			if (family) this.revokeFamily(family, 'code_reuse');
			throw new OAuthError(
				400,
				'invalid_grant',
				'The authorization code was already used; the tokens issued with it are revoked.',
			);
		}
		if (code.expiresAt <= Date.now())
			throw new OAuthError(
				400,
				'invalid_grant',
				'The authorization code has expired. Start the authorization again.',
			);
		if (form.redirect_uri !== undefined && form.redirect_uri !== code.redirectUri)
			throw new OAuthError(
				400,
				'invalid_grant',
				'redirect_uri does not match the one of the authorization request.',
			);
		if (
			!PKCE_VALUE.test(form.code_verifier) ||
			!safeEqual(sha256Base64Url(form.code_verifier), code.challenge)
		) {
			throw new OAuthError(
				400,
				'invalid_grant',
				'code_verifier does not match the code_challenge (S256).',
			);
		}
		code.usedAt = Date.now();
		const family: Family = {
			id: this.nextFamilyId++,
			clientId: client.clientId,
			user: code.user,
			scopes: [...code.scopes],
			createdAt: Date.now(),
			revokedAt: null,
			revokedReason: null,
			rotations: 0,
		};
		this.families_.set(family.id, family);
		code.familyId = family.id;
		return this.issue(family, family.scopes);
	}

	private refresh(client: Client, form: Record<string, string>): OAuthAnswer {
		if (!form.refresh_token)
			throw new OAuthError(400, 'invalid_request', 'refresh_token is required.');
		const record = this.refreshTokens.get(form.refresh_token);
		const family = record && this.families_.get(record.familyId);
		if (!record || !family || family.clientId !== client.clientId)
			throw new OAuthError(400, 'invalid_grant', 'The refresh token is not valid.');
		if (family.revokedAt !== null || record.revoked)
			throw new OAuthError(
				400,
				'invalid_grant',
				'The refresh token has been revoked. The user must connect the app again.',
			);
		if (record.usedAt !== null) {
			this.revokeFamily(family, 'refresh_token_reuse');
			throw new OAuthError(
				400,
				'invalid_grant',
				'The refresh token was already used (rotated). For safety every token of this grant is now revoked; the user must connect the app again.',
			);
		}
		if (record.expiresAt <= Date.now())
			throw new OAuthError(
				400,
				'invalid_grant',
				'The refresh token has expired. The user must connect the app again.',
			);
		if (!family.user.isActive)
			throw new OAuthError(
				400,
				'invalid_grant',
				'The user who authorized this app is no longer active.',
			);
		let scopes = family.scopes;
		if (form.scope !== undefined) {
			const requested = splitScope(form.scope);
			const extra = requested.filter((s) => !family.scopes.includes(s));
			if (extra.length)
				throw new OAuthError(
					400,
					'invalid_scope',
					`A refresh can only narrow the granted scope; not granted: ${extra.join(', ')}.`,
				);
			if (requested.length) scopes = requested;
		}
		record.usedAt = Date.now();
		family.rotations++;
		return this.issue(family, scopes);
	}

	/** Issues an access token (with `scopes`) and, with offline_access, a fresh refresh token. */
	private issue(family: Family, scopes: string[]): OAuthAnswer {
		const now = Date.now();
		const access: AccessToken = {
			id: this.nextAccessTokenId++,
			token: `bwp_at_${random(32)}`,
			familyId: family.id,
			scopes: [...scopes],
			expiresAt: now + this.config.accessTokenTtlSeconds * 1000,
			revoked: false,
		};
		this.accessTokens.set(access.token, access);
		const body: Record<string, unknown> = {
			access_token: access.token,
			token_type: 'Bearer',
			expires_in: Math.round(this.config.accessTokenTtlSeconds),
			scope: scopes.join(' '),
		};
		if (family.scopes.includes('offline_access')) {
			const refresh: RefreshToken = {
				token: `bwp_rt_${random(32)}`,
				familyId: family.id,
				expiresAt: now + this.config.refreshTokenTtlSeconds * 1000,
				usedAt: null,
				revoked: false,
			};
			this.refreshTokens.set(refresh.token, refresh);
			body.refresh_token = refresh.token;
		}
		return { status: 200, body, headers: { ...NO_STORE } };
	}

	private revokeFamily(family: Family, reason: string): void {
		if (family.revokedAt === null) {
			family.revokedAt = Date.now();
			family.revokedReason = reason;
		}
		for (const t of this.accessTokens.values()) if (t.familyId === family.id) t.revoked = true;
		for (const t of this.refreshTokens.values()) if (t.familyId === family.id) t.revoked = true;
	}

	// ---- revoke, userinfo, register --------------------------------------------------------------

	private revoke(req: OAuthRequest): OAuthAnswer {
		const form = parseForm(req);
		const client = this.authenticateClient(req, form);
		if (!form.token) throw new OAuthError(400, 'invalid_request', 'token is required.');
		if (
			form.token_type_hint !== undefined &&
			!['access_token', 'refresh_token'].includes(form.token_type_hint)
		) {
			throw new OAuthError(
				400,
				'unsupported_token_type',
				'token_type_hint must be access_token or refresh_token.',
			);
		}
		// The hint only orders the look-ups; both kinds are tried (RFC 7009 §4.1.2).
		const access = this.accessTokens.get(form.token);
		const refresh = this.refreshTokens.get(form.token);
		const familyId = access?.familyId ?? refresh?.familyId;
		const family = familyId === undefined ? undefined : this.families_.get(familyId);
		if (family && family.clientId !== client.clientId)
			throw new OAuthError(400, 'invalid_grant', 'The token was issued to another client.');
		if (access) access.revoked = true;
		if (refresh && family) this.revokeFamily(family, 'revoked');
		return { status: 200, headers: { ...NO_STORE } };
	}

	private userinfo(req: OAuthRequest): OAuthAnswer {
		const authorization = headerValue(req.headers, 'authorization') ?? '';
		const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
		const wwwAuthenticate = { 'WWW-Authenticate': 'Bearer realm="BuildWorkPro"' };
		if (!match)
			throw new ApiError(
				401,
				'unauthorized',
				'Send an access token or API key as "Authorization: Bearer <token>".',
				undefined,
				wwwAuthenticate,
			);
		let user: OAuthUser | undefined;
		let scopes: string[];
		let tenantId: number;
		let keyBucket = true;
		if (match[1].startsWith('bwp_at_')) {
			const caller = this.authenticate(match[1]);
			user = caller.user;
			scopes = caller.key.scopes;
			tenantId = caller.key.tenantId;
			keyBucket = false;
		} else {
			const binding = this.deps.apiKey(match[1]);
			if (!binding)
				throw new ApiError(
					401,
					'unauthorized',
					'The API key is not valid.',
					undefined,
					wwwAuthenticate,
				);
			req.caller.keyId = binding.keyId;
			tenantId = binding.key.tenantId;
			scopes = [...binding.key.scopes];
			// An API key belongs to the tenant; its resource owner is the tenant's first active owner.
			const users = this.deps.usersOf(tenantId).filter((u) => u.isActive);
			user = users.find((u) => u.role === 'owner' || u.role === 'company_admin') ?? users[0];
		}
		req.caller.tenantId = tenantId;
		const verdict = this.deps.rateLimiter.consume(match[1], tenantId, 1, undefined, { keyBucket });
		if (!verdict.allowed) throw rateLimited(verdict.retryAfterSeconds!, verdict.headers);
		if (!user)
			throw new ApiError(
				401,
				'unauthorized',
				'No active user of the tenant stands behind this token.',
			);
		const body = {
			sub: String(user.id),
			tenant_id: tenantId,
			email: user.email,
			name: user.name,
			role: user.role,
			scopes,
		};
		return { status: 200, body, headers: { ...verdict.headers, 'Cache-Control': 'no-store' } };
	}

	private register(req: OAuthRequest): OAuthAnswer {
		const limit = this.config.registrationsPerMinute;
		if (limit > 0) {
			const now = Date.now();
			const ip = req.ip ?? 'unknown';
			const recent = (this.registrations.get(ip) ?? []).filter((at) => at > now - 60_000);
			if (recent.length >= limit) {
				const retryAfter = Math.max(1, Math.ceil((recent[0] + 60_000 - now) / 1000));
				throw new OAuthError(
					429,
					'rate_limited',
					`At most ${limit} registrations per minute and IP. Retry after ${retryAfter} s.`,
					{ 'Retry-After': String(retryAfter) },
				);
			}
			recent.push(now);
			this.registrations.set(ip, recent);
		}
		const contentType = headerValue(req.headers, 'content-type') ?? '';
		if (!/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(contentType))
			throw new OAuthError(
				400,
				'invalid_client_metadata',
				'Send the client metadata as application/json (RFC 7591).',
			);
		let body: Record<string, unknown>;
		try {
			body = JSON.parse(req.body.toString('utf8'));
		} catch {
			throw new OAuthError(400, 'invalid_client_metadata', 'The body is not valid JSON.');
		}
		if (!body || typeof body !== 'object' || Array.isArray(body))
			throw new OAuthError(400, 'invalid_client_metadata', 'The body must be a JSON object.');
		const name = body.client_name;
		if (typeof name !== 'string' || name.trim().length < 1 || name.length > 200)
			throw new OAuthError(
				400,
				'invalid_client_metadata',
				'client_name is required (1 to 200 characters).',
			);
		const uris = body.redirect_uris;
		if (
			!Array.isArray(uris) ||
			uris.length < 1 ||
			uris.length > 10 ||
			!uris.every((u) => typeof u === 'string')
		) {
			throw new OAuthError(400, 'invalid_redirect_uri', 'redirect_uris must hold 1 to 10 URIs.');
		}
		const bad = (uris as string[]).find((u) => !isAbsoluteHttpUri(u));
		if (bad !== undefined)
			throw new OAuthError(
				400,
				'invalid_redirect_uri',
				`The redirect URI ${bad} must be an absolute http(s) URI without a fragment.`,
			);
		const grantTypes = body.grant_types ?? [...GRANT_TYPES];
		if (
			!Array.isArray(grantTypes) ||
			!grantTypes.length ||
			grantTypes.some((g) => !(GRANT_TYPES as readonly string[]).includes(g as string))
		) {
			throw new OAuthError(
				400,
				'invalid_client_metadata',
				`grant_types must be among ${GRANT_TYPES.join(', ')}.`,
			);
		}
		const scope = body.scope ?? '';
		if (typeof scope !== 'string')
			throw new OAuthError(400, 'invalid_scope', 'scope must be a space-separated string.');
		const unknown = splitScope(scope).filter((s) => !ALL_SCOPES.includes(s));
		if (unknown.length)
			throw new OAuthError(400, 'invalid_scope', `Unknown scopes: ${unknown.join(', ')}.`);
		const method = body.token_endpoint_auth_method ?? 'none';
		if (!AUTH_METHODS.includes(method as AuthMethod))
			throw new OAuthError(
				400,
				'invalid_client_metadata',
				`token_endpoint_auth_method must be one of ${AUTH_METHODS.join(', ')}.`,
			);
		if (
			body.contact !== undefined &&
			(typeof body.contact !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.contact))
		) {
			throw new OAuthError(400, 'invalid_client_metadata', 'contact must be an email address.');
		}
		const registered = this.registerClient({
			name: name.trim(),
			redirectUris: uris as string[],
			grantTypes: grantTypes as string[],
			scope,
			tokenEndpointAuthMethod: method as AuthMethod,
			clientSecret: method === 'none' ? null : '',
		});
		return { status: 201, body: registered, headers: { ...NO_STORE } };
	}
}

/** A row of the users family (sandbox/resources/users.ts) as the authorization server sees it. */
export function toOAuthUser(row: {
	id: number;
	tenantId: number;
	v: Record<string, unknown>;
}): OAuthUser {
	const v = row.v;
	const name = [v.firstName, v.lastName]
		.filter((p) => typeof p === 'string' && p)
		.join(' ')
		.trim();
	return {
		id: row.id,
		tenantId: row.tenantId,
		email: String(v.email ?? ''),
		name,
		role: String(v.role ?? ''),
		isActive: v.isActive !== false,
	};
}
