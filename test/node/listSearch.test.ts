/**
 * The resource locators' "From list" mode: what a user sees when they open a list of records in
 * the editor, type to narrow it down and scroll for more; and that these lookups are sent like
 * every other request of the node (paced, retried, errors in our words).
 */
import type { INodeListSearchResult, INodeParameters } from 'n8n-workflow';

import {
	FAMILY_OF_ID_PARAMETER,
	LIST_SEARCH_METHOD_OF_FAMILY,
	listSearch,
	listSearchOf,
} from '../../nodes/BuildWorkPro/methods';
import { editorContext } from './editorContext';
import { apiKeyCredentials, apiRequests, sandboxApi, useSandbox } from './support';

const env = useSandbox();
const api = sandboxApi(env);

beforeEach(() => env.sandbox.reset());

type SearchMethod = keyof typeof listSearch;

/** Opens the list of `method` with the node's parameters as the editor has them. */
async function openList(
	method: SearchMethod,
	options: {
		parameters?: INodeParameters;
		filter?: string;
		paginationToken?: string;
		apiKey?: string;
	} = {},
): Promise<INodeListSearchResult> {
	const context = editorContext({
		parameters: { authentication: 'apiKey', ...options.parameters },
		credentials: apiKeyCredentials(env.sandbox.baseUrl, options.apiKey ?? env.sandbox.keys.full),
	});
	return await listSearch[method].call(context, options.filter, options.paginationToken);
}

/** The list's GET requests the sandbox saw, with their query. */
const listRequests = (path: string) =>
	apiRequests(env.sandbox, 'GET').filter((entry) => entry.path === `/api/v1${path}`);

async function createContact(body: Record<string, unknown>) {
	return (await api('POST', '/contacts', { type: 'customer', ...body })) as { id: number };
}

describe('Contacts', () => {
	it("lists each contact by name and company, with the contact's ID as the value and no link", async () => {
		const ada = await createContact({
			firstName: 'Ada',
			lastName: 'Stone',
			companyName: 'Stone Builders',
		});
		const acme = await createContact({ companyName: 'Acme Lumber' });

		const { results, paginationToken } = await openList('searchContacts');

		expect(results).toEqual(
			expect.arrayContaining([
				{ name: 'Ada Stone · Stone Builders', value: String(ada.id) },
				{ name: 'Acme Lumber', value: String(acme.id) },
			]),
		);
		expect(results).toHaveLength(2);
		expect(paginationToken).toBeUndefined();
	});

	it("narrows the list to what the user typed, with BuildWorkPro's own search", async () => {
		await createContact({ firstName: 'Ada', lastName: 'Stone', companyName: 'Stone Builders' });
		await createContact({ firstName: 'Bo', lastName: 'Reyes', companyName: 'Reyes Roofing' });

		const { results } = await openList('searchContacts', { filter: 'reyes' });

		expect(results.map((item) => item.name)).toEqual(['Bo Reyes · Reyes Roofing']);
		expect(listRequests('/contacts').map((entry) => entry.query.search)).toEqual(['reyes']);
	});

	it('asks BuildWorkPro for compact rows, which carry every field the list shows', async () => {
		await createContact({ firstName: 'Ada', lastName: 'Stone' });

		await openList('searchContacts');

		expect(listRequests('/contacts').map((entry) => entry.query.compact)).toEqual(['true']);
	});

	it('shows more contacts as the user scrolls: the next page through the pagination token', async () => {
		env.sandbox.seed(130);

		const first = await openList('searchContacts');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toEqual(expect.any(String));

		const second = await openList('searchContacts', { paginationToken: first.paginationToken });
		expect(second.results).toHaveLength(30);
		expect(second.paginationToken).toBeUndefined();

		const all = [...first.results, ...second.results].map((item) => item.value);
		expect(new Set(all).size).toBe(130);
		expect(listRequests('/contacts').map((entry) => entry.query.cursor)).toEqual([
			undefined,
			first.paginationToken,
		]);
	});

	it('waits out a rate-limit refusal and tries again, as every request of the node does', async () => {
		await createContact({ firstName: 'Ada', lastName: 'Stone' });
		env.sandbox.injectFault({ kind: 'rate-limited', method: 'GET', path: '/contacts', count: 1 });

		const { results } = await openList('searchContacts');

		expect(results.map((item) => item.name)).toEqual(['Ada Stone']);
		expect(listRequests('/contacts').map((entry) => entry.status)).toEqual([429, 200]);
	});
});

