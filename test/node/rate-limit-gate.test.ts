/**
 * The pacing gate on its own, with a hand-driven clock: how it spends a rate-limit budget it
 * learned from RateLimit-* headers. (The node-level behaviour is in pacing.test.ts.)
 */
import { RateLimitGate } from '../../nodes/shared/transport/rateLimit';
import type { GateDecision, Ticket } from '../../nodes/shared/transport/rateLimit';
import { RateLimiter } from '../../sandbox/rateLimiter';

/** The ticket of a decision that must be 'go'. */
function ticketOf(decision: GateDecision): Ticket {
	if (decision.kind !== 'go') throw new Error(`expected go, got ${JSON.stringify(decision)}`);
	return decision.ticket;
}

/** Just what a decision says to do, without the ticket. */
const kindOf = (decision: GateDecision) => (decision.kind === 'go' ? { kind: 'go' } : decision);

const headers = (
	keyRemaining: number,
	keyReset: number,
	tenantRemaining = 10_000,
	tenantReset = 3_600,
) => ({
	'ratelimit-key-limit': '60',
	'ratelimit-key-remaining': String(keyRemaining),
	'ratelimit-key-reset': String(keyReset),
	'ratelimit-tenant-limit': '10000',
	'ratelimit-tenant-remaining': String(tenantRemaining),
	'ratelimit-tenant-reset': String(tenantReset),
});

it('sends a single probe while the budget is unknown, then as many as the budget allows (at most 4 at once)', () => {
	const gate = new RateLimitGate();
	const probe = ticketOf(gate.tryReserve(1, 0));
	expect(gate.tryReserve(1, 0)).toEqual({ kind: 'waitForAnswer' });

	gate.release(probe, 10, headers(59, 60));
	const decisions = Array.from({ length: 6 }, () => gate.tryReserve(1, 20).kind);
	expect(decisions).toEqual(['go', 'go', 'go', 'go', 'waitForAnswer', 'waitForAnswer']);
});

it('never reserves more than the remaining budget, counting requests still in flight', () => {
	const gate = new RateLimitGate();
	const probe = ticketOf(gate.tryReserve(1, 0));
	gate.release(probe, 0, headers(2, 30));
	expect(gate.tryReserve(1, 1).kind).toBe('go');
	expect(gate.tryReserve(1, 1).kind).toBe('go');
	expect(gate.tryReserve(1, 1).kind).toBe('waitForAnswer');
});

it('sleeps until the reset when the budget is spent, then probes again', () => {
	const gate = new RateLimitGate();
	const probe = ticketOf(gate.tryReserve(1, 0));
	gate.release(probe, 1_000, headers(0, 20));
	expect(gate.tryReserve(1, 1_000)).toEqual({ kind: 'sleep', ms: 20_000 });
	expect(gate.tryReserve(1, 15_000)).toEqual({ kind: 'sleep', ms: 6_000 });
	expect(kindOf(gate.tryReserve(1, 21_000))).toEqual({ kind: 'go' });
	expect(gate.tryReserve(1, 21_000)).toEqual({ kind: 'waitForAnswer' });
});

it('charges writes 5 units against the tenant budget', () => {
	const gate = new RateLimitGate();
	const probe = ticketOf(gate.tryReserve(5, 0));
	gate.release(probe, 0, headers(50, 60, 12, 100));
	expect(gate.tryReserve(5, 1).kind).toBe('go');
	expect(gate.tryReserve(5, 1).kind).toBe('go');
	expect(gate.tryReserve(5, 1).kind).toBe('waitForAnswer');
	expect(gate.tryReserve(1, 1).kind).toBe('go');
});

it('after a 429, pauses every request for Retry-After', () => {
	const gate = new RateLimitGate();
	const probe = ticketOf(gate.tryReserve(1, 0));
	gate.release(probe, 0, headers(10, 60), 3_000);
	expect(gate.tryReserve(1, 1_000)).toEqual({ kind: 'sleep', ms: 2_000 });
	expect(gate.tryReserve(1, 3_000).kind).toBe('go');
});

it('does not limit a bucket the server does not report (OAuth2 callers have no per-key bucket)', () => {
	const gate = new RateLimitGate();
	const probe = ticketOf(gate.tryReserve(1, 0));
	gate.release(probe, 0, { 'ratelimit-tenant-remaining': '9000', 'ratelimit-tenant-reset': '100' });
	expect(Array.from({ length: 4 }, () => gate.tryReserve(1, 1).kind)).toEqual([
		'go',
		'go',
		'go',
		'go',
	]);
});

it('also understands a reset sent as a Unix timestamp', () => {
	const gate = new RateLimitGate();
	const now = 1_800_000_000_000;
	const probe = ticketOf(gate.tryReserve(1, now));
	gate.release(probe, now, { ...headers(0, 0), 'ratelimit-key-reset': String(now / 1000 + 7) });
	expect(gate.tryReserve(1, now)).toEqual({ kind: 'sleep', ms: 7_000 });
});

/**
 * A virtual-time run of clients against the sandbox's sliding-window limiter: each client sends
 * its requests through its own gate (one process each), with a few milliseconds of network delay
 * each way and some work between pages, as a Return All does.
 */
