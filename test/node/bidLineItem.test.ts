/**
 * Bid line items (a sub-resource: Bid ID + Line Item ID): what a user gets out of each operation
 * and what BuildWorkPro is asked, through n8n-core's engine against the sandbox.
 */
import { apiRequests, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);

/** A draft bid with `count` lines; the request log is cleared afterwards, so it shows only the node's requests. */
async function bidWithLines(count: number) {
	const bid = (await api('POST', '/bids', { name: 'Clinic renovation' })) as { id: number };
	const lines = [];
	for (let i = 1; i <= count; i++)
		lines.push(
			await api('POST', `/bids/${bid.id}/line-items`, {
				description: `Line ${i}`,
				quantity: '2',
				unitPrice: '10.00',
			}),
		);
	env.sandbox.clearRequestLog();
	return { bid, lines: lines as Array<{ id: number; description: string }> };
}

describe('Bid Line Item', () => {
	it('Create adds a line to the bid: the description and only the fields added are sent; the line comes back with its total', async () => {
		const { bid } = await bidWithLines(0);

		const result = await runResource(env.sandbox, 'bidLineItem', {
			operation: 'create',
			bidId: String(bid.id),
			description: 'Drywall hang and finish',
			additionalFields: { quantity: '12.5', unitPrice: '40.00', markName: 'A1' },
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: expect.any(Number),
				bidId: bid.id,
				description: 'Drywall hang and finish',
				total: '500.00',
			}),
		]);
		const [post] = apiRequests(env.sandbox, 'POST');
		expect(post.path).toBe(`/api/v1/bids/${bid.id}/line-items`);
		expect(post.body).toEqual({
			description: 'Drywall hang and finish',
			quantity: '12.5',
			unitPrice: '40.00',
			markName: 'A1',
		});
		expect(post.headers['idempotency-key']).toBeDefined();
	});

	it('Create with a quantity that is not a number is refused: the message names the field, the description carries 422', async () => {
		const { bid } = await bidWithLines(0);

		const result = await runResource(env.sandbox, 'bidLineItem', {
			operation: 'create',
			bidId: String(bid.id),
			description: 'Framing',
			additionalFields: { quantity: 'a dozen' },
		});

		expect(result.error?.message).toMatch(/^Quantity must be \S/);
		expect(result.error?.description).toContain('HTTP status: 422');
	});

	it('Get Many reads the whole list in one request without paging parameters; Limit cuts what comes back', async () => {
		const { bid, lines } = await bidWithLines(5);

		const all = await runResource(env.sandbox, 'bidLineItem', {
			operation: 'getAll',
			bidId: String(bid.id),
			returnAll: true,
		});
		expect(all.error).toBeUndefined();
		expect(all.json.map((line) => line.id)).toEqual(lines.map((line) => line.id));

		const some = await runResource(env.sandbox, 'bidLineItem', {
			operation: 'getAll',
			bidId: String(bid.id),
			returnAll: false,
			limit: 2,
		});
		expect(some.json.map((line) => line.id)).toEqual(lines.slice(0, 2).map((line) => line.id));

		const gets = apiRequests(env.sandbox, 'GET');
		expect(gets).toHaveLength(2);
		for (const get of gets) {
			expect(get.path).toBe(`/api/v1/bids/${bid.id}/line-items`);
			expect(get.query).toEqual({});
		}
	});

	it('Update and Delete work by Bid ID and Line Item ID', async () => {
		const { bid, lines } = await bidWithLines(2);

		const updated = await runResource(env.sandbox, 'bidLineItem', {
			operation: 'update',
			bidId: String(bid.id),
			lineItemId: String(lines[0].id),
			updateFields: { unitPrice: '15.00', markName: '' },
		});
		expect(updated.error).toBeUndefined();
		expect(updated.json).toEqual([
			expect.objectContaining({
				id: lines[0].id,
				unitPrice: '15.00',
				markName: null,
				total: '30.00',
			}),
		]);
		expect(apiRequests(env.sandbox, 'PATCH')[0]).toMatchObject({
			path: `/api/v1/bids/${bid.id}/line-items/${lines[0].id}`,
			body: { unitPrice: '15.00', markName: null },
		});

		const deleted = await runResource(env.sandbox, 'bidLineItem', {
			operation: 'delete',
			bidId: String(bid.id),
			lineItemId: String(lines[1].id),
		});
		expect(deleted.json).toEqual([{ id: lines[1].id, deleted: true }]);
		const remaining = (await api('GET', `/bids/${bid.id}/line-items`)) as Array<{ id: number }>;
		expect(remaining.map((line) => line.id)).toEqual([lines[0].id]);
	});

	it("the lines of an accepted bid are locked: adding one is refused with BuildWorkPro's explanation and the 409", async () => {
		const { bid } = await bidWithLines(1);
		await api('POST', `/bids/${bid.id}/accept`, { acceptedBy: 'Owner' });

		const result = await runResource(env.sandbox, 'bidLineItem', {
			operation: 'create',
			bidId: String(bid.id),
			description: 'Late addition',
		});

		expect(result.error?.message).toMatch(new RegExp(`^Bid ${bid.id} is accepted; `));
		expect(result.error?.description).toContain('Code: conflict');
		expect(result.error?.description).toContain('HTTP status: 409');
		expect(result.error?.description).toMatch(/Request ID: req_\w+/);
	});

	it('a line item that is not on the bid is reported as not found', async () => {
		const { bid } = await bidWithLines(1);

		const result = await runResource(env.sandbox, 'bidLineItem', {
			operation: 'delete',
			bidId: String(bid.id),
			lineItemId: '999999',
		});

		expect(result.error?.description).toContain('HTTP status: 404');
	});

	it('a Bid ID or Line Item ID that is not a number is refused before anything is sent', async () => {
		const badBid = await runResource(env.sandbox, 'bidLineItem', {
			operation: 'getAll',
			bidId: 'BID-00012',
			returnAll: true,
		});
		expect(badBid.error?.message).toBe(
			'Bid ID must be a positive whole number, but it is "BID-00012"',
		);

		const badLine = await runResource(env.sandbox, 'bidLineItem', {
			operation: 'update',
			bidId: '12',
			lineItemId: '3/../4',
			updateFields: { order: 1 },
		});
		expect(badLine.error?.message).toBe(
			'Line Item ID must be a positive whole number, but it is "3/../4"',
		);

		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});
