/**
 * Bids: CRUD, the lifecycle (send, accept, reject, revert acceptance, duplicate, convert to
 * project) and what a user sees when BuildWorkPro refuses a transition, through n8n-core's engine
 * against the sandbox.
 */
import { apiRequests, keyOf, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);

const listPages = () =>
	apiRequests(env.sandbox, 'GET').filter((entry) => entry.path === '/api/v1/bids');

async function draftBid(fields: Record<string, unknown> = {}) {
	return (await api('POST', '/bids', { name: 'Cedar Park slab', ...fields })) as {
		id: number;
		status: string;
		bidNumber: string;
	};
}

async function acceptedBid() {
	const bid = await draftBid();
	await api('POST', `/bids/${bid.id}/accept`, { acceptedBy: 'Owner' });
	return bid;
}

/** What a user must see when BuildWorkPro refuses: its explanation, the 409, the code and the request ID. */
function expectRefusal(result: Awaited<ReturnType<typeof runResource>>, explanation: RegExp) {
	expect(result.error?.message).toMatch(explanation);
	expect(result.error?.description).toContain('Code: conflict');
	expect(result.error?.description).toContain('HTTP status: 409');
	expect(result.error?.description).toMatch(/Request ID: req_\w+/);
}

describe('Bid: CRUD', () => {
	it('Create sends only the fields added (dates as UTC timestamps, references as numbers) and outputs the draft bid', async () => {
		const result = await runResource(env.sandbox, 'bid', {
			operation: 'create',
			additionalFields: {
				name: 'Warehouse slab',
				taxRate: '8.25',
				contactId: 0,
				validUntil: '2026-06-30',
				showSublines: true,
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: expect.any(Number),
				name: 'Warehouse slab',
				status: 'draft',
				taxRate: '8.25',
				contactId: null,
			}),
		]);
		const [post] = apiRequests(env.sandbox, 'POST');
		expect(post.path).toBe('/api/v1/bids');
		expect(post.body).toEqual({
			name: 'Warehouse slab',
			taxRate: '8.25',
			contactId: null,
			validUntil: '2026-06-30T00:00:00.000Z',
			showSublines: true,
		});
	});

	it('Create with a tax rate that is not a number is refused: the message names the field, the description carries 422', async () => {
		const result = await runResource(env.sandbox, 'bid', {
			operation: 'create',
			additionalFields: { taxRate: 'lots' },
		});

		expect(result.error?.message).toMatch(/^Tax Rate \(%\) must be \S/);
		expect(result.error?.description).toContain('Code: validation_failed');
		expect(result.error?.description).toContain('HTTP status: 422');
	});

	it("Create is replayed by n8n's Retry On Fail with the same key when the answer is lost: exactly one bid", async () => {
		env.sandbox.injectFault({ kind: 'commit-then-drop', method: 'POST', path: '/bids', count: 1 });

		const result = await runResource(
			env.sandbox,
			'bid',
			{ operation: 'create', additionalFields: { name: 'Once only' }, options: { maxWait: 0 } },
			{ settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 } },
		);

		expect(result.error).toBeUndefined();
		const bids = (await api('GET', '/bids?limit=100')) as Array<{ id: number }>;
		expect(bids).toHaveLength(1);
		expect(result.json.map((b) => b.id)).toEqual([bids[0].id]);
		const posts = apiRequests(env.sandbox, 'POST');
		expect(posts).toHaveLength(2);
		expect(keyOf(posts[0])).toEqual(keyOf(posts[1]));
	});

	it('Get, Update and Delete work by Bid ID; afterwards Get finds nothing', async () => {
		const bid = await draftBid({ notes: 'Excludes permits.' });

		const got = await runResource(env.sandbox, 'bid', { operation: 'get', bidId: String(bid.id) });
		expect(got.json).toEqual([expect.objectContaining({ id: bid.id, name: 'Cedar Park slab' })]);

		const updated = await runResource(env.sandbox, 'bid', {
			operation: 'update',
			bidId: String(bid.id),
			updateFields: { name: 'Cedar Park slab, phase 2', notes: '' },
		});
		expect(updated.json).toEqual([
			expect.objectContaining({ id: bid.id, name: 'Cedar Park slab, phase 2', notes: null }),
		]);
		expect(apiRequests(env.sandbox, 'PATCH')[0].body).toEqual({
			name: 'Cedar Park slab, phase 2',
			notes: null,
		});

		const deleted = await runResource(env.sandbox, 'bid', {
			operation: 'delete',
			bidId: String(bid.id),
		});
		expect(deleted.json).toEqual([{ id: bid.id, deleted: true }]);
		const gone = await runResource(env.sandbox, 'bid', { operation: 'get', bidId: String(bid.id) });
		expect(gone.error?.description).toContain('HTTP status: 404');
	});

	it("Update and Delete of an accepted bid are refused with BuildWorkPro's explanation", async () => {
		const bid = await acceptedBid();

		const update = await runResource(env.sandbox, 'bid', {
			operation: 'update',
			bidId: String(bid.id),
			updateFields: { name: 'Changed' },
		});
		expectRefusal(update, new RegExp(`^Bid ${bid.id} is accepted; `));

		const remove = await runResource(env.sandbox, 'bid', {
			operation: 'delete',
			bidId: String(bid.id),
		});
		expectRefusal(remove, new RegExp(`^Bid ${bid.id} is accepted; `));
	});

	it('a Bid ID that is not a number is refused before anything is sent, for actions too', async () => {
		const get = await runResource(env.sandbox, 'bid', {
			operation: 'get',
			bidId: '12/../../contacts',
		});
		expect(get.error?.message).toBe(
			'Bid ID must be a positive whole number, but it is "12/../../contacts"',
		);

		const send = await runResource(env.sandbox, 'bid', { operation: 'send', bidId: 'BID-00012' });
		expect(send.error?.message).toBe(
			'Bid ID must be a positive whole number, but it is "BID-00012"',
		);

		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});

