/**
 * Pacing: the node reads BuildWorkPro's RateLimit-* headers and waits before a request the
 * server would refuse, so even a very long Return All finishes without a single 429.
 * Windows are scaled down (per second instead of per minute/hour) to keep the suite fast.
 */
import { apiRequests, runContactNode, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

function refusals() {
	return apiRequests(env.sandbox).filter((entry) => entry.status === 429).length;
}

it('returns all of 25,001 contacts through a 100-requests-per-second key limit with zero 429s', async () => {
	env.sandbox.seed(25_001);
	env.sandbox.setRateLimit({
		enabled: true,
		keyLimit: 100,
		keyWindowMs: 1_000,
		tenantBudget: 1_000_000,
		tenantWindowMs: 1_000,
	});
	const started = Date.now();

	const result = await runContactNode(env.sandbox, { operation: 'getAll', returnAll: true });

	const elapsedMs = Date.now() - started;
	expect(result.error).toBeUndefined();
	expect(result.json).toHaveLength(25_001);
	expect(new Set(result.json.map((c) => c.id)).size).toBe(25_001);
	expect(apiRequests(env.sandbox, 'GET')).toHaveLength(251);
	expect(refusals()).toBe(0);
	// 251 pages cannot fit in fewer than three 100-request windows: the node must have waited.
	expect(elapsedMs).toBeGreaterThanOrEqual(2_000);
}, 30_000);

it('paces many items of one node against the per-key limit with zero 429s', async () => {
	env.sandbox.setRateLimit({
		enabled: true,
		keyLimit: 8,
		keyWindowMs: 1_000,
		tenantBudget: 1_000_000,
		tenantWindowMs: 1_000,
	});

	const result = await runContactNode(
		env.sandbox,
		{
			operation: 'create',
			type: 'customer',
			additionalFields: { firstName: '={{ "Person " + $json.n }}' },
		},
		{ input: Array.from({ length: 20 }, (_, n) => ({ n })) },
	);

	expect(result.error).toBeUndefined();
	expect(result.json).toHaveLength(20);
	expect(env.sandbox.contacts()).toHaveLength(20);
	expect(refusals()).toBe(0);
});

it('paces writes against the tenant cost budget (5 units per write) with zero 429s', async () => {
	env.sandbox.setRateLimit({
		enabled: true,
		keyLimit: 1_000,
		keyWindowMs: 1_000,
		tenantBudget: 40,
		tenantWindowMs: 1_000,
	});

	const result = await runContactNode(
		env.sandbox,
		{ operation: 'create', type: 'vendor' },
		{ input: Array.from({ length: 20 }, () => ({})) },
	);

	expect(result.error).toBeUndefined();
	expect(env.sandbox.contacts()).toHaveLength(20);
	expect(refusals()).toBe(0);
});

it('lets items queue behind the rate limit for longer than Max Wait in total: only a single pause is bounded', async () => {
	env.sandbox.setRateLimit({
		enabled: true,
		keyLimit: 5,
		keyWindowMs: 1_000,
		tenantBudget: 1_000_000,
		tenantWindowMs: 1_000,
	});
	const started = Date.now();

	const result = await runContactNode(
		env.sandbox,
		{ operation: 'create', type: 'customer', options: { maxWait: 2 } },
		{ input: Array.from({ length: 20 }, () => ({})) },
	);

	expect(result.error).toBeUndefined();
	expect(env.sandbox.contacts()).toHaveLength(20);
	expect(refusals()).toBe(0);
	// the last items waited about three windows in line, more than Max Wait allows for retries
	expect(Date.now() - started).toBeGreaterThan(2_500);
});
