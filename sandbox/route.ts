/** An entry of the route table (sandbox/routeTable.ts) and what its handler is given. */
import type { Answer } from './answer';
import type { AuditLog } from './account';
import type { ContactStore } from './contactStore';
import type { CursorCodec } from './cursor';
import type { JobService } from './jobs';
import type { RateLimiter } from './rateLimiter';
import type { ResourceStore } from './resources/engine';
import type { SandboxKey } from './types';
import type { WebhookService } from './webhooks';

export interface RequestContext {
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

/** The sandbox's state as route handlers reach it. */
export interface Services {
	readonly contacts: ContactStore;
	readonly resources: ResourceStore;
	readonly webhooks: WebhookService;
	readonly jobs: JobService;
	readonly auditLog: AuditLog;
	readonly rateLimiter: RateLimiter;
	readonly cursors: CursorCodec;
}

export interface RouteEntry {
	method: string;
	/** openapi path template, relative to /api/v1. */
	path: string;
	/** Every scope the operation requires (openapi lists them in one security requirement). */
	scopes: readonly string[];
	/** Rate-limit cost (openapi's x-rate-limit-cost). */
	cost: number;
	/** Path parameters taken as text instead of positive integers. */
	textParams?: readonly string[];
	handler(services: Services, ctx: RequestContext): Answer;
}
