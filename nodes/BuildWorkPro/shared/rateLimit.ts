/**
 * Client-side pacing for BuildWorkPro's two sliding-window buckets (per key, per tenant).
 *
 * n8n starts every item's request at once, and a Return All sends hundreds of pages back to back,
 * so one gate per credential decides when the next request may leave: it spends what the last
 * `RateLimit-*-Remaining` headers allowed, then waits for `RateLimit-*-Reset` instead of
 * collecting a 429. Only the transport uses it.
 */

/** More parallel requests than this gain nothing against a 60 requests/minute bucket. */
const MAX_IN_FLIGHT = 4;
/** When a bucket is spent and the server sent no reset time, look again after this long. */
const FALLBACK_RESET_MS = 1_000;
/** A "reset" this large is a point in time (Unix seconds, after 2001), not a duration. */
const UNIX_TIMESTAMP_THRESHOLD = 1_000_000_000;

interface Bucket {
	/** `undefined`: not known yet (no answer seen since the window moved on). `Infinity`: not reported, so not limited. */
	remaining: number | undefined;
	resetAt: number;
}

export type HeaderBag = Record<string, unknown> | undefined;

function readNumber(headers: HeaderBag, name: string): number | undefined {
	if (!headers) return undefined;
	const raw = headers[name] ?? headers[name.toLowerCase()];
	const text = Array.isArray(raw) ? raw[0] : raw;
	if (text === undefined || text === null || text === '') return undefined;
	const value = Number(text);
	return Number.isFinite(value) ? value : undefined;
}

export type GateDecision = { kind: 'go' } | { kind: 'sleep'; ms: number } | { kind: 'waitForAnswer' };

export class RateLimitGate {
	private readonly key: Bucket = { remaining: undefined, resetAt: 0 };
	private readonly tenant: Bucket = { remaining: undefined, resetAt: 0 };
	private pausedUntil = 0;
	private inFlight = 0;
	private inFlightCost = 0;
	private waiters: Array<() => void> = [];

	/** Reserves a slot for a request of `cost` tenant units, or says how to wait. Synchronous, so reservations never race. */
	tryReserve(cost: number, now: number): GateDecision {
		if (now < this.pausedUntil) return { kind: 'sleep', ms: this.pausedUntil - now };

		for (const [bucket, need, reserved] of [
			[this.key, 1, this.inFlight],
			[this.tenant, cost, this.inFlightCost],
		] as Array<[Bucket, number, number]>) {
			if (bucket.remaining === undefined) {
				// Unknown budget: send a single probe and learn from its headers.
				if (this.inFlight > 0) return { kind: 'waitForAnswer' };
				continue;
			}
			if (bucket.remaining - reserved >= need) continue;
			if (this.inFlight > 0) return { kind: 'waitForAnswer' };
			if (now < bucket.resetAt) return { kind: 'sleep', ms: bucket.resetAt - now };
			// The window has moved on since the headers were read: probe again.
			bucket.remaining = undefined;
		}
		if (this.inFlight >= MAX_IN_FLIGHT) return { kind: 'waitForAnswer' };

		this.inFlight += 1;
		this.inFlightCost += cost;
		return { kind: 'go' };
	}

	/** Resolves when some in-flight request finished (its headers may have freed budget). */
	async nextAnswer(): Promise<void> {
		return await new Promise<void>((resolve) => this.waiters.push(resolve));
	}

	/**
	 * Frees the slot and learns from the answer's headers. `retryAfterMs` (from a 429) pauses every
	 * request on this credential, not only the one that was refused.
	 */
	release(cost: number, now: number, headers: HeaderBag, retryAfterMs?: number): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		this.inFlightCost = Math.max(0, this.inFlightCost - cost);
		if (headers) {
			this.learn(this.key, headers, 'RateLimit-Key', now);
			this.learn(this.tenant, headers, 'RateLimit-Tenant', now);
		}
		if (retryAfterMs !== undefined) {
			this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
		}
		const waiters = this.waiters;
		this.waiters = [];
		for (const wake of waiters) wake();
	}

	private learn(bucket: Bucket, headers: HeaderBag, prefix: string, now: number): void {
		const remaining = readNumber(headers, `${prefix}-Remaining`);
		if (remaining === undefined) {
			// A bucket the answer does not report (OAuth callers have no per-key bucket) does not limit us.
			bucket.remaining = Infinity;
			return;
		}
		const reset = readNumber(headers, `${prefix}-Reset`);
		bucket.remaining = remaining;
		if (reset === undefined || reset < 0) bucket.resetAt = now + FALLBACK_RESET_MS;
		// Documented as seconds from now; be liberal and also read a Unix timestamp.
		else if (reset > UNIX_TIMESTAMP_THRESHOLD) bucket.resetAt = Math.max(now, reset * 1000);
		else bucket.resetAt = now + reset * 1000;
	}
}

const gates = new Map<string, RateLimitGate>();

/** One gate per credential identity (a hash, never the secret itself), shared by every node and execution in this process. */
export function gateFor(identity: string): RateLimitGate {
	let gate = gates.get(identity);
	if (!gate) {
		gate = new RateLimitGate();
		gates.set(identity, gate);
	}
	return gate;
}

/** Forgets every credential's pacing state (for test isolation; nothing in the node calls it). */
export function forgetRateLimitState(): void {
	gates.clear();
}
