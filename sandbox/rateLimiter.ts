/**
 * Sliding-window rate limits: a per-key request count and a per-tenant cost budget. Each bucket
 * keeps the (time, cost) of every counted request inside its window, so the limit applies to any
 * window-long span, not to fixed clock minutes.
 */

interface Entry {
	at: number;
	cost: number;
}

export class SlidingBucket {
	private entries: Entry[] = [];
	private head = 0;
	private used = 0;

	constructor(
		readonly limit: number,
		readonly windowMs: number,
	) {}

	private prune(now: number): void {
		while (this.head < this.entries.length && this.entries[this.head].at <= now - this.windowMs) {
			this.used -= this.entries[this.head].cost;
			this.head++;
		}
		// Compact now and then so the array does not grow forever.
		if (this.head > 1024 && this.head * 2 > this.entries.length) {
			this.entries = this.entries.slice(this.head);
			this.head = 0;
		}
	}

	remaining(now: number): number {
		this.prune(now);
		return Math.max(0, this.limit - this.used);
	}

	/** Milliseconds until enough capacity frees up for `cost` more units (0 when it fits now). */
	waitMsFor(cost: number, now: number): number {
		this.prune(now);
		let available = this.limit - this.used;
		if (available >= cost) return 0;
		for (let i = this.head; i < this.entries.length; i++) {
			available += this.entries[i].cost;
			if (available >= cost) return this.entries[i].at + this.windowMs - now;
		}
		// The cost exceeds the whole budget: it can never fit; answer one full window.
		return this.windowMs;
	}

	/** Milliseconds until the oldest counted request leaves the window (0 when empty). */
	resetMs(now: number): number {
		this.prune(now);
		if (this.head >= this.entries.length) return 0;
		return this.entries[this.head].at + this.windowMs - now;
	}

	record(cost: number, now: number): void {
		this.entries.push({ at: now, cost });
		this.used += cost;
	}
}

export interface RateLimitConfig {
	enabled: boolean;
	keyLimit: number;
	keyWindowMs: number;
	tenantBudget: number;
	tenantWindowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = {
	enabled: true,
	keyLimit: 60,
	keyWindowMs: 60_000,
	tenantBudget: 10_000,
	tenantWindowMs: 3_600_000,
};

export interface RateLimitVerdict {
	allowed: boolean;
	headers: Record<string, string>;
	/** Whole seconds to wait (>= 1) when not allowed. */
	retryAfterSeconds?: number;
}

export interface ConsumeOptions {
	/** false: count only the tenant budget (OAuth access tokens have no per-key bucket). */
	keyBucket?: boolean;
}

/** Whole seconds, rounded up, so a client that waits this long is never early. */
const toSeconds = (ms: number) => (ms <= 0 ? 0 : Math.ceil(ms / 1000));

export class RateLimiter {
	private keyBuckets = new Map<string, SlidingBucket>();
	private tenantBuckets = new Map<number, SlidingBucket>();

	constructor(public config: RateLimitConfig) {}

	reconfigure(config: RateLimitConfig): void {
		this.config = config;
		this.reset();
	}

	reset(): void {
		this.keyBuckets.clear();
		this.tenantBuckets.clear();
	}

	private keyBucket(token: string): SlidingBucket {
		let bucket = this.keyBuckets.get(token);
		if (!bucket) {
			bucket = new SlidingBucket(this.config.keyLimit, this.config.keyWindowMs);
			this.keyBuckets.set(token, bucket);
		}
		return bucket;
	}

	private tenantBucket(tenantId: number): SlidingBucket {
		let bucket = this.tenantBuckets.get(tenantId);
		if (!bucket) {
			bucket = new SlidingBucket(this.config.tenantBudget, this.config.tenantWindowMs);
			this.tenantBuckets.set(tenantId, bucket);
		}
		return bucket;
	}

	/**
	 * Counts the request if both buckets have room. A refused (429) request is not counted, so a
	 * client that waits Retry-After and retries gets through.
	 */
	consume(
		token: string,
		tenantId: number,
		cost: number,
		now = Date.now(),
		options: ConsumeOptions = {},
	): RateLimitVerdict {
		// OAuth callers have no per-key bucket, only the tenant budget (API.md "Rate limits").
		const keyBucket = options.keyBucket === false ? null : this.keyBucket(token);
		const tenantBucket = this.tenantBucket(tenantId);
		let allowed = true;
		let retryAfterSeconds: number | undefined;
		if (this.config.enabled) {
			const waitMs = Math.max(keyBucket?.waitMsFor(1, now) ?? 0, tenantBucket.waitMsFor(cost, now));
			if (waitMs > 0) {
				allowed = false;
				retryAfterSeconds = Math.max(1, toSeconds(waitMs));
			} else {
				keyBucket?.record(1, now);
				tenantBucket.record(cost, now);
			}
		}
		return { allowed, retryAfterSeconds, headers: this.headers(keyBucket, tenantBucket, now) };
	}

	private headers(
		keyBucket: SlidingBucket | null,
		tenantBucket: SlidingBucket,
		now: number,
	): Record<string, string> {
		const keyHeaders: Record<string, string> = keyBucket
			? {
					'RateLimit-Key-Limit': String(keyBucket.limit),
					'RateLimit-Key-Remaining': String(keyBucket.remaining(now)),
					'RateLimit-Key-Reset': String(toSeconds(keyBucket.resetMs(now))),
				}
			: {};
		return {
			...keyHeaders,
			'RateLimit-Tenant-Limit': String(tenantBucket.limit),
			'RateLimit-Tenant-Remaining': String(tenantBucket.remaining(now)),
			'RateLimit-Tenant-Reset': String(toSeconds(tenantBucket.resetMs(now))),
		};
	}

	/** Current consumption without counting anything, shaped like openapi's UsageResponse. */
	usage(token: string, tenantId: number, now = Date.now()) {
		const describe = (bucket: SlidingBucket) => {
			const remaining = bucket.remaining(now);
			return {
				limit: bucket.limit,
				used: bucket.limit - remaining,
				remaining,
				resetSeconds: toSeconds(bucket.resetMs(now)),
				windowSeconds: Math.ceil(bucket.windowMs / 1000),
			};
		};
		return {
			tenant: describe(this.tenantBucket(tenantId)),
			apiKey: describe(this.keyBucket(token)),
		};
	}
}
