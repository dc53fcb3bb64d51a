import type { Sandbox } from '../../sandbox';
import { costOf } from '../../sandbox/catalog';
import { Client, openapi, withSandbox } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const header = (res: { headers: Headers }, name: string) => Number(res.headers.get(name));

describe('sandbox rate limits', () => {
	let sandbox: Sandbox;
	let client: Client;
	beforeAll(async () => {
		({ sandbox, client } = await withSandbox({ seed: 5 }));
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('uses the documented defaults: 60 requests per key per minute, 10,000 units per tenant per hour', async () => {
		sandbox.setRateLimit({
			enabled: true,
			keyLimit: 60,
			keyWindowMs: 60_000,
			tenantBudget: 10_000,
			tenantWindowMs: 3_600_000,
		});
		const res = await client.checked('GET', '/contacts', '/contacts');
		expect(header(res, 'ratelimit-key-limit')).toBe(60);
		expect(header(res, 'ratelimit-key-remaining')).toBe(59);
		expect(header(res, 'ratelimit-key-reset')).toBe(60);
		expect(header(res, 'ratelimit-tenant-limit')).toBe(10_000);
		expect(header(res, 'ratelimit-tenant-remaining')).toBe(9_999);
		expect(header(res, 'ratelimit-tenant-reset')).toBe(3_600);
	});

	it('charges the documented cost per request class', async () => {
		sandbox.setRateLimit({
			enabled: true,
			keyLimit: 60,
			keyWindowMs: 60_000,
			tenantBudget: 10_000,
			tenantWindowMs: 3_600_000,
		});
		const get = await client.call('GET', '/contacts');
		expect(header(get, 'ratelimit-tenant-remaining')).toBe(9_999);
		const post = await client.call('POST', '/contacts', {
			body: { type: 'customer', firstName: 'Ann' },
		});
		expect(header(post, 'ratelimit-tenant-remaining')).toBe(9_994);
		const del = await client.call('DELETE', `/contacts/${post.body.data.id}`);
		expect(header(del, 'ratelimit-tenant-remaining')).toBe(9_989);
		// An export costs 20 units.
		const exp = await client.call('POST', '/contacts/exports', { body: {} });
		expect(exp.status).toBe(202);
		expect(header(exp, 'ratelimit-tenant-remaining')).toBe(9_969);
		expect([
			costOf('POST', '/bids/1/pdf'),
			costOf('POST', '/contacts/bulk'),
			costOf('POST', '/contacts/imports'),
		]).toEqual([50, 100, 200]);
	});

	it('sends the six RateLimit headers on errors too', async () => {
		const res = await client.call('GET', '/contacts/999999');
		expect(res.status).toBe(404);
		for (const name of [
			'key-limit',
			'key-remaining',
			'key-reset',
			'tenant-limit',
			'tenant-remaining',
			'tenant-reset',
		]) {
			expect(res.headers.get(`ratelimit-${name}`)).toMatch(/^\d+$/);
		}
	});

	it('answers 429 rate_limited with Retry-After once the per-key window is full, and lets the client through after waiting', async () => {
		sandbox.setRateLimit({
			enabled: true,
			keyLimit: 5,
			keyWindowMs: 1_000,
			tenantBudget: 10_000,
			tenantWindowMs: 3_600_000,
		});
		const started = Date.now();
		for (let i = 0; i < 5; i++) {
			const res = await client.call('GET', '/contacts');
			expect(res.status).toBe(200);
			expect(header(res, 'ratelimit-key-remaining')).toBe(4 - i);
		}
		const limited = await client.checked('GET', '/contacts', '/contacts');
		expect(limited.status).toBe(429);
		expect(limited.body.code).toBe('rate_limited');
		// Whole seconds, rounded up, and never 0 while the client must still wait.
		expect(limited.headers.get('retry-after')).toBe('1');
		expect(header(limited, 'ratelimit-key-remaining')).toBe(0);
		expect(header(limited, 'ratelimit-key-reset')).toBe(1);
		// Other keys have their own bucket.
		expect((await client.call('GET', '/contacts', { key: sandbox.keys.readOnly })).status).toBe(
			200,
		);
		await sleep(Math.max(0, started + 1_020 - Date.now()));
		expect((await client.call('GET', '/contacts')).status).toBe(200);
	});

	it('does not count refused requests, so waiting Retry-After is enough', async () => {
		sandbox.setRateLimit({
			enabled: true,
			keyLimit: 2,
			keyWindowMs: 1_000,
			tenantBudget: 10_000,
			tenantWindowMs: 3_600_000,
		});
		await client.call('GET', '/contacts');
		await client.call('GET', '/contacts');
		for (let i = 0; i < 5; i++) expect((await client.call('GET', '/contacts')).status).toBe(429);
		await sleep(1_020);
		const res = await client.call('GET', '/contacts');
		expect(res.status).toBe(200);
		expect(header(res, 'ratelimit-key-remaining')).toBe(1);
	});

	it('slides: capacity frees request by request, not all at once at a boundary', async () => {
		sandbox.setRateLimit({
			enabled: true,
			keyLimit: 2,
			keyWindowMs: 1_000,
			tenantBudget: 10_000,
			tenantWindowMs: 3_600_000,
		});
		await client.call('GET', '/contacts');
		await sleep(500);
		await client.call('GET', '/contacts');
		expect((await client.call('GET', '/contacts')).status).toBe(429);
		await sleep(520); // the first request has left the window, the second has not
		expect((await client.call('GET', '/contacts')).status).toBe(200);
		expect((await client.call('GET', '/contacts')).status).toBe(429);
	});

	it('enforces the per-tenant cost budget across keys of the tenant', async () => {
		sandbox.setRateLimit({
			enabled: true,
			keyLimit: 1_000,
			keyWindowMs: 60_000,
			tenantBudget: 12,
			tenantWindowMs: 5_000,
		});
		const a = await client.call('POST', '/contacts', {
			body: { type: 'customer', firstName: 'A' },
		}); // 5
		const b = await client.call('POST', '/contacts', {
			body: { type: 'customer', firstName: 'B' },
		}); // 10
		expect([a.status, b.status]).toEqual([201, 201]);
		expect(header(b, 'ratelimit-tenant-remaining')).toBe(2);
		const c = await client.checked('POST', '/contacts', '/contacts', {
			body: { type: 'customer', firstName: 'C' },
		});
		expect(c.status).toBe(429);
		expect(Number(c.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect(sandbox.contacts()).toHaveLength(2);
		// A cheap GET still fits; the read-only key of the same tenant shares the budget.
		expect((await client.call('GET', '/contacts', { key: sandbox.keys.readOnly })).status).toBe(
			200,
		);
		expect((await client.call('GET', '/contacts', { key: sandbox.keys.readOnly })).status).toBe(
			200,
		);
		expect((await client.call('GET', '/contacts', { key: sandbox.keys.readOnly })).status).toBe(
			429,
		);
		// Another tenant is unaffected.
		expect((await client.call('GET', '/contacts', { key: sandbox.keys.otherTenant })).status).toBe(
			200,
		);
	});

	it('can be switched off while still sending the headers', async () => {
		sandbox.setRateLimit({ enabled: false, keyLimit: 1, keyWindowMs: 60_000 });
		for (let i = 0; i < 3; i++) expect((await client.call('GET', '/contacts')).status).toBe(200);
		expect((await client.call('GET', '/contacts')).headers.get('ratelimit-key-limit')).toBe('1');
	});

	it('reports live consumption on GET /usage', async () => {
		sandbox.setRateLimit({
			enabled: true,
			keyLimit: 60,
			keyWindowMs: 60_000,
			tenantBudget: 10_000,
			tenantWindowMs: 3_600_000,
		});
		await client.call('POST', '/contacts', { body: { type: 'customer', firstName: 'A' } });
		const res = await client.checked('GET', '/usage', '/usage');
		expect(res.body.data.apiKey).toMatchObject({
			limit: 60,
			used: 2,
			remaining: 58,
			windowSeconds: 60,
		});
		expect(res.body.data.tenant).toMatchObject({
			limit: 10_000,
			used: 6,
			remaining: 9_994,
			windowSeconds: 3_600,
		});
	});

	(openapi ? it : it.skip)('matches x-rate-limit-cost of every operation in openapi.json', () => {
		const mismatches: string[] = [];
		for (const [path, operations] of Object.entries<
			Record<string, { 'x-rate-limit-cost'?: number }>
		>(openapi.paths)) {
			for (const [method, op] of Object.entries(operations)) {
				if (!op || typeof op !== 'object' || op['x-rate-limit-cost'] === undefined) continue;
				if (costOf(method, path) !== op['x-rate-limit-cost']) mismatches.push(`${method} ${path}`);
			}
		}
		expect(mismatches).toEqual([]);
	});
});