describe('Bid: lifecycle', () => {
	it('Send moves a draft bid to sent; sending it again is refused with the 409 explained', async () => {
		const bid = await draftBid();

		const sent = await runResource(env.sandbox, 'bid', {
			operation: 'send',
			bidId: String(bid.id),
		});
		expect(sent.error).toBeUndefined();
		expect(sent.json).toEqual([
			expect.objectContaining({ id: bid.id, status: 'sent', sentAt: expect.any(String) }),
		]);
		const [post] = apiRequests(env.sandbox, 'POST').filter((entry) => entry.path.endsWith('/send'));
		expect(post.path).toBe(`/api/v1/bids/${bid.id}/send`);
		expect(keyOf(post)).toBeDefined();

		const again = await runResource(env.sandbox, 'bid', {
			operation: 'send',
			bidId: String(bid.id),
		});
		expectRefusal(again, new RegExp(`^Bid ${bid.id} is already sent; only draft bids can be sent`));
	});

	it('Accept sends who accepted and locks the bid; accepting again is refused', async () => {
		const bid = await draftBid();

		const accepted = await runResource(env.sandbox, 'bid', {
			operation: 'accept',
			bidId: String(bid.id),
			acceptedBy: 'Jane Doe, owner',
		});
		expect(accepted.error).toBeUndefined();
		expect(accepted.json).toEqual([
			expect.objectContaining({ id: bid.id, status: 'accepted', acceptedBy: 'Jane Doe, owner' }),
		]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.body).toEqual({
			acceptedBy: 'Jane Doe, owner',
		});

		const again = await runResource(env.sandbox, 'bid', {
			operation: 'accept',
			bidId: String(bid.id),
			acceptedBy: 'Someone else',
		});
		expectRefusal(again, new RegExp(`^Bid ${bid.id} is already accepted; `));
	});

	it('Reject turns down a sent bid; rejecting an accepted bid is refused', async () => {
		const bid = await draftBid();
		await api('POST', `/bids/${bid.id}/send`);

		const rejected = await runResource(env.sandbox, 'bid', {
			operation: 'reject',
			bidId: String(bid.id),
		});
		expect(rejected.error).toBeUndefined();
		expect(rejected.json).toEqual([expect.objectContaining({ id: bid.id, status: 'rejected' })]);

		const accepted = await acceptedBid();
		const refused = await runResource(env.sandbox, 'bid', {
			operation: 'reject',
			bidId: String(accepted.id),
		});
		expectRefusal(refused, new RegExp(`^Bid ${accepted.id} is accepted; `));
	});

	it('Revert Acceptance moves an accepted bid back to the chosen status; on a draft bid it is refused', async () => {
		const bid = await acceptedBid();

		const reverted = await runResource(env.sandbox, 'bid', {
			operation: 'revertAcceptance',
			bidId: String(bid.id),
			status: 'sent',
		});
		expect(reverted.error).toBeUndefined();
		expect(reverted.json).toEqual([
			expect.objectContaining({ id: bid.id, status: 'sent', acceptedBy: null, acceptedAt: null }),
		]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.body).toEqual({ status: 'sent' });

		const draft = await draftBid();
		const refused = await runResource(env.sandbox, 'bid', {
			operation: 'revertAcceptance',
			bidId: String(draft.id),
			status: 'sent',
		});
		expectRefusal(
			refused,
			new RegExp(`^Bid ${draft.id} is draft; only accepted bids can be reverted`),
		);
	});

	it('Duplicate makes a new draft bid with its own number; duplicating a bid that does not exist says so', async () => {
		const bid = await acceptedBid();

		const copy = await runResource(env.sandbox, 'bid', {
			operation: 'duplicate',
			bidId: String(bid.id),
		});
		expect(copy.error).toBeUndefined();
		expect(copy.json).toEqual([
			expect.objectContaining({ id: expect.any(Number), status: 'draft', name: 'Cedar Park slab' }),
		]);
		expect(copy.json[0].id).not.toBe(bid.id);
		expect(copy.json[0].bidNumber).not.toBe(bid.bidNumber);

		const missing = await runResource(env.sandbox, 'bid', {
			operation: 'duplicate',
			bidId: '999999',
		});
		expect(missing.error?.description).toContain('HTTP status: 404');
	});

	it('Convert to Project makes a project from an accepted bid with the chosen strategy and options', async () => {
		const bid = await acceptedBid();

		const converted = await runResource(env.sandbox, 'bid', {
			operation: 'convertToProject',
			bidId: String(bid.id),
			mappingStrategy: 'tasks',
			additionalFields: { name: 'Cedar Park slab (job)', startDate: '2026-04-01T07:00:00' },
		});

		expect(converted.error).toBeUndefined();
		expect(converted.json).toHaveLength(1);
		expect(converted.json[0]).toMatchObject({
			project: expect.objectContaining({
				id: expect.any(Number),
				name: 'Cedar Park slab (job)',
				bidId: bid.id,
			}),
		});
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.body).toEqual({
			mappingStrategy: 'tasks',
			name: 'Cedar Park slab (job)',
			startDate: '2026-04-01T07:00:00.000Z',
		});
	});

	it('Convert to Project of a draft bid, or of a bid converted before, is refused with the reason', async () => {
		const draft = await draftBid();
		const refused = await runResource(env.sandbox, 'bid', {
			operation: 'convertToProject',
			bidId: String(draft.id),
			mappingStrategy: 'blank',
		});
		expectRefusal(
			refused,
			new RegExp(`^Bid ${draft.id} is draft; only accepted bids can be converted`),
		);

		const bid = await acceptedBid();
		await api('POST', `/bids/${bid.id}/convert-to-project`, { mappingStrategy: 'blank' });
		const twice = await runResource(env.sandbox, 'bid', {
			operation: 'convertToProject',
			bidId: String(bid.id),
			mappingStrategy: 'blank',
		});
		expectRefusal(twice, new RegExp(`^Bid ${bid.id} was already converted to project \\d+`));
	});

	it("Convert to Project is replayed by n8n's Retry On Fail with the same key when the answer is lost: one project, no 409", async () => {
		const bid = await acceptedBid();
		env.sandbox.injectFault({
			kind: 'commit-then-drop',
			method: 'POST',
			path: `/bids/${bid.id}/convert-to-project`,
			count: 1,
		});

		const result = await runResource(
			env.sandbox,
			'bid',
			{
				operation: 'convertToProject',
				bidId: String(bid.id),
				mappingStrategy: 'phases',
				options: { maxWait: 0 },
			},
			{ settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 } },
		);

		expect(result.error).toBeUndefined();
		const projects = (await api('GET', '/projects?limit=100')) as Array<{
			id: number;
			bidId: number;
		}>;
		expect(projects).toHaveLength(1);
		expect(result.json[0]).toMatchObject({
			project: expect.objectContaining({ id: projects[0].id }),
		});
		const posts = apiRequests(env.sandbox, 'POST').filter((entry) =>
			entry.path.endsWith('/convert-to-project'),
		);
		expect(posts).toHaveLength(2);
		expect(keyOf(posts[0])).toEqual(keyOf(posts[1]));
	});
});

