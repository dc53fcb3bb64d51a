/**
 * Invoices: CRUD with nested lines, Get Many over page/pageSize pages (Return All, Limit economy,
 * a record created while paging), the lifecycle (send, mark sent, mark paid, void, QuickBooks
 * sync) and invoices made from bids and pay applications, through n8n-core's engine against the
 * sandbox.
 */
import {
	apiRequests,
	keyOf,
	runResource,
	sandboxApi,
	startRewritingProxy,
	useSandbox,
} from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);

const listPages = () =>
	apiRequests(env.sandbox, 'GET').filter((entry) => entry.path === '/api/v1/invoices');
const pagesAsked = () => listPages().map((page) => `${page.query.page}/${page.query.pageSize}`);

async function projectAndContact() {
	const contact = (await api('POST', '/contacts', {
		type: 'customer',
		companyName: 'Harbor View Dental',
	})) as { id: number };
	const project = (await api('POST', '/projects', {
		name: 'Harbor View clinic renovation',
		contactId: contact.id,
	})) as { id: number };
	return { projectId: project.id, contactId: contact.id };
}

/** An invoice in the given status with one 4,500.00 line, made through the API; the request log is cleared afterwards. */
async function invoiceIn(status: 'draft' | 'sent' | 'paid' | 'voided') {
	const refs = await projectAndContact();
	const invoice = (await api('POST', '/invoices', {
		invoice: {
			...refs,
			issueDate: '2026-03-01T00:00:00.000Z',
			dueDate: '2026-03-31T00:00:00.000Z',
		},
		lines: [{ description: 'Progress billing, March', quantity: '1', unitPrice: '4500.00' }],
	})) as { id: number; lineItems: Array<{ id: number }> };
	if (status !== 'draft') await api('POST', `/invoices/${invoice.id}/mark-sent`);
	if (status === 'paid') await api('POST', `/invoices/${invoice.id}/mark-paid`, {});
	if (status === 'voided')
		await api('POST', `/invoices/${invoice.id}/void`, { reason: 'Billed twice' });
	env.sandbox.clearRequestLog();
	return invoice;
}

/** What a user must see when BuildWorkPro refuses: its explanation, the 409, the code and the request ID. */
function expectRefusal(result: Awaited<ReturnType<typeof runResource>>, explanation: RegExp) {
	expect(result.error?.message).toMatch(explanation);
	expect(result.error?.description).toContain('Code: conflict');
	expect(result.error?.description).toContain('HTTP status: 409');
	expect(result.error?.description).toMatch(/Request ID: req_\w+/);
}

