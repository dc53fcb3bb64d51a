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

describe('sandbox change orders and pay apps', () => {
	let sandbox: Sandbox;
	let client: Client;
	let projectId: number;
	beforeAll(async () => {
		({ sandbox, client } = await setupResources());
	});
	afterAll(() => sandbox.close());
	beforeEach(async () => {
		sandbox.reset();
		projectId = (await make.project(client)).id;
	});

	describe('change orders', () => {
		const changeOrder = (body: Record<string, unknown> = {}) =>
			created(client, '/change-orders', {
				projectId,
				title: 'Upgrade lobby tile',
				reason: 'owner_request',
				...body,
			});

		it('creates a draft; projectId, title and reason are required and the project must exist', async () => {
			const co = await changeOrder({
				description: 'Porcelain instead of ceramic',
				totalAmount: '1800',
			});
			expect(co).toMatchObject({
				status: 'draft',
				changeOrderNumber: expect.stringMatching(/^CO-\d{5}$/),
				projectId,
				totalAmount: '1800',
				approvedAt: null,
				approvedBy: null,
				rejectedAt: null,
				rejectionReason: null,
			});
			await expectInvalid(client.call('POST', '/change-orders', { body: {} }), {
				projectId: 'required',
				title: 'required',
				reason: 'required',
			});
			await expectInvalid(
				client.call('POST', '/change-orders', {
					body: { projectId: 4242, title: 't', reason: 'r' },
				}),
				{ projectId: 'not_found' },
			);
		});

		it('submit → approve {approvedBy}; approving a draft or approving twice is a 409', async () => {
			const co = await changeOrder();
			await expectConflict(
				client.call('POST', `/change-orders/${co.id}/approve`, { body: {} }),
				`Change order ${co.id} is draft; only submitted change orders can be approved.`,
			);
			expect((await okData(client.call('POST', `/change-orders/${co.id}/submit`))).status).toBe(
				'submitted',
			);
			await expectConflict(
				client.call('POST', `/change-orders/${co.id}/submit`),
				`Change order ${co.id} is already submitted; only draft change orders can be submitted.`,
			);
			const approved = await okData(
				client.call('POST', `/change-orders/${co.id}/approve`, {
					body: { approvedBy: 'Architect of record' },
				}),
			);
			expect(approved).toMatchObject({
				status: 'approved',
				approvedBy: 'Architect of record',
				approvedAt: expect.any(String),
			});
			await expectConflict(
				client.call('POST', `/change-orders/${co.id}/approve`, { body: {} }),
				/is already approved/,
			);
		});

		it('approvedBy defaults to the API key name', async () => {
			const co = await changeOrder();
			await client.call('POST', `/change-orders/${co.id}/submit`);
			expect(
				(await okData(client.call('POST', `/change-orders/${co.id}/approve`))).approvedBy,
			).toBe('Sandbox full access');
		});

		it('reject {reason}: required; records rejectedAt and rejectionReason', async () => {
			const co = await changeOrder();
			await client.call('POST', `/change-orders/${co.id}/submit`);
			await expectInvalid(client.call('POST', `/change-orders/${co.id}/reject`, { body: {} }), {
				reason: 'required',
			});
			const rejected = await okData(
				client.call('POST', `/change-orders/${co.id}/reject`, { body: { reason: 'Over budget' } }),
			);
			expect(rejected).toMatchObject({
				status: 'rejected',
				rejectionReason: 'Over budget',
				rejectedAt: expect.any(String),
			});
			await expectConflict(
				client.call('POST', `/change-orders/${co.id}/reject`, { body: { reason: 'again' } }),
				/is already rejected/,
			);
		});

		it('only drafts can be edited; any can be deleted', async () => {
			const co = await changeOrder();
			expect(
				(
					await okData(
						client.call('PATCH', `/change-orders/${co.id}`, { body: { title: 'Lobby tile' } }),
					)
				).title,
			).toBe('Lobby tile');
			await client.call('POST', `/change-orders/${co.id}/submit`);
			await expectConflict(
				client.call('PATCH', `/change-orders/${co.id}`, { body: { title: 'x' } }),
				`Change order ${co.id} is submitted; only draft change orders can be edited.`,
			);
			expect((await client.call('DELETE', `/change-orders/${co.id}`)).status).toBe(204);
		});

		it('filters, counts, gets many and summarises by status', async () => {
			const a = await changeOrder({ totalAmount: '100' });
			const b = await changeOrder({ title: 'Extra steel lintels', totalAmount: '250.50' });
			await client.call('POST', `/change-orders/${b.id}/submit`);
			expect(
				(await listAll(client, '/change-orders', { status: 'submitted' })).map((c) => c.id),
			).toEqual([b.id]);
			expect(
				(await listAll(client, '/change-orders', { search: 'lintel' })).map((c) => c.id),
			).toEqual([b.id]);
			expect(
				await okData(client.call('GET', '/change-orders/count', { query: { projectId } })),
			).toEqual({ total: 2 });
			expect(
				(await client.call('POST', '/change-orders/get-many', { body: { ids: [a.id, 999] } })).body
					.meta,
			).toMatchObject({ requested: 2, returned: 1 });
			const summary = await okData(client.call('GET', '/change-orders/summary'));
			expect(summary.totals).toEqual({ count: 2, total_amount: '350.50' });
			expect(summary.by_status.map((s: { status: string }) => s.status)).toEqual([
				'draft',
				'submitted',
				'approved',
				'rejected',
				'void',
			]);
		});
	});

	describe('pay apps', () => {
		const payApp = (body: Record<string, unknown> = {}) =>
			created(client, '/pay-apps', {
				projectId,
				contractSum: '100000',
				changeOrdersTotal: '5000',
				retainagePercent: '10',
				currentBilled: '20000',
				...body,
			});

		it('creates a draft with G702 totals; projectId is required and must exist', async () => {
			const pa = await payApp({ periodStart: '2025-01-01', periodEnd: '2025-01-31' });
			expect(pa).toMatchObject({
				status: 'draft',
				payAppNumber: expect.stringMatching(/^PA-\d{5}$/),
				revisedContractSum: '105000.00',
				previouslyBilled: '0.00',
				totalCompleted: '20000.00',
				retainageAmount: '2000.00',
				currentPaymentDue: '18000.00',
				periodStart: '2025-01-01T00:00:00.000Z',
			});
			await expectInvalid(client.call('POST', '/pay-apps', { body: {} }), {
				projectId: 'required',
			});
			await expectInvalid(client.call('POST', '/pay-apps', { body: { projectId: 555 } }), {
				projectId: 'not_found',
			});
			await expectInvalid(
				client.call('POST', '/pay-apps', { body: { projectId, contractSum: 'a lot' } }),
				{ contractSum: 'invalid_format' },
			);
		});

		it('submit → approve → mark-paid, each refusing the wrong starting status', async () => {
			const pa = await payApp();
			await expectConflict(
				client.call('POST', `/pay-apps/${pa.id}/approve`),
				`Pay app ${pa.id} is draft; only submitted pay apps can be approved.`,
			);
			await expectConflict(
				client.call('POST', `/pay-apps/${pa.id}/mark-paid`),
				`Pay app ${pa.id} is draft; only approved pay apps can be marked paid.`,
			);
			expect((await okData(client.call('POST', `/pay-apps/${pa.id}/submit`))).status).toBe(
				'submitted',
			);
			expect((await okData(client.call('POST', `/pay-apps/${pa.id}/approve`))).status).toBe(
				'approved',
			);
			await expectConflict(
				client.call('POST', `/pay-apps/${pa.id}/approve`),
				/is already approved/,
			);
			expect((await okData(client.call('POST', `/pay-apps/${pa.id}/mark-paid`))).status).toBe(
				'paid',
			);
			await expectConflict(client.call('POST', `/pay-apps/${pa.id}/mark-paid`), /is already paid/);
			await expectConflict(
				client.call('DELETE', `/pay-apps/${pa.id}`),
				`Pay app ${pa.id} is paid; only draft pay apps can be deleted.`,
			);
		});

		it('reject {reason} sends it back for revision; it can be edited and resubmitted', async () => {
			const pa = await payApp();
			await client.call('POST', `/pay-apps/${pa.id}/submit`);
			await expectConflict(
				client.call('PATCH', `/pay-apps/${pa.id}`, { body: { currentBilled: '1' } }),
				`Pay app ${pa.id} is submitted; only draft or rejected pay apps can be edited.`,
			);
			await expectInvalid(
				client.call('POST', `/pay-apps/${pa.id}/reject`, { body: { reason: '' } }),
				{ reason: 'too_short' },
			);
			expect(
				(
					await okData(
						client.call('POST', `/pay-apps/${pa.id}/reject`, {
							body: { reason: 'Missing lien waivers' },
						}),
					)
				).status,
			).toBe('rejected');
			expect(
				(
					await okData(
						client.call('PATCH', `/pay-apps/${pa.id}`, { body: { currentBilled: '15000' } }),
					)
				).currentPaymentDue,
			).toBe('13500.00');
			expect((await okData(client.call('POST', `/pay-apps/${pa.id}/submit`))).status).toBe(
				'submitted',
			);
		});

		it('previouslyBilled carries the project’s approved pay apps', async () => {
			const first = await payApp();
			await client.call('POST', `/pay-apps/${first.id}/submit`);
			await client.call('POST', `/pay-apps/${first.id}/approve`);
			const second = await payApp({ currentBilled: '10000' });
			expect(second).toMatchObject({
				previouslyBilled: '20000.00',
				totalCompleted: '30000.00',
				retainageAmount: '3000.00',
				currentPaymentDue: '9000.00',
			});
		});

		it('filters, counts, gets many and summarises (dates on submittedAt)', async () => {
			const a = await payApp();
			const b = await payApp({ currentBilled: '5000' });
			await client.call('POST', `/pay-apps/${b.id}/submit`);
			await client.call('POST', `/pay-apps/${b.id}/approve`);
			expect((await listAll(client, '/pay-apps', { status: 'approved' })).map((p) => p.id)).toEqual(
				[b.id],
			);
			expect(await okData(client.call('GET', '/pay-apps/count', { query: { projectId } }))).toEqual(
				{ total: 2 },
			);
			expect(
				(await client.call('POST', '/pay-apps/get-many', { body: { ids: [a.id, b.id] } })).body
					.meta,
			).toMatchObject({ requested: 2, returned: 2 });
			const summary = await okData(client.call('GET', '/pay-apps/summary'));
			expect(summary.totals).toEqual({
				count: 2,
				invoiced_total: '4500.00',
				paid_total: '0.00',
				outstanding_total: '4500.00',
			});
			expect(summary.by_status.find((s: { status: string }) => s.status === 'draft')).toEqual({
				status: 'draft',
				count: 1,
				current_billed_total: '20000.00',
			});
			const submittedOnly = await okData(
				client.call('GET', '/pay-apps/summary', { query: { dateFrom: '2000-01-01T00:00:00Z' } }),
			);
			expect(submittedOnly.totals.count).toBe(1);
		});

		it('names pay_apps:approve when the key lacks it', async () => {
			const pa = await payApp();
			await client.call('POST', `/pay-apps/${pa.id}/submit`, { key: 'bwp_test_pay_apps_write' });
			const res = await client.call('POST', `/pay-apps/${pa.id}/approve`, {
				key: 'bwp_test_pay_apps_write',
			});
			expect(res.status).toBe(403);
			expect(res.body).toMatchObject({
				code: 'scope_insufficient',
				required_scope: 'pay_apps:approve',
			});
		});
	});
});
