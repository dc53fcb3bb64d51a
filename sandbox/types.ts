/** Public types of the sandbox (see sandbox/index.ts for the entry point). */
import type { JobConfig } from './jobs';
import type { OAuthOptions } from './oauth';

export type { JobConfig, RowError, JobStatus, JobType } from './jobs';
export type { StorageRequest } from './storage';
export type { DocumentInput } from './app';
export type { OAuthClientInput, OAuthConfig, OAuthFamilyView, OAuthOptions } from './oauth';

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
