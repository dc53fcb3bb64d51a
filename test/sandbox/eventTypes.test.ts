/**
 * Every documented webhook event type is sent by the action that causes it, with the documented
 * envelope: the event id, type, created_at, tenant_id, the record as the API answers it and, for
 * changes, previous_attributes with the changed fields' old values. The causes are shared with the
 * trigger's spec (eventCauses.ts); the web-app and scheduler controls that stand in for the five
 * events no API operation causes are checked here too.
 */
import { EVENT_TYPES, type Sandbox } from '../../sandbox';
import {
	EVENT_CAUSES,
	causeEvent,
	changedFields,
	controlsOf,
	isChange,
	type CauseContext,
} from './eventCauses';
import { openapi, withSandbox, type Client } from './helpers';
import { Receiver, verifySignature } from './receiver';
import { created, okData } from './resourceHelpers';

let sandbox: Sandbox;
let client: Client;
let receiver: Receiver;
let ctx: CauseContext;

beforeAll(async () => {
	({ sandbox, client } = await withSandbox({ rateLimit: { enabled: false } }));
	receiver = await new Receiver().start();
	ctx = {
		call: (method, path, body) => client.call(method, path, { body }),
		control: controlsOf(sandbox),
	};
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(() => {
	sandbox.reset();
	receiver.received.length = 0;
});

/** An endpoint subscribed to every event type; answers its signing secret. */
async function subscribeToEverything(): Promise<string> {
	const endpoint = await created(client, '/webhook-endpoints', {
		url: receiver.url,
		eventTypes: [...EVENT_TYPES],
	});
	return endpoint.signingSecret;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const control = (path: string, body: unknown = {}): Promise<{ status: number; body: Json }> =>
	fetch(`${sandbox.url}/__sandbox${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	}).then(async (response) => ({ status: response.status, body: await response.json() }));

describe('the event types the sandbox sends', () => {
	it('has a cause for each of the 35 event types openapi.json lists, and no other', () => {
		const causes = EVENT_CAUSES.map((cause) => cause.type).sort();
		expect(causes).toEqual([...EVENT_TYPES].sort());
		expect(new Set(causes).size).toBe(35);
		if (openapi) {
			const documented =
				openapi.paths['/webhook-endpoints'].post.requestBody.content['application/json'].schema
					.properties.eventTypes.items.enum;
			expect(causes).toEqual([...documented].sort());
		}
	});
});

describe.each(EVENT_CAUSES)('$type', (cause) => {
	it(`is sent by ${cause.cause}, once, with the record and the documented envelope`, async () => {
		let secret = '';
		const caused = await causeEvent(cause, ctx, async () => {
			secret = await subscribeToEverything();
		});
		const expectedTypes = [cause.type, ...(cause.alsoSends ?? [])];

		// Deliveries are queued as the action answers: these are all the events it sent.
		expect(sandbox.deliveries().map((d) => d.eventType)).toEqual(
			expect.arrayContaining(expectedTypes),
		);
		expect(sandbox.deliveries()).toHaveLength(expectedTypes.length);

		const received = await receiver.waitFor(expectedTypes.length);
		const delivery = received.find((d) => d.body.type === cause.type)!;
		expect(delivery.body).toEqual({
			id: expect.stringMatching(/^evt_[0-9a-f]+$/),
			type: cause.type,
			created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			tenant_id: 1,
			data: caused.after,
			...(isChange(cause.type)
				? { previous_attributes: changedFields(caused.before, caused.after) }
				: {}),
		});
		expect(delivery.body.data.id).toBe(caused.id);
		if (isChange(cause.type))
			expect(Object.keys(delivery.body.previous_attributes).length).toBeGreaterThan(0);
		expect(delivery.headers['buildworkpro-event']).toBe(cause.type);
		expect(delivery.headers['buildworkpro-event-id']).toBe(delivery.body.id);
		expect(
			verifySignature(
				delivery.headers['buildworkpro-signature'] as string,
				delivery.rawBody,
				secret,
			),
		).toBe(true);
	});
});

describe('a project status change', () => {
	it('sends project.updated and project.status_changed: two events, one record, the same changes', async () => {
		const project = await created(client, '/projects', { name: 'Harbor View Condos' });
		await subscribeToEverything();
		await okData(client.call('PATCH', `/projects/${project.id}`, { body: { status: 'on_hold' } }));
		const [updated, statusChanged] = await receiver.waitFor(2);
		expect([updated.body.type, statusChanged.body.type]).toEqual([
			'project.updated',
			'project.status_changed',
		]);
		expect(updated.body.id).not.toBe(statusChanged.body.id);
		expect(statusChanged.body.data).toEqual(updated.body.data);
		expect(statusChanged.body.previous_attributes).toEqual({ status: 'planning' });
	});

	it('a project update that leaves the status alone sends project.updated only', async () => {
		const project = await created(client, '/projects', { name: 'Harbor View Condos' });
		await subscribeToEverything();
		await okData(client.call('PATCH', `/projects/${project.id}`, { body: { priority: 'high' } }));
		expect(sandbox.deliveries().map((d) => d.eventType)).toEqual(['project.updated']);
	});
});

describe('web-app changes (test controls standing in for the web app)', () => {
	it('a reopened bid gets back the status it was cancelled from, and the cancellation is cleared', async () => {
		const bid = await created(client, '/bids', { name: 'Deck rebuild' });
		await okData(client.call('POST', `/bids/${bid.id}/send`));
		const cancelled = await control(`/app/bids/${bid.id}/cancel`, {
			reason: 'Owner sold the house',
		});
		expect(cancelled.status).toBe(200);
		expect(cancelled.body.data).toMatchObject({
			status: 'cancelled',
			cancelReason: 'Owner sold the house',
			cancelledFromStatus: 'sent',
			cancelledAt: expect.any(String),
		});
		expect(await okData(client.call('GET', `/bids/${bid.id}`))).toEqual(cancelled.body.data);

		const reopened = sandbox.appAction('bids', bid.id, 'reopen');
		expect(reopened).toMatchObject({
			status: 'sent',
			cancelReason: null,
			cancelledFromStatus: null,
			cancelledAt: null,
		});
	});

	it.each([
		[
			'cancel an accepted bid (revert the acceptance first)',
			'bids',
			'cancel',
			/Bid \d+ is accepted/,
		],
		['reopen a bid that is not cancelled', 'bids', 'reopen', /only cancelled bids can be reopened/],
		['void a draft pay app (delete it instead)', 'pay-apps', 'void', /Pay app \d+ is draft/],
		['void a draft change order', 'change-orders', 'void', /Change order \d+ is draft/],
	])('refuses to %s with 409 and sends nothing', async (_case, family, action, detail) => {
		await subscribeToEverything();
		const project = await created(client, '/projects', { name: 'Harbor View Condos' });
		const record =
			family === 'bids'
				? await created(client, '/bids', { name: 'Deck rebuild' })
				: await created(client, `/${family}`, {
						projectId: project.id,
						title: 'Extra steel lintels',
						reason: 'design_change',
					});
		if (action === 'cancel')
			await okData(
				client.call('POST', `/bids/${record.id}/accept`, { body: { acceptedBy: 'Dana' } }),
			);
		const before = sandbox.deliveries().length;

		const answer = await control(`/app/${family}/${record.id}/${action}`);
		expect(answer.status).toBe(409);
		expect(answer.body.error).toMatch(detail);
		expect(sandbox.deliveries()).toHaveLength(before);
		expect(() => sandbox.appAction(family, record.id, action)).toThrow(detail);
	});

	it('answers 404 for an unknown record or action, naming the actions there are', async () => {
		expect((await control('/app/bids/999/cancel')).status).toBe(404);
		const unknown = await control('/app/bids/1/archive');
		expect(unknown.status).toBe(404);
		expect(unknown.body.error).toMatch(/bids: cancel, reopen/);
		expect(unknown.body.error).toMatch(/pay-apps: void/);
	});

	it("acts in the tenant given by ?tenantId (another tenant's record is not found)", async () => {
		const bid = await created(client, '/bids', { name: 'Deck rebuild' });
		expect((await control(`/app/bids/${bid.id}/cancel?tenantId=2`)).status).toBe(404);
		expect((await control(`/app/bids/${bid.id}/cancel?tenantId=1`)).status).toBe(200);
	});

	it('a voided change order no longer counts among the approved ones', async () => {
		const project = await created(client, '/projects', { name: 'Harbor View Condos' });
		const co = await created(client, '/change-orders', {
			projectId: project.id,
			title: 'Unforeseen rock excavation',
			reason: 'unforeseen_condition',
			totalAmount: '4200.00',
		});
		await okData(client.call('POST', `/change-orders/${co.id}/submit`));
		await okData(client.call('POST', `/change-orders/${co.id}/approve`));
		const approvedDelta = async () =>
			(await okData(client.call('GET', '/projects/summary'))).totals.approved_co_delta_total;
		expect(await approvedDelta()).toBe('4200.00');
		expect(sandbox.appAction('change-orders', co.id, 'void')).toMatchObject({ status: 'void' });
		expect(await approvedDelta()).toBe('0.00');
	});
});

describe("the scheduler's pass (bid expiry)", () => {
	const bidWith = async (validUntil: string | null, send: boolean) => {
		const bid = await created(client, '/bids', { name: 'Deck rebuild', validUntil });
		if (send) await okData(client.call('POST', `/bids/${bid.id}/send`));
		return bid.id as number;
	};

	it('expires only sent bids whose validUntil has passed, as of the given time', async () => {
		const past = new Date(Date.now() - 86_400_000).toISOString();
		const future = new Date(Date.now() + 86_400_000).toISOString();
		const due = await bidWith(past, true);
		await bidWith(future, true);
		await bidWith(null, true);
		await bidWith(past, false); // a draft was never offered: it does not expire
		await subscribeToEverything();

		const firstPass = await control('/scheduler/run');
		expect(firstPass.status).toBe(200);
		expect(firstPass.body.data).toEqual([
			{ type: 'bid.expired', record: expect.objectContaining({ id: due, status: 'expired' }) },
		]);
		expect(sandbox.deliveries().map((d) => d.eventType)).toEqual(['bid.expired']);

		// A pass two days on also expires the one valid until tomorrow; expired ones stay as they are.
		const later = sandbox.runScheduler(new Date(Date.now() + 2 * 86_400_000));
		expect(later.map((change) => change.record.validUntil)).toEqual([future]);
		expect(sandbox.deliveries()).toHaveLength(2);
	});

	it('refuses a time that is not a date-time', async () => {
		expect((await control('/scheduler/run', { now: 'tomorrow' })).status).toBe(400);
	});
});

describe('a restored record', () => {
	it('is announced as an update whose previous_attributes hold the deletion time', async () => {
		const product = await created(client, '/products', { name: 'Drywall sheet 4x8' });
		await client.call('DELETE', `/products/${product.id}`);
		await subscribeToEverything();
		const restored = await okData(client.call('POST', `/products/${product.id}/restore`));
		const [delivery] = await receiver.waitFor(1);
		expect(delivery.body).toMatchObject({
			type: 'product.updated',
			data: restored,
			previous_attributes: { deletedAt: expect.stringMatching(/^\d{4}-/) },
		});
	});
});
