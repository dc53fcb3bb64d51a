/**
 * Client-side pacing for BuildWorkPro's two sliding-window buckets (per key, per tenant).
 *
 * n8n starts every item's request at once, and a Return All sends hundreds of pages back to back,
 * so one gate per credential decides when the next request may leave: it spends what the last
 * `RateLimit-*-Remaining` headers allowed, then waits for the next free slot (see KeyWindow) or
 * `RateLimit-*-Reset` instead of collecting a 429. Only the transport uses it.
 */

/** More parallel requests than this gain nothing against a 60 requests/minute bucket. */
const MAX_IN_FLIGHT = 4;
/** When a bucket is spent and the server sent no reset time, look again after this long. */
const FALLBACK_RESET_MS = 1_000;
/** A "reset" this large is a point in time (Unix seconds, after 2001), not a duration. */
const UNIX_TIMESTAMP_THRESHOLD = 1_000_000_000;
/**
 * Headroom on a slot predicted from our own send times, besides the round trip of the request
 * that holds it (which may have reached the server that much later than we noted it left):
 * doubled after each refusal, up to the cap. The cap is also the jitter tolerated in the bounds.
 */
const MIN_MARGIN_MS = 10;
const MAX_MARGIN_MS = 200;
/** After a refusal, the gate goes by the headers alone for two windows (this long if it knows none). */
const REFUSAL_DISTRUST_MS = 10_000;
/** The documented per-key limit, until an answer says otherwise. */
const DEFAULT_KEY_LIMIT = 60;
/** How long the gate goes by the headers alone after seeing requests that are not its own. */
const SHARED_DISTRUST_MS = 5 * 60_000;

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

/** A reservation: which request it was and when it left, so its answer can teach the gate. */
export interface Ticket {
	seq: number;
	cost: number;
	sentAt: number;
	/** Known once answered. */
	roundTripMs?: number;
}

export type GateDecision =
	| { kind: 'go'; ticket: Ticket }
	| { kind: 'sleep'; ms: number }
	| { kind: 'waitForAnswer' };

/**
 * The per-key window as our own send times reveal it. `RateLimit-Key-Reset` comes in whole
 * seconds, so sleeping for it wastes up to a second per window; but a sliding window frees each
 * slot exactly one window after the request that took it, and we know when we sent each one. From
 * every answer (this many requests are in the window now, the oldest leaves in R seconds) the
 * window's length is bounded from both sides, and the bounds close in within a few answers.
 * Only trusted while the answers add up to our own requests alone: another process on the same
 * key (queue-mode workers) or a 429 sends the gate back to the headers for a while.
 */
class KeyWindow {
	/** Our requests the server counted (or may have), oldest first. */
	private readonly sends: Ticket[] = [];
	/** Bounds on the window length as seen from here (it includes our network delay). */
	private shortest = 0;
	private longest = Infinity;
	private distrustUntil = 0;
	/** The answer the key bucket was last read from, and how many requests it said were in the window. */
	private lastAnswer: { seq: number; inWindow: number } | undefined;
	private marginMs = MIN_MARGIN_MS;

	/** The key's limit from the last answer that gave one. */
	private limit = DEFAULT_KEY_LIMIT;

	sent(ticket: Ticket): void {
		this.sends.push(ticket);
		this.prune(ticket.sentAt);
	}

	refused(ticket: Ticket, now: number): void {
		this.drop(ticket);
		// Either our headroom was too small or something we did not see spends this key.
		this.marginMs = Math.min(this.marginMs * 2, MAX_MARGIN_MS);
		this.distrust(now, Number.isFinite(this.longest) ? 2 * this.longest : REFUSAL_DISTRUST_MS);
	}

	/** Learns from a counted answer: `inWindow` requests are in the window, the oldest leaves within (reset − 1, reset] s. */
	answered(
		ticket: Ticket,
		now: number,
		inWindow: number,
		resetSeconds: number,
		limit: number,
	): void {
		if (!this.lastAnswer || ticket.seq > this.lastAnswer.seq)
			this.lastAnswer = { seq: ticket.seq, inWindow };
		this.limit = limit;
		ticket.roundTripMs = now - ticket.sentAt;
		this.prune(now);
		const index = this.sends.indexOf(ticket);
		if (index < 0 || inWindow < 1 || resetSeconds < 1) return;
		// Ours that can be in the window: sent up to this request and not provably gone (with room
		// for one that took long to arrive).
		let ours = 0;
		for (
			let i = index;
			i >= 0 && ticket.sentAt - this.sends[i].sentAt < this.longest + MAX_MARGIN_MS;
			i--
		)
			ours++;
		// More requests in the window than we sent: another process spends this key.
		if (inWindow > ours) return this.distrust(now, SHARED_DISTRUST_MS);
		if (now < this.distrustUntil) return;

		const position = index - inWindow + 1;
		const oldest = this.sends[position].sentAt;
		let shortest = ticket.sentAt - oldest + (resetSeconds - 1) * 1000;
		let longest = now - oldest + resetSeconds * 1000;
		// The request before the oldest has left the window already.
		if (position > 0) longest = Math.min(longest, now - this.sends[position - 1].sentAt);
		shortest = Math.max(shortest, this.shortest);
		longest = Math.min(longest, this.longest);
		if (shortest > longest + MAX_MARGIN_MS) {
			// Far off what we knew: the window itself changed. Start over.
			this.shortest = 0;
			this.longest = Infinity;
			return;
		}
		// Bounds that cross by a little are network jitter (one request took longer to arrive than
		// another): keep the tighter upper bound; the margin covers the jitter.
		this.shortest = Math.min(shortest, longest);
		this.longest = longest;
	}

