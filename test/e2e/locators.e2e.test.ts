/**
 * The record pickers of the node's version 2 (resource locators) in a real n8n. What the editor
 * asks n8n for when a "From list" dropdown opens or scrolls (POST
 * /rest/dynamic-node-parameters/resource-locator-results, with the node type and version, the
 * node's current parameters, the credential, the list's method, what the user typed and the
 * pagination token of the page before) must answer the account's records, filtered as BuildWorkPro
 * filters them and paged to the end; a workflow saved with a record picked from that list, or
 * typed By ID, must act on that record.
 *
 * The expected records come from the API itself, read page by page. Runs on n8n 2.x and, with
 * N8N_E2E_VERSION=1.123.x, on n8n 1.x.
 */
import { randomUUID } from 'node:crypto';

import { packageName } from '../../e2e/lib/communityPackage';
import {
	createWorkflow,
	runManually,
	type ExecutionDetails,
	type WorkflowNode,
	manualTrigger,
} from '../../e2e/lib/n8nWorkflows';
import { locatorById } from '../../e2e/lib/nodeVersions';
import { groupAlive } from '../../e2e/lib/process';
import { startStack, type Stack, stepShowingN8nLog } from '../../e2e/lib/stack';

const NODE_TYPE = `${packageName}.buildWorkPro`;
const LOCATOR_VERSION = 2;
const SEEDED_CONTACTS = 300;
/** More than one page of the pickers (100 records a page) for every family below. */
const SEEDED_PER_FAMILY = 150;

let stack: Stack;

beforeAll(async () => {
	stack = await startStack({
		version: process.env.N8N_E2E_VERSION,
		// This suite counts records, not requests: the pickers' pages and the checks' own reads
		// together pass the 60 requests a minute an API key gets by default.
		sandbox: { seed: SEEDED_CONTACTS, rateLimit: { keyLimit: 100_000, tenantBudget: 10_000_000 } },
	});
	for (const family of ['bids', 'projects', 'invoices'])
		stack.sandbox.seedFamily(family, SEEDED_PER_FAMILY);
	console.log(
		`n8n ${stack.prepared.install.version} at ${stack.n8n.url}, sandbox at ${stack.sandbox.url}`,
	);
}, 900_000);

afterAll(async () => {
	if (!stack) return;
	const pid = stack.n8n.process.child.pid!;
	const log = await stack.stop();
	console.log(`n8n log kept at ${log}`);
	expect(groupAlive(pid)).toBe(false);
}, 60_000);

/** A test body whose failure also shows the end of n8n's log. */
const step = stepShowingN8nLog(() => stack?.n8n);

interface ListItem {
	name: string;
	value: string | number;
	url?: string;
}
interface ListPage {
	results: ListItem[];
	paginationToken?: string | number;
}

/**
 * One page of a "From list" dropdown, asked for as the editor asks: the token is handed back
 * exactly as n8n gave it with the page before.
 */
async function pickerPage(
	resource: string,
	operation: string,
	parameter: string,
	methodName: string,
	filter?: string,
	paginationToken?: string | number,
	/** The node's other parameters as they are set (a line item's bid). */
	others: Record<string, unknown> = {},
): Promise<ListPage> {
	const [top, nested] = parameter.split('.');
	const empty = { __rl: true, mode: 'list', value: '' };
	return await stack.client.post<ListPage>('/dynamic-node-parameters/resource-locator-results', {
		path: `parameters.${parameter}`,
		nodeTypeAndVersion: { name: NODE_TYPE, version: LOCATOR_VERSION },
		currentNodeParameters: {
			authentication: 'apiKey',
			resource,
			operation,
			...others,
			[top]: nested ? { [nested]: empty } : empty,
		},
		credentials: { buildWorkProApi: { id: stack.credential.id, name: stack.credential.name } },
		methodName,
		...(filter !== undefined ? { filter } : {}),
		...(paginationToken !== undefined ? { paginationToken } : {}),
	});
}

/** Every page of a dropdown for a search term, as a user scrolling to its end gets them. */
async function allPickerPages(
	resource: string,
	operation: string,
	parameter: string,
	methodName: string,
	filter: string,
): Promise<ListPage[]> {
	const pages = [await pickerPage(resource, operation, parameter, methodName, filter)];
	while (pages.at(-1)!.paginationToken !== undefined && pages.length < 20)
		pages.push(
			await pickerPage(
				resource,
				operation,
				parameter,
				methodName,
				filter,
				pages.at(-1)!.paginationToken,
			),
		);
	return pages;
}