describe('Invoice: CRUD', () => {
	it('Create nests the fields under invoice and sends the Lines, and outputs the draft with its totals', async () => {
		const refs = await projectAndContact();

		const result = await runResource(env.sandbox, 'invoice', {
			operation: 'create',
			...refs,
			issueDate: '2026-03-01T00:00:00',
			lines: {
				line: [
					{
						description: 'Framing labor',
						quantity: '40',
						unitPrice: '65.00',
						isTaxable: false,
						productId: 0,
						position: 0,
					},
					{ description: 'Lumber package', quantity: '', unitPrice: '1200.00', isTaxable: true },
				],
			},
			additionalFields: {
				taxRate: '10',
				dueDate: '2026-03-31T00:00:00',
				notesToCustomer: 'Thank you!',
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: expect.any(Number),
				status: 'draft',
				...refs,
				subtotal: '3800.00',
				taxAmount: '120.00',
				total: '3920.00',
				lineItems: expect.any(Array),
			}),
		]);
		expect((result.json[0].lineItems as unknown[]).length).toBe(2);
		const post = apiRequests(env.sandbox, 'POST').at(-1);
		expect(post?.path).toBe('/api/v1/invoices');
		expect(post?.body).toEqual({
			invoice: {
				...refs,
				issueDate: '2026-03-01T00:00:00.000Z',
				taxRate: '10',
				dueDate: '2026-03-31T00:00:00.000Z',
				notesToCustomer: 'Thank you!',
			},
			lines: [
				{ description: 'Framing labor', quantity: '40', unitPrice: '65.00', isTaxable: false },
				{ description: 'Lumber package', unitPrice: '1200.00', isTaxable: true },
			],
		});
	});

	it('Create without lines sends only the invoice; a line without a description is refused before sending', async () => {
		const refs = await projectAndContact();
		env.sandbox.clearRequestLog();

		const refused = await runResource(env.sandbox, 'invoice', {
			operation: 'create',
			...refs,
			issueDate: '2026-03-01',
			lines: { line: [{ description: '  ', unitPrice: '10' }] },
		});
		expect(refused.error?.message).toBe('Line 1 has no description');
		expect(apiRequests(env.sandbox)).toHaveLength(0);

		const bare = await runResource(env.sandbox, 'invoice', {
			operation: 'create',
			...refs,
			issueDate: '2026-03-01',
		});
		expect(bare.error).toBeUndefined();
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.body).toEqual({
			invoice: { ...refs, issueDate: '2026-03-01T00:00:00.000Z' },
		});
	});

	it('Create with a tax rate that is not a number is refused by BuildWorkPro: the message names the field, the description carries 422', async () => {
		const refs = await projectAndContact();

		const result = await runResource(env.sandbox, 'invoice', {
			operation: 'create',
			...refs,
			issueDate: '2026-03-01',
			additionalFields: { taxRate: 'eight' },
		});

		expect(result.error?.message).toMatch(/^Tax Rate \(%\) must be \S/);
		expect(result.error?.description).toContain('Code: validation_failed');
		expect(result.error?.description).toContain('HTTP status: 422');
	});

	it("Create is replayed by n8n's Retry On Fail with the same key when the answer is lost: one invoice", async () => {
		const refs = await projectAndContact();
		env.sandbox.clearRequestLog();
		env.sandbox.injectFault({
			kind: 'commit-then-drop',
			method: 'POST',
			path: '/invoices',
			count: 1,
		});

		const result = await runResource(
			env.sandbox,
			'invoice',
			{
				operation: 'create',
				...refs,
				issueDate: '2026-03-01',
				lines: { line: [{ description: 'Deposit', unitPrice: '1000.00' }] },
				options: { maxWait: 0 },
			},
			{ settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 } },
		);

		expect(result.error).toBeUndefined();
		const posts = apiRequests(env.sandbox, 'POST');
		expect(posts).toHaveLength(2);
		expect(keyOf(posts[0])).toEqual(keyOf(posts[1]));
		const all = await api('GET', '/invoices?pageSize=200');
		expect(all).toHaveLength(1);
		expect(result.json).toEqual([expect.objectContaining({ id: all[0].id, total: '1000.00' })]);
	});

	it('Get, Update and Delete work by Invoice ID; afterwards Get finds nothing', async () => {
		const invoice = await invoiceIn('draft');

		const got = await runResource(env.sandbox, 'invoice', {
			operation: 'get',
			invoiceId: String(invoice.id),
		});
		expect(got.json).toEqual([
			expect.objectContaining({
				id: invoice.id,
				total: '4500.00',
				lineItems: [expect.objectContaining({ description: 'Progress billing, March' })],
			}),
		]);

		const updated = await runResource(env.sandbox, 'invoice', {
			operation: 'update',
			invoiceId: String(invoice.id),
			updateFields: { discountType: 'percentage', discount: '10', notesToCustomer: '' },
		});
		expect(updated.error).toBeUndefined();
		expect(updated.json).toEqual([
			expect.objectContaining({ id: invoice.id, total: '4050.00', notesToCustomer: null }),
		]);
		expect(apiRequests(env.sandbox, 'PATCH')[0].body).toEqual({
			discountType: 'percentage',
			discount: '10',
			notesToCustomer: null,
		});

		const deleted = await runResource(env.sandbox, 'invoice', {
			operation: 'delete',
			invoiceId: String(invoice.id),
		});
		expect(deleted.json).toEqual([{ id: invoice.id, deleted: true }]);
		const gone = await runResource(env.sandbox, 'invoice', {
			operation: 'get',
			invoiceId: String(invoice.id),
		});
		expect(gone.error?.description).toContain('HTTP status: 404');
	});

	it("Update and Delete of a sent invoice are refused with BuildWorkPro's explanation", async () => {
		const invoice = await invoiceIn('sent');

		const update = await runResource(env.sandbox, 'invoice', {
			operation: 'update',
			invoiceId: String(invoice.id),
			updateFields: { terms: 'Net 15' },
		});
		expectRefusal(
			update,
			new RegExp(`^Invoice ${invoice.id} is sent; only draft invoices can be edited`),
		);

		const del = await runResource(env.sandbox, 'invoice', {
			operation: 'delete',
			invoiceId: String(invoice.id),
		});
		expectRefusal(
			del,
			new RegExp(`^Invoice ${invoice.id} is sent; only draft invoices can be deleted`),
		);
	});

	it('an Invoice ID that is not a number is refused before anything is sent', async () => {
		const result = await runResource(env.sandbox, 'invoice', {
			operation: 'void',
			invoiceId: 'INV-00042',
			reason: 'Duplicate',
		});

		expect(result.error?.message).toBe(
			'Invoice ID must be a positive whole number, but it is "INV-00042"',
		);
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});

