/**
 * Invoice line items (invoiceId + lineItemId): create, update, delete and reorder, and the 409
 * for a sent invoice's lines, through n8n-core's engine against the sandbox.
 */
import { apiRequests, keyOf, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);

/** A draft invoice with three lines (a, b, c), made through the API; the request log is cleared afterwards. */
async function draftInvoice() {
	const invoice = (await api('POST', '/invoices', {
		invoice: { projectId: 1, contactId: 1, issueDate: '2026-03-01T00:00:00.000Z' },
		lines: [
			{ description: 'a', quantity: '1', unitPrice: '100.00' },
			{ description: 'b', quantity: '2', unitPrice: '50.00' },
			{ description: 'c', quantity: '1', unitPrice: '25.00' },
		],
	})) as { id: number; lineItems: Array<{ id: number; description: string }> };
	env.sandbox.clearRequestLog();
	return { id: invoice.id, lineIds: invoice.lineItems.map((line) => line.id) };
}

const linesOf = async (invoiceId: number) =>
	(
		(await api('GET', `/invoices/${invoiceId}`)) as {
			lineItems: Array<{ id: number; description: string }>;
		}
	).lineItems;

describe('Invoice Line Item', () => {
	it('Create adds a line to the draft invoice with only the fields given, and the invoice total follows', async () => {
		const invoice = await draftInvoice();

		const result = await runResource(env.sandbox, 'invoiceLineItem', {
			operation: 'create',
			invoiceId: String(invoice.id),
			description: 'Change order #2: extra outlets',
			additionalFields: { quantity: '4', unitPrice: '85.00', isTaxable: false },
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: expect.any(Number),
				invoiceId: invoice.id,
				description: 'Change order #2: extra outlets',
				amount: '340.00',
			}),
		]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)).toMatchObject({
			path: `/api/v1/invoices/${invoice.id}/lines`,
			body: {
				description: 'Change order #2: extra outlets',
				quantity: '4',
				unitPrice: '85.00',
				isTaxable: false,
			},
		});
		expect(((await api('GET', `/invoices/${invoice.id}`)) as { total: string }).total).toBe(
			'565.00',
		);
	});

	it("Create is replayed by n8n's Retry On Fail with the same key when the answer is lost: one line added", async () => {
		const invoice = await draftInvoice();
		env.sandbox.injectFault({
			kind: 'commit-then-drop',
			method: 'POST',
			path: `/invoices/${invoice.id}/lines`,
			count: 1,
		});

		const result = await runResource(
			env.sandbox,
			'invoiceLineItem',
			{
				operation: 'create',
				invoiceId: String(invoice.id),
				description: 'Permit fee',
				options: { maxWait: 0 },
			},
			{ settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 } },
		);

		expect(result.error).toBeUndefined();
		const posts = apiRequests(env.sandbox, 'POST');
		expect(posts).toHaveLength(2);
		expect(keyOf(posts[0])).toEqual(keyOf(posts[1]));
		expect((await linesOf(invoice.id)).map((line) => line.description)).toEqual([
			'a',
			'b',
			'c',
			'Permit fee',
		]);
	});

	it('Update changes a line by invoice ID and line item ID; Delete removes it', async () => {
		const invoice = await draftInvoice();
		const [first, second] = invoice.lineIds;

		const updated = await runResource(env.sandbox, 'invoiceLineItem', {
			operation: 'update',
			invoiceId: String(invoice.id),
			lineItemId: String(first),
			updateFields: { unitPrice: '120.00' },
		});
		expect(updated.json).toEqual([
			expect.objectContaining({ id: first, unitPrice: '120.00', amount: '120.00' }),
		]);
		expect(apiRequests(env.sandbox, 'PATCH')[0]).toMatchObject({
			path: `/api/v1/invoices/${invoice.id}/lines/${first}`,
			body: { unitPrice: '120.00' },
		});

		const deleted = await runResource(env.sandbox, 'invoiceLineItem', {
			operation: 'delete',
			invoiceId: String(invoice.id),
			lineItemId: String(second),
		});
		expect(deleted.json).toEqual([{ id: second, deleted: true }]);
		expect((await linesOf(invoice.id)).map((line) => line.id)).not.toContain(second);
	});

	it('Reorder sends the IDs in the given order as integers and outputs the lines in their new order', async () => {
		const invoice = await draftInvoice();
		const [a, b, c] = invoice.lineIds;

		const result = await runResource(env.sandbox, 'invoiceLineItem', {
			operation: 'reorder',
			invoiceId: String(invoice.id),
			orderedIds: `${c}, ${a} ${b}`,
		});

		expect(result.error).toBeUndefined();
		expect(result.json.map((line) => line.description)).toEqual(['c', 'a', 'b']);
		expect(apiRequests(env.sandbox, 'POST').at(-1)).toMatchObject({
			path: `/api/v1/invoices/${invoice.id}/lines/reorder`,
			body: { orderedIds: [c, a, b] },
		});
	});

	it('Reorder refuses a list with a non-numeric or repeated ID before sending; a list missing a line is refused by BuildWorkPro (422)', async () => {
		const invoice = await draftInvoice();
		const [a, b, c] = invoice.lineIds;

		const word = await runResource(env.sandbox, 'invoiceLineItem', {
			operation: 'reorder',
			invoiceId: String(invoice.id),
			orderedIds: `${a}, second, ${c}`,
		});
		expect(word.error?.message).toBe(
			'Ordered Line Item IDs must be positive whole numbers, but the list has "second"',
		);
		const twice = await runResource(env.sandbox, 'invoiceLineItem', {
			operation: 'reorder',
			invoiceId: String(invoice.id),
			orderedIds: `${a}, ${b}, ${a}`,
		});
		expect(twice.error?.message).toBe(`Ordered Line Item IDs lists ${a} twice`);
		expect(apiRequests(env.sandbox)).toHaveLength(0);

		const missing = await runResource(env.sandbox, 'invoiceLineItem', {
			operation: 'reorder',
			invoiceId: String(invoice.id),
			orderedIds: `${b}, ${a}`,
		});
		expect(missing.error?.message).toMatch(/^Ordered Line Item IDs \S/);
		expect(missing.error?.description).toContain('Code: validation_failed');
		expect(missing.error?.description).toContain('HTTP status: 422');
	});

	it("a sent invoice's lines cannot be changed: BuildWorkPro's explanation, 409, code and request ID", async () => {
		const invoice = await draftInvoice();
		await api('POST', `/invoices/${invoice.id}/mark-sent`);

		const result = await runResource(env.sandbox, 'invoiceLineItem', {
			operation: 'create',
			invoiceId: String(invoice.id),
			description: 'Late addition',
		});

		expect(result.error?.message).toMatch(
			new RegExp(`^Invoice ${invoice.id} is sent; only draft invoices can be edited`),
		);
		expect(result.error?.description).toContain('Code: conflict');
		expect(result.error?.description).toContain('HTTP status: 409');
		expect(result.error?.description).toMatch(/Request ID: req_\w+/);
	});

	it('an Invoice ID or Line Item ID that is not a number is refused before anything is sent', async () => {
		const invoiceWord = await runResource(env.sandbox, 'invoiceLineItem', {
			operation: 'delete',
			invoiceId: 'INV-7',
			lineItemId: '3',
		});
		expect(invoiceWord.error?.message).toBe(
			'Invoice ID must be a positive whole number, but it is "INV-7"',
		);
		const lineWord = await runResource(env.sandbox, 'invoiceLineItem', {
			operation: 'update',
			invoiceId: '7',
			lineItemId: 'first',
			updateFields: { description: 'x' },
		});
		expect(lineWord.error?.message).toBe(
			'Line Item ID must be a positive whole number, but it is "first"',
		);
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});