describe('Bids', () => {
	it('lists each bid by number and name', async () => {
		const bid = (await api('POST', '/bids', { name: 'Roof repair' })) as {
			id: number;
			bidNumber: string;
		};

		const { results } = await openList('searchBids');

		expect(results).toEqual([
			{ name: `${bid.bidNumber} · Roof repair · draft`, value: String(bid.id) },
		]);
	});

	it('narrows the list to the bids matching what the user typed', async () => {
		await api('POST', '/bids', { name: 'Roof repair' });
		await api('POST', '/bids', { name: 'Deck extension' });

		const { results } = await openList('searchBids', { filter: 'deck' });

		expect(results.map((item) => item.name)).toEqual([expect.stringContaining('Deck extension')]);
		expect(listRequests('/bids').map((entry) => entry.query.search)).toEqual(['deck']);
	});

	it('shows the next page of bids through the pagination token', async () => {
		env.sandbox.seedFamily('bids', 105);

		const first = await openList('searchBids');
		const second = await openList('searchBids', { paginationToken: first.paginationToken });

		expect(first.results).toHaveLength(100);
		expect(second.results).toHaveLength(5);
		expect(second.paginationToken).toBeUndefined();
	});

	it('says in our words when the key may not read bids, naming what was being listed', async () => {
		const failure = openList('searchBids', { apiKey: env.sandbox.keys.readOnly });

		await expect(failure).rejects.toMatchObject({
			name: 'NodeApiError',
			httpCode: '403',
			description: expect.stringContaining('While listing bids to choose from.'),
		});
		await expect(failure).rejects.toMatchObject({
			description: expect.stringContaining('lacks the scope this operation needs'),
		});
	});
});

describe('Projects', () => {
	it('lists each project by number and name, narrowed by what the user typed, from compact rows', async () => {
		const kitchen = (await api('POST', '/projects', { name: 'Kitchen remodel' })) as {
			id: number;
			projectNumber: string;
		};
		await api('POST', '/projects', { name: 'Warehouse slab' });

		const { results } = await openList('searchProjects', { filter: 'kitchen' });

		expect(results).toEqual([
			{ name: `${kitchen.projectNumber} · Kitchen remodel`, value: String(kitchen.id) },
		]);
		expect(listRequests('/projects').map((entry) => entry.query)).toEqual([
			expect.objectContaining({ search: 'kitchen', compact: 'true' }),
		]);
	});

	it('shows the next page of projects through the pagination token', async () => {
		env.sandbox.seedFamily('projects', 101);

		const first = await openList('searchProjects');
		const second = await openList('searchProjects', { paginationToken: first.paginationToken });

		expect([first.results.length, second.results.length]).toEqual([100, 1]);
		expect(second.paginationToken).toBeUndefined();
	});
});

describe('Invoices (a list paged by page number)', () => {
	async function createInvoice(notesToCustomer: string) {
		const customer = await createContact({ companyName: 'Stone Builders' });
		const project = (await api('POST', '/projects', { name: 'Deck' })) as { id: number };
		return (await api('POST', '/invoices', {
			invoice: {
				contactId: customer.id,
				projectId: project.id,
				issueDate: '2026-03-01',
				dueDate: '2026-03-31',
				notesToCustomer,
			},
			lines: [{ description: 'Labour', quantity: 2, unitPrice: '100.00' }],
		})) as { id: number; invoiceNumber: string };
	}

	it('lists each invoice by number, status and total', async () => {
		const invoice = await createInvoice('Thanks!');

		const { results } = await openList('searchInvoices');

		expect(results).toEqual([
			{ name: `${invoice.invoiceNumber} · draft · total 200.00`, value: String(invoice.id) },
		]);
	});

	it("narrows the list with the invoice list's own filter (q)", async () => {
		const wanted = await createInvoice('Final payment for the deck');
		await createInvoice('Deposit');

		const { results } = await openList('searchInvoices', { filter: wanted.invoiceNumber });

		expect(results.map((item) => item.value)).toEqual([String(wanted.id)]);
		expect(listRequests('/invoices').map((entry) => entry.query.q)).toEqual([wanted.invoiceNumber]);
	});

	it('pages by number: the token of the first page brings the second', async () => {
		env.sandbox.seedFamily('invoices', 130);

		const first = await openList('searchInvoices');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('2');

		const second = await openList('searchInvoices', { paginationToken: first.paginationToken });
		expect(second.results).toHaveLength(30);
		expect(second.paginationToken).toBeUndefined();
		expect(new Set([...first.results, ...second.results].map((item) => item.value)).size).toBe(130);
		expect(listRequests('/invoices').map((entry) => entry.query.page)).toEqual(['1', '2']);
	});
});

