import type { Sandbox, SandboxOptions } from '../../sandbox';
import { Client, openapi, withSandbox } from './helpers';
import { Receiver, verifySignature } from './receiver';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setup(options: SandboxOptions = {}) {
	const { sandbox, client } = await withSandbox({
		rateLimit: { enabled: false },
		webhooks: { retryDelaysMs: [40, 40, 40] },
		...options,
	});
	const receiver = await new Receiver().start();
	return { sandbox, client, receiver };
}

async function createEndpoint(client: Client, body: Record<string, unknown>) {
	const res = await client.checked('POST', '/webhook-endpoints', '/webhook-endpoints', { body });
	expect(res.status).toBe(201);
	return res.body.data as { id: number; signingSecret: string; url: string };
}

describe('sandbox webhook endpoint management', () => {
	let sandbox: Sandbox;
	let client: Client;
	let receiver: Receiver;
	beforeAll(async () => {
		({ sandbox, client, receiver } = await setup());
	});
	afterAll(async () => {
		await sandbox.close();
		await receiver.close();
	});
	beforeEach(() => sandbox.reset());

	it('creates an endpoint and shows its signing secret exactly once', async () => {
		const created = await createEndpoint(client, {
			url: receiver.url,
			eventTypes: ['contact.created'],
			description: 'CRM sync',
		});
		expect(created).toMatchObject({
			url: receiver.url,
			description: 'CRM sync',
			eventTypes: ['contact.created'],
			isActive: true,
			consecutiveFailures: 0,
			lastDeliveredAt: null,
			disabledAt: null,
			disabledReason: null,
		});
		expect(created.signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{20,}$/);
		const got = await client.checked(
			'GET',
			`/webhook-endpoints/${created.id}`,
			'/webhook-endpoints/{id}',
		);
		expect(got.body.data).not.toHaveProperty('signingSecret');
		const list = await client.checked('GET', '/webhook-endpoints', '/webhook-endpoints');
		expect(list.body.data).toHaveLength(1);
		expect(list.text).not.toContain(created.signingSecret);
		expect(list.body.meta.pagination).toBeUndefined();
	});

	it('accepts loopback http URLs (the real service demands public HTTPS)', async () => {
		const created = await createEndpoint(client, {
			url: 'http://localhost:5678/webhook/abc',
			eventTypes: ['contact.updated'],
		});
		expect(created.url).toBe('http://localhost:5678/webhook/abc');
	});

	it.each([
		[{ eventTypes: ['contact.created'] }, 'url', 'required'],
		[{ url: 'not a url', eventTypes: ['contact.created'] }, 'url', 'invalid_format'],
		[{ url: 'ftp://example.com/x', eventTypes: ['contact.created'] }, 'url', 'invalid_format'],
		[{ url: 'https://example.com/x' }, 'eventTypes', 'required'],
		[{ url: 'https://example.com/x', eventTypes: [] }, 'eventTypes', 'invalid_length'],
		[
			{ url: 'https://example.com/x', eventTypes: ['contact.exploded'] },
			'eventTypes[0]',
			'invalid_enum',
		],
		[
			{ url: 'https://example.com/x', eventTypes: ['contact.created'], description: 5 },
			'description',
			'invalid_type',
		],
	])('rejects %j with 422 on %s', async (body, field, code) => {
		const res = await client.checked('POST', '/webhook-endpoints', '/webhook-endpoints', { body });
		expect(res.status).toBe(422);
		expect(res.body.errors).toContainEqual({ field, code, message: expect.any(String) });
	});

	it('updates url, event types, description and isActive', async () => {
		const created = await createEndpoint(client, {
			url: receiver.url,
			eventTypes: ['contact.created'],
		});
		const path = `/webhook-endpoints/${created.id}`;
		const res = await client.checked('PATCH', path, '/webhook-endpoints/{id}', {
			body: {
				eventTypes: ['contact.created', 'contact.deleted'],
				description: 'two events',
				isActive: false,
			},
		});
		expect(res.status).toBe(200);
		expect(res.body.data).toMatchObject({
			eventTypes: ['contact.created', 'contact.deleted'],
			description: 'two events',
			isActive: false,
		});
		expect(res.body.data.disabledAt).not.toBeNull();
		const enabled = await client.checked('PATCH', path, '/webhook-endpoints/{id}', {
			body: { isActive: true },
		});
		expect(enabled.body.data).toMatchObject({
			isActive: true,
			disabledAt: null,
			disabledReason: null,
			consecutiveFailures: 0,
		});
		const bad = await client.checked('PATCH', path, '/webhook-endpoints/{id}', {
			body: { isActive: 'yes' },
		});
		expect(bad.status).toBe(422);
	});

	it('soft-deletes: 204, then 404 and gone from the list, still visible to test controls', async () => {
		const created = await createEndpoint(client, {
			url: receiver.url,
			eventTypes: ['contact.created'],
		});
		const del = await client.checked(
			'DELETE',
			`/webhook-endpoints/${created.id}`,
			'/webhook-endpoints/{id}',
		);
		expect(del.status).toBe(204);
		expect(
			(await client.checked('GET', `/webhook-endpoints/${created.id}`, '/webhook-endpoints/{id}'))
				.status,
		).toBe(404);
		expect(
			(await client.checked('GET', '/webhook-endpoints', '/webhook-endpoints')).body.data,
		).toEqual([]);
		expect(sandbox.webhookEndpoints(1)).toEqual([
			expect.objectContaining({ id: created.id, deleted: true }),
		]);
	});

	it('rotate-secret returns a new secret', async () => {
		const created = await createEndpoint(client, {
			url: receiver.url,
			eventTypes: ['contact.created'],
		});
		const res = await client.checked(
			'POST',
			`/webhook-endpoints/${created.id}/rotate-secret`,
			'/webhook-endpoints/{id}/rotate-secret',
		);
		expect(res.status).toBe(200);
		expect(res.body.data.signingSecret).toMatch(/^whsec_/);
		expect(res.body.data.signingSecret).not.toBe(created.signingSecret);
	});

	it('needs webhooks:manage and keeps tenants apart', async () => {
		const created = await createEndpoint(client, {
			url: receiver.url,
			eventTypes: ['contact.created'],
		});
		const denied = await client.checked('GET', '/webhook-endpoints', '/webhook-endpoints', {
			key: sandbox.keys.readOnly,
		});
		expect(denied.status).toBe(403);
		expect(denied.body.detail).toContain('webhooks:manage');
		const foreign = await client.checked(
			'GET',
			`/webhook-endpoints/${created.id}`,
			'/webhook-endpoints/{id}',
			{ key: sandbox.keys.otherTenant },
		);
		expect(foreign.status).toBe(404);
	});
});

