import type { Sandbox } from '../../sandbox';
import type { Client } from './helpers';
import * as make from './resourceHelpers';
import {
	created,
	expectConflict,
	expectInvalid,
	listAll,
	okData,
	setupResources,
} from './resourceHelpers';

describe('sandbox projects and bids', () => {
	let sandbox: Sandbox;
	let client: Client;
	beforeAll(async () => {
		({ sandbox, client } = await setupResources());
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());
	const project = (body: Record<string, unknown> = {}) => make.project(client, body);
	const bid = (body: Record<string, unknown> = {}) => make.bid(client, body);
	const lineItem = make.lineItem;

	describe('projects', () => {
		it('CRUD with defaults (planning, generated number) and 422 on a missing name', async () => {
			const p = await project({ contractValue: 250000, expectedEndDate: '2025-06-30' });
			expect(p).toMatchObject({
				status: 'planning',
				projectNumber: expect.stringMatching(/^PRJ-\d{5}$/),
				contractValue: '250000',
				bidId: null,
				expectedEndDate: '2025-06-30T00:00:00.000Z',
			});
			await expectInvalid(client.call('POST', '/projects', { body: {} }), { name: 'required' });
			await expectInvalid(
				client.call('POST', '/projects', { body: { name: 'x', status: 'paused' } }),
				{ status: 'invalid_enum' },
			);
			expect(
				await okData(
					client.call('PATCH', `/projects/${p.id}`, { body: { status: 'in_progress' } }),
				),
			).toMatchObject({ status: 'in_progress' });
			expect((await client.call('DELETE', `/projects/${p.id}`)).status).toBe(204);
			expect((await client.call('GET', `/projects/${p.id}`)).status).toBe(404);
		});

		it('filters, counts, gets many (silently omitting missing ids) and summarises', async () => {
			const a = await project({
				name: 'Alpha',
				status: 'in_progress',
				contractValue: '100.25',
				projectType: 'commercial',
				contactId: 3,
			});
			const b = await project({
				name: 'Beta',
				contractValue: '200',
				expectedEndDate: '2001-01-01',
			});
			const c = await project({
				name: 'Gamma',
				status: 'completed',
				contractValue: '50',
				expectedEndDate: '2001-01-01',
			});
			expect(
				(await listAll(client, '/projects', { status: 'in_progress' })).map((p) => p.id),
			).toEqual([a.id]);
			expect((await listAll(client, '/projects', { contactId: 3 })).map((p) => p.id)).toEqual([
				a.id,
			]);
			expect((await listAll(client, '/projects', { search: 'gam' })).map((p) => p.id)).toEqual([
				c.id,
			]);
			expect(
				await okData(client.call('GET', '/projects/count', { query: { status: 'planning' } })),
			).toEqual({ total: 1 });
			const many = await client.call('POST', '/projects/get-many', {
				body: { ids: [c.id, 999, a.id, a.id] },
			});
			expect(many.body.data.map((p: { id: number }) => p.id)).toEqual([c.id, a.id]);
			expect(many.body.meta).toMatchObject({ requested: 3, returned: 2 });
			await expectInvalid(client.call('POST', '/projects/get-many', { body: { ids: [] } }), {
				ids: 'invalid_length',
			});
			await expectInvalid(client.call('POST', '/projects/get-many', { body: {} }), {
				ids: 'required',
			});
			const co = await created(client, '/change-orders', {
				projectId: a.id,
				title: 'Extra outlets',
				reason: 'owner_request',
				totalAmount: '75.00',
			});
			await client.call('POST', `/change-orders/${co.id}/submit`);
			await client.call('POST', `/change-orders/${co.id}/approve`, {
				body: { approvedBy: 'Owner' },
			});
			const summary = await okData(client.call('GET', '/projects/summary'));
			expect(summary.totals).toEqual({
				count: 3,
				contract_value_total: '350.25',
				approved_co_delta_total: '75.00',
				overdue_count: 1,
			});
			expect(summary.by_status.find((s: { status: string }) => s.status === 'planning')).toEqual({
				status: 'planning',
				count: 1,
				contract_value_total: '200.00',
			});
			expect(summary.by_type).toContainEqual({
				project_type: null,
				count: 2,
				contract_value_total: '250.00',
			});
			void b;
		});
	});

	describe('bids', () => {
		it('creates a draft bid whose totals follow its line items, discount and tax', async () => {
			const b = await bid({ taxRate: '10', discountType: 'fixed', discount: '100' });
			expect(b).toMatchObject({
				status: 'draft',
				bidNumber: expect.stringMatching(/^BID-\d{5}$/),
				subtotal: '0.00',
				total: '0.00',
				sentAt: null,
				acceptedAt: null,
				acceptedBy: null,
			});
			const item = await lineItem(client, b.id, { quantity: '3', unitPrice: '400.00' });
			expect(item).toMatchObject({
				bidId: b.id,
				description: 'Cabinets',
				quantity: '3',
				unitPrice: '400.00',
				total: '1200.00',
			});
			await lineItem(client, b.id, { description: 'Install', quantity: null, unitPrice: '300' });
			const got = await okData(client.call('GET', `/bids/${b.id}`));
			// subtotal 1500, discount 100, tax 10% of 1400 = 140, total 1540
			expect(got).toMatchObject({
				subtotal: '1500.00',
				discountAmount: '100.00',
				taxAmount: '140.00',
				total: '1540.00',
			});
			const patched = await okData(
				client.call('PATCH', `/bids/${b.id}/line-items/${item.id}`, { body: { quantity: '1' } }),
			);
			expect(patched.total).toBe('400.00');
			expect((await okData(client.call('GET', `/bids/${b.id}`))).total).toBe('660.00');
			const items = await client.call('GET', `/bids/${b.id}/line-items`);
			expect(items.body.data).toHaveLength(2);
			expect(items.body.meta.pagination).toBeUndefined();
			expect((await client.call('DELETE', `/bids/${b.id}/line-items/${item.id}`)).status).toBe(204);
			expect((await client.call('DELETE', `/bids/${b.id}/line-items/${item.id}`)).status).toBe(404);
			await expectInvalid(
				client.call('POST', `/bids/${b.id}/line-items`, { body: { quantity: '1' } }),
				{ description: 'required' },
			);
			await expectInvalid(client.call('POST', '/bids', { body: { name: 5, projectId: 'x' } }), {
				name: 'invalid_type',
				projectId: 'invalid_type',
			});
		});

		it('send: draft → sent; a second send is a 409', async () => {
			const b = await bid();
			const sent = await okData(client.call('POST', `/bids/${b.id}/send`));
			expect(sent).toMatchObject({ status: 'sent', sentAt: expect.stringMatching(/Z$/) });
			await expectConflict(
				client.call('POST', `/bids/${b.id}/send`),
				`Bid ${b.id} is already sent; only draft bids can be sent.`,
			);
		});

		it('accept {acceptedBy}: any non-accepted bid; an accepted one is a 409; acceptedBy is required', async () => {
			const b = await bid();
			await expectInvalid(client.call('POST', `/bids/${b.id}/accept`, { body: {} }), {
				acceptedBy: 'required',
			});
			const accepted = await okData(
				client.call('POST', `/bids/${b.id}/accept`, { body: { acceptedBy: 'Maria Garcia' } }),
			);
			expect(accepted).toMatchObject({
				status: 'accepted',
				acceptedBy: 'Maria Garcia',
				acceptedAt: expect.any(String),
			});
			await expectConflict(
				client.call('POST', `/bids/${b.id}/accept`, { body: { acceptedBy: 'Maria Garcia' } }),
				`Bid ${b.id} is already accepted; only draft, sent, expired or rejected bids can be accepted.`,
			);
		});

		it('reject: draft or sent → rejected; an accepted bid must be reverted first', async () => {
			const b = await bid();
			await client.call('POST', `/bids/${b.id}/send`);
			expect((await okData(client.call('POST', `/bids/${b.id}/reject`))).status).toBe('rejected');
			await expectConflict(client.call('POST', `/bids/${b.id}/reject`), /is already rejected/);
			const accepted = await bid();
			await client.call('POST', `/bids/${accepted.id}/accept`, { body: { acceptedBy: 'Owner' } });
			await expectConflict(
				client.call('POST', `/bids/${accepted.id}/reject`),
				`Bid ${accepted.id} is accepted; only draft, sent or expired bids can be rejected.`,
			);
		});

		it('revert-acceptance {status}: accepted → the given status, clearing acceptedAt/By; otherwise a 409', async () => {
			const b = await bid();
			await expectConflict(
				client.call('POST', `/bids/${b.id}/revert-acceptance`, { body: { status: 'sent' } }),
				`Bid ${b.id} is draft; only accepted bids can be reverted.`,
			);
			await client.call('POST', `/bids/${b.id}/accept`, { body: { acceptedBy: 'Owner' } });
			await expectInvalid(
				client.call('POST', `/bids/${b.id}/revert-acceptance`, { body: { status: 'accepted' } }),
				{ status: 'invalid_enum' },
			);
			const reverted = await okData(
				client.call('POST', `/bids/${b.id}/revert-acceptance`, { body: { status: 'sent' } }),
			);
			expect(reverted).toMatchObject({ status: 'sent', acceptedAt: null, acceptedBy: null });
		});

		it('accepted bids are locked: PATCH, DELETE and line-item edits answer 409', async () => {
			const b = await bid();
			const item = await lineItem(client, b.id);
			await client.call('POST', `/bids/${b.id}/accept`, { body: { acceptedBy: 'Owner' } });
			await expectConflict(
				client.call('PATCH', `/bids/${b.id}`, { body: { notes: 'x' } }),
				`Bid ${b.id} is accepted; only draft, sent, rejected, expired or cancelled bids can be edited.`,
			);
			await expectConflict(client.call('DELETE', `/bids/${b.id}`), /can be deleted/);
			await expectConflict(
				client.call('POST', `/bids/${b.id}/line-items`, { body: { description: 'x' } }),
				/can be edited/,
			);
			await expectConflict(
				client.call('PATCH', `/bids/${b.id}/line-items/${item.id}`, { body: { quantity: '9' } }),
				/can be edited/,
			);
			await expectConflict(
				client.call('DELETE', `/bids/${b.id}/line-items/${item.id}`),
				/can be edited/,
			);
		});

		it('duplicate: a new draft with copied line items and a fresh number', async () => {
			const b = await bid({ notes: 'Excludes permits', taxRate: '5' });
			await lineItem(client, b.id);
			await client.call('POST', `/bids/${b.id}/accept`, { body: { acceptedBy: 'Owner' } });
			const copy = await created(client, `/bids/${b.id}/duplicate`, undefined);
			expect(copy).toMatchObject({
				status: 'draft',
				notes: 'Excludes permits',
				total: '1050.00',
				acceptedAt: null,
			});
			expect(copy.id).not.toBe(b.id);
			expect(copy.bidNumber).not.toBe(b.bidNumber);
			const items = await okData(client.call('GET', `/bids/${copy.id}/line-items`));
			expect(items).toEqual([expect.objectContaining({ bidId: copy.id, total: '1000.00' })]);
		});

		it('convert-to-project {mappingStrategy}: only accepted bids, only once', async () => {
			const b = await bid({ contactId: 9 });
			await lineItem(client, b.id);
			await expectConflict(
				client.call('POST', `/bids/${b.id}/convert-to-project`, {
					body: { mappingStrategy: 'blank' },
				}),
				`Bid ${b.id} is draft; only accepted bids can be converted to a project.`,
			);
			await client.call('POST', `/bids/${b.id}/accept`, { body: { acceptedBy: 'Owner' } });
			await expectInvalid(client.call('POST', `/bids/${b.id}/convert-to-project`, { body: {} }), {
				mappingStrategy: 'required',
			});
			const res = await client.call('POST', `/bids/${b.id}/convert-to-project`, {
				body: { mappingStrategy: 'phases', name: 'Kitchen job', startDate: '2025-02-01' },
			});
			expect(res.status).toBe(201);
			expect(res.body.data.project).toMatchObject({
				name: 'Kitchen job',
				bidId: b.id,
				contactId: 9,
				contractValue: '1000.00',
				startDate: '2025-02-01T00:00:00.000Z',
			});
			expect(res.body.data.bid.projectId).toBe(res.body.data.project.id);
			await expectConflict(
				client.call('POST', `/bids/${b.id}/convert-to-project`, {
					body: { mappingStrategy: 'blank' },
				}),
				/already converted to project/,
			);
		});

		it('filters, counts, gets many and summarises by status', async () => {
			const a = await bid({ leadId: 4 });
			await lineItem(client, a.id);
			const b = await bid({ projectId: 8 });
			await client.call('POST', `/bids/${b.id}/send`);
			expect((await listAll(client, '/bids', { status: 'sent' })).map((x) => x.id)).toEqual([b.id]);
			expect((await listAll(client, '/bids', { leadId: 4 })).map((x) => x.id)).toEqual([a.id]);
			expect((await listAll(client, '/bids', { projectId: 'null' })).map((x) => x.id)).toEqual([
				a.id,
			]);
			expect(
				await okData(client.call('GET', '/bids/count', { query: { search: 'kitchen' } })),
			).toEqual({ total: 2 });
			const many = await client.call('POST', '/bids/get-many', { body: { ids: [b.id, 12345] } });
			expect(many.body.meta).toMatchObject({ requested: 2, returned: 1 });
			const summary = await okData(client.call('GET', '/bids/summary'));
			expect(summary.totals).toEqual({ count: 2, total_value: '1000.00' });
			expect(summary.by_status.map((s: { status: string }) => s.status)).toEqual([
				'draft',
				'sent',
				'accepted',
				'rejected',
				'expired',
			]);
			expect(summary.by_status[0]).toEqual({ status: 'draft', count: 1, total_value: '1000.00' });
		});

		it('names the missing scope of a workflow action', async () => {
			const b = await bid();
			const res = await client.call('POST', `/bids/${b.id}/accept`, {
				body: { acceptedBy: 'x' },
				key: 'bwp_test_bids_read',
			});
			expect(res.status).toBe(403);
			expect(res.body).toMatchObject({
				code: 'scope_insufficient',
				required_scope: 'bids:accept_reject',
			});
			expect(res.body.detail).toContain('bids:accept_reject');
			expect(
				(await client.call('GET', `/bids/${b.id}`, { key: 'bwp_test_bids_read' })).status,
			).toBe(200);
			expect(
				(await client.call('GET', '/bids', { key: sandbox.keys.readOnly })).body.required_scope,
			).toBe('bids:read');
		});

		it('answers 400/404, never 500, for bad ids and bodies', async () => {
			expect((await client.call('GET', '/bids/abc')).status).toBe(400);
			expect((await client.call('POST', '/bids/0/send')).status).toBe(400);
			expect(
				(await client.call('POST', '/bids/77/accept', { body: { acceptedBy: 'x' } })).status,
			).toBe(404);
			expect((await client.call('POST', '/bids', { body: [1, 2] })).status).toBe(400);
			expect(
				(
					await client.call('POST', '/bids', {
						rawBody: '{',
						headers: { 'content-type': 'application/json' },
					})
				).status,
			).toBe(400);
			const b = await bid();
			expect(
				(await client.call('PATCH', `/bids/${b.id}/line-items/abc`, { body: {} })).status,
			).toBe(400);
		});
	});
});