describe('Records that belong to another record (a bid line item)', () => {
	async function bidWithLines() {
		const bid = (await api('POST', '/bids', { name: 'Roof repair' })) as { id: number };
		const line = (await api('POST', `/bids/${bid.id}/line-items`, {
			description: 'Shingles',
			quantity: 3,
			unitPrice: '40.00',
		})) as { id: number };
		await api('POST', `/bids/${bid.id}/line-items`, { description: 'Flashing', quantity: 1 });
		return { bid, line };
	}

	it('lists the line items of the bid chosen in the node', async () => {
		const { bid, line } = await bidWithLines();

		const { results } = await openList('searchBidLineItems', {
			parameters: { resource: 'bidLineItem', operation: 'update', bidId: String(bid.id) },
		});

		expect(results).toEqual([
			{ name: 'Shingles · 3 × 40.00', value: String(line.id) },
			expect.objectContaining({ name: expect.stringContaining('Flashing') }),
		]);
	});

	it('reads the bid from a resource locator as well as from a plain field', async () => {
		const { bid } = await bidWithLines();

		const { results } = await openList('searchBidLineItems', {
			parameters: {
				resource: 'bidLineItem',
				operation: 'update',
				bidId: { __rl: true, mode: 'list', value: String(bid.id) },
			},
		});

		expect(results).toHaveLength(2);
	});

	it("filters the bid's line items by what the user typed", async () => {
		const { bid } = await bidWithLines();

		const { results } = await openList('searchBidLineItems', {
			parameters: { resource: 'bidLineItem', operation: 'update', bidId: String(bid.id) },
			filter: 'flash',
		});

		expect(results.map((item) => item.name)).toEqual([expect.stringContaining('Flashing')]);
	});

	it.each([
		['no bid chosen yet', ''],
		[
			'the bid given by an expression, which has no value before the workflow runs',
			'={{ $json.bidId }}',
		],
	])('is empty, without asking BuildWorkPro, with %s', async (_case, bidId) => {
		await bidWithLines();
		env.sandbox.clearRequestLog();

		const result = await openList('searchBidLineItems', {
			parameters: { resource: 'bidLineItem', operation: 'update', bidId },
		});

		expect(result).toEqual({ results: [] });
		expect(apiRequests(env.sandbox)).toEqual([]);
	});

	it('says in our words when the chosen bid does not exist', async () => {
		await expect(
			openList('searchBidLineItems', {
				parameters: { resource: 'bidLineItem', operation: 'update', bidId: '999999' },
			}),
		).rejects.toMatchObject({
			name: 'NodeApiError',
			httpCode: '404',
			description: expect.stringContaining("While listing the bid's line items to choose from."),
		});
	});
});

describe("An invoice's line items and payments", () => {
	it('come from the invoice chosen in the node', async () => {
		const customer = await createContact({ companyName: 'Stone Builders' });
		const project = (await api('POST', '/projects', { name: 'Deck' })) as { id: number };
		const invoice = (await api('POST', '/invoices', {
			invoice: {
				contactId: customer.id,
				projectId: project.id,
				issueDate: '2026-03-01',
				dueDate: '2026-03-31',
			},
			lines: [{ description: 'Labour', quantity: 2, unitPrice: '100.00' }],
		})) as { id: number; lineItems: Array<{ id: number }> };
		await api('POST', `/invoices/${invoice.id}/mark-sent`, {});
		await api('POST', `/invoices/${invoice.id}/payments`, {
			amount: '50.00',
			paidAt: '2026-03-05T00:00:00.000Z',
			method: 'check',
			reference: '1042',
		});
		const [payment] = (await api('GET', `/invoices/${invoice.id}/payments`)) as Array<{
			id: number;
		}>;
		const parameters = { invoiceId: { __rl: true, mode: 'id', value: String(invoice.id) } };

		const lines = await openList('searchInvoiceLineItems', {
			parameters: { resource: 'invoiceLineItem', operation: 'update', ...parameters },
		});
		const payments = await openList('searchInvoicePayments', {
			parameters: { resource: 'invoicePayment', operation: 'update', ...parameters },
		});

		expect(lines.results).toEqual([
			{ name: 'Labour · 2 × 100.00', value: String(invoice.lineItems[0].id) },
		]);
		expect(payments.results).toEqual([
			{ name: '50.00 · 2026-03-05 · check · 1042', value: String(payment.id) },
		]);
	});
});