/** The API's own answer: every record of a list for a search, read page by page. */
async function apiRecords(
	path: string,
	query: Record<string, string>,
	paging: 'cursor' | 'page' | 'whole',
): Promise<Array<Record<string, any>>> {
	const records: Array<Record<string, any>> = [];
	let cursor: string | undefined;
	for (let page = 1; page <= 50; page++) {
		const params = new URLSearchParams({
			...query,
			...(paging === 'cursor' ? { limit: '100', ...(cursor ? { cursor } : {}) } : {}),
			...(paging === 'page' ? { page: String(page), pageSize: '100' } : {}),
		});
		const response = await fetch(`${stack.sandbox.baseUrl}${path}?${params}`, {
			headers: { authorization: `Bearer ${stack.sandbox.keys.full}` },
		});
		if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
		const body = (await response.json()) as {
			data: Array<Record<string, any>>;
			meta?: { pagination?: { cursor?: string | null; has_more?: boolean } };
		};
		records.push(...body.data);
		if (paging === 'whole' || !body.meta?.pagination?.has_more) return records;
		cursor = body.meta.pagination.cursor ?? undefined;
	}
	throw new Error(`GET ${path} did not end within 50 pages`);
}

const ids = (values: Array<string | number>) =>
	values.map((value) => Number(value)).sort((a, b) => a - b);

interface Family {
	resource: string;
	/** An operation whose record ID is picked with the family's list. */
	operation: string;
	parameter: string;
	methodName: string;
	path: string;
	paging: 'cursor' | 'page';
	/** The list's text filter in the API (`search`, `q` on invoices). */
	searchParameter: string;
	/** A term more than a page of records match, and a narrower one. */
	broad: string;
	narrow: string;
	/** What a person knows the record by, which its entry in the list must show. */
	knownBy: (record: Record<string, any>) => string;
}

const FAMILIES: Family[] = [
	{
		resource: 'contact',
		operation: 'update',
		parameter: 'contactId',
		methodName: 'searchContacts',
		path: '/contacts',
		paging: 'cursor',
		searchParameter: 'search',
		broad: 'a',
		narrow: 'Supply',
		knownBy: (record) => record.companyName ?? record.lastName ?? record.email,
	},
	{
		resource: 'bid',
		operation: 'update',
		parameter: 'bidId',
		methodName: 'searchBids',
		path: '/bids',
		paging: 'cursor',
		searchParameter: 'search',
		broad: 'BID',
		narrow: 'Harbor',
		knownBy: (record) => record.bidNumber,
	},
	{
		resource: 'project',
		operation: 'update',
		parameter: 'projectId',
		methodName: 'searchProjects',
		path: '/projects',
		paging: 'cursor',
		searchParameter: 'search',
		broad: 'PRJ',
		narrow: 'Harbor',
		knownBy: (record) => record.projectNumber,
	},
	{
		resource: 'invoice',
		operation: 'get',
		parameter: 'invoiceId',
		methodName: 'searchInvoices',
		path: '/invoices',
		paging: 'page',
		searchParameter: 'q',
		broad: 'INV',
		narrow: 'INV-0012',
		knownBy: (record) => record.invoiceNumber,
	},
];

describe.each(FAMILIES)(
	"$resource → $operation's $parameter, From list ($methodName)",
	(family) => {
		it(
			`a search term answers exactly the records BuildWorkPro finds for it, one page of up to 100, named so a person knows them`,
			step(async () => {
				const expected = await apiRecords(
					family.path,
					{ [family.searchParameter]: family.narrow },
					family.paging,
				);
				expect(expected.length).toBeGreaterThan(0);
				expect(expected.length).toBeLessThanOrEqual(100);

				const page = await pickerPage(
					family.resource,
					family.operation,
					family.parameter,
					family.methodName,
					family.narrow,
				);
				expect(ids(page.results.map((item) => item.value))).toEqual(
					ids(expected.map((record) => record.id)),
				);
				expect(page.paginationToken).toBeUndefined();
				const byId = new Map(expected.map((record) => [Number(record.id), record]));
				for (const item of page.results)
					expect(item.name).toContain(family.knownBy(byId.get(Number(item.value))!));
			}),
		);

		it(
			`a term more than a page of records match: the first page and the next, through the pagination token, give every match once`,
			step(async () => {
				const expected = await apiRecords(
					family.path,
					{ [family.searchParameter]: family.broad },
					family.paging,
				);
				expect(expected.length).toBeGreaterThan(100);

				const pages = await allPickerPages(
					family.resource,
					family.operation,
					family.parameter,
					family.methodName,
					family.broad,
				);
				expect(pages.length).toBeGreaterThanOrEqual(2);
				expect(pages[0].results).toHaveLength(100);
				expect(pages[0].paginationToken).toBeDefined();
				const listed = pages.flatMap((page) => page.results.map((item) => item.value));
				expect(ids(listed)).toEqual(ids(expected.map((record) => record.id)));
			}),
		);
	},
);

describe("a list that needs another record first: Bid Line Item → Update's line item (searchBidLineItems)", () => {
	it(
		'is empty until a bid is picked, then lists exactly that bid’s line items',
		step(async () => {
			const { results: bids } = await pickerPage(
				'bidLineItem',
				'update',
				'bidId',
				'searchBids',
				'Harbor',
			);
			const bid = bids[0];
			const lines = await apiRecords(`/bids/${bid.value}/line-items`, {}, 'whole');
			expect(lines.length).toBeGreaterThan(0);

			const before = await pickerPage('bidLineItem', 'update', 'lineItemId', 'searchBidLineItems');
			expect(before.results).toEqual([]);

			const picked = {
				__rl: true,
				mode: 'list',
				value: String(bid.value),
				cachedResultName: bid.name,
			};
			const after = await pickerPage(
				'bidLineItem',
				'update',
				'lineItemId',
				'searchBidLineItems',
				undefined,
				undefined,
				{ bidId: picked },
			);
			expect(ids(after.results.map((item) => item.value))).toEqual(
				ids(lines.map((line) => line.id)),
			);
		}),
	);
});