describe('Invoice: Get Many (page/pageSize pages) and Get Summary', () => {
	it('Return All walks page=1,2,3 with the largest page size, one item per invoice, and stops at the short page', async () => {
		env.sandbox.seedFamily('invoices', 450);

		const all = await runResource(env.sandbox, 'invoice', { operation: 'getAll', returnAll: true });

		expect(all.error).toBeUndefined();
		expect(all.json).toHaveLength(450);
		expect(new Set(all.json.map((i) => i.id)).size).toBe(450);
		expect(pagesAsked()).toEqual(['1/200', '2/200', '3/200']);
		expect(
			listPages().every(
				(page) => page.query.cursor === undefined && page.query.limit === undefined,
			),
		).toBe(true);
	});

	it('Return All stops when the total is reached, without asking for an empty page', async () => {
		env.sandbox.seedFamily('invoices', 400);

		const all = await runResource(env.sandbox, 'invoice', { operation: 'getAll', returnAll: true });

		expect(all.json).toHaveLength(400);
		expect(pagesAsked()).toEqual(['1/200', '2/200']);
	});

	it('Limit asks for one page of exactly the limit when it fits, and no more pages than needed otherwise', async () => {
		env.sandbox.seedFamily('invoices', 450);

		const some = await runResource(env.sandbox, 'invoice', {
			operation: 'getAll',
			returnAll: false,
			limit: 30,
		});
		expect(some.json).toHaveLength(30);
		expect(pagesAsked()).toEqual(['1/30']);

		env.sandbox.clearRequestLog();
		const more = await runResource(env.sandbox, 'invoice', {
			operation: 'getAll',
			returnAll: false,
			limit: 250,
		});
		expect(more.json).toHaveLength(250);
		expect(new Set(more.json.map((i) => i.id)).size).toBe(250);
		// Two pages, evenly filled, so no more records travel than asked for.
		expect(pagesAsked()).toEqual(['1/125', '2/125']);
	});

	it('an invoice created while the node pages (shifting later pages by one) is never output twice', async () => {
		env.sandbox.seedFamily('invoices', 450);
		const before = new Set(
			((await api('GET', '/invoices?pageSize=200&page=1')) as Array<{ id: number }>).map(
				(i) => i.id,
			),
		);
		for (const page of [2, 3])
			for (const i of (await api('GET', `/invoices?pageSize=200&page=${page}`)) as Array<{
				id: number;
			}>)
				before.add(i.id);
		env.sandbox.clearRequestLog();
		let created = false;
		const served: unknown[] = [];
		// Right after page 1 is answered, someone creates an invoice in BuildWorkPro's web app.
		const proxy = await startRewritingProxy(env.sandbox.baseUrl, (body, request) => {
			if (Array.isArray(body.data))
				served.push(...(body.data as Array<{ id: unknown }>).map((i) => i.id));
			if (
				!created &&
				request.method === 'GET' &&
				/\/invoices\?.*\bpage=1\b/.test(request.url ?? '')
			) {
				created = true;
				env.sandbox.seedFamily('invoices', 1);
			}
			return undefined;
		});
		try {
			const all = await runResource(
				env.sandbox,
				'invoice',
				{ operation: 'getAll', returnAll: true },
				{ baseUrl: proxy.url },
			);

			expect(all.error).toBeUndefined();
			expect(created).toBe(true);
			// The shift made BuildWorkPro serve the last invoice of page 1 again on page 2.
			expect(new Set(served).size).toBe(served.length - 1);
			const ids = all.json.map((i) => i.id);
			expect(new Set(ids).size).toBe(ids.length);
			// Every invoice that existed when the listing began is there, once.
			expect(ids.filter((id) => before.has(id as number))).toHaveLength(450);
			expect(pagesAsked()).toEqual(['1/200', '2/200', '3/200']);
		} finally {
			await proxy.close();
		}
	});

	it("sends the filters with every page under the API's names (status list, due dates as UTC timestamps, q)", async () => {
		const sent = await invoiceIn('sent');
		await invoiceIn('draft');
		const paid = await invoiceIn('paid');

		const result = await runResource(env.sandbox, 'invoice', {
			operation: 'getAll',
			returnAll: true,
			filters: {
				status: 'sent,paid',
				dueAfter: '',
				dueBefore: '2100-01-01',
				q: 'INV',
				contactId: 0,
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.json.map((i) => i.id).sort()).toEqual([sent.id, paid.id].sort());
		expect(listPages()[0].query).toEqual({
			page: '1',
			pageSize: '200',
			status: 'sent,paid',
			dueBefore: '2100-01-01T00:00:00.000Z',
			q: 'INV',
		});
	});

	it('Get Summary outputs one item with totals and a breakdown by status', async () => {
		await invoiceIn('sent');
		await invoiceIn('draft');

		const summary = await runResource(env.sandbox, 'invoice', { operation: 'getSummary' });

		expect(summary.error).toBeUndefined();
		expect(summary.json).toEqual([
			expect.objectContaining({
				totals: expect.objectContaining({ count: 2, total: '9000.00' }),
				by_status: expect.any(Array),
			}),
		]);
		expect(apiRequests(env.sandbox, 'GET').at(-1)?.path).toBe('/api/v1/invoices/summary');
	});
});

describe('Invoice: lifecycle', () => {
	it('Send emails a draft with the optional fields (CC as a list) and marks it sent; sending it again is refused', async () => {
		const invoice = await invoiceIn('draft');

		const sent = await runResource(env.sandbox, 'invoice', {
			operation: 'send',
			invoiceId: String(invoice.id),
			additionalFields: {
				recipientEmail: 'ap@harborview.example',
				ccEmails: 'pm@example.com, office@example.com',
				subject: 'Invoice for March',
			},
		});
		expect(sent.error).toBeUndefined();
		expect(sent.json).toEqual([expect.objectContaining({ id: invoice.id, status: 'sent' })]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)).toMatchObject({
			path: `/api/v1/invoices/${invoice.id}/send`,
			body: {
				recipientEmail: 'ap@harborview.example',
				ccEmails: ['pm@example.com', 'office@example.com'],
				subject: 'Invoice for March',
			},
		});

		const again = await runResource(env.sandbox, 'invoice', {
			operation: 'send',
			invoiceId: String(invoice.id),
		});
		expectRefusal(
			again,
			new RegExp(`^Invoice ${invoice.id} is already sent; only draft invoices can be sent`),
		);
	});

	it('Mark Sent marks a draft sent without a body; marking a voided invoice sent is refused', async () => {
		const invoice = await invoiceIn('draft');
		const marked = await runResource(env.sandbox, 'invoice', {
			operation: 'markSent',
			invoiceId: String(invoice.id),
		});
		expect(marked.json).toEqual([expect.objectContaining({ id: invoice.id, status: 'sent' })]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.path).toBe(
			`/api/v1/invoices/${invoice.id}/mark-sent`,
		);

		const voided = await invoiceIn('voided');
		const refused = await runResource(env.sandbox, 'invoice', {
			operation: 'markSent',
			invoiceId: String(voided.id),
		});
		expectRefusal(
			refused,
			new RegExp(`^Invoice ${voided.id} is voided; only draft invoices can be marked sent`),
		);
	});

	it('Mark Paid pays a sent invoice in full at the given time; marking a draft paid is refused', async () => {
		const invoice = await invoiceIn('sent');
		const paid = await runResource(env.sandbox, 'invoice', {
			operation: 'markPaid',
			invoiceId: String(invoice.id),
			additionalFields: { paidAt: '2026-03-20T15:30:00' },
		});
		expect(paid.error).toBeUndefined();
		expect(paid.json).toEqual([
			expect.objectContaining({
				id: invoice.id,
				status: 'paid',
				balanceDue: '0.00',
				amountPaid: '4500.00',
			}),
		]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.body).toEqual({
			paidAt: '2026-03-20T15:30:00.000Z',
		});

		const draft = await invoiceIn('draft');
		const refused = await runResource(env.sandbox, 'invoice', {
			operation: 'markPaid',
			invoiceId: String(draft.id),
		});
		expectRefusal(
			refused,
			new RegExp(`^Invoice ${draft.id} is draft; only sent or partial invoices can be marked paid`),
		);
	});

	it('Void sends the reason and voids the invoice; voiding a paid invoice is refused', async () => {
		const invoice = await invoiceIn('sent');
		const voided = await runResource(env.sandbox, 'invoice', {
			operation: 'void',
			invoiceId: String(invoice.id),
			reason: 'Billed to the wrong customer',
		});
		expect(voided.error).toBeUndefined();
		expect(voided.json).toEqual([
			expect.objectContaining({
				id: invoice.id,
				status: 'voided',
				voidReason: 'Billed to the wrong customer',
			}),
		]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.body).toEqual({
			reason: 'Billed to the wrong customer',
		});

		const paid = await invoiceIn('paid');
		const refused = await runResource(env.sandbox, 'invoice', {
			operation: 'void',
			invoiceId: String(paid.id),
			reason: 'Too late',
		});
		expectRefusal(
			refused,
			new RegExp(`^Invoice ${paid.id} is paid; only draft, sent or partial invoices can be voided`),
		);
	});

	it("Void is replayed by n8n's Retry On Fail with the same key when the answer is lost: voided once, no 409", async () => {
		const invoice = await invoiceIn('sent');
		env.sandbox.injectFault({
			kind: 'commit-then-drop',
			method: 'POST',
			path: `/invoices/${invoice.id}/void`,
			count: 1,
		});

		const result = await runResource(
			env.sandbox,
			'invoice',
			{
				operation: 'void',
				invoiceId: String(invoice.id),
				reason: 'Duplicate',
				options: { maxWait: 0 },
			},
			{ settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 } },
		);

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([expect.objectContaining({ id: invoice.id, status: 'voided' })]);
		const posts = apiRequests(env.sandbox, 'POST');
		expect(posts).toHaveLength(2);
		expect(keyOf(posts[0])).toEqual(keyOf(posts[1]));
	});

	it('Sync to QuickBooks queues the push and says so', async () => {
		const invoice = await invoiceIn('sent');

		const result = await runResource(env.sandbox, 'invoice', {
			operation: 'syncToQuickBooks',
			invoiceId: String(invoice.id),
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ queued: true }]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.path).toBe(
			`/api/v1/invoices/${invoice.id}/qbo/sync`,
		);
	});
});

