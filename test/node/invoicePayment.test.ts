/**
 * Invoice payments (invoiceId + paymentId): the ledger (one unpaginated list), recording,
 * correcting and voiding payments, and the 409 for a draft invoice, through n8n-core's engine
 * against the sandbox.
 */
import { apiRequests, keyOf, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);

/** A 1,000.00 invoice, sent unless asked otherwise; the request log is cleared afterwards. */
async function invoice(sent = true) {
	const created = (await api('POST', '/invoices', {
		invoice: { projectId: 1, contactId: 1, issueDate: '2026-03-01T00:00:00.000Z' },
		lines: [{ description: 'Progress billing', quantity: '1', unitPrice: '1000.00' }],
	})) as { id: number };
	if (sent) await api('POST', `/invoices/${created.id}/mark-sent`);
	env.sandbox.clearRequestLog();
	return created;
}

describe('Invoice Payment', () => {
	it('Record sends amount and paid-at (as a UTC timestamp) and the fields added; outputs the payment and the invoice, now partly paid', async () => {
		const { id } = await invoice();

		const result = await runResource(env.sandbox, 'invoicePayment', {
			operation: 'create',
			invoiceId: String(id),
			amount: '400.00',
			paidAt: '2026-03-10T09:00:00',
			additionalFields: { method: 'check', reference: 'Check #1042' },
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{
				payment: expect.objectContaining({
					id: expect.any(Number),
					invoiceId: id,
					amount: '400.00',
					method: 'check',
					reference: 'Check #1042',
				}),
				invoice: expect.objectContaining({ id, status: 'partial', balanceDue: '600.00' }),
			},
		]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)).toMatchObject({
			path: `/api/v1/invoices/${id}/payments`,
			body: {
				amount: '400.00',
				paidAt: '2026-03-10T09:00:00.000Z',
				method: 'check',
				reference: 'Check #1042',
			},
		});
	});

	it("Record is replayed by n8n's Retry On Fail with the same key when the answer is lost: paid once", async () => {
		const { id } = await invoice();
		env.sandbox.injectFault({
			kind: 'commit-then-drop',
			method: 'POST',
			path: `/invoices/${id}/payments`,
			count: 1,
		});

		const result = await runResource(
			env.sandbox,
			'invoicePayment',
			{
				operation: 'create',
				invoiceId: String(id),
				amount: '250.00',
				paidAt: '2026-03-10',
				options: { maxWait: 0 },
			},
			{ settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 } },
		);

		expect(result.error).toBeUndefined();
		const posts = apiRequests(env.sandbox, 'POST');
		expect(posts).toHaveLength(2);
		expect(keyOf(posts[0])).toEqual(keyOf(posts[1]));
		expect(await api('GET', `/invoices/${id}/payments`)).toHaveLength(1);
	});

	it('Record against a draft is refused with the 409 explained; an amount above the balance is a 422 naming the field', async () => {
		const draft = await invoice(false);
		const refused = await runResource(env.sandbox, 'invoicePayment', {
			operation: 'create',
			invoiceId: String(draft.id),
			amount: '10.00',
			paidAt: '2026-03-10',
		});
		expect(refused.error?.message).toMatch(
			new RegExp(
				`^Invoice ${draft.id} is draft; only sent or partial invoices can take payments \\(send it first\\)`,
			),
		);
		expect(refused.error?.description).toContain('Code: conflict');
		expect(refused.error?.description).toContain('HTTP status: 409');
		expect(refused.error?.description).toMatch(/Request ID: req_\w+/);

		const sent = await invoice();
		const tooMuch = await runResource(env.sandbox, 'invoicePayment', {
			operation: 'create',
			invoiceId: String(sent.id),
			amount: '5000.00',
			paidAt: '2026-03-10',
		});
		expect(tooMuch.error?.message).toMatch(/^Amount \S/);
		expect(tooMuch.error?.description).toContain('HTTP status: 422');
	});

	it('Get Many lists the whole ledger in one request without paging parameters; Limit applies to what comes back', async () => {
		const { id } = await invoice();
		for (const amount of ['100.00', '200.00', '300.00'])
			await api('POST', `/invoices/${id}/payments`, { amount, paidAt: '2026-03-10T00:00:00.000Z' });
		env.sandbox.clearRequestLog();

		const all = await runResource(env.sandbox, 'invoicePayment', {
			operation: 'getAll',
			invoiceId: String(id),
			returnAll: true,
		});
		expect(all.json.map((p) => p.amount)).toEqual(['100.00', '200.00', '300.00']);
		const some = await runResource(env.sandbox, 'invoicePayment', {
			operation: 'getAll',
			invoiceId: String(id),
			limit: 2,
		});
		expect(some.json).toHaveLength(2);

		const gets = apiRequests(env.sandbox, 'GET');
		expect(gets).toHaveLength(2);
		expect(
			gets.every(
				(entry) =>
					entry.path === `/api/v1/invoices/${id}/payments` && Object.keys(entry.query).length === 0,
			),
		).toBe(true);
	});

	it('Update corrects a payment; Delete voids it and outputs the voided payment with the invoice balance restored', async () => {
		const { id } = await invoice();
		const { payment } = (await api('POST', `/invoices/${id}/payments`, {
			amount: '100.00',
			paidAt: '2026-03-10T00:00:00.000Z',
		})) as { payment: { id: number } };
		env.sandbox.clearRequestLog();

		const updated = await runResource(env.sandbox, 'invoicePayment', {
			operation: 'update',
			invoiceId: String(id),
			paymentId: String(payment.id),
			updateFields: { amount: '150.00', notes: '' },
		});
		expect(updated.error).toBeUndefined();
		expect(updated.json).toEqual([
			{
				payment: expect.objectContaining({ id: payment.id, amount: '150.00', notes: null }),
				invoice: expect.objectContaining({ balanceDue: '850.00' }),
			},
		]);
		expect(apiRequests(env.sandbox, 'PATCH')[0]).toMatchObject({
			path: `/api/v1/invoices/${id}/payments/${payment.id}`,
			body: { amount: '150.00', notes: null },
		});

		const voided = await runResource(env.sandbox, 'invoicePayment', {
			operation: 'delete',
			invoiceId: String(id),
			paymentId: String(payment.id),
		});
		expect(voided.error).toBeUndefined();
		expect(voided.json).toEqual([
			{
				payment: expect.objectContaining({ id: payment.id, voidedAt: expect.any(String) }),
				invoice: expect.objectContaining({ status: 'sent', balanceDue: '1000.00' }),
			},
		]);

		const again = await runResource(env.sandbox, 'invoicePayment', {
			operation: 'delete',
			invoiceId: String(id),
			paymentId: String(payment.id),
		});
		expect(again.error?.message).toMatch(new RegExp(`^Payment ${payment.id} is already voided`));
		expect(again.error?.description).toContain('HTTP status: 409');
	});

	it('a Payment ID that is not a number is refused before anything is sent', async () => {
		const result = await runResource(env.sandbox, 'invoicePayment', {
			operation: 'delete',
			invoiceId: '7',
			paymentId: 'last',
		});

		expect(result.error?.message).toBe(
			'Payment ID must be a positive whole number, but it is "last"',
		);
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});
