import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Sandbox } from '../../sandbox';
import { ALL_SCOPES } from '../../sandbox/catalog';
import { ROUTES } from '../../sandbox/routeTable';
import { Client, newKey, openapi, repoRoot, withSandbox } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sandbox test controls', () => {
	let sandbox: Sandbox;
	let client: Client;
	beforeAll(async () => {
		({ sandbox, client } = await withSandbox({ rateLimit: { enabled: false } }));
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	const control = async (method: string, path: string, body?: unknown) => {
		const res = await fetch(`${sandbox.url}/__sandbox${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
	};

	describe('seed and reset', () => {
		it('seeds realistic, valid contacts and reports the total', async () => {
			expect(await control('POST', '/seed', { count: 40 })).toEqual({
				status: 200,
				body: { total: 40 },
			});
			expect(sandbox.seed(10)).toBe(50);
			const list = await client.checked('GET', '/contacts', '/contacts', { query: { limit: 100 } });
			expect(list.body.data).toHaveLength(50);
			const types = new Set(list.body.data.map((c: { type: string }) => c.type));
			expect(types.size).toBeGreaterThan(4);
			for (const c of list.body.data) expect(c.firstName ?? c.companyName).toBeTruthy();
			expect((await control('POST', '/seed', { count: 3, tenantId: 2 })).body).toEqual({
				total: 3,
			});
			expect((await control('GET', '/contacts?tenantId=2')).body.data).toHaveLength(3);
		});

		it('reset empties contacts, endpoints, idempotency cache, log and faults', async () => {
			sandbox.seed(5);
			const key = newKey();
			await client.call('POST', '/contacts', {
				body: { type: 'customer', firstName: 'Ann' },
				headers: { 'Idempotency-Key': key },
			});
			await client.call('POST', '/webhook-endpoints', {
				body: { url: 'http://127.0.0.1:9/x', eventTypes: ['lead.created'] },
			});
			sandbox.injectFault({ kind: 'internal-error', count: 5 });
			expect((await control('POST', '/reset')).status).toBe(200);
			expect(sandbox.contacts()).toEqual([]);
			expect(sandbox.webhookEndpoints()).toEqual([]);
			expect(sandbox.requestLog()).toEqual([]);
			const again = await client.call('POST', '/contacts', {
				body: { type: 'customer', firstName: 'Bob' },
				headers: { 'Idempotency-Key': key },
			});
			expect(again.status).toBe(201); // no fault, and the key is fresh again
			expect(again.body.data.firstName).toBe('Bob');
		});
	});

	describe('request log', () => {
		it('records every API request with method, path, query, headers, status, key name and body', async () => {
			const key = newKey();
			await client.call('GET', '/contacts', { query: { limit: 5, search: 'ann' } });
			await client.call('POST', '/contacts', {
				body: { type: 'customer', firstName: 'Ann' },
				headers: { 'Idempotency-Key': key },
			});
			await client.call('GET', '/contacts', { key: null });
			await control('GET', '/requests'); // test controls are not logged
			const { body } = await control('GET', '/requests');
			expect(body.data).toHaveLength(3);
			const [list, create, anonymous] = body.data;
			expect(list).toMatchObject({
				method: 'GET',
				path: '/api/v1/contacts',
				query: { limit: '5', search: 'ann' },
				status: 200,
				keyName: 'Sandbox full access',
			});
			expect(list.seq).toBeLessThan(create.seq);
			expect(list.at).toMatch(/Z$/);
			expect(create).toMatchObject({
				method: 'POST',
				status: 201,
				body: { type: 'customer', firstName: 'Ann' },
			});
			expect(create.headers['idempotency-key']).toBe(key);
			expect(create.headers.authorization).toBe('Bearer …dbox');
			expect(JSON.stringify(body)).not.toContain(sandbox.keys.full);
			expect(anonymous).toMatchObject({ status: 401 });
			expect(anonymous.keyName).toBeUndefined();
			await control('DELETE', '/requests');
			expect(sandbox.requestLog()).toEqual([]);
		});
	});

	describe('fault injection', () => {
		it('commit-then-drop commits the mutation, caches it for the idempotency key, then drops the connection', async () => {
			await control('POST', '/faults', {
				kind: 'commit-then-drop',
				method: 'POST',
				path: '/contacts',
			});
			const key = newKey();
			await expect(
				client.call('POST', '/contacts', {
					body: { type: 'customer', firstName: 'Ann' },
					headers: { 'Idempotency-Key': key },
				}),
			).rejects.toThrow();
			expect(sandbox.contacts()).toHaveLength(1);
			const retry = await client.call('POST', '/contacts', {
				body: { type: 'customer', firstName: 'Ann' },
				headers: { 'Idempotency-Key': key },
			});
			expect(retry.status).toBe(201);
			expect(retry.body.data.id).toBe(sandbox.contacts()[0].id);
			expect(sandbox.contacts()).toHaveLength(1);
			expect(sandbox.requestLog().map((r) => r.status)).toEqual([201, 201]);
		});

		it('drop closes the connection before anything happens', async () => {
			sandbox.injectFault({ kind: 'drop', path: '/contacts' });
			await expect(
				client.call('POST', '/contacts', { body: { type: 'customer', firstName: 'Ann' } }),
			).rejects.toThrow();
			expect(sandbox.contacts()).toHaveLength(0);
			expect(
				(await client.call('POST', '/contacts', { body: { type: 'customer', firstName: 'Ann' } }))
					.status,
			).toBe(201);
		});

		it('rate-limited, unavailable and internal-error answer the documented problems without touching state', async () => {
			sandbox.injectFault({ kind: 'rate-limited', method: 'POST', path: '/contacts' });
			sandbox.injectFault({
				kind: 'rate-limited',
				method: 'POST',
				path: '/contacts',
				retryAfter: 7,
			});
			sandbox.injectFault({
				kind: 'unavailable',
				method: 'POST',
				path: '/contacts',
				retryAfter: null,
			});
			sandbox.injectFault({
				kind: 'unavailable',
				method: 'POST',
				path: '/contacts',
				retryAfter: 3,
			});
			sandbox.injectFault({ kind: 'internal-error', method: 'POST', path: '/contacts' });
			const answers = [];
			for (let i = 0; i < 6; i++) {
				const res = await client.checked('POST', '/contacts', '/contacts', {
					body: { type: 'customer', firstName: 'Ann' },
				});
				answers.push([res.status, res.body.code, res.headers.get('retry-after')]);
			}
			expect(answers).toEqual([
				[429, 'rate_limited', '1'],
				[429, 'rate_limited', '7'],
				[503, 'service_unavailable', null],
				[503, 'service_unavailable', '3'],
				[500, 'internal_error', null],
				[201, undefined, null],
			]);
			expect(sandbox.contacts()).toHaveLength(1);
		});

		it('matches method, exact path or prefix, and counts', async () => {
			sandbox.seed(2);
			const id = sandbox.contacts()[0].id;
			sandbox.injectFault({ kind: 'unavailable', method: 'GET', path: '/contacts/*', count: 2 });
			expect((await client.call('GET', '/contacts')).status).toBe(200); // /contacts is not under /contacts/
			expect(
				(await client.call('PATCH', `/contacts/${id}`, { body: { firstName: 'X' } })).status,
			).toBe(200); // other method
			expect((await client.call('GET', `/contacts/${id}`)).status).toBe(503);
			expect((await client.call('GET', '/contacts/count')).status).toBe(503);
			expect((await client.call('GET', `/contacts/${id}`)).status).toBe(200); // count used up
			sandbox.injectFault({ kind: 'internal-error', count: 3 });
			await control('DELETE', '/faults');
			expect((await client.call('GET', '/me')).status).toBe(200);
		});

		it('slow delays the answer by delayMs', async () => {
			sandbox.injectFault({ kind: 'slow', path: '/me', delayMs: 300 });
			const started = Date.now();
			expect((await client.call('GET', '/me')).status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		});

		it('rejects an unknown fault kind', async () => {
			expect((await control('POST', '/faults', { kind: 'explode' })).status).toBe(400);
		});
	});

	describe('rate-limit control', () => {
		it('PUT /__sandbox/rate-limit changes the limits and resets the buckets', async () => {
			const res = await control('PUT', '/rate-limit', {
				enabled: true,
				keyLimit: 2,
				keyWindowMs: 1_000,
			});
			expect(res.body.data).toMatchObject({
				enabled: true,
				keyLimit: 2,
				keyWindowMs: 1_000,
				tenantBudget: 10_000,
			});
			await client.call('GET', '/me');
			await client.call('GET', '/me');
			expect((await client.call('GET', '/me')).status).toBe(429);
			await control('PUT', '/rate-limit', { enabled: false });
			expect((await client.call('GET', '/me')).status).toBe(200);
		});
	});

	it('exposes webhook endpoints (with the deleted flag) and delivery records', async () => {
		const created = (
			await client.call('POST', '/webhook-endpoints', {
				body: { url: 'http://127.0.0.1:9/x', eventTypes: ['contact.created'] },
			})
		).body.data;
		await client.call('DELETE', `/webhook-endpoints/${created.id}`);
		const endpoints = await control('GET', '/webhook-endpoints?tenantId=1');
		expect(endpoints.body.data).toEqual([
			expect.objectContaining({ id: created.id, deleted: true }),
		]);
		expect((await control('GET', '/webhook-deliveries')).body).toEqual({ data: [] });
		expect((await control('GET', '/nope')).status).toBe(404);
	});
});

describe('sandbox scopes and costs match openapi.json', () => {
	it('serves each method and path from exactly one route table entry', () => {
		const requests = ROUTES.map((route) => `${route.method} ${route.path}`);
		expect(requests.filter((request, i) => requests.indexOf(request) !== i)).toEqual([]);
	});

	(openapi ? it : it.skip)(
		'requires exactly the scope openapi.json names for every served operation',
		() => {
			const mismatches: string[] = [];
			for (const op of ROUTES) {
				if (op.path === '/me') continue; // documented on the API-keys page only
				const documented = openapi.paths[op.path]?.[op.method.toLowerCase()];
				if (!documented) {
					mismatches.push(`${op.method} ${op.path} missing from openapi`);
					continue;
				}
				const scopes = (documented.security ?? []).flatMap((s: Record<string, string[]>) =>
					Object.values(s).flat(),
				);
				if (JSON.stringify(scopes) !== JSON.stringify(op.scopes))
					mismatches.push(`${op.method} ${op.path}: ${scopes} vs ${op.scopes}`);
				if (documented['x-rate-limit-cost'] !== op.cost)
					mismatches.push(`${op.method} ${op.path}: cost`);
			}
			expect(mismatches).toEqual([]);
		},
	);

	(openapi ? it : it.skip)('gives the full key every scope openapi.json uses', () => {
		const used = new Set<string>();
		for (const ops of Object.values<Record<string, { security?: Array<Record<string, string[]>> }>>(
			openapi.paths,
		)) {
			for (const op of Object.values(ops))
				for (const s of op?.security ?? [])
					Object.values(s)
						.flat()
						.forEach((x) => used.add(x));
		}
		expect([...used].filter((s) => !ALL_SCOPES.includes(s))).toEqual([]);
	});
});

describe('npm run sandbox (CLI)', () => {
	it('prints the base URL and keys, serves, and exits cleanly on SIGTERM', async () => {
		const child = spawn(
			process.execPath,
			[
				join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
				join(repoRoot, 'sandbox', 'cli.ts'),
				'--port',
				'0',
				'--seed',
				'3',
				'--key-limit',
				'100',
				'--webhook-retry-delays-ms',
				'1000,5000',
			],
			{
				cwd: repoRoot,
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		try {
			let output = '';
			child.stdout.on('data', (d) => (output += d));
			child.stderr.on('data', (d) => (output += d));
			const deadline = Date.now() + 30_000;
			while (!output.includes('Press Ctrl-C')) {
				if (Date.now() > deadline || child.exitCode !== null)
					throw new Error(`CLI did not start:\n${output}`);
				await sleep(50);
			}
			const baseUrl = /Base URL:\s+(\S+)/.exec(output)![1];
			expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
			expect(output).toContain('bwp_test_full_sandbox');
			expect(output).toContain('bwp_test_readonly_sandbox');
			const res = await fetch(`${baseUrl}/contacts`, {
				headers: { authorization: 'Bearer bwp_test_full_sandbox' },
			});
			expect(res.status).toBe(200);
			expect(res.headers.get('ratelimit-key-limit')).toBe('100');
			expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(3);
			const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
			child.kill('SIGTERM');
			expect(await exited).toBe(0);
		} finally {
			if (child.exitCode === null) child.kill('SIGKILL');
		}
	});
});
