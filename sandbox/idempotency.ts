/**
 * Idempotency cache: (tenant, key) → first successful answer and the hash of the request that
 * produced it. hash = sha256(method + "\n" + path + "\n" + JSON.stringify(body ?? null)) over the
 * parsed body, where path is the request path as sent, including /api/v1 and without the query.
 */
import { createHash } from 'node:crypto';

export interface CachedAnswer {
	hash: string;
	status: number;
	/** Serialized body, replayed byte for byte; null for 204. */
	body: string | null;
	contentType: string | undefined;
	expiresAt: number;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requestHash(method: string, path: string, body: unknown): string {
	return createHash('sha256')
		.update(`${method}\n${path}\n${JSON.stringify(body ?? null)}`)
		.digest('hex');
}

export class IdempotencyCache {
	private entries = new Map<string, CachedAnswer>();

	/** `now` is the clock TTLs are counted on (milliseconds); tests may pass their own. */
	constructor(
		public ttlMs: number,
		readonly now: () => number = Date.now,
	) {}

	private id(tenantId: number, key: string) {
		return `${tenantId}\u0000${key}`;
	}

	lookup(tenantId: number, key: string, now = this.now()): CachedAnswer | undefined {
		const id = this.id(tenantId, key);
		const entry = this.entries.get(id);
		if (entry && entry.expiresAt <= now) {
			this.entries.delete(id);
			return undefined;
		}
		return entry;
	}

	/** Stores a successful answer; the 24 h clock runs from the first request, never refreshed. */
	store(
		tenantId: number,
		key: string,
		answer: Omit<CachedAnswer, 'expiresAt'>,
		firstSeenAt: number,
	): void {
		if (this.entries.size > 50_000) this.sweep(this.now());
		this.entries.set(this.id(tenantId, key), { ...answer, expiresAt: firstSeenAt + this.ttlMs });
	}

	private sweep(now: number) {
		for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
	}

	clear(): void {
		this.entries.clear();
	}
}
