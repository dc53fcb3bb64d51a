/**
 * Webhook deliveries: listing them across endpoints (cursor pages, filters), reading one and
 * replaying it, through n8n-core's engine against the sandbox and a local receiver.
 */
import { Receiver } from '../sandbox/receiver';
import { apiRequests, runResource, sandboxApi, useSandbox } from './support';

// Failed deliveries are not retried, so a delivery is settled after one attempt.
const env = useSandbox({ webhooks: { retryDelaysMs: [] } });
const api = sandboxApi(env);
let receiver: Receiver;

beforeAll(async () => {
	receiver = await new Receiver().start();
});
afterAll(async () => {
	await receiver.close();
});
beforeEach(() => {
	env.sandbox.reset();
	receiver.received.length = 0;
	receiver.responder = () => ({ status: 200 });
});

const listPages = () =>
	apiRequests(env.sandbox, 'GET').filter((entry) => entry.path === '/api/v1/webhook-deliveries');

async function waitUntilSettled() {
	const deadline = Date.now() + 5_000;
	while (env.sandbox.deliveries().some((delivery) => delivery.state === 'pending')) {
		if (Date.now() > deadline) throw new Error('deliveries still pending');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

async function endpointAtReceiver(eventTypes: string[]): Promise<number> {
	return (
		(await api('POST', '/webhook-endpoints', { url: receiver.url, eventTypes })) as { id: number }
	).id;
}

/** Waits until the receiver has had `count` deliveries and none is pending; clears the request log. */
async function delivered(count: number) {
	await receiver.waitFor(count);
	await waitUntilSettled();
	env.sandbox.clearRequestLog();
}

/** One endpoint at the receiver and `count` contacts created: one delivery each, all settled. */
async function deliveries(count: number): Promise<{ endpointId: number }> {
	const endpointId = await endpointAtReceiver(['contact.created']);
	for (let i = 0; i < count; i++)
		await api('POST', '/contacts', { type: 'customer', firstName: `Contact ${i + 1}` });
	await delivered(count);
	return { endpointId };
}

describe('Webhook Delivery: Get Many', () => {
	it('Return All follows the cursor over several pages, one item per delivery', async () => {
		await deliveries(105);

		const all = await runResource(env.sandbox, 'webhookDelivery', {
			operation: 'getAll',
			returnAll: true,
		});

		expect(all.error).toBeUndefined();
		expect(new Set(all.json.map((delivery) => delivery.id)).size).toBe(105);
		expect(all.json[0]).toEqual(
			expect.objectContaining({
				status: 'succeeded',
				attemptCount: 1,
				responseStatus: 200,
				eventId: expect.stringMatching(/^evt_/),
			}),
		);
		expect(listPages().map((page) => page.query.limit)).toEqual(['100', '100']);
	});

	it('Limit asks for no more than it needs', async () => {
		await deliveries(8);

		const some = await runResource(env.sandbox, 'webhookDelivery', {
			operation: 'getAll',
			returnAll: false,
			limit: 3,
		});

		expect(some.json).toHaveLength(3);
		expect(listPages().map((page) => page.query)).toEqual([{ limit: '3' }]);
	});

	it('filters by status, webhook endpoint ID and event type', async () => {
		receiver.responder = (delivery) => ({
			status: delivery.body.data.firstName === 'Contact 2' ? 410 : 200,
		});
		const first = await endpointAtReceiver(['contact.created']);
		const second = await endpointAtReceiver(['contact.created', 'contact.deleted']);
		const contacts: Array<{ id: number }> = [];
		for (const firstName of ['Contact 1', 'Contact 2', 'Contact 3'])
			contacts.push(await api('POST', '/contacts', { type: 'customer', firstName }));
		await api('DELETE', `/contacts/${contacts[0].id}`);
		await delivered(7);

		const failed = await runResource(env.sandbox, 'webhookDelivery', {
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'failed', endpointId: first, eventType: 'contact.created' },
		});

		expect(failed.error).toBeUndefined();
		expect(failed.json).toEqual([
			expect.objectContaining({ endpointId: first, status: 'failed', responseStatus: 410 }),
		]);
		expect(listPages()[0].query).toEqual({
			limit: '100',
			status: 'failed',
			endpointId: String(first),
			eventType: 'contact.created',
		});

		const deletions = await runResource(env.sandbox, 'webhookDelivery', {
			operation: 'getAll',
			returnAll: true,
			filters: { endpointId: second, eventType: 'contact.deleted' },
		});
		expect(deletions.json).toEqual([
			expect.objectContaining({ endpointId: second, status: 'succeeded' }),
		]);
	});
});

describe('Webhook Delivery: Get and Replay', () => {
	it("Get outputs one delivery with the receiver's answer", async () => {
		receiver.responder = () => ({ status: 503, body: 'receiver down for maintenance' });
		await deliveries(1);
		const [stored] = env.sandbox.deliveries();

		const result = await runResource(env.sandbox, 'webhookDelivery', {
			operation: 'get',
			webhookDeliveryId: String(stored.id),
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: stored.id,
				eventId: stored.eventId,
				status: 'exhausted',
				responseStatus: 503,
				responseBody: 'receiver down for maintenance',
			}),
		]);
	});

	it('Get of a delivery that does not exist shows the 404', async () => {
		const result = await runResource(env.sandbox, 'webhookDelivery', {
			operation: 'get',
			webhookDeliveryId: '424242',
		});

		expect(result.error?.description).toContain('HTTP status: 404');
	});

	it('Replay sends a failed delivery again with the same event ID and outputs it pending', async () => {
		receiver.responder = () => ({ status: 500 });
		await deliveries(1);
		const [stored] = env.sandbox.deliveries();
		receiver.responder = () => ({ status: 200 });

		const result = await runResource(env.sandbox, 'webhookDelivery', {
			operation: 'replay',
			webhookDeliveryId: String(stored.id),
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: stored.id,
				status: 'pending',
				attemptCount: 0,
				responseStatus: null,
			}),
		]);
		expect(apiRequests(env.sandbox, 'POST').map((entry) => entry.path)).toEqual([
			`/api/v1/webhook-deliveries/${stored.id}/replay`,
		]);
		const [first, again] = await receiver.waitFor(2);
		expect(again.body.id).toBe(first.body.id);
	});

	it('Replay of a delivery whose endpoint was deleted is refused with the 409 explained', async () => {
		const { endpointId } = await deliveries(1);
		const [stored] = env.sandbox.deliveries();
		await api('DELETE', `/webhook-endpoints/${endpointId}`);

		const result = await runResource(env.sandbox, 'webhookDelivery', {
			operation: 'replay',
			webhookDeliveryId: String(stored.id),
		});

		expect(result.error?.message).toMatch(/endpoint of this delivery has been deleted/);
		expect(result.error?.description).toContain('HTTP status: 409');
	});
});