describe('Bid: Get Many (cursor pages), Count, Get Summary, Get by IDs', () => {
	it('Return All follows the cursor over several pages, one item per bid; Count agrees', async () => {
		env.sandbox.seedFamily('bids', 210);

		const all = await runResource(env.sandbox, 'bid', { operation: 'getAll', returnAll: true });

		expect(all.error).toBeUndefined();
		expect(new Set(all.json.map((b) => b.id)).size).toBe(210);
		expect(listPages().map((page) => page.query.limit)).toEqual(['100', '100', '100']);

		const count = await runResource(env.sandbox, 'bid', { operation: 'count' });
		expect(count.json).toEqual([expect.objectContaining({ total: 210 })]);
	});

	it('Limit asks for no more than it needs', async () => {
		env.sandbox.seedFamily('bids', 60);

		const some = await runResource(env.sandbox, 'bid', {
			operation: 'getAll',
			returnAll: false,
			limit: 12,
		});

		expect(some.json).toHaveLength(12);
		expect(listPages().map((page) => page.query.limit)).toEqual(['12']);
	});

	it('filters by status and project ID on every page; Count takes the same filters', async () => {
		const project = await api('POST', '/projects', { name: 'Job' });
		const a = await draftBid({ projectId: project.id });
		await draftBid({ projectId: project.id });
		await draftBid();
		await api('POST', `/bids/${a.id}/send`);

		const result = await runResource(env.sandbox, 'bid', {
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'sent', projectId: project.id },
		});
		expect(result.json.map((b) => b.id)).toEqual([a.id]);
		expect(listPages()[0].query).toMatchObject({ status: 'sent', projectId: String(project.id) });

		const count = await runResource(env.sandbox, 'bid', {
			operation: 'count',
			filters: { projectId: project.id },
		});
		expect(count.json).toEqual([expect.objectContaining({ total: 2 })]);
	});

	it('Get Summary outputs one item with the totals and the breakdown by status', async () => {
		env.sandbox.seedFamily('bids', 20);

		const summary = await runResource(env.sandbox, 'bid', { operation: 'getSummary' });

		expect(summary.error).toBeUndefined();
		expect(summary.json).toEqual([
			expect.objectContaining({
				totals: expect.objectContaining({ count: 20 }),
				by_status: expect.any(Array),
			}),
		]);
	});

	it('Get by IDs outputs one item per bid found', async () => {
		const a = await draftBid();
		const b = await draftBid();

		const result = await runResource(env.sandbox, 'bid', {
			operation: 'getByIds',
			ids: `${a.id},${b.id}`,
		});

		expect(result.json.map((bid) => bid.id).sort()).toEqual([a.id, b.id].sort());
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.path).toBe('/api/v1/bids/get-many');
	});
});
