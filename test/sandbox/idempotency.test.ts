import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sandbox } from '../../sandbox';
import { requestHash } from '../../sandbox/idempotency';
import { Client, newKey, withSandbox } from './helpers';

describe('sandbox idempotency', () => {
	let sandbox: Sandbox;
	let client: Client;
	beforeAll(async () => {
		// The default 24 h TTL: replays here never depend on how far apart the requests run.
		({ sandbox, client } = await withSandbox());
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	const post = (body: unknown, key: string, apiKey?: string) =>
		client.checked('POST', '/contacts', '/contacts', {
			body,
			key: apiKey,
			headers: { 'Idempotency-Key': key },
		});

	it('hashes method, path and the JSON body exactly as documented', () => {
		const body = { type: 'customer', firstName: 'Ann' };
		expect(requestHash('POST', '/api/v1/contacts', body)).toBe(
			require('node:crypto')
				.createHash('sha256')
				.update(`POST\n/api/v1/contacts\n${JSON.stringify(body)}`)
				.digest('hex'),
		);
		expect(requestHash('DELETE', '/api/v1/contacts/1', undefined)).toBe(
			require('node:crypto')
				.createHash('sha256')
				.update('DELETE\n/api/v1/contacts/1\nnull')
				.digest('hex'),
		);
	});

	it('replays the cached status and body for the same key and body, creating one contact', async () => {
		const key = newKey();
		const first = await post({ type: 'customer', firstName: 'Ann' }, key);
		const second = await post({ type: 'customer', firstName: 'Ann' }, key);
		expect(first.status).toBe(201);
		expect(second.status).toBe(201);
		expect(second.text).toBe(first.text);
		expect(sandbox.contacts()).toHaveLength(1);
	});

	it('answers 409 idempotency_key_reused for the same key with another body', async () => {
		const key = newKey();
		await post({ type: 'customer', firstName: 'Ann' }, key);
		const res = await post({ type: 'customer', firstName: 'Bob' }, key);
		expect(res.status).toBe(409);
		expect(res.body.code).toBe('idempotency_key_reused');
		expect(sandbox.contacts()).toHaveLength(1);
	});

	it('treats a different key order in the JSON body as a different body', async () => {
		const key = newKey();
		await client.call('POST', '/contacts', {
			rawBody: '{"type":"customer","firstName":"Ann"}',
			headers: { 'Idempotency-Key': key, 'content-type': 'application/json' },
		});
		const reordered = await client.call('POST', '/contacts', {
			rawBody: '{"firstName":"Ann","type":"customer"}',
			headers: { 'Idempotency-Key': key, 'content-type': 'application/json' },
		});
		expect(reordered.status).toBe(409);
		// Whitespace is not part of the hash: the hash is over the parsed body.
		const spaced = await client.call('POST', '/contacts', {
			rawBody: '{ "type": "customer", "firstName": "Ann" }',
			headers: { 'Idempotency-Key': key, 'content-type': 'application/json' },
		});
		expect(spaced.status).toBe(201);
		expect(sandbox.contacts()).toHaveLength(1);
	});

	it('binds the key to the path too: the same key on another path is 409', async () => {
		const key = newKey();
		const created = await post({ type: 'customer', firstName: 'Ann' }, key);
		const res = await client.checked(
			'PATCH',
			`/contacts/${created.body.data.id}`,
			'/contacts/{id}',
			{
				body: { type: 'customer', firstName: 'Ann' },
				headers: { 'Idempotency-Key': key },
			},
		);
		expect(res.status).toBe(409);
	});

	it('does not cache failures: after a 422 the same key runs the corrected request', async () => {
		const key = newKey();
		const failed = await post({ type: 'nope' }, key);
		expect(failed.status).toBe(422);
		const retried = await post({ type: 'customer', firstName: 'Ann' }, key);
		expect(retried.status).toBe(201);
		// And a retry of the failed body with the same key now conflicts with the cached success.
		expect((await post({ type: 'nope' }, key)).status).toBe(409);
	});

	it('replays a DELETE as 204 instead of 404, deleting once', async () => {
		const created = await post({ type: 'customer', firstName: 'Ann' }, newKey());
		const key = newKey();
		const path = `/contacts/${created.body.data.id}`;
		const first = await client.checked('DELETE', path, '/contacts/{id}', {
			headers: { 'Idempotency-Key': key },
		});
		const replay = await client.checked('DELETE', path, '/contacts/{id}', {
			headers: { 'Idempotency-Key': key },
		});
		expect([first.status, replay.status]).toEqual([204, 204]);
		expect(replay.text).toBe('');
		expect((await client.call('DELETE', path)).status).toBe(404);
	});

	it('replays a PATCH without applying it again', async () => {
		const created = await post({ type: 'customer', firstName: 'Ann' }, newKey());
		const key = newKey();
		const path = `/contacts/${created.body.data.id}`;
		const first = await client.checked('PATCH', path, '/contacts/{id}', {
			body: { lastName: 'Lee' },
			headers: { 'Idempotency-Key': key },
		});
		await client.call('PATCH', path, { body: { lastName: 'Kim' } });
		const replay = await client.checked('PATCH', path, '/contacts/{id}', {
			body: { lastName: 'Lee' },
			headers: { 'Idempotency-Key': key },
		});
		expect(replay.text).toBe(first.text);
		expect(sandbox.contacts()[0].lastName).toBe('Kim');
	});

	it('scopes keys to the tenant', async () => {
		const key = newKey();
		await post({ type: 'customer', firstName: 'Ann' }, key);
		const other = await post({ type: 'customer', firstName: 'Ann' }, key, sandbox.keys.otherTenant);
		expect(other.status).toBe(201);
		expect(sandbox.contacts(2)).toHaveLength(1);
	});

	it('expires entries after the TTL counted from the first request', async () => {
		// Its own sandbox on a clock the spec moves, so no timing of the machine matters.
		const ttlMs = 24 * 3_600_000;
		const t0 = Date.parse('2025-03-04T08:00:00Z');
		let now = t0;
		const own = await withSandbox({ idempotencyTtlMs: ttlMs, idempotencyClock: () => now });
		try {
			const postOwn = (key: string) =>
				own.client.checked('POST', '/contacts', '/contacts', {
					body: { type: 'customer', firstName: 'Ann' },
					headers: { 'Idempotency-Key': key },
				});
			const key = newKey();
			const first = await postOwn(key);
			expect(first.status).toBe(201);
			// Half way: a replay, which must not restart the TTL.
			now = t0 + ttlMs / 2;
			const replay = await postOwn(key);
			expect(replay.status).toBe(201);
			expect(replay.text).toBe(first.text);
			// Just before the TTL from the first request: still a replay.
			now = t0 + ttlMs - 1;
			expect((await postOwn(key)).text).toBe(first.text);
			expect(own.sandbox.contacts()).toHaveLength(1);
			// At the TTL from the first request (a refreshed entry would live until t0 + 1.5 TTL):
			// the key is free again and the request creates a second contact.
			now = t0 + ttlMs;
			const afterTtl = await postOwn(key);
			expect(afterTtl.status).toBe(201);
			expect(afterTtl.body.data.id).not.toBe(first.body.data.id);
			expect(own.sandbox.contacts()).toHaveLength(2);
		} finally {
			await own.sandbox.close();
		}
	});

	it.each(['not-a-uuid', '12345', 'x'.repeat(300), ''])(
		'rejects the malformed Idempotency-Key %j with 400',
		async (key) => {
			const res = await post({ type: 'customer', firstName: 'Ann' }, key);
			expect(res.status).toBe(400);
			expect(res.body.code).toBe('bad_request');
			expect(sandbox.contacts()).toHaveLength(0);
		},
	);

	it('ignores Idempotency-Key on GET', async () => {
		const res = await client.checked('GET', '/contacts', '/contacts', {
			headers: { 'Idempotency-Key': 'whatever' },
		});
		expect(res.status).toBe(200);
	});

	it('a replayed create fires no second webhook', async () => {
		const received: string[] = [];
		const receiver: Server = createServer((req, res) => {
			req.resume();
			req.on('end', () => {
				received.push(String(req.headers['buildworkpro-event-id']));
				res.end('ok');
			});
		});
		await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
		try {
			const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
			await client.call('POST', '/webhook-endpoints', {
				body: { url, eventTypes: ['contact.created'] },
			});
			const key = newKey();
			await post({ type: 'customer', firstName: 'Ann' }, key);
			await post({ type: 'customer', firstName: 'Ann' }, key);
			await post({ type: 'customer', firstName: 'Ann' }, key);
			await waitFor(() => received.length >= 1);
			await new Promise((r) => setTimeout(r, 150));
			expect(received).toHaveLength(1);
			expect(sandbox.deliveries()).toHaveLength(1);
		} finally {
			receiver.closeAllConnections();
			await new Promise((r) => receiver.close(r));
		}
	});
});

async function waitFor(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 10));
	}
}
