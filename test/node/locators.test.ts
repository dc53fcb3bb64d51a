/**
 * Version 2 picks records from a list: every record ID is a resource locator (From List or By ID).
 * Whichever way a record was picked, the request names the same record; an ID typed By ID that
 * is no ID is refused before anything is sent, naming the field; links inside Additional Fields,
 * Update Fields and Filters are sent as the numbers BuildWorkPro expects.
 */
import { apiRequests, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();
beforeEach(() => env.sandbox.reset());
const api = sandboxApi(env);

const fromList = (value: number | string, cachedResultName = 'picked') => ({
	__rl: true,
	mode: 'list',
	value: String(value),
	cachedResultName,
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const v2 = { typeVersion: 2 };

async function contact(name: string) {
	return (await api('POST', '/contacts', {
		type: 'customer',
		firstName: name,
		lastName: 'Locator',
	})) as { id: number };
}

async function draftBid(fields: Record<string, unknown> = {}) {
	return (await api('POST', '/bids', { name: 'Locator slab', ...fields })) as { id: number };
}

describe('record IDs in version 2', () => {
	it('a bid picked From List and one typed By ID are the same request', async () => {
		const bid = await draftBid();
		const listed = await runResource(
			env.sandbox,
			'bid',
			{ operation: 'get', bidId: fromList(bid.id, 'Locator slab'), simplify: false },
			v2,
		);
		const typed = await runResource(
			env.sandbox,
			'bid',
			{ operation: 'get', bidId: byId(` ${bid.id} `), simplify: false },
			v2,
		);

		expect(listed.error).toBeUndefined();
		expect(typed.error).toBeUndefined();
		expect(listed.json).toEqual(typed.json);
		expect(listed.json[0]).toMatchObject({ id: bid.id, name: 'Locator slab' });
		const gets = apiRequests(env.sandbox, 'GET').map((entry) => entry.path);
		expect(gets).toEqual([`/api/v1/bids/${bid.id}`, `/api/v1/bids/${bid.id}`]);
	});

	it('an ID typed By ID that is no whole number is refused before sending, naming the field', async () => {
		const result = await runResource(
			env.sandbox,
			'bid',
			{ operation: 'get', bidId: byId('BID-00001') },
			v2,
		);

		expect(result.error?.message).toBe(
			'Bid ID must be a positive whole number, but it is "BID-00001"',
		);
		expect(result.error?.description).toContain('Nothing was sent to BuildWorkPro.');
		expect(apiRequests(env.sandbox, 'GET')).toEqual([]);
	});

	it('a line item is changed under the bid picked as its parent', async () => {
		const bid = await draftBid();
		const item = (await api('POST', `/bids/${bid.id}/line-items`, {
			description: 'Rebar',
			quantity: '2',
			unitPrice: '10.00',
		})) as { id: number };

		const result = await runResource(
			env.sandbox,
			'bidLineItem',
			{
				operation: 'update',
				bidId: fromList(bid.id),
				lineItemId: byId(String(item.id)),
				updateFields: { description: 'Rebar #5' },
			},
			v2,
		);

		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ id: item.id, description: 'Rebar #5' });
		expect(apiRequests(env.sandbox, 'PATCH').map((entry) => entry.path)).toEqual([
			`/api/v1/bids/${bid.id}/line-items/${item.id}`,
		]);
	});
});

describe('links to other records in version 2', () => {
	it("a bid's contact picked in Additional Fields is sent as the contact's number", async () => {
		const customer = await contact('Ada');

		const result = await runResource(
			env.sandbox,
			'bid',
			{
				operation: 'create',
				additionalFields: { name: 'Linked', contactId: fromList(customer.id) },
			},
			v2,
		);

		expect(result.error).toBeUndefined();
		const [post] = apiRequests(env.sandbox, 'POST').filter(
			(entry) => entry.path === '/api/v1/bids',
		);
		expect(post.body).toEqual({ name: 'Linked', contactId: customer.id });
	});

	it("an emptied contact under Update Fields takes the bid's contact away (null)", async () => {
		const customer = await contact('Grace');
		const bid = await draftBid({ contactId: customer.id });

		const result = await runResource(
			env.sandbox,
			'bid',
			{
				operation: 'update',
				bidId: byId(String(bid.id)),
				updateFields: { contactId: fromList('') },
			},
			v2,
		);

		expect(result.error).toBeUndefined();
		const [patch] = apiRequests(env.sandbox, 'PATCH');
		expect(patch.body).toEqual({ contactId: null });
		expect(result.json[0]).toMatchObject({ id: bid.id, contactId: null });
	});

	it('a contact typed By ID under Filters that is no number is refused before sending', async () => {
		const result = await runResource(
			env.sandbox,
			'bid',
			{ operation: 'getAll', filters: { contactId: byId('Ada') } },
			v2,
		);

		expect(result.error?.message).toMatch(/must be a positive whole number, but it is "Ada"$/);
		expect(apiRequests(env.sandbox, 'GET')).toEqual([]);
	});

	it('a contact picked under Filters narrows Get Many to its bids', async () => {
		const ada = await contact('Ada');
		const grace = await contact('Grace');
		const adas = await draftBid({ contactId: ada.id });
		await draftBid({ contactId: grace.id });

		const result = await runResource(
			env.sandbox,
			'bid',
			{
				operation: 'getAll',
				returnAll: true,
				simplify: false,
				filters: { contactId: fromList(ada.id) },
			},
			v2,
		);

		expect(result.error).toBeUndefined();
		expect(result.json.map((bid) => bid.id)).toEqual([adas.id]);
		expect(apiRequests(env.sandbox, 'GET')[0].query).toMatchObject({ contactId: String(ada.id) });
	});
});

describe('version 1 is unchanged', () => {
	it('takes plain IDs as before', async () => {
		const bid = await draftBid();
		const result = await runResource(
			env.sandbox,
			'bid',
			{ operation: 'get', bidId: String(bid.id) },
			{
				typeVersion: 1,
			},
		);

		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ id: bid.id });
	});
});
