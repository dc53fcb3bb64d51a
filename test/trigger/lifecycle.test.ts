/**
 * The trigger's webhook lifecycle as n8n drives it (publish, restart, unpublish), through
 * n8n-core's hook contexts against the sandbox. The rule under test: whatever happened in
 * between, BuildWorkPro ends up with exactly one endpoint for a published trigger and none
 * for an unpublished one, and the node holds that endpoint's signing secret.
 */
import { forgetRateLimitState } from '../../nodes/shared/transport/rateLimit';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createTriggerHarness } from '../harness';
import {
	CONTACT_EVENTS,
	PRODUCTION_URL,
	TEST_URL,
	api,
	contactEvent,
	liveEndpoints,
	persisted,
	signedDelivery,
	storedEndpointId,
	storedSecret,
	triggerFor,
} from './helpers';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ testControls: true });
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => {
	// Also empties the rate-limit buckets, so each test has the key's full minute budget.
	sandbox.reset();
});

const endpointRequests = (method: string) =>
	sandbox
		.requestLog()
		.filter(
			(entry) => entry.method === method && entry.path.startsWith('/api/v1/webhook-endpoints'),
		);

describe('publishing the workflow', () => {
	it('registers one endpoint with the production URL, the selected events and a description naming the workflow', async () => {
		const trigger = triggerFor(sandbox);
		await trigger.activate();

		const endpoints = liveEndpoints(sandbox);
		expect(endpoints).toHaveLength(1);
		expect(endpoints[0]).toMatchObject({ url: PRODUCTION_URL, isActive: true });
		expect([...endpoints[0].eventTypes].sort()).toEqual([...CONTACT_EVENTS].sort());
		expect(endpoints[0].description).toContain('Sync new contacts to accounting');
		expect(storedEndpointId(trigger.staticData, PRODUCTION_URL)).toBe(endpoints[0].id);
	});

	it('keeps the signing secret BuildWorkPro returned, so a delivery signed with it starts the workflow', async () => {
		const trigger = triggerFor(sandbox);
		await trigger.activate();

		const create = endpointRequests('POST').find(
			(entry) => entry.path === '/api/v1/webhook-endpoints',
		);
		expect(create?.status).toBe(201);
		const secret = storedSecret(trigger.staticData, PRODUCTION_URL);
		expect(secret).toMatch(/\S{16,}/);
		const result = await trigger.receive(signedDelivery(secret, contactEvent()));
		expect(result).toMatchObject({ status: 200, started: true });
	});

	it('sends an Idempotency-Key with the registration, as every write should', async () => {
		await triggerFor(sandbox).activate();
		const create = endpointRequests('POST')[0];
		expect(create.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
	});
});

describe('n8n asking whether the endpoint still exists', () => {
	it('after a restart with intact static data: yes, and nothing is created', async () => {
		const published = triggerFor(sandbox);
		await published.activate();
		const [endpoint] = liveEndpoints(sandbox);

		const restarted = triggerFor(sandbox, { staticData: persisted(published.staticData) });
		sandbox.clearRequestLog();
		await restarted.activate('init');

		expect(endpointRequests('POST')).toHaveLength(0);
		expect(endpointRequests('DELETE')).toHaveLength(0);
		expect(liveEndpoints(sandbox).map((e) => e.id)).toEqual([endpoint.id]);
	});

	it('after someone deleted the endpoint in BuildWorkPro: no, and publishing registers exactly one new one', async () => {
		const trigger = triggerFor(sandbox);
		await trigger.activate();
		const [first] = liveEndpoints(sandbox);
		expect((await api(sandbox, 'DELETE', `/webhook-endpoints/${first.id}`)).status).toBe(204);

		expect(await trigger.checkExists()).toBe(false);
		await trigger.activate();

		const endpoints = liveEndpoints(sandbox);
		expect(endpoints).toHaveLength(1);
		expect(endpoints[0].id).not.toBe(first.id);
		expect(storedEndpointId(trigger.staticData, PRODUCTION_URL)).toBe(endpoints[0].id);
	});

	it('after BuildWorkPro disabled the endpoint: no; the disabled one is removed and one active endpoint remains', async () => {
		const trigger = triggerFor(sandbox);
		await trigger.activate();
		const [first] = liveEndpoints(sandbox);
		// What BuildWorkPro does after 20 failed deliveries; the API lets us do the same.
		expect(
			(await api(sandbox, 'PATCH', `/webhook-endpoints/${first.id}`, { isActive: false })).status,
		).toBe(200);

		expect(await trigger.checkExists()).toBe(false);
		expect(liveEndpoints(sandbox)).toHaveLength(0);
		await trigger.create();

		const endpoints = liveEndpoints(sandbox);
		expect(endpoints).toHaveLength(1);
		expect(endpoints[0]).toMatchObject({ isActive: true, url: PRODUCTION_URL });
	});

	it('after the selected events changed: no; the old subscription is replaced by one with the new events', async () => {
		const contacts = triggerFor(sandbox);
		await contacts.activate();

		const bids = triggerFor(sandbox, {
			parameters: { events: ['bid.accepted', 'bid.rejected'] },
			staticData: persisted(contacts.staticData),
		});
		await bids.activate();

		const endpoints = liveEndpoints(sandbox);
		expect(endpoints).toHaveLength(1);
		expect([...endpoints[0].eventTypes].sort()).toEqual(['bid.accepted', 'bid.rejected']);
	});

	it('compares events regardless of their order', async () => {
		const trigger = triggerFor(sandbox);
		await trigger.activate();
		const reordered = triggerFor(sandbox, {
			parameters: { events: [...CONTACT_EVENTS].reverse() },
			staticData: persisted(trigger.staticData),
		});
		expect(await reordered.checkExists()).toBe(true);
	});

	it('after the static data was lost: finds its endpoint by URL and adopts it with a rotated secret, creating none', async () => {
		const trigger = triggerFor(sandbox);
		await trigger.activate();
		const [endpoint] = liveEndpoints(sandbox);
		const oldSecret = storedSecret(trigger.staticData, PRODUCTION_URL);

		trigger.staticData = {};
		sandbox.clearRequestLog();
		await trigger.activate('init');

		expect(endpointRequests('POST').map((entry) => entry.path)).toEqual([
			`/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`,
		]);
		expect(liveEndpoints(sandbox).map((e) => e.id)).toEqual([endpoint.id]);
		const newSecret = storedSecret(trigger.staticData, PRODUCTION_URL);
		expect(newSecret).not.toBe(oldSecret);
		expect((await trigger.receive(signedDelivery(newSecret, contactEvent()))).started).toBe(true);
	});

	it('after the static data was lost and the events changed meanwhile: replaces the endpoint, leaving exactly one', async () => {
		const trigger = triggerFor(sandbox);
		await trigger.activate();

		const changed = triggerFor(sandbox, {
			parameters: { events: ['project.status_changed'] },
			staticData: {},
		});
		await changed.activate();

		const endpoints = liveEndpoints(sandbox);
		expect(endpoints).toHaveLength(1);
		expect(endpoints[0].eventTypes).toEqual(['project.status_changed']);
	});

	it('while BuildWorkPro is unavailable: fails the activation without deleting or creating anything', async () => {
		const trigger = triggerFor(sandbox);
		await trigger.activate();
		const [endpoint] = liveEndpoints(sandbox);

		sandbox.injectFault({
			kind: 'unavailable',
			method: 'GET',
			path: '/webhook-endpoints/*',
			count: 3,
			retryAfter: 0,
		});
		await expect(trigger.activate('init')).rejects.toThrow(/503/);
		expect(liveEndpoints(sandbox).map((e) => e.id)).toEqual([endpoint.id]);
		expect(storedEndpointId(trigger.staticData, PRODUCTION_URL)).toBe(endpoint.id);

		// n8n retries the activation later; by then the endpoint is simply still there.
		sandbox.clearRequestLog();
		await trigger.activate('init');
		expect(endpointRequests('POST')).toHaveLength(0);
		expect(liveEndpoints(sandbox).map((e) => e.id)).toEqual([endpoint.id]);
	});

	it('removes duplicates registered at its URL (e.g. by an earlier crash), keeping its own endpoint', async () => {
		const trigger = triggerFor(sandbox);
		await trigger.activate();
		const [own] = liveEndpoints(sandbox);
		const duplicate = await api(sandbox, 'POST', '/webhook-endpoints', {
			url: PRODUCTION_URL,
			eventTypes: CONTACT_EVENTS,
		});
		expect(duplicate.status).toBe(201);

		expect(await trigger.checkExists()).toBe(true);
		expect(liveEndpoints(sandbox).map((e) => e.id)).toEqual([own.id]);
	});

	it('leaves endpoints of other URLs alone', async () => {
		const foreign = await api(sandbox, 'POST', '/webhook-endpoints', {
			url: 'https://crm.example.com/hooks/buildworkpro',
			eventTypes: ['contact.created'],
		});
		const trigger = triggerFor(sandbox);
		await trigger.activate();
		trigger.staticData = {};
		await trigger.activate();
		await trigger.deactivate();

		expect(liveEndpoints(sandbox).map((e) => e.id)).toEqual([
			(foreign.body.data as { id: number }).id,
		]);
	});
});

describe('unpublishing the workflow', () => {
	it('deletes the endpoint and forgets its secret', async () => {
		const trigger = triggerFor(sandbox);
		await trigger.activate();

		expect(await trigger.deactivate()).toBe(true);
		expect(liveEndpoints(sandbox)).toHaveLength(0);
		expect(storedEndpointId(trigger.staticData, PRODUCTION_URL)).toBeUndefined();
	});

	it('succeeds when the endpoint was already deleted in BuildWorkPro (404 means gone)', async () => {
		const trigger = triggerFor(sandbox);
		await trigger.activate();
		const [endpoint] = liveEndpoints(sandbox);
		await api(sandbox, 'DELETE', `/webhook-endpoints/${endpoint.id}`);

		await expect(trigger.deactivate()).resolves.toBe(true);
		expect(endpointRequests('DELETE').at(-1)?.status).toBe(404);
		expect(storedEndpointId(trigger.staticData, PRODUCTION_URL)).toBeUndefined();
	});

	it('still removes its endpoint when the static data was lost', async () => {
		const trigger = triggerFor(sandbox);
		await trigger.activate();
		trigger.staticData = {};

		await trigger.deactivate();
		expect(liveEndpoints(sandbox)).toHaveLength(0);
	});
});

describe('no orphans in any sequence', () => {
	it('publish → unpublish → publish leaves exactly one endpoint', async () => {
		const trigger = triggerFor(sandbox);
		await trigger.activate();
		await trigger.deactivate();
		expect(liveEndpoints(sandbox)).toHaveLength(0);
		await trigger.activate();

		expect(liveEndpoints(sandbox)).toHaveLength(1);
		expect(await trigger.checkExists()).toBe(true);
	});

	it('publishing twice in a row (n8n re-activating) leaves exactly one endpoint', async () => {
		const trigger = triggerFor(sandbox);
		await trigger.activate();
		await trigger.activate();
		await trigger.activate('init');
		expect(liveEndpoints(sandbox)).toHaveLength(1);
	});

	it('the test URL and the production URL each get their own endpoint and never clean up each other', async () => {
		const production = triggerFor(sandbox);
		await production.activate();
		// n8n's "Listen for test event" runs the same node with its test URL and the same static data.
		const testListener = triggerFor(sandbox, {
			webhookUrl: TEST_URL,
			staticData: production.staticData,
		});
		await testListener.activate('manual');
		expect(
			liveEndpoints(sandbox)
				.map((e) => e.url)
				.sort(),
		).toEqual([PRODUCTION_URL, TEST_URL].sort());

		await testListener.deactivate();
		expect(liveEndpoints(sandbox).map((e) => e.url)).toEqual([PRODUCTION_URL]);
		expect(await production.checkExists()).toBe(true);
	});

	it('a registration whose response is lost is retried with the same Idempotency-Key: one endpoint, usable secret', async () => {
		const trigger = triggerFor(sandbox);
		sandbox.injectFault({ kind: 'commit-then-drop', method: 'POST', path: '/webhook-endpoints' });
		await trigger.activate();

		const creates = endpointRequests('POST').filter(
			(entry) => entry.path === '/api/v1/webhook-endpoints',
		);
		expect(creates.length).toBe(2);
		expect(creates[1].headers['idempotency-key']).toBe(creates[0].headers['idempotency-key']);
		expect(liveEndpoints(sandbox)).toHaveLength(1);
		const secret = storedSecret(trigger.staticData, PRODUCTION_URL);
		expect((await trigger.receive(signedDelivery(secret, contactEvent()))).started).toBe(true);
	});

	it('waits out a 429 on registration (Retry-After) instead of failing the publish', async () => {
		const trigger = triggerFor(sandbox);
		sandbox.injectFault({
			kind: 'rate-limited',
			method: 'POST',
			path: '/webhook-endpoints',
			retryAfter: 1,
		});
		await trigger.activate();
		expect(liveEndpoints(sandbox)).toHaveLength(1);
	});
});

describe('with OAuth2 authentication', () => {
	it('registers and unregisters through the OAuth2 credential and its base URL', async () => {
		const trigger = createTriggerHarness({
			parameters: { authentication: 'oAuth2', events: CONTACT_EVENTS },
			credentials: {
				buildWorkProOAuth2Api: {
					baseUrl: sandbox.baseUrl,
					clientId: 'n8n-client',
					clientSecret: '',
					// The sandbox accepts its keys as bearer tokens, which is all this test needs.
					oauthTokenData: { access_token: sandbox.keys.full, token_type: 'Bearer' },
				},
			},
			webhookUrl: PRODUCTION_URL,
		});
		await trigger.activate();
		expect(liveEndpoints(sandbox)).toHaveLength(1);
		const create = endpointRequests('POST')[0];
		expect(create).toMatchObject({
			status: 201,
			headers: { authorization: `Bearer …${sandbox.keys.full.slice(-4)}` },
		});

		await trigger.deactivate();
		expect(liveEndpoints(sandbox)).toHaveLength(0);
	});
});

describe('registration errors speak to the user', () => {
	it("a URL BuildWorkPro refuses (422) says it needs a public HTTPS address and names n8n's variable for it", async () => {
		const trigger = triggerFor(sandbox, { webhookUrl: 'localhost:5678/webhook/abc/webhook' });
		const error = await trigger.activate().then(
			() => undefined,
			(thrown: Error & { description?: string }) => thrown,
		);
		expect(error?.message).toMatch(/public HTTPS address/);
		// n8n 2.x reads N8N_WEBHOOK_URL (WEBHOOK_URL is its deprecated 1.x name, production URLs only)
		expect(error?.description).toMatch(
			/N8N_WEBHOOK_URL environment variable \(WEBHOOK_URL on n8n 1\.x\)/,
		);
		expect(liveEndpoints(sandbox)).toHaveLength(0);
	});

	it('a key without webhooks:manage (403) names the missing scope', async () => {
		const trigger = triggerFor(sandbox, { apiKey: sandbox.keys.readOnly });
		await expect(trigger.activate()).rejects.toThrow(/webhooks:manage/);
	});

	it('a rate limit that outlasts the retries says when to try again', async () => {
		const trigger = triggerFor(sandbox);
		sandbox.injectFault({
			kind: 'rate-limited',
			method: 'GET',
			path: '/webhook-endpoints',
			count: 3,
			retryAfter: 1,
		});
		await expect(trigger.activate()).rejects.toThrow(
			/rate limiting this API key: try publishing again in about 1 s/,
		);
		expect(liveEndpoints(sandbox)).toHaveLength(0);
	});

	it('a Retry-After longer than 10 s is not waited out: the publish fails at once, saying when to try again', async () => {
		const trigger = triggerFor(sandbox);
		sandbox.injectFault({
			kind: 'rate-limited',
			method: 'POST',
			path: '/webhook-endpoints',
			retryAfter: 60,
		});
		const started = Date.now();
		await expect(trigger.activate()).rejects.toThrow(/try publishing again in about 60 s/);
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(endpointRequests('POST')).toHaveLength(1);
		// The 429 paused every request on this credential for a minute; the next test starts afresh.
		forgetRateLimitState();
	});

	it('a rejected key (401) says so without ever showing the key', async () => {
		const badKey = 'bwp_test_not_a_real_key_123456';
		const trigger = triggerFor(sandbox, { apiKey: badKey });
		const error = await trigger.activate().then(
			() => undefined,
			(thrown: Error & { description?: string }) => thrown,
		);
		expect(error?.message).toMatch(/rejected the credential/);
		expect(
			JSON.stringify({ message: error?.message, description: error?.description }),
		).not.toContain(badKey);
	});
});