describe('Invoice: Create From Bid and Create From Pay App', () => {
	async function acceptedBid() {
		const refs = await projectAndContact();
		const bid = (await api('POST', '/bids', { name: 'Cedar Park slab', ...refs })) as {
			id: number;
		};
		await api('POST', `/bids/${bid.id}/line-items`, {
			description: 'Slab on grade',
			quantity: '1',
			unitPrice: '20000.00',
		});
		await api('POST', `/bids/${bid.id}/accept`, { acceptedBy: 'Owner' });
		env.sandbox.clearRequestLog();
		return bid;
	}

	it('Create From Bid invoices a percentage of an accepted bid; a draft bid is refused', async () => {
		const bid = await acceptedBid();

		const result = await runResource(env.sandbox, 'invoice', {
			operation: 'createFromBid',
			bidId: bid.id,
			mode: 'percent',
			additionalFields: { value: 25, notesToCustomer: 'First draw' },
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				status: 'draft',
				sourceBidId: bid.id,
				total: '5000.00',
				notesToCustomer: 'First draw',
			}),
		]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)).toMatchObject({
			path: '/api/v1/invoices/from-bid',
			body: { bidId: bid.id, mode: 'percent', value: 25, notesToCustomer: 'First draw' },
		});

		const draft = (await api('POST', '/bids', { name: 'Not yet accepted' })) as { id: number };
		const refused = await runResource(env.sandbox, 'invoice', {
			operation: 'createFromBid',
			bidId: draft.id,
			mode: 'full',
		});
		expectRefusal(
			refused,
			new RegExp(`^Bid ${draft.id} is draft; only accepted bids can be invoiced`),
		);
	});

	it('Create From Bid with a percentage but no value is refused: the message names the field, the description carries 422', async () => {
		const bid = await acceptedBid();

		const result = await runResource(env.sandbox, 'invoice', {
			operation: 'createFromBid',
			bidId: bid.id,
			mode: 'percent',
		});

		expect(result.error?.message).toMatch(/^Value \S/);
		expect(result.error?.description).toContain('HTTP status: 422');
	});

	it('Create From Pay App invoices an approved pay application once; a second time is refused', async () => {
		const { projectId } = await projectAndContact();
		const payApp = (await api('POST', '/pay-apps', {
			projectId,
			contractSum: '100000.00',
			currentBilled: '10000.00',
			retainagePercent: '10',
		})) as { id: number };
		await api('POST', `/pay-apps/${payApp.id}/submit`);
		await api('POST', `/pay-apps/${payApp.id}/approve`);
		env.sandbox.clearRequestLog();

		const result = await runResource(env.sandbox, 'invoice', {
			operation: 'createFromPayApp',
			payAppId: payApp.id,
			additionalFields: { dueDate: '2026-04-30' },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({ status: 'draft', sourcePayAppId: payApp.id, total: '9000.00' }),
		]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)).toMatchObject({
			path: '/api/v1/invoices/from-pay-app',
			body: { payAppId: payApp.id, dueDate: '2026-04-30T00:00:00.000Z' },
		});

		const again = await runResource(env.sandbox, 'invoice', {
			operation: 'createFromPayApp',
			payAppId: payApp.id,
		});
		expectRefusal(again, new RegExp(`^Pay app ${payApp.id} was already invoiced`));
	});
});
