/**
 * Usage: the account's live rate-limit consumption, through n8n-core's engine against a sandbox
 * that enforces its rate limits.
 */
import { apiRequests, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox({ rateLimit: { enabled: true } });

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);

describe('Usage', () => {
	it("Get outputs the tenant's cost budget and the key's requests per minute, counting the requests made so far", async () => {
		await api('POST', '/contacts', { type: 'customer', firstName: 'Ann' }); // costs 5
		await api('GET', '/me'); // costs 1

		const result = await runResource(env.sandbox, 'usage', { operation: 'get' });

		expect(result.error).toBeUndefined();
		expect(apiRequests(env.sandbox, 'GET').at(-1)?.path).toBe('/api/v1/usage');
		// The Get itself is the third request and costs 1 more.
		expect(result.json).toEqual([
			{
				tenant: {
					limit: 10_000,
					used: 7,
					remaining: 9_993,
					resetSeconds: expect.any(Number),
					windowSeconds: 3_600,
				},
				apiKey: {
					limit: 60,
					used: 3,
					remaining: 57,
					resetSeconds: expect.any(Number),
					windowSeconds: 60,
				},
			},
		]);
	});

	it('with a key lacking audit:read, the error names the missing scope and the 403', async () => {
		const result = await runResource(
			env.sandbox,
			'usage',
			{ operation: 'get' },
			{ apiKey: env.sandbox.keys.readOnly },
		);

		expect(`${result.error?.message} ${result.error?.description}`).toContain('audit:read');
		expect(result.error?.description).toContain('HTTP status: 403');
	});
});
