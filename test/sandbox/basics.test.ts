import type { Sandbox } from '../../sandbox';
import { Client, withSandbox } from './helpers';

describe('sandbox basics: auth, envelopes, problem documents, bad input', () => {
	let sandbox: Sandbox;
	let client: Client;
	beforeAll(async () => {
		({ sandbox, client } = await withSandbox({ seed: 3, maxBodyBytes: 64 * 1024 }));
	});
	afterAll(() => sandbox.close());

	it('serves under /api/v1 on 127.0.0.1 and exposes the three default keys', () => {
		expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sandbox.baseUrl).toBe(`${sandbox.url}/api/v1`);
		expect(sandbox.keys).toEqual({
			full: 'bwp_test_full_sandbox',
			readOnly: 'bwp_test_readonly_sandbox',
			otherTenant: 'bwp_test_tenant2_sandbox',
		});
	});

	describe('authentication', () => {
		it('answers 401 unauthorized without an Authorization header', async () => {
			const res = await client.checked('GET', '/contacts', '/contacts', { key: null });
			expect(res.status).toBe(401);
			expect(res.body.code).toBe('unauthorized');
			expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
		});

		it('answers 401 for an unknown key and for a non-Bearer scheme', async () => {
			const unknown = await client.checked('GET', '/contacts', '/contacts', {
				key: 'bwp_live_nope',
			});
			expect(unknown.status).toBe(401);
			const basic = await client.checked('GET', '/contacts', '/contacts', {
				key: null,
				headers: { authorization: 'Basic dXNlcjpwYXNz' },
			});
			expect(basic.status).toBe(401);
			expect(basic.body.code).toBe('unauthorized');
		});

		it('answers 403 scope_insufficient naming the missing scope', async () => {
			const res = await client.checked('POST', '/contacts', '/contacts', {
				key: sandbox.keys.readOnly,
				body: { type: 'customer', firstName: 'Ann' },
			});
			expect(res.status).toBe(403);
			expect(res.body.code).toBe('scope_insufficient');
			expect(res.body.detail).toContain('contacts:write');
			expect(sandbox.contacts()).toHaveLength(3);
		});

		it('treats write and delete as separate scopes', async () => {
			const limited = await withSandbox({
				seed: 1,
				keys: [
					{
						token: 'bwp_test_writer',
						name: 'writer',
						scopes: ['contacts:read', 'contacts:write'],
						tenantId: 1,
					},
				],
			});
			try {
				const res = await limited.client.checked('DELETE', '/contacts/1', '/contacts/{id}', {
					key: 'bwp_test_writer',
				});
				expect(res.status).toBe(403);
				expect(res.body.detail).toContain('contacts:delete');
				const webhooks = await limited.client.checked(
					'GET',
					'/webhook-endpoints',
					'/webhook-endpoints',
					{ key: 'bwp_test_writer' },
				);
				expect(webhooks.status).toBe(403);
				expect(webhooks.body.detail).toContain('webhooks:manage');
			} finally {
				await limited.sandbox.close();
			}
		});

		it('GET /me returns the key binding and needs no scope', async () => {
			const full = await client.checked('GET', '/me', '/me');
			expect(full.status).toBe(200);
			expect(full.body.data).toMatchObject({ keyName: 'Sandbox full access', tenantId: 1 });
			expect(full.body.data.scopes).toEqual(
				expect.arrayContaining([
					'contacts:read',
					'contacts:write',
					'contacts:delete',
					'webhooks:manage',
				]),
			);
			const readOnly = await client.checked('GET', '/me', '/me', { key: sandbox.keys.readOnly });
			expect(readOnly.body.data.scopes).toEqual(['contacts:read']);
			const other = await client.checked('GET', '/me', '/me', { key: sandbox.keys.otherTenant });
			expect(other.body.data.tenantId).toBe(2);
			expect(
				new Set([full.body.data.keyId, readOnly.body.data.keyId, other.body.data.keyId]).size,
			).toBe(3);
		});
	});

	describe('envelopes and problem documents', () => {
		it('wraps data with meta.request_id, also echoed as X-Request-Id', async () => {
			const res = await client.checked('GET', '/contacts/1', '/contacts/{id}');
			expect(res.status).toBe(200);
			expect(res.body.meta.request_id).toBe(res.headers.get('x-request-id'));
			expect(Number.isInteger(res.body.data.id)).toBe(true);
			expect(res.body.data.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		});

		it('gives every request its own request id', async () => {
			const a = await client.call('GET', '/contacts/1');
			const b = await client.call('GET', '/contacts/1');
			expect(a.body.meta.request_id).not.toBe(b.body.meta.request_id);
		});

		it('answers application/problem+json whose type fragment equals code', async () => {
			const res = await client.checked('GET', '/contacts/999999', '/contacts/{id}');
			expect(res.status).toBe(404);
			expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
			expect(res.body).toMatchObject({
				type: 'https://docs.buildworkpro.com/errors#not_found',
				code: 'not_found',
				status: 404,
			});
			expect(res.body.request_id).toBe(res.headers.get('x-request-id'));
			expect(res.body.errors).toBeUndefined();
		});
	});

	describe('bad input never crashes the server', () => {
		it('malformed JSON → 400 bad_request', async () => {
			const res = await client.checked('POST', '/contacts', '/contacts', {
				rawBody: '{"type": "customer",',
				headers: { 'content-type': 'application/json' },
			});
			expect(res.status).toBe(400);
			expect(res.body.code).toBe('bad_request');
		});

		it('a non-JSON content type → 415 problem', async () => {
			const res = await client.checked('POST', '/contacts', '/contacts', {
				rawBody: 'type=customer',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			});
			expect(res.status).toBe(415);
			expect(res.body.code).toBe('bad_request');
		});

		it('accepts JSON with a charset parameter or without a content type', async () => {
			const withCharset = await client.checked('POST', '/contacts', '/contacts', {
				rawBody: JSON.stringify({ type: 'vendor', companyName: 'Atlas Steel' }),
				headers: { 'content-type': 'application/json; charset=utf-8' },
			});
			expect(withCharset.status).toBe(201);
			const bare = await client.checked('POST', '/contacts', '/contacts', {
				// A Buffer body makes fetch send no Content-Type at all.
				rawBody: Buffer.from(JSON.stringify({ type: 'vendor', companyName: 'Atlas Glass' })),
			});
			expect(bare.status).toBe(201);
		});

		it('a body that is JSON but not an object → 400', async () => {
			for (const rawBody of ['[1,2]', '"customer"', '42', 'null']) {
				const res = await client.checked('POST', '/contacts', '/contacts', {
					rawBody,
					headers: { 'content-type': 'application/json' },
				});
				expect(res.status).toBe(400);
			}
		});

		it('an oversized body → 413 and the server keeps serving', async () => {
			const res = await client.checked('POST', '/contacts', '/contacts', {
				body: { type: 'customer', notes: 'x'.repeat(200 * 1024) },
			});
			expect(res.status).toBe(413);
			expect((await client.call('GET', '/contacts/1')).status).toBe(200);
		});

		it('a non-numeric, zero or negative id → 400 bad_request; a missing one → 404', async () => {
			for (const id of ['abc', '0', '-1', '1.5', '1e3', '%20']) {
				const res = await client.checked('GET', `/contacts/${id}`, '/contacts/{id}');
				expect([id, res.status]).toEqual([id, 400]);
			}
			expect((await client.checked('GET', '/contacts/424242', '/contacts/{id}')).status).toBe(404);
		});

		it('an unknown route → 404 problem, a wrong method → 405 with Allow', async () => {
			const unknown = await client.call('GET', '/no-such-thing');
			expect(unknown.status).toBe(404);
			expect(unknown.body.code).toBe('not_found');
			const outside = await fetch(`${sandbox.url}/elsewhere`);
			expect(outside.status).toBe(404);
			expect(((await outside.json()) as { code: string }).code).toBe('not_found');
			const wrong = await client.call('PUT', '/contacts/1', { body: { type: 'customer' } });
			expect(wrong.status).toBe(405);
			expect(wrong.headers.get('allow')).toBe('GET, PATCH, DELETE');
			expect(wrong.body.type).toBe(`https://docs.buildworkpro.com/errors#${wrong.body.code}`);
		});

		it('tolerates a trailing slash', async () => {
			expect((await client.call('GET', '/contacts/')).status).toBe(200);
		});

		it('does not serve test controls unless enabled', async () => {
			const plain = await withSandbox({ testControls: false });
			try {
				const res = await fetch(`${plain.sandbox.url}/__sandbox/requests`);
				expect(res.status).toBe(404);
			} finally {
				await plain.sandbox.close();
			}
		});
	});
});