describe('workflows saved with a picked record', () => {
	function buildWorkPro(parameters: Record<string, unknown>): WorkflowNode {
		return {
			name: 'BuildWorkPro',
			type: NODE_TYPE,
			typeVersion: LOCATOR_VERSION,
			parameters,
			credentials: {
				buildWorkProApi: { id: stack.credential.id, name: stack.credential.name },
			},
		};
	}

	async function run(name: string, parameters: Record<string, unknown>) {
		const workflow = await createWorkflow(stack.client, name, [
			manualTrigger(),
			buildWorkPro(parameters),
		]);
		return await runManually(stack.n8n, stack.client, workflow);
	}

	function succeeded(execution: ExecutionDetails): Array<Record<string, any>> {
		if (execution.status !== 'success')
			throw new Error(
				`Execution ${execution.id} ended "${execution.status}": ${JSON.stringify(execution.error)}`,
			);
		return execution.output.BuildWorkPro;
	}

	/** The editor saves a record picked from the list as its ID, with the name it was shown. */
	const fromList = (item: ListItem) => ({
		__rl: true,
		mode: 'list',
		value: String(item.value),
		cachedResultName: item.name,
	});

	const lastSeq = () => stack.sandbox.requestLog().at(-1)?.seq ?? 0;
	const requestsSince = (since: number) =>
		stack.sandbox
			.requestLog()
			.filter((entry) => entry.seq > since && entry.path.startsWith('/api/v1/'));

	it(
		'Bid → Update with the bid picked From list changes that bid, and only it',
		step(async () => {
			const { results } = await pickerPage('bid', 'update', 'bidId', 'searchBids', 'Harbor');
			const picked = results[results.length >> 1];
			const notes = `Picked from the list (${randomUUID().slice(0, 8)})`;
			const since = lastSeq();

			const [updated] = succeeded(
				await run('Locator: update the picked bid', {
					resource: 'bid',
					operation: 'update',
					bidId: fromList(picked),
					updateFields: { notes },
				}),
			);

			expect(updated).toMatchObject({ id: Number(picked.value), notes });
			const writes = requestsSince(since).filter((entry) => entry.method !== 'GET');
			expect(writes.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
				`PATCH /api/v1/bids/${picked.value}`,
			]);
			const matching = await apiRecords('/bids', { search: notes }, 'cursor');
			expect(matching.map((bid) => bid.id)).toEqual([Number(picked.value)]);
		}),
	);

	it(
		'Project → Update, the project By ID and its customer (a link in Update Fields) From list, links exactly those two',
		step(async () => {
			const [project] = await apiRecords('/projects', { search: 'Harbor' }, 'cursor');
			const { results } = await pickerPage(
				'project',
				'update',
				'updateFields.contactId',
				'searchContacts',
				'Supply',
			);
			const customer = results[0];
			const since = lastSeq();

			const [updated] = succeeded(
				await run('Locator: link a project to its customer', {
					resource: 'project',
					operation: 'update',
					projectId: locatorById(project.id),
					updateFields: { contactId: fromList(customer) },
				}),
			);

			expect(updated).toMatchObject({ id: project.id, contactId: Number(customer.value) });
			const [patch, ...others] = requestsSince(since).filter((entry) => entry.method !== 'GET');
			expect(others).toHaveLength(0);
			expect(`${patch.method} ${patch.path}`).toBe(`PATCH /api/v1/projects/${project.id}`);
			expect(patch.body).toEqual({ contactId: Number(customer.value) });
		}),
	);

	it(
		'Invoice → Get By ID and From list (its page-numbered list) read that invoice',
		step(async () => {
			const [second] = await pickerPage(
				'invoice',
				'get',
				'invoiceId',
				'searchInvoices',
				'INV',
				(await pickerPage('invoice', 'get', 'invoiceId', 'searchInvoices', 'INV')).paginationToken,
			).then((page) => page.results);
			const [typed] = await apiRecords('/invoices', { q: 'INV-0012' }, 'page');

			for (const [name, invoiceId, expectedId] of [
				['Locator: get the invoice picked on the second page', fromList(second), second.value],
				['Locator: get an invoice by its ID', locatorById(typed.id), typed.id],
			] as const) {
				const since = lastSeq();
				const [invoice] = succeeded(
					await run(name, { resource: 'invoice', operation: 'get', invoiceId, simplify: false }),
				);
				expect(invoice).toMatchObject({ id: Number(expectedId) });
				expect(requestsSince(since).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
					`GET /api/v1/invoices/${expectedId}`,
				]);
			}
		}),
	);
});