function simulate({
	clients,
	requestsPerClient,
	limit,
	windowMs,
	concurrency = 1,
	pageWorkMs,
	slowArrivalEvery = 0,
}: {
	clients: number;
	requestsPerClient: number;
	limit: number;
	windowMs: number;
	concurrency?: number;
	pageWorkMs: number;
	slowArrivalEvery?: number;
}) {
	const server = new RateLimiter({
		enabled: true,
		keyLimit: limit,
		keyWindowMs: windowMs,
		tenantBudget: 1e9,
		tenantWindowMs: 3_600_000,
	});
	let random = 42;
	const jitter = (max: number) =>
		((random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * max;
	const events: Array<{ at: number; run: () => void }> = [];
	const schedule = (at: number, run: () => void) => {
		events.push({ at, run });
		events.sort((a, b) => a.at - b.at);
	};
	const counted: number[] = [];
	let refusals = 0;
	let sent = 0;

	for (let c = 0; c < clients; c++) {
		const gate = new RateLimitGate();
		let left = requestsPerClient;
		const waiting: Array<() => void> = [];
		const attempt = (now: number, retrying: boolean) => {
			if (!retrying && left === 0) return;
			const decision = gate.tryReserve(1, now);
			if (decision.kind === 'sleep')
				return schedule(now + decision.ms, () => attempt(now + decision.ms, retrying));
			if (decision.kind === 'waitForAnswer')
				return void waiting.push(() => attempt(answeredAt, retrying));
			if (!retrying) left--;
			sent++;
			// Now and then a request reaches the server late (a busy event loop, a slow link).
			const arrival =
				now + 1 + jitter(3) + (slowArrivalEvery && sent % slowArrivalEvery === 0 ? 80 : 0);
			const verdict = server.consume('one key', 1, 1, arrival);
			if (verdict.allowed) counted.push(arrival);
			const answered = arrival + 4 + jitter(3);
			schedule(answered, () => {
				answeredAt = answered;
				gate.release(
					decision.ticket,
					answered,
					verdict.headers,
					verdict.allowed ? undefined : (verdict.retryAfterSeconds ?? 1) * 1000,
				);
				if (!verdict.allowed) refusals++;
				for (const wake of waiting.splice(0)) wake();
				// n8n's own work on a page before it asks for the next one
				const next = answered + pageWorkMs + jitter(2);
				schedule(next, () => attempt(next, !verdict.allowed));
			});
		};
		let answeredAt = 0;
		for (let lane = 0; lane < concurrency; lane++) schedule(c * 7, () => attempt(c * 7, false));
	}
	while (events.length) events.shift()!.run();

	counted.sort((a, b) => a - b);
	/** Share of the limit used after the first, free window: 1 means exactly `limit` per `windowMs`. */
	const steadyShareOfBound =
		((counted.length - limit) * (windowMs / limit)) /
		(counted[counted.length - 1] - counted[limit - 1]);
	return { counted: counted.length, refusals, steadyShareOfBound };
}

describe('pacing one key at the rate the sliding window allows', () => {
	// Figures for the gate that slept for the whole-second reset header alone, same runs: 74 % and
	// 67 % of the bound; 95 % with four 429s for the third.
	it.each([
		['quick pages', 3],
		['slower pages', 8],
	])(
		'uses at least 97 %% of the per-key limit in steady state with zero 429s (%s)',
		(_label, pageWorkMs) => {
			const run = simulate({
				clients: 1,
				requestsPerClient: 660,
				limit: 60,
				windowMs: 2_000,
				pageWorkMs,
			});

			expect(run.refusals).toBe(0);
			expect(run.counted).toBe(660);
			expect(run.steadyShareOfBound).toBeGreaterThanOrEqual(0.97);
			expect(run.steadyShareOfBound).toBeLessThanOrEqual(1);
		},
	);

	it('does the same with items sent four at a time, whose answers overtake each other', () => {
		const run = simulate({
			clients: 1,
			requestsPerClient: 600,
			limit: 50,
			windowMs: 3_000,
			concurrency: 4,
			pageWorkMs: 3,
		});

		expect(run.refusals).toBe(0);
		expect(run.steadyShareOfBound).toBeGreaterThanOrEqual(0.97);
		expect(run.steadyShareOfBound).toBeLessThanOrEqual(1);
	});

	it('leaves room for a request that reached the server late, so the slot it holds is not taken early', () => {
		const run = simulate({
			clients: 1,
			requestsPerClient: 660,
			limit: 60,
			windowMs: 2_000,
			pageWorkMs: 3,
			slowArrivalEvery: 37,
		});

		expect(run.refusals).toBe(0);
		expect(run.steadyShareOfBound).toBeGreaterThanOrEqual(0.95);
	});

	it('goes by the headers when another process spends the same key: both finish, with about one 429 per window', () => {
		const run = simulate({
			clients: 2,
			requestsPerClient: 300,
			limit: 60,
			windowMs: 2_000,
			pageWorkMs: 3,
		});

		expect(run.counted).toBe(600);
		expect(run.refusals).toBeLessThanOrEqual(10);
		expect(run.steadyShareOfBound).toBeGreaterThanOrEqual(0.8);
	});
});
