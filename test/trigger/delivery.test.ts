/**
 * Deliveries end to end: the sandbox changes a contact and POSTs the signed event over real
 * HTTP to the trigger harness, which runs the node's webhook() through n8n-core's
 * WebhookContext and starts an execution. Forged, stale and unsigned deliveries must be
 * answered 401 and start nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import { BuildWorkProTrigger } from '../../nodes/BuildWorkProTrigger/BuildWorkProTrigger.node';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { TriggerHarness } from '../harness';
import { api, contactEvent, signedDelivery, storedSecret, triggerFor } from './helpers';

let sandbox: Sandbox;
let trigger: TriggerHarness;
let listener: { url: string; close(): Promise<void> } | undefined;
let secret: string;

async function publish(parameters: IDataObject = {}): Promise<void> {
	// No webhookUrl: the harness serves the node's production URL on a loopback port.
	trigger = triggerFor(sandbox, { webhookUrl: undefined, parameters });
	listener = await trigger.listen();
	await trigger.activate();
	secret = storedSecret(trigger.staticData, trigger.webhookUrl);
}

async function createContact(body: IDataObject): Promise<IDataObject> {
	const created = await api(sandbox, 'POST', '/contacts', body);
	expect(created.status).toBe(201);
	return created.body.data as IDataObject;
}

beforeAll(async () => {
	sandbox = await startSandbox({ testControls: true });
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => sandbox.reset());

afterEach(async () => {
	await listener?.close();
	listener = undefined;
});

/** Polls until `probe` returns something (the sandbox records delivery attempts asynchronously). */
async function eventually<T>(probe: () => T | undefined, timeoutMs = 5_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/** The URL BuildWorkPro delivers to in these tests (the harness's loopback server). */
const deliveryUrl = () => listener!.url;

describe('deliveries from BuildWorkPro reach the workflow with the documented data', () => {
	beforeEach(async () => publish());

	it('a created contact starts one execution carrying the whole event', async () => {
		const contact = await createContact({
			type: 'customer',
			firstName: 'Maria',
			lastName: 'Garcia',
			email: 'maria@example.com',
		});

		const [delivery] = await trigger.waitForDeliveries(1);
		expect(delivery).toMatchObject({ status: 200, started: true });
		expect(delivery.items).toHaveLength(1);
		const event = delivery.items[0].json;
		expect(event).toEqual({
			id: expect.stringMatching(/^evt_/),
			type: 'contact.created',
			created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			tenant_id: 1,
			data: expect.objectContaining({
				id: contact.id,
				firstName: 'Maria',
				lastName: 'Garcia',
				email: 'maria@example.com',
				type: 'customer',
			}),
		});
		// The same id BuildWorkPro announced in its headers: the dedupe key for retries.
		expect(delivery.request.headers['buildworkpro-event-id']).toBe(event.id);
	});

	it('an updated contact carries the new record and previous_attributes with the old values', async () => {
		const contact = await createContact({
			type: 'customer',
			firstName: 'Maria',
			lastName: 'Garcia',
		});
		await trigger.waitForDeliveries(1);
		const updated = await api(sandbox, 'PATCH', `/contacts/${contact.id}`, {
			firstName: 'Mariana',
		});
		expect(updated.status).toBe(200);

		const [, delivery] = await trigger.waitForDeliveries(2);
		expect(delivery.started).toBe(true);
		expect(delivery.items[0].json).toMatchObject({
			type: 'contact.updated',
			data: { id: contact.id, firstName: 'Mariana', lastName: 'Garcia' },
			previous_attributes: { firstName: 'Maria' },
		});
	});

	it('a deleted contact starts an execution with the deleted record', async () => {
		const contact = await createContact({ type: 'vendor', companyName: 'Summit Concrete LLC' });
		await trigger.waitForDeliveries(1);
		expect((await api(sandbox, 'DELETE', `/contacts/${contact.id}`)).status).toBe(204);

		const [, delivery] = await trigger.waitForDeliveries(2);
		expect(delivery.started).toBe(true);
		expect(delivery.items[0].json).toMatchObject({
			type: 'contact.deleted',
			data: { id: contact.id },
		});
	});

	it('BuildWorkPro records the delivery as succeeded', async () => {
		await createContact({ type: 'customer', firstName: 'Ada' });
		await trigger.waitForDeliveries(1);
		// The sandbox records the attempt once our answer has reached it.
		const attempts = await eventually(() => {
			const recorded = sandbox.deliveries()[0]?.attempts ?? [];
			return recorded.length > 0 ? recorded : undefined;
		});
		expect(attempts.map((attempt) => attempt.status)).toEqual([200]);
	});
});

describe('"Record Only" output', () => {
	it('gives the contact itself with eventType and eventId alongside', async () => {
		await publish({ output: 'record' });
		const contact = await createContact({ type: 'architect', firstName: 'Lina', lastName: 'Bo' });

		const [delivery] = await trigger.waitForDeliveries(1);
		expect(delivery.items[0].json).toEqual({
			...contact,
			eventType: 'contact.created',
			eventId: expect.stringMatching(/^evt_/),
		});
	});
});

describe('deliveries that must not start the workflow', () => {
	beforeEach(async () => publish());

	it.each([
		['a wrong signature', 'bad'],
		['a signature 10 minutes old', 'stale'],
		['a signature 10 minutes in the future', 'future'],
		['no signature header', 'none'],
		['a malformed signature header', 'malformed'],
	] as const)('a delivery with %s is answered 401 and starts nothing', async (_case, signature) => {
		const answer = await sandbox.sendDelivery({ url: deliveryUrl(), secret, signature });
		expect(answer.status).toBe(401);
		expect(trigger.deliveries).toHaveLength(1);
		expect(trigger.deliveries[0]).toMatchObject({ status: 401, started: false, items: [] });
	});

	it("a well-formed delivery signed with someone else's secret is answered 401", async () => {
		const answer = await sandbox.sendDelivery({
			url: deliveryUrl(),
			secret: 'whsec_attacker_guess',
			signature: 'valid',
		});
		expect(answer.status).toBe(401);
		expect(trigger.deliveries[0].started).toBe(false);
	});

	it('a body changed after signing is answered 401', async () => {
		const genuine = signedDelivery(
			secret,
			contactEvent('contact.created', { id: 7, email: 'ap@summit.example.com' }),
		);
		const tampered = genuine.rawBody.replace('ap@summit.example.com', 'ap@attacker.example.com');
		const result = await trigger.receive({ headers: genuine.headers, rawBody: tampered });
		expect(result).toMatchObject({ status: 401, started: false });
	});

	it('an event type the node does not listen to is acknowledged with 200 and starts nothing', async () => {
		const bidEvent = { ...contactEvent('bid.accepted'), data: { id: 3, status: 'accepted' } };
		const answer = await sandbox.sendDelivery({ url: deliveryUrl(), secret, event: bidEvent });
		expect(answer.status).toBe(200);
		expect(trigger.deliveries[0]).toMatchObject({ status: 200, started: false });
	});

	it('a valid delivery under the Bwp-Signature header name is accepted', async () => {
		const answer = await sandbox.sendDelivery({
			url: deliveryUrl(),
			secret,
			headerName: 'Bwp-Signature',
		});
		expect(answer.status).toBe(200);
		expect(trigger.deliveries[0].started).toBe(true);
	});

	it('after the workflow was unpublished, even a once-valid secret no longer starts anything', async () => {
		await trigger.deactivate();
		const answer = await sandbox.sendDelivery({ url: deliveryUrl(), secret });
		expect(answer.status).toBe(401);
		expect(trigger.deliveries[0].started).toBe(false);
	});
});

describe('after the static data was lost', () => {
	it("the adopted endpoint's deliveries verify with the rotated secret", async () => {
		await publish();
		trigger.staticData = {};
		await trigger.activate('init');

		await createContact({ type: 'customer', firstName: 'Grace' });
		const [delivery] = await trigger.waitForDeliveries(1);
		expect(delivery).toMatchObject({ status: 200, started: true });
	});
});

describe('without the raw request body', () => {
	it('refuses the delivery (fails closed) instead of verifying re-serialised JSON', async () => {
		const event = contactEvent();
		const { headers } = signedDelivery('whsec_known', event);
		const written: { status?: number; body?: string } = {};
		const context = {
			getRequestObject: () => ({ headers, body: event, readable: false, _body: true }),
			getResponseObject: () => ({
				writeHead: (status: number) => (written.status = status),
				end: (body: string) => (written.body = body),
			}),
			getHeaderData: () => headers,
			getWorkflowStaticData: () => ({ endpoints: { url: { signingSecret: 'whsec_known' } } }),
			getNodeParameter: () => ['contact.created'],
			logger: { warn: () => undefined },
		};
		const result = await new BuildWorkProTrigger().webhook.call(context as never);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(written.status).toBe(401);
	});
});