describe('sandbox webhook deliveries', () => {
	let sandbox: Sandbox;
	let client: Client;
	let receiver: Receiver;
	beforeEach(async () => {
		({ sandbox, client, receiver } = await setup());
	});
	afterEach(async () => {
		await sandbox.close();
		await receiver.close();
	});

	it('delivers contact.created / updated / deleted, signed, with the documented headers and body', async () => {
		const endpoint = await createEndpoint(client, {
			url: receiver.url,
			eventTypes: ['contact.created', 'contact.updated', 'contact.deleted'],
		});
		const created = (
			await client.call('POST', '/contacts', {
				body: { type: 'customer', firstName: 'Ann', email: 'ann@example.com' },
			})
		).body.data;
		await receiver.waitFor(1);
		await client.call('PATCH', `/contacts/${created.id}`, {
			body: { firstName: 'Anna', email: null },
		});
		await receiver.waitFor(2);
		await client.call('DELETE', `/contacts/${created.id}`);
		const [c, u, d] = await receiver.waitFor(3);

		for (const delivery of [c, u, d]) {
			expect(delivery.headers['content-type']).toMatch(/^application\/json/);
			expect(delivery.headers['user-agent']).toBe('BuildWorkPro-Webhooks/1.0');
			expect(delivery.headers['buildworkpro-event']).toBe(delivery.body.type);
			expect(delivery.headers['buildworkpro-event-id']).toBe(delivery.body.id);
			expect(delivery.headers['buildworkpro-delivery-id']).toMatch(/^\d+$/);
			const signature = String(delivery.headers['buildworkpro-signature']);
			expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
			expect(verifySignature(signature, delivery.rawBody, endpoint.signingSecret)).toBe(true);
			expect(verifySignature(signature, delivery.rawBody + ' ', endpoint.signingSecret)).toBe(
				false,
			);
			expect(delivery.body).toMatchObject({ id: expect.stringMatching(/^evt_/), tenant_id: 1 });
			expect(delivery.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		}
		expect(c.body).toMatchObject({
			type: 'contact.created',
			data: { id: created.id, firstName: 'Ann' },
		});
		expect(c.body).not.toHaveProperty('previous_attributes');
		expect(u.body).toMatchObject({
			type: 'contact.updated',
			data: { id: created.id, firstName: 'Anna', email: null },
			previous_attributes: { firstName: 'Ann', email: 'ann@example.com' },
		});
		expect(Object.keys(u.body.previous_attributes).sort()).toEqual(['email', 'firstName']);
		expect(d.body).toMatchObject({
			type: 'contact.deleted',
			data: { id: created.id, firstName: 'Anna' },
		});
		expect(new Set([c.body.id, u.body.id, d.body.id]).size).toBe(3);

		const endpointState = await client.checked(
			'GET',
			`/webhook-endpoints/${endpoint.id}`,
			'/webhook-endpoints/{id}',
		);
		expect(endpointState.body.data.lastDeliveredAt).not.toBeNull();
	});

	it('delivers only subscribed events to active endpoints of the same tenant', async () => {
		const other = await new Receiver().start();
		try {
			await createEndpoint(client, { url: receiver.url, eventTypes: ['contact.deleted'] });
			const paused = await createEndpoint(client, {
				url: other.url,
				eventTypes: ['contact.created'],
			});
			await client.call('PATCH', `/webhook-endpoints/${paused.id}`, { body: { isActive: false } });
			await client.call('POST', '/webhook-endpoints', {
				key: sandbox.keys.otherTenant,
				body: { url: other.url, eventTypes: ['contact.created'] },
			});
			const created = (
				await client.call('POST', '/contacts', { body: { type: 'customer', firstName: 'Ann' } })
			).body.data;
			await client.call('DELETE', `/contacts/${created.id}`);
			await receiver.waitFor(1);
			await sleep(100);
			expect(receiver.received.map((r) => r.body.type)).toEqual(['contact.deleted']);
			expect(other.received).toHaveLength(0);
		} finally {
			await other.close();
		}
	});

	it('does not hold the API response while the receiver is slow', async () => {
		receiver.responder = () => ({ status: 200, delayMs: 1_500 });
		await createEndpoint(client, { url: receiver.url, eventTypes: ['contact.created'] });
		const started = Date.now();
		const res = await client.call('POST', '/contacts', {
			body: { type: 'customer', firstName: 'Ann' },
		});
		expect(res.status).toBe(201);
		expect(Date.now() - started).toBeLessThan(1_000);
	});

	it('retries 5xx, 408, 429 and timeouts with the same event and delivery id, then succeeds', async () => {
		await sandbox.close();
		({ sandbox, client } = await withSandbox({
			rateLimit: { enabled: false },
			webhooks: { retryDelaysMs: [30, 30, 30, 30, 30], timeoutMs: 500 },
		}));
		const script = [
			{ status: 500 },
			{ status: 408 },
			{ status: 429 },
			{ status: 200, delayMs: 1_500 },
			{ status: 503 },
			{ status: 204 },
		];
		receiver.responder = (_d, i) => script[i];
		const endpoint = await createEndpoint(client, {
			url: receiver.url,
			eventTypes: ['contact.created'],
		});
		await client.call('POST', '/contacts', { body: { type: 'customer', firstName: 'Ann' } });
		const received = await receiver.waitFor(6);
		expect(new Set(received.map((r) => r.body.id)).size).toBe(1);
		expect(new Set(received.map((r) => r.headers['buildworkpro-delivery-id'])).size).toBe(1);
		expect(new Set(received.map((r) => r.rawBody)).size).toBe(1);
		for (const r of received)
			expect(
				verifySignature(
					String(r.headers['buildworkpro-signature']),
					r.rawBody,
					endpoint.signingSecret,
				),
			).toBe(true);
		await waitUntil(() => sandbox.deliveries()[0]?.state === 'succeeded');
		const record = sandbox.deliveries()[0];
		expect(record.attempts.map((a) => a.status ?? 'error')).toEqual([
			500,
			408,
			429,
			'error',
			503,
			204,
		]);
		expect(record.attempts[3].error).toMatch(/timed out/i);

		const listed = await client.checked(
			'GET',
			`/webhook-endpoints/${endpoint.id}/deliveries`,
			'/webhook-endpoints/{id}/deliveries',
		);
		expect(listed.body.data[0]).toMatchObject({
			status: 'succeeded',
			attemptCount: 6,
			responseStatus: 204,
			errorMessage: null,
		});
		const state = await client.checked(
			'GET',
			`/webhook-endpoints/${endpoint.id}`,
			'/webhook-endpoints/{id}',
		);
		expect(state.body.data.consecutiveFailures).toBe(0);
	});

	it('stops at once on other 4xx answers', async () => {
		receiver.responder = () => ({ status: 410 });
		await createEndpoint(client, { url: receiver.url, eventTypes: ['contact.created'] });
		await client.call('POST', '/contacts', { body: { type: 'customer', firstName: 'Ann' } });
		await receiver.waitFor(1);
		await waitUntil(() => sandbox.deliveries()[0]?.state === 'failed');
		await sleep(150);
		expect(receiver.received).toHaveLength(1);
		const res = await client.checked('GET', '/webhook-deliveries', '/webhook-deliveries');
		expect(res.body.data[0]).toMatchObject({
			status: 'failed',
			attemptCount: 1,
			responseStatus: 410,
		});
	});

	it('gives up after the configured attempts (retryDelaysMs.length + 1) and marks the delivery exhausted', async () => {
		receiver.responder = () => ({ status: 502 });
		await createEndpoint(client, { url: receiver.url, eventTypes: ['contact.created'] });
		await client.call('POST', '/contacts', { body: { type: 'customer', firstName: 'Ann' } });
		await receiver.waitFor(4);
		await waitUntil(() => sandbox.deliveries()[0]?.state === 'exhausted');
		await sleep(150);
		expect(receiver.received).toHaveLength(4);
	});

	it('disables an endpoint after 20 consecutive failed deliveries', async () => {
		await sandbox.close();
		({ sandbox, client } = await withSandbox({
			rateLimit: { enabled: false },
			webhooks: { retryDelaysMs: [] },
		}));
		receiver.responder = () => ({ status: 500 });
		const endpoint = await createEndpoint(client, {
			url: receiver.url,
			eventTypes: ['contact.created'],
		});
		for (let i = 0; i < 19; i++)
			await client.call('POST', '/contacts', { body: { type: 'customer', firstName: `C${i}` } });
		await receiver.waitFor(19);
		await waitUntil(() => sandbox.deliveries().every((d) => d.state !== 'pending'));
		let state = (
			await client.checked('GET', `/webhook-endpoints/${endpoint.id}`, '/webhook-endpoints/{id}')
		).body.data;
		expect(state).toMatchObject({ isActive: true, consecutiveFailures: 19 });
		await client.call('POST', '/contacts', { body: { type: 'customer', firstName: 'C19' } });
		await receiver.waitFor(20);
		await waitUntil(() => sandbox.deliveries().every((d) => d.state !== 'pending'));
		state = (
			await client.checked('GET', `/webhook-endpoints/${endpoint.id}`, '/webhook-endpoints/{id}')
		).body.data;
		expect(state).toMatchObject({ isActive: false, consecutiveFailures: 20 });
		expect(state.disabledAt).not.toBeNull();
		expect(state.disabledReason).toMatch(/20 consecutive/);
		await client.call('POST', '/contacts', { body: { type: 'customer', firstName: 'C20' } });
		await sleep(100);
		expect(receiver.received).toHaveLength(20);
	});

	it('a success resets the consecutive failure count', async () => {
		await sandbox.close();
		({ sandbox, client } = await withSandbox({
			rateLimit: { enabled: false },
			webhooks: { retryDelaysMs: [], disableAfterFailures: 3 },
		}));
		receiver.responder = (_d, i) => ({ status: i === 1 ? 200 : 500 });
		const endpoint = await createEndpoint(client, {
			url: receiver.url,
			eventTypes: ['contact.created'],
		});
		for (let i = 0; i < 4; i++) {
			await client.call('POST', '/contacts', { body: { type: 'customer', firstName: `C${i}` } });
			await receiver.waitFor(i + 1);
		}
		await waitUntil(() => sandbox.deliveries().every((d) => d.state !== 'pending'));
		const state = (await client.call('GET', `/webhook-endpoints/${endpoint.id}`)).body.data;
		expect(state).toMatchObject({ isActive: true, consecutiveFailures: 2 });
	});

	it('during a secret rotation signs with the new and the old secret', async () => {
		const endpoint = await createEndpoint(client, {
			url: receiver.url,
			eventTypes: ['contact.created'],
		});
		const rotated = (await client.call('POST', `/webhook-endpoints/${endpoint.id}/rotate-secret`))
			.body.data.signingSecret;
		await client.call('POST', '/contacts', { body: { type: 'customer', firstName: 'Ann' } });
		const [delivery] = await receiver.waitFor(1);
		const signature = String(delivery.headers['buildworkpro-signature']);
		expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
		expect(verifySignature(signature, delivery.rawBody, rotated)).toBe(true);
		expect(verifySignature(signature, delivery.rawBody, endpoint.signingSecret)).toBe(true);
		expect(verifySignature(signature, delivery.rawBody, 'whsec_someone_else')).toBe(false);
	});

	it('without a grace period, the old secret stops working at once', async () => {
		await sandbox.close();
		({ sandbox, client } = await withSandbox({
			rateLimit: { enabled: false },
			webhooks: { rotationGraceMs: 0 },
		}));
		const endpoint = await createEndpoint(client, {
			url: receiver.url,
			eventTypes: ['contact.created'],
		});
		const rotated = (await client.call('POST', `/webhook-endpoints/${endpoint.id}/rotate-secret`))
			.body.data.signingSecret;
		await client.call('POST', '/contacts', { body: { type: 'customer', firstName: 'Ann' } });
		const [delivery] = await receiver.waitFor(1);
		const signature = String(delivery.headers['buildworkpro-signature']);
		expect(signature.match(/v1=/g)).toHaveLength(1);
		expect(verifySignature(signature, delivery.rawBody, rotated)).toBe(true);
		expect(verifySignature(signature, delivery.rawBody, endpoint.signingSecret)).toBe(false);
	});

	it('lists deliveries with cursor pagination and filters, shows one, and replays it with the same event id', async () => {
		receiver.responder = (d) => ({ status: d.body.data.firstName === 'Bad' ? 400 : 200 });
		const endpoint = await createEndpoint(client, {
			url: receiver.url,
			eventTypes: ['contact.created'],
		});
		for (const name of ['A', 'B', 'Bad', 'C', 'D'])
			await client.call('POST', '/contacts', { body: { type: 'customer', firstName: name } });
		await receiver.waitFor(5);
		await waitUntil(() => sandbox.deliveries().every((d) => d.state !== 'pending'));

		const first = await client.checked('GET', '/webhook-deliveries', '/webhook-deliveries', {
			query: { limit: 2 },
		});
		expect(first.body.data).toHaveLength(2);
		expect(first.body.meta.pagination).toMatchObject({ has_more: true, count: 2 });
		const ids = [...first.body.data.map((d: { id: number }) => d.id)];
		let cursor = first.body.meta.pagination.cursor;
		while (cursor) {
			const next = await client.checked('GET', '/webhook-deliveries', '/webhook-deliveries', {
				query: { limit: 2, cursor },
			});
			ids.push(...next.body.data.map((d: { id: number }) => d.id));
			cursor = next.body.meta.pagination.cursor;
		}
		expect(ids).toHaveLength(5);
		expect([...ids].sort((a, b) => b - a)).toEqual(ids); // most recent first

		const failed = await client.checked('GET', '/webhook-deliveries', '/webhook-deliveries', {
			query: { status: 'failed' },
		});
		expect(failed.body.data).toHaveLength(1);
		const byEndpoint = await client.checked('GET', '/webhook-deliveries', '/webhook-deliveries', {
			query: { endpointId: endpoint.id, eventType: 'contact.created' },
		});
		expect(byEndpoint.body.data).toHaveLength(5);
		expect(
			(
				await client.checked('GET', '/webhook-deliveries', '/webhook-deliveries', {
					query: { status: 'bogus' },
				})
			).status,
		).toBe(400);
		expect(
			(
				await client.checked('GET', '/webhook-deliveries', '/webhook-deliveries', {
					query: { limit: 2, cursor: 'forged.cursor' },
				})
			).status,
		).toBe(400);

		const one = await client.checked(
			'GET',
			`/webhook-deliveries/${failed.body.data[0].id}`,
			'/webhook-deliveries/{id}',
		);
		expect(one.body.data).toMatchObject({
			status: 'failed',
			responseStatus: 400,
			responseBody: 'status 400',
		});
		expect(one.body.data.responseHeaders['content-type']).toBe('text/plain');

		receiver.responder = () => ({ status: 200 });
		const replay = await client.checked(
			'POST',
			`/webhook-deliveries/${failed.body.data[0].id}/replay`,
			'/webhook-deliveries/{id}/replay',
		);
		expect(replay.status).toBe(200);
		expect(replay.body.data).toMatchObject({
			status: 'pending',
			attemptCount: 0,
			responseStatus: null,
		});
		const [, , , , , again] = await receiver.waitFor(6);
		expect(again.body.id).toBe(failed.body.data[0].eventId);
		await waitUntil(() => sandbox.deliveries().every((d) => d.state === 'succeeded'));

		await client.call('DELETE', `/webhook-endpoints/${endpoint.id}`);
		const gone = await client.checked(
			'POST',
			`/webhook-deliveries/${failed.body.data[0].id}/replay`,
			'/webhook-deliveries/{id}/replay',
		);
		expect(gone.status).toBe(409);
		expect(
			(await client.checked('GET', '/webhook-deliveries/99999', '/webhook-deliveries/{id}')).status,
		).toBe(404);
	});

	it("lists one endpoint's deliveries, newest first, and none of another endpoint's; 404 once the endpoint is gone", async () => {
		const endpoint = await createEndpoint(client, {
			url: receiver.url,
			eventTypes: ['contact.created'],
		});
		const other = await createEndpoint(client, {
			url: receiver.url,
			eventTypes: ['contact.deleted'],
		});
		for (const name of ['A', 'B', 'C'])
			await client.call('POST', '/contacts', { body: { type: 'customer', firstName: name } });
		await receiver.waitFor(3);

		const listed = await client.checked(
			'GET',
			`/webhook-endpoints/${endpoint.id}/deliveries`,
			'/webhook-endpoints/{id}/deliveries',
		);
		expect(listed.body.data).toHaveLength(3);
		expect(
			listed.body.data.every((d: { endpointId: number }) => d.endpointId === endpoint.id),
		).toBe(true);
		const ids = listed.body.data.map((d: { id: number }) => d.id);
		expect([...ids].sort((a, b) => b - a)).toEqual(ids);
		expect(listed.body.meta.pagination).toBeUndefined();
		expect(
			(
				await client.checked(
					'GET',
					`/webhook-endpoints/${other.id}/deliveries`,
					'/webhook-endpoints/{id}/deliveries',
				)
			).body.data,
		).toEqual([]);

		await client.call('DELETE', `/webhook-endpoints/${endpoint.id}`);
		expect(
			(
				await client.checked(
					'GET',
					`/webhook-endpoints/${endpoint.id}/deliveries`,
					'/webhook-endpoints/{id}/deliveries',
				)
			).status,
		).toBe(404);
	});

	(openapi ? it : it.skip)(
		'answers endpoints and deliveries with exactly the fields openapi.json documents',
		async () => {
			const endpoint = await createEndpoint(client, {
				url: receiver.url,
				eventTypes: ['contact.created'],
			});
			await client.call('POST', '/contacts', { body: { type: 'customer', firstName: 'Ann' } });
			await receiver.waitFor(1);
			const schemas = openapi.components.schemas;
			const fields = (schema: { properties: object }) => Object.keys(schema.properties).sort();

			const got = await client.checked(
				'GET',
				`/webhook-endpoints/${endpoint.id}`,
				'/webhook-endpoints/{id}',
			);
			expect(Object.keys(got.body.data).sort()).toEqual(fields(schemas.WebhookEndpoint));
			const [delivery] = (await client.checked('GET', '/webhook-deliveries', '/webhook-deliveries'))
				.body.data;
			expect(Object.keys(delivery).sort()).toEqual(fields(schemas.WebhookDeliveryFull));
			const [recent] = (
				await client.checked(
					'GET',
					`/webhook-endpoints/${endpoint.id}/deliveries`,
					'/webhook-endpoints/{id}/deliveries',
				)
			).body.data;
			expect(Object.keys(recent).sort()).toEqual(fields(schemas.WebhookDelivery));
		},
	);

	it('stops pending retries when the endpoint is deleted', async () => {
		await sandbox.close();
		({ sandbox, client } = await withSandbox({
			rateLimit: { enabled: false },
			webhooks: { retryDelaysMs: [150, 150] },
		}));
		receiver.responder = () => ({ status: 500 });
		const endpoint = await createEndpoint(client, {
			url: receiver.url,
			eventTypes: ['contact.created'],
		});
		await client.call('POST', '/contacts', { body: { type: 'customer', firstName: 'Ann' } });
		await receiver.waitFor(1);
		await client.call('DELETE', `/webhook-endpoints/${endpoint.id}`);
		await sleep(400);
		expect(receiver.received).toHaveLength(1);
		expect(sandbox.deliveries()[0].state).toBe('failed');
	});

	it('close() cancels scheduled retries', async () => {
		await sandbox.close();
		({ sandbox, client } = await withSandbox({
			rateLimit: { enabled: false },
			webhooks: { retryDelaysMs: [100, 100] },
		}));
		receiver.responder = () => ({ status: 500 });
		await createEndpoint(client, { url: receiver.url, eventTypes: ['contact.created'] });
		await client.call('POST', '/contacts', { body: { type: 'customer', firstName: 'Ann' } });
		await receiver.waitFor(1);
		await sandbox.close();
		await sleep(300);
		expect(receiver.received).toHaveLength(1);
	});
});

describe('sandbox hand-made deliveries (for trigger tests)', () => {
	let sandbox: Sandbox;
	let receiver: Receiver;
	const secret = 'whsec_trigger_test_secret';
	beforeAll(async () => {
		({ sandbox, receiver } = await setup());
	});
	afterAll(async () => {
		await sandbox.close();
		await receiver.close();
	});

	it.each([
		['valid', true],
		['bad', false],
		['stale', false],
		['future', false],
		['malformed', false],
		['none', false],
	] as const)('signature %s → verifies: %s', async (signature, valid) => {
		receiver.received.length = 0;
		const result = await sandbox.sendDelivery({ url: receiver.url, secret, signature });
		expect(result).toEqual({ status: 200, body: 'status 200' });
		const [delivery] = receiver.received;
		const header = delivery.headers['buildworkpro-signature'] as string | undefined;
		if (signature === 'none') expect(header).toBeUndefined();
		expect(verifySignature(header, delivery.rawBody, secret)).toBe(valid);
		if (signature === 'stale' || signature === 'future') {
			// Correctly signed, only the timestamp is out of the 300 s tolerance.
			const t = Number(/t=(\d+)/.exec(header!)![1]);
			expect(verifySignature(header, delivery.rawBody, secret, t)).toBe(true);
		}
		expect(delivery.body).toMatchObject({
			id: expect.stringMatching(/^evt_/),
			type: 'contact.created',
			data: expect.any(Object),
		});
	});

	it('sends a custom event, a raw body and an alternative header name', async () => {
		receiver.received.length = 0;
		receiver.responder = () => ({ status: 401, body: 'nope' });
		const event = {
			id: 'evt_custom',
			type: 'contact.deleted',
			created_at: new Date().toISOString(),
			tenant_id: 1,
			data: { id: 9 },
		};
		expect(
			await sandbox.sendDelivery({ url: receiver.url, secret, event, headerName: 'Bwp-Signature' }),
		).toEqual({ status: 401, body: 'nope' });
		await sandbox.sendDelivery({ url: receiver.url, secret, rawBody: '{"not":"an event"' });
		const [custom, raw] = receiver.received;
		expect(custom.body).toEqual(event);
		expect(custom.headers['buildworkpro-signature']).toBeUndefined();
		expect(custom.headers['buildworkpro-event']).toBe('contact.deleted');
		expect(verifySignature(custom.headers['bwp-signature'] as string, custom.rawBody, secret)).toBe(
			true,
		);
		expect(raw.rawBody).toBe('{"not":"an event"');
		expect(
			verifySignature(raw.headers['buildworkpro-signature'] as string, raw.rawBody, secret),
		).toBe(true);
		receiver.responder = () => ({ status: 200 });
	});

	it('is also available over HTTP at POST /__sandbox/deliver', async () => {
		receiver.received.length = 0;
		const res = await fetch(`${sandbox.url}/__sandbox/deliver`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ url: receiver.url, secret, signature: 'valid' }),
		});
		expect(await res.json()).toEqual({ status: 200, body: 'status 200' });
		expect(
			verifySignature(
				receiver.received[0].headers['buildworkpro-signature'] as string,
				receiver.received[0].rawBody,
				secret,
			),
		).toBe(true);
	});
});

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await sleep(10);
	}
}
