/**
 * Retries: the node rides out rate limiting, unavailability, one-off server errors and network
 * failures by itself, within the Max Wait option, and gives up with a clear error otherwise.
 * The sandbox answers with `Retry-After: 1` unless told otherwise, so the waits here are real.
 */
import { apiRequests, runContactNode, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
	const started = Date.now();
	const result = await work();
	return { result, ms: Date.now() - started };
}

function seedOne() {
	env.sandbox.seed(1);
	return env.sandbox.contacts()[0];
}

describe('429 Too Many Requests', () => {
	it('waits the Retry-After the server sent, then succeeds', async () => {
		const contact = seedOne();
		env.sandbox.injectFault({
			kind: 'rate-limited',
			method: 'GET',
			path: '/contacts/*',
			retryAfter: 1,
		});

		const { result, ms } = await timed(() =>
			runContactNode(env.sandbox, { operation: 'get', contactId: String(contact.id) }),
		);

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([expect.objectContaining({ id: contact.id })]);
		expect(apiRequests(env.sandbox).map((entry) => entry.status)).toEqual([429, 200]);
		expect(ms).toBeGreaterThanOrEqual(950);
	});

	it('without Retry-After counts as 30 s: beyond Max Wait it fails at once with a clear message', async () => {
		const contact = seedOne();
		env.sandbox.injectFault({
			kind: 'rate-limited',
			method: 'GET',
			path: '/contacts/*',
			retryAfter: null,
		});

		const { result, ms } = await timed(() =>
			runContactNode(env.sandbox, {
				operation: 'get',
				contactId: String(contact.id),
				options: { maxWait: 10 },
			}),
		);

		expect(ms).toBeLessThan(5_000);
		expect(result.error?.message).not.toContain('Try spacing your requests out');
		expect(result.error?.message).toMatch(/rate limit/i);
		expect(result.error?.description).toContain('Code: rate_limited');
		expect(result.error?.description).toContain('HTTP status: 429');
		expect(result.error?.description).toContain('Max Wait');
		expect(apiRequests(env.sandbox)).toHaveLength(1);
	});

	it('a storm of 429s during Return All still yields the complete list', async () => {
		env.sandbox.seed(450);
		env.sandbox.injectFault({
			kind: 'rate-limited',
			method: 'GET',
			path: '/contacts',
			count: 3,
			retryAfter: 1,
		});

		const result = await runContactNode(env.sandbox, { operation: 'getAll', returnAll: true });

		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(450);
		expect(new Set(result.json.map((c) => c.id)).size).toBe(450);
		expect(apiRequests(env.sandbox).filter((entry) => entry.status === 429)).toHaveLength(3);
	});

	it('pauses every item of the node, not only the refused one', async () => {
		env.sandbox.seed(5);
		const ids = env.sandbox.contacts().map((c) => c.id);
		env.sandbox.injectFault({
			kind: 'rate-limited',
			method: 'GET',
			path: '/contacts/*',
			count: 1,
			retryAfter: 1,
		});

		const result = await runContactNode(
			env.sandbox,
			{ operation: 'get', contactId: '={{ $json.id }}' },
			{ input: ids.map((id) => ({ id })) },
		);

		expect(result.error).toBeUndefined();
		expect(result.json.map((c) => c.id)).toEqual(ids);
		expect(apiRequests(env.sandbox).filter((entry) => entry.status === 429)).toHaveLength(1);
	});
});

