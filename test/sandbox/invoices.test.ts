import type { Sandbox } from '../../sandbox';
import type { Client } from './helpers';
import * as make from './resourceHelpers';
import { created, expectConflict, expectInvalid, okData, setupResources } from './resourceHelpers';

describe('sandbox invoices', () => {
	let sandbox: Sandbox;
	let client: Client;
	beforeAll(async () => {
		({ sandbox, client } = await setupResources());
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	const invoice = (
		invoiceFields: Record<string, unknown> = {},
		lines: unknown[] = [{ description: 'Framing labor', quantity: '10', unitPrice: '95.00' }],
	) =>
		created(client, '/invoices', {
			invoice: { projectId: 1, contactId: 2, issueDate: '2025-01-15', ...invoiceFields },
			lines,
		});
	const sentInvoice = async (fields: Record<string, unknown> = {}) => {
		const inv = await invoice(fields);
		await okData(client.call('POST', `/invoices/${inv.id}/mark-sent`));
		return inv;
	};

	describe('create, read, edit', () => {
		it('creates a draft with its lines and consistent totals', async () => {
			const inv = await invoice(
				{ taxRate: '10', discountType: 'fixed', discount: '50', dueDate: '2025-02-14' },
				[
					{ description: 'Framing labor', quantity: '10', unitPrice: '95.00' },
					{ description: 'Permit fee', quantity: '1', unitPrice: '150', isTaxable: false },
				],
			);
			// subtotal 1100; discount 50, of which 950/1100 falls on taxable lines (43.18); tax 10% of 906.82 = 90.68
			expect(inv).toMatchObject({
				status: 'draft',
				tenantId: 1,
				invoiceNumber: expect.stringMatching(/^INV-\d{5}$/),
				issueDate: '2025-01-15T00:00:00.000Z',
				dueDate: '2025-02-14T00:00:00.000Z',
				subtotal: '1100.00',
				taxAmount: '90.68',
				total: '1140.68',
				amountPaid: '0.00',
				balanceDue: '1140.68',
			});
			expect(
				inv.lineItems.map((l: { description: string; amount: string; order: number }) => [
					l.description,
					l.amount,
					l.order,
				]),
			).toEqual([
				['Framing labor', '950.00', 1],
				['Permit fee', '150.00', 2],
			]);
			expect(await okData(client.call('GET', `/invoices/${inv.id}`))).toEqual(inv);
		});

		it.each([
			[{}, { invoice: 'required' }],
			[
				{ invoice: {} },
				{
					'invoice.projectId': 'required',
					'invoice.contactId': 'required',
					'invoice.issueDate': 'required',
				},
			],
			[
				{ invoice: { projectId: 1, contactId: 2, issueDate: null, discountType: 'bogus' } },
				{ 'invoice.discountType': 'invalid_enum' },
			],
			[
				{ invoice: { projectId: 1, contactId: 2, issueDate: null }, lines: [{ quantity: '1' }] },
				{ 'lines[0].description': 'required' },
			],
			[{ invoice: 'x' }, { invoice: 'invalid_type' }],
		])('rejects %j with 422', async (body, fields) => {
			await expectInvalid(client.call('POST', '/invoices', { body }), fields);
		});

		it('drafts can be edited and deleted; a sent invoice answers 409', async () => {
			const inv = await invoice();
			expect(
				(
					await okData(
						client.call('PATCH', `/invoices/${inv.id}`, {
							body: { notesToCustomer: 'Net 30', taxRate: '5' },
						}),
					)
				).total,
			).toBe('997.50');
			const sent = await sentInvoice();
			await expectConflict(
				client.call('PATCH', `/invoices/${sent.id}`, { body: { notesToCustomer: 'x' } }),
				`Invoice ${sent.id} is sent; only draft invoices can be edited.`,
			);
			await expectConflict(
				client.call('DELETE', `/invoices/${sent.id}`),
				`Invoice ${sent.id} is sent; only draft invoices can be deleted.`,
			);
			expect((await client.call('DELETE', `/invoices/${inv.id}`)).status).toBe(204);
			expect((await client.call('GET', `/invoices/${inv.id}`)).status).toBe(404);
		});
	});

	describe('lines', () => {
		it('adds, updates, deletes and reorders lines of a draft, recomputing totals', async () => {
			const inv = await invoice();
			const line = await created(client, `/invoices/${inv.id}/lines`, {
				description: 'Cleanup',
				unitPrice: '50',
			});
			expect(line).toMatchObject({ invoiceId: inv.id, quantity: '1', amount: '50.00', order: 2 });
			expect(
				(
					await okData(
						client.call('PATCH', `/invoices/${inv.id}/lines/${line.id}`, {
							body: { quantity: '3' },
						}),
					)
				).amount,
			).toBe('150.00');
			expect((await okData(client.call('GET', `/invoices/${inv.id}`))).total).toBe('1100.00');
			const first = inv.lineItems[0].id;
			const reordered = await okData(
				client.call('POST', `/invoices/${inv.id}/lines/reorder`, {
					body: { orderedIds: [line.id, first] },
				}),
			);
			expect(reordered.map((l: { id: number; order: number }) => [l.id, l.order])).toEqual([
				[line.id, 1],
				[first, 2],
			]);
			await expectInvalid(
				client.call('POST', `/invoices/${inv.id}/lines/reorder`, {
					body: { orderedIds: [line.id] },
				}),
				{ orderedIds: 'invalid_value' },
			);
			await expectInvalid(client.call('POST', `/invoices/${inv.id}/lines/reorder`, { body: {} }), {
				orderedIds: 'required',
			});
			expect((await client.call('DELETE', `/invoices/${inv.id}/lines/${line.id}`)).status).toBe(
				204,
			);
			expect(
				(await client.call('PATCH', `/invoices/${inv.id}/lines/${line.id}`, { body: {} })).status,
			).toBe(404);
			expect((await okData(client.call('GET', `/invoices/${inv.id}`))).total).toBe('950.00');
		});

		it('refuses line changes once the invoice is sent', async () => {
			const inv = await sentInvoice();
			await expectConflict(
				client.call('POST', `/invoices/${inv.id}/lines`, { body: { description: 'x' } }),
				/only draft invoices can be edited/,
			);
			await expectConflict(
				client.call('DELETE', `/invoices/${inv.id}/lines/${inv.lineItems[0].id}`),
				/only draft invoices can be edited/,
			);
		});
	});

	describe('lifecycle', () => {
		it('send (with an optional recipient) and mark-sent move draft → sent; twice is a 409', async () => {
			const a = await invoice();
			await expectInvalid(
				client.call('POST', `/invoices/${a.id}/send`, { body: { recipientEmail: 'nope' } }),
				{ recipientEmail: 'invalid_format' },
			);
			expect(
				(
					await okData(
						client.call('POST', `/invoices/${a.id}/send`, {
							body: { recipientEmail: 'ap@summit.example.com' },
						}),
					)
				).status,
			).toBe('sent');
			await expectConflict(
				client.call('POST', `/invoices/${a.id}/send`),
				`Invoice ${a.id} is already sent; only draft invoices can be sent.`,
			);
			const b = await invoice();
			expect((await okData(client.call('POST', `/invoices/${b.id}/mark-sent`))).status).toBe(
				'sent',
			);
			await expectConflict(
				client.call('POST', `/invoices/${b.id}/mark-sent`),
				/only draft invoices can be marked sent/,
			);
		});

		it('mark-paid records the balance as a payment; idempotent on a paid invoice; 409 for a draft', async () => {
			const draft = await invoice();
			await expectConflict(
				client.call('POST', `/invoices/${draft.id}/mark-paid`),
				`Invoice ${draft.id} is draft; only sent or partial invoices can be marked paid.`,
			);
			const inv = await sentInvoice();
			const paid = await okData(
				client.call('POST', `/invoices/${inv.id}/mark-paid`, {
					body: { paidAt: '2025-02-01T12:00:00Z' },
				}),
			);
			expect(paid).toMatchObject({ status: 'paid', amountPaid: '950.00', balanceDue: '0.00' });
			expect(await okData(client.call('POST', `/invoices/${inv.id}/mark-paid`))).toMatchObject({
				status: 'paid',
				amountPaid: '950.00',
			});
			const ledger = await okData(client.call('GET', `/invoices/${inv.id}/payments`));
			expect(ledger).toEqual([
				expect.objectContaining({
					amount: '950.00',
					paidAt: '2025-02-01T12:00:00.000Z',
					voidedAt: null,
				}),
			]);
		});

		it('void {reason} is terminal', async () => {
			const inv = await sentInvoice();
			await expectInvalid(
				client.call('POST', `/invoices/${inv.id}/void`, { body: { reason: 'no' } }),
				{ reason: 'too_short' },
			);
			expect(
				(
					await okData(
						client.call('POST', `/invoices/${inv.id}/void`, {
							body: { reason: 'Duplicate invoice' },
						}),
					)
				).status,
			).toBe('voided');
			await expectConflict(
				client.call('POST', `/invoices/${inv.id}/void`, { body: { reason: 'again' } }),
				/is already voided/,
			);
			await expectConflict(client.call('POST', `/invoices/${inv.id}/mark-paid`), /is voided/);
			await expectConflict(
				client.call('POST', `/invoices/${inv.id}/payments`, {
					body: { amount: '1', paidAt: null },
				}),
				/is voided/,
			);
		});

		it('qbo/sync answers 202 {queued: true}', async () => {
			const inv = await invoice();
			const res = await client.call('POST', `/invoices/${inv.id}/qbo/sync`);
			expect(res.status).toBe(202);
			expect(res.body.data).toEqual({ queued: true });
			expect((await client.call('POST', '/invoices/999/qbo/sync')).status).toBe(404);
		});
	});

	describe('payments', () => {
		it('payments move sent → partial → paid; voiding one moves it back', async () => {
			const draft = await invoice();
			await expectConflict(
				client.call('POST', `/invoices/${draft.id}/payments`, {
					body: { amount: '10', paidAt: null },
				}),
				/only sent or partial invoices can take payments \(send it first\)/,
			);
			const inv = await sentInvoice();
			await expectInvalid(client.call('POST', `/invoices/${inv.id}/payments`, { body: {} }), {
				amount: 'required',
				paidAt: 'required',
			});
			await expectInvalid(
				client.call('POST', `/invoices/${inv.id}/payments`, {
					body: { amount: '5000', paidAt: null },
				}),
				{ amount: 'too_large' },
			);
			const first = await created(client, `/invoices/${inv.id}/payments`, {
				amount: '400',
				paidAt: '2025-02-01',
				method: 'check',
				reference: '#1042',
			});
			expect(first.payment).toMatchObject({
				amount: '400.00',
				method: 'check',
				reference: '#1042',
				voidedAt: null,
				paidAt: '2025-02-01T00:00:00.000Z',
			});
			expect(first.invoice).toMatchObject({
				status: 'partial',
				amountPaid: '400.00',
				balanceDue: '550.00',
			});
			const second = await created(client, `/invoices/${inv.id}/payments`, {
				amount: '550.00',
				paidAt: null,
				method: 'ach',
			});
			expect(second.invoice).toMatchObject({ status: 'paid', balanceDue: '0.00' });
			await expectConflict(
				client.call('POST', `/invoices/${inv.id}/payments`, {
					body: { amount: '1', paidAt: null },
				}),
				/is paid/,
			);
			const patched = await okData(
				client.call('PATCH', `/invoices/${inv.id}/payments/${first.payment.id}`, {
					body: { amount: '300' },
				}),
			);
			expect(patched.invoice).toMatchObject({ status: 'partial', balanceDue: '100.00' });
			const voided = await okData(
				client.call('DELETE', `/invoices/${inv.id}/payments/${second.payment.id}`),
			);
			expect(voided.payment.voidedAt).toEqual(expect.any(String));
			expect(voided.invoice).toMatchObject({
				status: 'partial',
				amountPaid: '300.00',
				balanceDue: '650.00',
			});
			await expectConflict(
				client.call('DELETE', `/invoices/${inv.id}/payments/${second.payment.id}`),
				/already voided/,
			);
			expect(await okData(client.call('GET', `/invoices/${inv.id}/payments`))).toHaveLength(2);
			expect(
				(await client.call('PATCH', `/invoices/${inv.id}/payments/999`, { body: {} })).status,
			).toBe(404);
		});
	});

	describe('from a bid or a pay app', () => {
		it('from-bid bills an accepted bid in full, by percent or a fixed amount', async () => {
			const b = await make.bid(client, { contactId: 5, projectId: 3 });
			await make.lineItem(client, b.id, { quantity: '4', unitPrice: '2500' });
			await expectConflict(
				client.call('POST', '/invoices/from-bid', { body: { bidId: b.id, mode: 'full' } }),
				`Bid ${b.id} is draft; only accepted bids can be invoiced.`,
			);
			await client.call('POST', `/bids/${b.id}/accept`, { body: { acceptedBy: 'Owner' } });
			const full = await created(client, '/invoices/from-bid', {
				bidId: b.id,
				mode: 'full',
				dueDate: '2025-03-01T00:00:00Z',
			});
			expect(full).toMatchObject({
				status: 'draft',
				projectId: 3,
				contactId: 5,
				total: '10000.00',
				sourceType: 'bid',
				sourceBidId: b.id,
			});
			expect(
				(await created(client, '/invoices/from-bid', { bidId: b.id, mode: 'percent', value: 30 }))
					.total,
			).toBe('3000.00');
			expect(
				(await created(client, '/invoices/from-bid', { bidId: b.id, mode: 'fixed', value: 1250.5 }))
					.total,
			).toBe('1250.50');
			await expectInvalid(
				client.call('POST', '/invoices/from-bid', { body: { bidId: b.id, mode: 'percent' } }),
				{ value: 'required' },
			);
			await expectInvalid(
				client.call('POST', '/invoices/from-bid', { body: { bidId: b.id, mode: 'half' } }),
				{ mode: 'invalid_enum' },
			);
			expect(
				(await client.call('POST', '/invoices/from-bid', { body: { bidId: 9999, mode: 'full' } }))
					.status,
			).toBe(404);
		});

		it('from-pay-app invoices an approved pay app once', async () => {
			const p = await make.project(client, { contactId: 12 });
			const pa = await created(client, '/pay-apps', {
				projectId: p.id,
				currentBilled: '10000',
				retainagePercent: '5',
			});
			await expectConflict(
				client.call('POST', '/invoices/from-pay-app', { body: { payAppId: pa.id } }),
				`Pay app ${pa.id} is draft; only approved pay apps can be invoiced.`,
			);
			await client.call('POST', `/pay-apps/${pa.id}/submit`);
			await client.call('POST', `/pay-apps/${pa.id}/approve`);
			const inv = await created(client, '/invoices/from-pay-app', { payAppId: pa.id });
			expect(inv).toMatchObject({
				projectId: p.id,
				contactId: 12,
				total: '9500.00',
				sourceType: 'pay_app',
				sourcePayAppId: pa.id,
			});
			await expectConflict(
				client.call('POST', '/invoices/from-pay-app', { body: { payAppId: pa.id } }),
				/already invoiced/,
			);
		});
	});

	describe('page/pageSize listing', () => {
		it('pages newest first with meta.pagination {page, pageSize, total}', async () => {
			expect(sandbox.seedFamily('invoices', 45)).toBe(45);
			const page1 = await client.call('GET', '/invoices', { query: { pageSize: 20 } });
			expect(page1.body.meta.pagination).toMatchObject({ page: 1, pageSize: 20, total: 45 });
			const page3 = await client.call('GET', '/invoices', { query: { page: 3, pageSize: 20 } });
			expect(page3.body.data).toHaveLength(5);
			expect(page3.body.meta.pagination).toMatchObject({
				page: 3,
				pageSize: 20,
				total: 45,
				has_more: false,
			});
			const page9 = await client.call('GET', '/invoices', { query: { page: 9, pageSize: 20 } });
			expect(page9.body.data).toEqual([]);
			const ids = page1.body.data.map((i: { id: number }) => i.id);
			expect(ids).toEqual([...ids].sort((a, b) => b - a));
			expect(page1.body.data[0].lineItems).toBeUndefined();
			expect((await client.call('GET', '/invoices', { query: { pageSize: 201 } })).status).toBe(
				400,
			);
			expect((await client.call('GET', '/invoices', { query: { page: 0 } })).status).toBe(400);
			expect((await client.call('GET', '/invoices')).body.meta.pagination.pageSize).toBe(25);
		});

		it('is an offset list, not a snapshot: a record created mid-listing shifts later pages', async () => {
			sandbox.seedFamily('invoices', 6);
			const page1 = (
				await okData(client.call('GET', '/invoices', { query: { page: 1, pageSize: 3 } }))
			).map((i: { id: number }) => i.id);
			await invoice();
			const page2 = await client.call('GET', '/invoices', { query: { page: 2, pageSize: 3 } });
			expect(page2.body.meta.pagination.total).toBe(7);
			// The newest record pushed everything down one place: page 2 starts with page 1's last row.
			expect(page2.body.data[0].id).toBe(page1[2]);
		});

		it('filters by status (comma list), project, contact, due dates and q; summarises', async () => {
			const a = await invoice({ projectId: 7, dueDate: '2020-01-01' });
			await okData(client.call('POST', `/invoices/${a.id}/mark-sent`));
			const b = await invoice({ contactId: 9, notesToCustomer: 'Retainage release' });
			const c = await sentInvoice();
			await okData(client.call('POST', `/invoices/${c.id}/mark-paid`));
			const ids = async (query: Record<string, string | number>) =>
				(await okData(client.call('GET', '/invoices', { query }))).map((i: { id: number }) => i.id);
			expect(await ids({ status: 'sent,paid' })).toEqual([c.id, a.id]);
			expect(await ids({ projectId: 7 })).toEqual([a.id]);
			expect(await ids({ contactId: 9 })).toEqual([b.id]);
			expect(await ids({ dueBefore: '2021-01-01T00:00:00Z' })).toEqual([a.id]);
			expect(await ids({ q: 'retainage' })).toEqual([b.id]);
			const summary = await okData(client.call('GET', '/invoices/summary'));
			expect(summary.totals).toEqual({
				count: 3,
				total: '2850.00',
				amount_paid: '950.00',
				balance_due: '950.00',
				overdue_count: 1,
			});
			expect(
				summary.by_status.map((s: { status: string; count: number }) => [s.status, s.count]),
			).toEqual([
				['draft', 1],
				['sent', 1],
				['partial', 0],
				['paid', 1],
				['voided', 0],
			]);
		});

		it('seeds 10,000 invoices and serves any page of them', async () => {
			const res = await fetch(`${sandbox.url}/__sandbox/seed`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ family: 'invoices', count: 10_000 }),
			});
			expect(await res.json()).toEqual({ family: 'invoices', total: 10_000 });
			const last = await client.call('GET', '/invoices', { query: { page: 50, pageSize: 200 } });
			expect(last.body.data).toHaveLength(200);
			expect(last.body.meta.pagination).toMatchObject({ page: 50, total: 10_000, has_more: false });
			const paid = last.body.data.filter((i: { status: string }) => i.status === 'paid');
			expect(paid.every((i: { balanceDue: string }) => i.balanceDue === '0.00')).toBe(true);
		});
	});
});
