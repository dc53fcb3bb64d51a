import type { Sandbox } from '../../sandbox';
import { DEFAULT_KEYS } from '../../sandbox';
import { withSandbox, newKey, type Client } from './helpers';
import { Receiver } from './receiver';
import * as make from './resourceHelpers';
import { LIMITED_KEYS, created, okData } from './resourceHelpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sandbox resource webhooks, idempotent actions and seeding', () => {
	let sandbox: Sandbox;
	let client: Client;
	let receiver: Receiver;
	beforeAll(async () => {
		({ sandbox, client } = await withSandbox({
			rateLimit: { enabled: false },
			keys: [...DEFAULT_KEYS, ...LIMITED_KEYS],
			webhooks: { retryDelaysMs: [40] },
		}));
		receiver = await new Receiver().start();
	});
	afterAll(async () => {
		await sandbox.close();
		await receiver.close();
	});
	beforeEach(() => {
		sandbox.reset();
		receiver.received.length = 0;
	});

	const subscribe = (eventTypes: string[]) =>
		created(client, '/webhook-endpoints', { url: receiver.url, eventTypes });

	it('bid.accepted carries the bid snapshot and previous_attributes', async () => {
		await subscribe(['bid.created', 'bid.accepted', 'bid.updated']);
		const b = await make.bid(client);
		await okData(
			client.call('POST', `/bids/${b.id}/accept`, { body: { acceptedBy: 'Maria Garcia' } }),
		);
		const [createdEvent, accepted] = await receiver.waitFor(2);
		expect(createdEvent.body).toMatchObject({
			type: 'bid.created',
			data: { id: b.id, status: 'draft' },
		});
		expect(accepted.body).toMatchObject({
			type: 'bid.accepted',
			tenant_id: 1,
			data: { id: b.id, status: 'accepted', acceptedBy: 'Maria Garcia' },
			previous_attributes: { status: 'draft', acceptedBy: null, acceptedAt: null },
		});
		expect(accepted.headers['buildworkpro-event']).toBe('bid.accepted');
		await sleep(100);
		expect(receiver.received).toHaveLength(2);
	});

	it('pay_app.approved (and submitted) are delivered; pay apps have no created event', async () => {
		await subscribe(['pay_app.submitted', 'pay_app.approved', 'pay_app.updated']);
		const p = await make.project(client);
		const pa = await created(client, '/pay-apps', { projectId: p.id, currentBilled: '1000' });
		await client.call('POST', `/pay-apps/${pa.id}/submit`);
		await client.call('POST', `/pay-apps/${pa.id}/approve`);
		const events = await receiver.waitFor(2);
		expect(events.map((e) => e.body.type)).toEqual(['pay_app.submitted', 'pay_app.approved']);
		expect(events[1].body).toMatchObject({
			data: { id: pa.id, status: 'approved' },
			previous_attributes: { status: 'submitted' },
		});
	});

	it('lead, project and change order mutations emit their documented events once each', async () => {
		await subscribe([
			'lead.created',
			'lead.updated',
			'lead.deleted',
			'project.created',
			'project.updated',
			'project.status_changed',
			'change_order.submitted',
		]);
		const [stage] = await okData(client.call('GET', '/lead-stages'));
		const lead = await created(client, '/leads', { name: 'Lead', stageId: stage.id });
		await client.call('PATCH', `/leads/${lead.id}`, { body: { probability: 40 } });
		await client.call('PATCH', `/leads/${lead.id}`, { body: { probability: 40 } }); // no change: no event
		await client.call('DELETE', `/leads/${lead.id}`);
		const p = await make.project(client);
		await client.call('PATCH', `/projects/${p.id}`, { body: { status: 'on_hold' } });
		const co = await created(client, '/change-orders', {
			projectId: p.id,
			title: 't',
			reason: 'r',
		});
		await client.call('POST', `/change-orders/${co.id}/submit`);
		const events = await receiver.waitFor(7);
		expect(events.map((e) => e.body.type)).toEqual([
			'lead.created',
			'lead.updated',
			'lead.deleted',
			'project.created',
			'project.updated',
			'project.status_changed',
			'change_order.submitted',
		]);
		expect(events[1].body.previous_attributes).toEqual({ probability: null });
		expect(events[5].body.previous_attributes).toEqual({ status: 'planning' });
		await sleep(100);
		expect(receiver.received).toHaveLength(7);
	});

	it('replays a lifecycle action for the same key and body: same answer, one event', async () => {
		await subscribe(['bid.accepted']);
		const b = await make.bid(client);
		const key = newKey();
		const options = { body: { acceptedBy: 'Owner' }, headers: { 'idempotency-key': key } };
		const first = await client.call('POST', `/bids/${b.id}/accept`, options);
		const replay = await client.call('POST', `/bids/${b.id}/accept`, options);
		expect(first.status).toBe(200);
		expect(replay.status).toBe(200);
		expect(replay.text).toBe(first.text);
		const other = await client.call('POST', `/bids/${b.id}/accept`, {
			body: { acceptedBy: 'Someone else' },
			headers: { 'idempotency-key': key },
		});
		expect(other.status).toBe(409);
		expect(other.body.code).toBe('idempotency_key_reused');
		// Without the key the action runs again, and is refused as a transition.
		expect(
			(await client.call('POST', `/bids/${b.id}/accept`, { body: { acceptedBy: 'Owner' } })).body
				.code,
		).toBe('conflict');
		await receiver.waitFor(1);
		await sleep(150);
		expect(receiver.received).toHaveLength(1);
	});

	it('a refused transition is not cached: the same key can succeed later', async () => {
		const p = await make.project(client);
		const pa = await created(client, '/pay-apps', { projectId: p.id });
		const key = newKey();
		const approve = () =>
			client.call('POST', `/pay-apps/${pa.id}/approve`, { headers: { 'idempotency-key': key } });
		expect((await approve()).status).toBe(409);
		await client.call('POST', `/pay-apps/${pa.id}/submit`);
		expect((await approve()).body.data.status).toBe('approved');
	});

	describe('seed control', () => {
		const seed = async (body: Record<string, unknown>) => {
			const res = await fetch(`${sandbox.url}/__sandbox/seed`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			return {
				status: res.status,
				body: (await res.json()) as { total?: number; family?: string; error?: string },
			};
		};

		it('seeds any family per tenant; contacts stay the default', async () => {
			expect(await seed({ count: 3 })).toEqual({ status: 200, body: { total: 3 } });
			expect(await seed({ family: 'contacts', count: 2 })).toEqual({
				status: 200,
				body: { family: 'contacts', total: 5 },
			});
			for (const family of ['leads', 'projects', 'bids', 'change-orders', 'pay-apps', 'invoices']) {
				expect((await seed({ family, count: 120 })).body).toEqual({ family, total: 120 });
			}
			expect((await seed({ family: 'bids', count: 5, tenantId: 2 })).body.total).toBe(5);
			expect(await okData(client.call('GET', '/bids/count'))).toEqual({ total: 120 });
			expect(
				await okData(client.call('GET', '/bids/count', { key: sandbox.keys.otherTenant })),
			).toEqual({ total: 5 });
			expect((await seed({ family: 'users', count: 1 })).status).toBe(400);
			expect((await seed({ family: 'widgets', count: 1 })).body.error).toMatch(
				/family must be one of/,
			);
		});

		it('seeded records answer the contract (every page is validated)', async () => {
			for (const family of ['leads', 'projects', 'bids', 'change-orders', 'pay-apps'])
				sandbox.seedFamily(family, 150);
			for (const family of ['leads', 'projects', 'bids', 'change-orders', 'pay-apps']) {
				const all = await make.listAll(client, `/${family}`, { limit: 100 });
				expect(all).toHaveLength(150); // seeded change orders and pay apps use the seeded projects
				await client.call('GET', `/${family}/${all[all.length - 1].id}`);
				await client.call('GET', `/${family}/summary`);
			}
			const bids = await okData(
				client.call('GET', '/bids', { query: { status: 'accepted', limit: 5 } }),
			);
			for (const b of bids)
				expect(
					(await okData(client.call('GET', `/bids/${b.id}/line-items`))).length,
				).toBeGreaterThan(0);
		});
	});
});
