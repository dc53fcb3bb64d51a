/**
 * Data shapes shared across the sandbox and its public entry (sandbox/index.ts): options, records
 * the in-process API hands out, fault specs. A leaf: it imports nothing.
 */

export interface SandboxKey {
	token: string;
	name: string;
	scopes: string[];
	tenantId: number;
}

export interface RateLimitOptions {
	enabled?: boolean;
	keyLimit?: number;
	keyWindowMs?: number;
	tenantBudget?: number;
	tenantWindowMs?: number;
}

export interface WebhookOptions {
	/** Delay before each retry; attempts = retryDelaysMs.length + 1. */
	retryDelaysMs?: number[];
	/** An attempt that has not answered within this time counts as a timeout (retried). */
	timeoutMs?: number;
	/** Consecutive failed attempts after which an endpoint is disabled. */
	disableAfterFailures?: number;
	/** After rotate-secret, deliveries are also signed with the previous secret for this long. */
	rotationGraceMs?: number;
}

export interface SandboxOptions {
	port?: number;
	host?: string;
	keys?: SandboxKey[];
	seed?: number;
	testControls?: boolean;
	rateLimit?: RateLimitOptions;
	webhooks?: WebhookOptions;
	idempotencyTtlMs?: number;
	/** Clock (milliseconds) the idempotency cache counts its TTL on; Date.now unless given (tests). */
	idempotencyClock?: () => number;
	maxBodyBytes?: number;
	/** Secret for cursor signatures; random per start unless given. */
	cursorSecret?: string;
	/** Port of the storage listener (signed upload/download URLs); default any free port. */
	storagePort?: number;
	/** Initial job behaviour (duration, outcome, Retry-After, signed URL lifetime). */
	jobs?: Partial<JobConfig>;
	/** OAuth 2.1 server: token lifetimes, auto-approval, extra pre-registered clients (sandbox/oauth.ts). */
	oauth?: OAuthOptions;
}

/** Contact as the API returns it. */
export interface Contact {
	id: number;
	firstName: string | null;
	lastName: string | null;
	companyName: string | null;
	email: string | null;
	phone: string | null;
	mobile: string | null;
	website: string | null;
	notes: string | null;
	position: string | null;
	parentContactId: number | null;
	type: string;
	createdAt: string;
	updatedAt: string;
}

export interface WebhookEndpoint {
	id: number;
	url: string;
	description: string | null;
	eventTypes: string[];
	isActive: boolean;
	consecutiveFailures: number;
	lastDeliveredAt: string | null;
	disabledAt: string | null;
	disabledReason: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface DeliveryAttempt {
	at: string;
	status?: number;
	error?: string;
}

export type DeliveryState = 'pending' | 'succeeded' | 'failed' | 'exhausted';

export interface DeliveryRecord {
	id: number;
	tenantId: number;
	endpointId: number;
	eventId: string;
	eventType: string;
	url: string;
	attempts: DeliveryAttempt[];
	state: DeliveryState;
	createdAt: string;
}

export interface LoggedRequest {
	seq: number;
	at: string;
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	status: number;
	keyName?: string;
	body?: unknown;
	/** Set when a 'drop' or 'commit-then-drop' fault closed the connection instead of answering. */
	dropped?: boolean;
}

export type FaultKind =
	| 'commit-then-drop'
	| 'drop'
	| 'rate-limited'
	| 'unavailable'
	| 'internal-error'
	| 'slow';

export interface FaultSpec {
	kind: FaultKind;
	method?: string;
	/** Relative to /api/v1; exact, or a prefix ending in '*'. */
	path?: string;
	count?: number;
	/** Seconds for 429/503; null sends no Retry-After header. */
	retryAfter?: number | null;
	delayMs?: number;
}

export type SignatureMode = 'valid' | 'bad' | 'stale' | 'future' | 'none' | 'malformed';

export interface SendDeliveryOptions {
	url: string;
	secret?: string;
	event?: object;
	rawBody?: string;
	signature?: SignatureMode;
	headerName?: string;
}

/** How jobs behave; changed with PUT /__sandbox/jobs or sandbox.setJobs(). */
export interface JobConfig {
	/** Time from creation to the end of a job; 0 ends it at once. */
	durationMs: number;
	/**
	 * 'auto' / 'succeeded': as the work turns out (row errors make it partial, all rows failing
	 * makes it failed). 'partial': the last row (or id) is rejected, or an export/PDF gets one
	 * synthetic row error. 'failed': nothing is done and the job fails with `errorMessage`.
	 */
	outcome: 'auto' | 'succeeded' | 'partial' | 'failed';
	/** errorMessage of a job failed by the control. */
	errorMessage: string | null;
	/** Retry-After (seconds) on GET /jobs/{id} while a job has not ended; null = none. */
	retryAfterSeconds: number | null;
	/** Lifetime of signed download and upload URLs. */
	signedUrlTtlSeconds: number;
}

export interface OAuthConfig {
	/** Lifetime of access tokens (`expires_in`). */
	accessTokenTtlSeconds: number;
	/** Lifetime of each refresh token (a rotation issues a fresh one). */
	refreshTokenTtlSeconds: number;
	/** Lifetime of an authorization code. */
	codeTtlSeconds: number;
	/**
	 * Skip the consent page: GET /oauth/authorize approves at once as this user (an email, a user id,
	 * or true for the first user of tenant 1); false shows the page.
	 */
	autoApprove: string | number | boolean;
	/** POST /oauth/register requests allowed per IP and minute (0: unlimited). */
	registrationsPerMinute: number;
}

/** A client to pre-register (sandbox.oauth.registerClient, PUT /__sandbox/oauth/clients, options.oauth.clients). */
export interface OAuthClientInput {
	clientId?: string;
	/** Omit (or null) for a public client; '' generates one for a confidential client. */
	clientSecret?: string | null;
	name?: string;
	redirectUris: string[];
	/** Space-separated scopes the client may ask for; '' = any. */
	scope?: string;
	grantTypes?: string[];
	tokenEndpointAuthMethod?: 'none' | 'client_secret_basic' | 'client_secret_post';
}

export interface OAuthOptions extends Partial<OAuthConfig> {
	/** Extra clients registered at start and after every reset (next to the two seeded ones). */
	clients?: OAuthClientInput[];
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