	/**
	 * Slots that have come free since the last answer: of our requests in the window then (the most
	 * recent ones, as many as it counted), those that have surely left it now; and when the next one leaves.
	 */
	freedSinceLastAnswer(now: number): { freed: number; nextAt: number | undefined } {
		if (!this.lastAnswer || this.longest === Infinity || now < this.distrustUntil)
			return { freed: 0, nextAt: undefined };
		const { seq, inWindow } = this.lastAnswer;
		let last = this.sends.length - 1;
		while (last >= 0 && this.sends[last].seq > seq) last--;
		let freed = 0;
		for (let i = Math.max(0, last - inWindow + 1); i <= last; i++) {
			const { sentAt, roundTripMs } = this.sends[i];
			// Still in flight after a whole window: we cannot tell when the server counted it.
			if (roundTripMs === undefined) return { freed, nextAt: undefined };
			const leavesAt = sentAt + this.longest + roundTripMs + this.marginMs;
			if (leavesAt > now) return { freed, nextAt: leavesAt };
			freed++;
		}
		return { freed, nextAt: undefined };
	}

	private distrust(now: number, forMs: number): void {
		this.shortest = 0;
		this.longest = Infinity;
		this.distrustUntil = Math.max(this.distrustUntil, now + forMs);
	}

	private drop(ticket: Ticket): void {
		const index = this.sends.indexOf(ticket);
		if (index >= 0) this.sends.splice(index, 1);
	}

	/** Keeps what an answer can still refer to: the window's worth and the requests in flight. */
	private prune(now: number): void {
		let excess = this.sends.length - (this.limit + 2 * MAX_IN_FLIGHT + 2);
		while (
			excess > 0 ||
			(this.sends.length > 0 && now - this.sends[0].sentAt > this.longest + MAX_MARGIN_MS + 60_000)
		) {
			this.sends.shift();
			excess--;
		}
	}
}

export class RateLimitGate {
	private readonly key: Bucket = { remaining: undefined, resetAt: 0 };
	private readonly tenant: Bucket = { remaining: undefined, resetAt: 0 };
	private readonly keyWindow = new KeyWindow();
	private pausedUntil = 0;
	private inFlight = 0;
	private inFlightCost = 0;
	private nextSeq = 1;
	private newestAnswered = 0;
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
			let wakeAt = bucket.resetAt;
			if (bucket === this.key) {
				const { freed, nextAt } = this.keyWindow.freedSinceLastAnswer(now);
				if (bucket.remaining + freed - reserved >= need) continue;
				if (nextAt !== undefined) wakeAt = Math.min(wakeAt, nextAt);
			}
			if (this.inFlight > 0) return { kind: 'waitForAnswer' };
			if (now < wakeAt) return { kind: 'sleep', ms: wakeAt - now };
			// The window has moved on since the headers were read: probe again.
			bucket.remaining = undefined;
		}
		if (this.inFlight >= MAX_IN_FLIGHT) return { kind: 'waitForAnswer' };

		this.inFlight += 1;
		this.inFlightCost += cost;
		const ticket: Ticket = { seq: this.nextSeq++, cost, sentAt: now };
		this.keyWindow.sent(ticket);
		return { kind: 'go', ticket };
	}

	/** Resolves when some in-flight request finished (its headers may have freed budget). */
	async nextAnswer(): Promise<void> {
		return await new Promise<void>((resolve) => this.waiters.push(resolve));
	}

	/**
	 * Frees the slot and learns from the answer's headers. `retryAfterMs` (from a 429) pauses every
	 * request on this credential, not only the one that was refused.
	 */
	release(ticket: Ticket, now: number, headers: HeaderBag, retryAfterMs?: number): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		this.inFlightCost = Math.max(0, this.inFlightCost - ticket.cost);
		// Answers can overtake each other: only one about a later request tells something newer.
		if (headers && ticket.seq > this.newestAnswered) {
			this.newestAnswered = ticket.seq;
			this.learn(this.key, headers, 'RateLimit-Key', now);
			this.learn(this.tenant, headers, 'RateLimit-Tenant', now);
		}
		if (retryAfterMs !== undefined) {
			this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
			this.keyWindow.refused(ticket, now);
		} else {
			const limit = readNumber(headers, 'RateLimit-Key-Limit');
			const remaining = readNumber(headers, 'RateLimit-Key-Remaining');
			const reset = readNumber(headers, 'RateLimit-Key-Reset');
			if (
				limit !== undefined &&
				remaining !== undefined &&
				reset !== undefined &&
				reset < UNIX_TIMESTAMP_THRESHOLD
			) {
				this.keyWindow.answered(ticket, now, limit - remaining, reset, limit);
			}
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