describe('503 Service Unavailable', () => {
	it('waits the Retry-After, then succeeds', async () => {
		const contact = seedOne();
		env.sandbox.injectFault({
			kind: 'unavailable',
			method: 'GET',
			path: '/contacts/*',
			count: 2,
			retryAfter: 1,
		});

		const { result, ms } = await timed(() =>
			runContactNode(env.sandbox, { operation: 'get', contactId: String(contact.id) }),
		);

		expect(result.error).toBeUndefined();
		expect(apiRequests(env.sandbox).map((entry) => entry.status)).toEqual([503, 503, 200]);
		expect(ms).toBeGreaterThanOrEqual(1_900);
	});

	it('without Retry-After backs off (full jitter) and succeeds', async () => {
		env.sandbox.injectFault({
			kind: 'unavailable',
			method: 'POST',
			path: '/contacts',
			count: 2,
			retryAfter: null,
		});

		const result = await runContactNode(env.sandbox, { operation: 'create', type: 'customer' });

		expect(result.error).toBeUndefined();
		expect(apiRequests(env.sandbox).map((entry) => entry.status)).toEqual([503, 503, 201]);
		expect(env.sandbox.contacts()).toHaveLength(1);
	});

	it('longer than Max Wait: fails without waiting, saying so', async () => {
		const contact = seedOne();
		env.sandbox.injectFault({
			kind: 'unavailable',
			method: 'GET',
			path: '/contacts/*',
			retryAfter: 120,
		});

		const { result, ms } = await timed(() =>
			runContactNode(env.sandbox, {
				operation: 'get',
				contactId: String(contact.id),
				options: { maxWait: 60 },
			}),
		);

		expect(ms).toBeLessThan(5_000);
		expect(result.error?.description).toContain('HTTP status: 503');
		expect(result.error?.description).toContain('Code: service_unavailable');
	});
});

describe('500 Internal Server Error', () => {
	it('is retried once', async () => {
		const contact = seedOne();
		env.sandbox.injectFault({
			kind: 'internal-error',
			method: 'GET',
			path: '/contacts/*',
			count: 1,
		});

		const result = await runContactNode(env.sandbox, {
			operation: 'get',
			contactId: String(contact.id),
		});

		expect(result.error).toBeUndefined();
		expect(apiRequests(env.sandbox).map((entry) => entry.status)).toEqual([500, 200]);
	});

	it('twice in a row is reported, after exactly two attempts', async () => {
		const contact = seedOne();
		env.sandbox.injectFault({
			kind: 'internal-error',
			method: 'GET',
			path: '/contacts/*',
			count: 5,
		});

		const result = await runContactNode(env.sandbox, {
			operation: 'get',
			contactId: String(contact.id),
		});

		expect(apiRequests(env.sandbox).map((entry) => entry.status)).toEqual([500, 500]);
		expect(result.error?.description).toContain('HTTP status: 500');
		expect(result.error?.description).toContain('Gave up after 2 attempts');
		expect(result.error?.message).not.toBe('The service was not able to process your request');
	});
});

describe('network failures', () => {
	it('a dropped connection on a read is retried', async () => {
		const contact = seedOne();
		env.sandbox.injectFault({ kind: 'drop', method: 'GET', path: '/contacts/*', count: 1 });

		const result = await runContactNode(env.sandbox, {
			operation: 'get',
			contactId: String(contact.id),
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([expect.objectContaining({ id: contact.id })]);
	});

	it('a timed-out request is retried', async () => {
		const contact = seedOne();
		env.sandbox.injectFault({
			kind: 'slow',
			method: 'GET',
			path: '/contacts/*',
			count: 1,
			delayMs: 4_000,
		});

		const { result, ms } = await timed(() =>
			runContactNode(env.sandbox, {
				operation: 'get',
				contactId: String(contact.id),
				// n8n's own per-request timeout setting of declarative nodes
				requestOptions: { timeout: 400 },
			}),
		);

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([expect.objectContaining({ id: contact.id })]);
		// the first attempt was abandoned (the sandbox logs it without an answer), not waited out
		expect(apiRequests(env.sandbox).map((entry) => entry.status)).toEqual([0, 200]);
		expect(ms).toBeLessThan(3_500);
	});

	it('an unreachable server is reported plainly after the retries', async () => {
		const result = await runContactNode(
			env.sandbox,
			{ operation: 'getAll', returnAll: true, options: { maxWait: 1 } },
			{ baseUrl: 'http://127.0.0.1:9/api/v1' },
		);

		expect(result.error?.message).toBe(
			'Could not reach BuildWorkPro at 127.0.0.1:9: the connection was refused',
		);
		expect(result.error?.description).toContain('ECONNREFUSED');
	});
});
