/**
 * The sandbox's state: keys, every family's store, webhooks, jobs, storage, OAuth, the request log
 * and injected faults, and what the in-process API (sandbox/index.ts) does with them. Requests
 * reach it through sandbox/pipeline.ts (the API) and sandbox/controlApi.ts (the test controls).
 */
import { randomBytes } from 'node:crypto';
import { AuditLog } from './account';
import { ContactStore } from './contactStore';
import { CursorCodec } from './cursor';
import { FaultInjector } from './faults';
import { IdempotencyCache } from './idempotency';
import { JobService } from './jobs';
import { JobsAdapter } from './jobsAdapter';
import { OAuthServer, toOAuthUser } from './oauth';
import { RateLimiter, DEFAULT_RATE_LIMIT, type RateLimitConfig } from './rateLimiter';
import { RequestLog } from './requestLog';
import { addDocument } from './resources/documents';
import { ResourceStore } from './resources/engine';
import { FAMILIES } from './resources/families';
import type { Services } from './route';
import { Router } from './router';
import { ROUTES } from './routeTable';
import { StorageService } from './storage';
import type { DocumentInput, JobConfig, SandboxKey, SandboxOptions } from './types';
import { WebhookService } from './webhooks';

export class SandboxApp implements Services {
	readonly keys: SandboxKey[];
	/** API keys by token, each with the id GET /me and the audit log name it by. */
	readonly keysByToken = new Map<string, { key: SandboxKey; keyId: number }>();
	readonly contacts = new ContactStore();
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
	readonly requestLog = new RequestLog();
	readonly faults = new FaultInjector();
	readonly router = new Router(ROUTES);
	readonly maxBodyBytes: number;
	readonly testControls: boolean;

	constructor(keys: SandboxKey[], options: SandboxOptions) {
		this.keys = keys;
		keys.forEach((key, i) => this.keysByToken.set(key.token, { key, keyId: i + 1 }));
		this.rateLimiter = new RateLimiter({ ...DEFAULT_RATE_LIMIT, ...options.rateLimit });
		this.cursors = new CursorCodec(options.cursorSecret ?? randomBytes(32).toString('hex'));
		this.idempotency = new IdempotencyCache(
			options.idempotencyTtlMs ?? 24 * 3_600_000,
			options.idempotencyClock,
		);
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
		this.jobs = new JobService(this.storage, this.cursors, new JobsAdapter(this, this.router));
		if (options.jobs) this.jobs.configure(options.jobs);
	}

	seed(count: number, tenantId = 1): number {
		return this.contacts.seed(count, tenantId);
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
		this.contacts.reset();
		this.resources.reset();
		this.webhooks.reset();
		this.auditLog.reset();
		this.jobs.reset();
		this.storage.reset();
		this.idempotency.clear();
		this.rateLimiter.reset();
		this.oauth.reset();
		this.requestLog.clear();
		this.faults.clear();
	}

	setRateLimit(r: SandboxOptions['rateLimit']): RateLimitConfig {
		const config = { ...this.rateLimiter.config, ...r };
		this.rateLimiter.reconfigure(config);
		return config;
	}

	setJobs(config: Partial<JobConfig>): JobConfig {
		return this.jobs.configure(config);
	}

	addDocument(input: DocumentInput, tenantId = 1): Record<string, unknown> {
		return addDocument(this.resources, input, tenantId);
	}

	async close(): Promise<void> {
		this.faults.close();
		this.jobs.close();
		await this.webhooks.close();
		await this.storage.close();
	}
}
