/**
 * The pacing gate on its own, with a hand-driven clock: how it spends a rate-limit budget it
 * learned from RateLimit-* headers. (The node-level behaviour is in pacing.test.ts.)
 */
import { RateLimitGate } from '../../nodes/BuildWorkPro/shared/rateLimit';

const headers = (keyRemaining: number, keyReset: number, tenantRemaining = 10_000, tenantReset = 3_600) => ({
	'ratelimit-key-limit': '60',
	'ratelimit-key-remaining': String(keyRemaining),
	'ratelimit-key-reset': String(keyReset),
	'ratelimit-tenant-limit': '10000',
	'ratelimit-tenant-remaining': String(tenantRemaining),
	'ratelimit-tenant-reset': String(tenantReset),
});

it('sends a single probe while the budget is unknown, then as many as the budget allows (at most 4 at once)', () => {
	const gate = new RateLimitGate();
	expect(gate.tryReserve(1, 0)).toEqual({ kind: 'go' });
	expect(gate.tryReserve(1, 0)).toEqual({ kind: 'waitForAnswer' });

	gate.release(1, 10, headers(59, 60));
	const decisions = Array.from({ length: 6 }, () => gate.tryReserve(1, 20).kind);
	expect(decisions).toEqual(['go', 'go', 'go', 'go', 'waitForAnswer', 'waitForAnswer']);
});

it('never reserves more than the remaining budget, counting requests still in flight', () => {
	const gate = new RateLimitGate();
	gate.tryReserve(1, 0);
	gate.release(1, 0, headers(2, 30));
	expect(gate.tryReserve(1, 1).kind).toBe('go');
	expect(gate.tryReserve(1, 1).kind).toBe('go');
	expect(gate.tryReserve(1, 1).kind).toBe('waitForAnswer');
});

it('sleeps until the reset when the budget is spent, then probes again', () => {
	const gate = new RateLimitGate();
	gate.tryReserve(1, 0);
	gate.release(1, 1_000, headers(0, 20));
	expect(gate.tryReserve(1, 1_000)).toEqual({ kind: 'sleep', ms: 20_000 });
	expect(gate.tryReserve(1, 15_000)).toEqual({ kind: 'sleep', ms: 6_000 });
	expect(gate.tryReserve(1, 21_000)).toEqual({ kind: 'go' });
	expect(gate.tryReserve(1, 21_000)).toEqual({ kind: 'waitForAnswer' });
});

it('charges writes 5 units against the tenant budget', () => {
	const gate = new RateLimitGate();
	gate.tryReserve(5, 0);
	gate.release(5, 0, headers(50, 60, 12, 100));
	expect(gate.tryReserve(5, 1).kind).toBe('go');
	expect(gate.tryReserve(5, 1).kind).toBe('go');
	expect(gate.tryReserve(5, 1).kind).toBe('waitForAnswer');
	expect(gate.tryReserve(1, 1).kind).toBe('go');
});

it('after a 429, pauses every request for Retry-After', () => {
	const gate = new RateLimitGate();
	gate.tryReserve(1, 0);
	gate.release(1, 0, headers(10, 60), 3_000);
	expect(gate.tryReserve(1, 1_000)).toEqual({ kind: 'sleep', ms: 2_000 });
	expect(gate.tryReserve(1, 3_000).kind).toBe('go');
});

it('does not limit a bucket the server does not report (OAuth2 callers have no per-key bucket)', () => {
	const gate = new RateLimitGate();
	gate.tryReserve(1, 0);
	gate.release(1, 0, { 'ratelimit-tenant-remaining': '9000', 'ratelimit-tenant-reset': '100' });
	expect(Array.from({ length: 4 }, () => gate.tryReserve(1, 1).kind)).toEqual(['go', 'go', 'go', 'go']);
});

it('also understands a reset sent as a Unix timestamp', () => {
	const gate = new RateLimitGate();
	const now = 1_800_000_000_000;
	gate.tryReserve(1, now);
	gate.release(1, now, { ...headers(0, 0), 'ratelimit-key-reset': String(now / 1000 + 7) });
	expect(gate.tryReserve(1, now)).toEqual({ kind: 'sleep', ms: 7_000 });
});