describe('Lists BuildWorkPro cannot filter', () => {
	it('are not searchable: the user scrolls their pages instead', () => {
		expect(LIST_SEARCH_METHOD_OF_FAMILY.users).toMatchObject({ searchable: false });
		expect(LIST_SEARCH_METHOD_OF_FAMILY.timeEntries).toMatchObject({ searchable: false });
		expect(LIST_SEARCH_METHOD_OF_FAMILY.contacts).toMatchObject({ searchable: true });
		// Answered whole, so filtered here on every record.
		expect(LIST_SEARCH_METHOD_OF_FAMILY.bidLineItems).toMatchObject({ searchable: true });
	});

	it('list users by name and email, with nothing sent to filter them', async () => {
		const { results, paginationToken } = await openList('searchUsers');

		expect(results).toEqual(
			expect.arrayContaining([
				{ name: 'Dana Whitaker · dana.whitaker@tenant1.example.com', value: expect.any(String) },
			]),
		);
		expect(paginationToken).toBeUndefined();
		expect(listRequests('/users').map((entry) => entry.query.search)).toEqual([undefined]);
	});
});

describe('The table of ID parameters the locators are built from', () => {
	it('points every family at a search method of the node', () => {
		for (const { method } of Object.values(LIST_SEARCH_METHOD_OF_FAMILY))
			expect(typeof listSearch[method]).toBe('function');
		for (const family of Object.values(FAMILY_OF_ID_PARAMETER))
			expect(LIST_SEARCH_METHOD_OF_FAMILY[family]).toBeDefined();
	});

	it('tells line items of a bid from line items of an invoice', () => {
		expect(listSearchOf('bidLineItem', 'lineItemId')).toMatchObject({
			method: 'searchBidLineItems',
			parents: ['bidId'],
		});
		expect(listSearchOf('invoiceLineItem', 'lineItemId')).toMatchObject({
			method: 'searchInvoiceLineItems',
			parents: ['invoiceId'],
		});
		expect(listSearchOf('bid', 'contactId')).toMatchObject({ method: 'searchContacts' });
		expect(listSearchOf('product', 'categoryId')).toBeUndefined();
	});
});

describe('Every list without a parent', () => {
	const SEEDED_FAMILIES = [
		'leads',
		'projects',
		'bids',
		'change-orders',
		'pay-apps',
		'invoices',
		'documents',
		'site-logs',
		'time-entries',
		'products',
		'project-templates',
		'signature-requests',
	];

	/** How a record the list can say nothing else about is named. */
	const UNNAMED = [
		'Contact',
		'Lead',
		'Lead stage',
		'Project',
		'Bid',
		'Change order',
		'Pay application',
		'Invoice',
		'Product',
		'Site log',
		'Time entry',
		'Document',
		'User',
		'Project template',
		'Job',
		'Webhook endpoint',
		'Webhook delivery',
		'Signature request',
	];

	it('opens on a busy account and names each record by more than its ID', async () => {
		env.sandbox.seed(3);
		for (const family of SEEDED_FAMILIES) env.sandbox.seedFamily(family, 3);
		await api('POST', '/webhook-endpoints', {
			url: 'https://hooks.example.com/buildworkpro',
			eventTypes: ['contact.created'],
		});

		for (const { method, parents } of Object.values(LIST_SEARCH_METHOD_OF_FAMILY)) {
			if (parents.length > 0) continue;
			const { results } = await openList(method);
			// Jobs and webhook deliveries only exist once something ran.
			if (method === 'searchJobs' || method === 'searchWebhookDeliveries') continue;
			expect([method, results.length > 0]).toEqual([method, true]);
			for (const item of results) {
				const bareId = UNNAMED.map((noun) => `${noun} ${item.value}`);
				expect([method, bareId.includes(item.name)]).toEqual([method, false]);
				expect([method, item.value]).toEqual([method, expect.stringMatching(/^\S+$/)]);
			}
		}
	});
});
