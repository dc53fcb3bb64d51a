/**
 * Change orders: CRUD, the approval lifecycle (submit, approve, reject) and what a user sees when
 * BuildWorkPro refuses a transition, through n8n-core's engine against the sandbox.
 */
import { apiRequests, keyOf, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);

const listPages = () =>
	apiRequests(env.sandbox, 'GET').filter((entry) => entry.path === '/api/v1/change-orders');

async function project(): Promise<{ id: number }> {
	return await api('POST', '/projects', { name: 'Riverside office build-out' });
}

/** A change order in the given status, made through the API; the request log is cleared afterwards. */
async function changeOrderIn(status: 'draft' | 'submitted' | 'approved') {
	const { id: projectId } = await project();
	const co = (await api('POST', '/change-orders', {
		projectId,
		title: 'Extra steel lintels',
		reason: 'design_change',
	})) as { id: number; projectId: number };
	if (status !== 'draft') await api('POST', `/change-orders/${co.id}/submit`);
	if (status === 'approved')
		await api('POST', `/change-orders/${co.id}/approve`, { approvedBy: 'Owner' });
	env.sandbox.clearRequestLog();
	return co;
}

/** What a user must see when BuildWorkPro refuses: its explanation, the 409, the code and the request ID. */
function expectRefusal(result: Awaited<ReturnType<typeof runResource>>, explanation: RegExp) {
	expect(result.error?.message).toMatch(explanation);
	expect(result.error?.description).toContain('Code: conflict');
	expect(result.error?.description).toContain('HTTP status: 409');
	expect(result.error?.description).toMatch(/Request ID: req_\w+/);
}

describe('Change Order: CRUD', () => {
	it('Create sends project ID, title, reason and only the fields added, and outputs the draft change order', async () => {
		const { id: projectId } = await project();

		const result = await runResource(env.sandbox, 'changeOrder', {
			operation: 'create',
			projectId,
			title: 'Owner-requested tile upgrade',
			reason: 'owner_request',
			additionalFields: { description: 'Porcelain instead of ceramic in both restrooms' },
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: expect.any(Number),
				projectId,
				status: 'draft',
				title: 'Owner-requested tile upgrade',
			}),
		]);
		const post = apiRequests(env.sandbox, 'POST').at(-1);
		expect(post?.path).toBe('/api/v1/change-orders');
		expect(post?.body).toEqual({
			projectId,
			title: 'Owner-requested tile upgrade',
			reason: 'owner_request',
			description: 'Porcelain instead of ceramic in both restrooms',
		});
	});

	it('Create on a project that does not exist is refused: the message names the field, the description carries 422', async () => {
		const result = await runResource(env.sandbox, 'changeOrder', {
			operation: 'create',
			projectId: 999999,
			title: 'Rock excavation',
			reason: 'unforeseen_condition',
		});

		expect(result.error?.message).toBe('Project ID: Project 999999 does not exist in this tenant.');
		expect(result.error?.description).toContain('Code: validation_failed');
		expect(result.error?.description).toContain('HTTP status: 422');
	});

	it('Get, Update and Delete work by Change Order ID; afterwards Get finds nothing', async () => {
		const co = await changeOrderIn('draft');

		const got = await runResource(env.sandbox, 'changeOrder', {
			operation: 'get',
			changeOrderId: String(co.id),
		});
		expect(got.json).toEqual([
			expect.objectContaining({ id: co.id, title: 'Extra steel lintels' }),
		]);

		const updated = await runResource(env.sandbox, 'changeOrder', {
			operation: 'update',
			changeOrderId: String(co.id),
			updateFields: { title: 'Extra steel lintels (east wall)', description: '' },
		});
		expect(updated.json).toEqual([
			expect.objectContaining({
				id: co.id,
				title: 'Extra steel lintels (east wall)',
				description: null,
			}),
		]);
		expect(apiRequests(env.sandbox, 'PATCH')[0].body).toEqual({
			title: 'Extra steel lintels (east wall)',
			description: null,
		});

		const deleted = await runResource(env.sandbox, 'changeOrder', {
			operation: 'delete',
			changeOrderId: String(co.id),
		});
		expect(deleted.json).toEqual([{ id: co.id, deleted: true }]);
		const gone = await runResource(env.sandbox, 'changeOrder', {
			operation: 'get',
			changeOrderId: String(co.id),
		});
		expect(gone.error?.description).toContain('HTTP status: 404');
	});

	it("Update of a submitted change order is refused with BuildWorkPro's explanation", async () => {
		const co = await changeOrderIn('submitted');

		const result = await runResource(env.sandbox, 'changeOrder', {
			operation: 'update',
			changeOrderId: String(co.id),
			updateFields: { title: 'Changed' },
		});

		expectRefusal(
			result,
			new RegExp(`^Change order ${co.id} is submitted; only draft change orders can be edited`),
		);
	});

	it('a Change Order ID that is not a number is refused before anything is sent', async () => {
		const result = await runResource(env.sandbox, 'changeOrder', {
			operation: 'approve',
			changeOrderId: 'CO-00007',
		});

		expect(result.error?.message).toBe(
			'Change Order ID must be a positive whole number, but it is "CO-00007"',
		);
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});

describe('Change Order: lifecycle', () => {
	it('Submit sends a draft for approval; submitting it again is refused with the 409 explained', async () => {
		const co = await changeOrderIn('draft');

		const submitted = await runResource(env.sandbox, 'changeOrder', {
			operation: 'submit',
			changeOrderId: String(co.id),
		});
		expect(submitted.error).toBeUndefined();
		expect(submitted.json).toEqual([expect.objectContaining({ id: co.id, status: 'submitted' })]);
		expect(apiRequests(env.sandbox, 'POST')[0].path).toBe(`/api/v1/change-orders/${co.id}/submit`);

		const again = await runResource(env.sandbox, 'changeOrder', {
			operation: 'submit',
			changeOrderId: String(co.id),
		});
		expectRefusal(
			again,
			new RegExp(
				`^Change order ${co.id} is already submitted; only draft change orders can be submitted`,
			),
		);
	});

	it('Approve approves a submitted change order, with or without Approved By; approving a draft is refused', async () => {
		const co = await changeOrderIn('submitted');
		const approved = await runResource(env.sandbox, 'changeOrder', {
			operation: 'approve',
			changeOrderId: String(co.id),
			additionalFields: { approvedBy: 'Jane Doe, owner' },
		});
		expect(approved.error).toBeUndefined();
		expect(approved.json).toEqual([
			expect.objectContaining({ id: co.id, status: 'approved', approvedBy: 'Jane Doe, owner' }),
		]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.body).toEqual({
			approvedBy: 'Jane Doe, owner',
		});

		const other = await changeOrderIn('submitted');
		const plain = await runResource(env.sandbox, 'changeOrder', {
			operation: 'approve',
			changeOrderId: String(other.id),
		});
		expect(plain.json).toEqual([expect.objectContaining({ id: other.id, status: 'approved' })]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.body ?? {}).toEqual({});

		const draft = await changeOrderIn('draft');
		const refused = await runResource(env.sandbox, 'changeOrder', {
			operation: 'approve',
			changeOrderId: String(draft.id),
		});
		expectRefusal(
			refused,
			new RegExp(
				`^Change order ${draft.id} is draft; only submitted change orders can be approved`,
			),
		);
	});

	it('Reject sends the reason; rejecting an approved change order is refused', async () => {
		const co = await changeOrderIn('submitted');
		const rejected = await runResource(env.sandbox, 'changeOrder', {
			operation: 'reject',
			changeOrderId: String(co.id),
			reason: 'Over budget',
		});
		expect(rejected.error).toBeUndefined();
		expect(rejected.json).toEqual([
			expect.objectContaining({ id: co.id, status: 'rejected', rejectionReason: 'Over budget' }),
		]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.body).toEqual({ reason: 'Over budget' });

		const approved = await changeOrderIn('approved');
		const refused = await runResource(env.sandbox, 'changeOrder', {
			operation: 'reject',
			changeOrderId: String(approved.id),
			reason: 'Too late',
		});
		expectRefusal(
			refused,
			new RegExp(
				`^Change order ${approved.id} is approved; only submitted change orders can be rejected`,
			),
		);
	});

	it("Approve is replayed by n8n's Retry On Fail with the same key when the answer is lost: approved once, no 409", async () => {
		const co = await changeOrderIn('submitted');
		env.sandbox.injectFault({
			kind: 'commit-then-drop',
			method: 'POST',
			path: `/change-orders/${co.id}/approve`,
			count: 1,
		});

		const result = await runResource(
			env.sandbox,
			'changeOrder',
			{
				operation: 'approve',
				changeOrderId: String(co.id),
				additionalFields: { approvedBy: 'Owner' },
				options: { maxWait: 0 },
			},
			{ settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 } },
		);

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({ id: co.id, status: 'approved', approvedBy: 'Owner' }),
		]);
		const posts = apiRequests(env.sandbox, 'POST');
		expect(posts).toHaveLength(2);
		expect(keyOf(posts[0])).toEqual(keyOf(posts[1]));
	});
});

describe('Change Order: Get Many (cursor pages), Count, Get Summary, Get by IDs', () => {
	it('Return All follows the cursor over several pages, one item per change order; Count agrees', async () => {
		env.sandbox.seedFamily('change-orders', 205);

		const all = await runResource(env.sandbox, 'changeOrder', {
			operation: 'getAll',
			returnAll: true,
		});

		expect(all.error).toBeUndefined();
		expect(new Set(all.json.map((co) => co.id)).size).toBe(205);
		expect(listPages().map((page) => page.query.limit)).toEqual(['100', '100', '100']);

		const count = await runResource(env.sandbox, 'changeOrder', { operation: 'count' });
		expect(count.json).toEqual([expect.objectContaining({ total: 205 })]);
	});

	it('Limit asks for no more than it needs', async () => {
		env.sandbox.seedFamily('change-orders', 40);

		const some = await runResource(env.sandbox, 'changeOrder', {
			operation: 'getAll',
			returnAll: false,
			limit: 15,
		});

		expect(some.json).toHaveLength(15);
		expect(listPages().map((page) => page.query.limit)).toEqual(['15']);
	});

	it('filters by status and project ID; Count and Get Summary take their filters', async () => {
		const a = await changeOrderIn('submitted');
		await api('POST', '/change-orders', {
			projectId: a.projectId,
			title: 'Revised door hardware',
			reason: 'owner_request',
		});
		await changeOrderIn('submitted');

		const result = await runResource(env.sandbox, 'changeOrder', {
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'submitted', projectId: a.projectId },
		});
		expect(result.json.map((co) => co.id)).toEqual([a.id]);
		expect(listPages()[0].query).toMatchObject({
			status: 'submitted',
			projectId: String(a.projectId),
		});

		const count = await runResource(env.sandbox, 'changeOrder', {
			operation: 'count',
			filters: { projectId: a.projectId },
		});
		expect(count.json).toEqual([expect.objectContaining({ total: 2 })]);

		const summary = await runResource(env.sandbox, 'changeOrder', {
			operation: 'getSummary',
			filters: { projectId: a.projectId },
		});
		expect(summary.json).toEqual([
			expect.objectContaining({
				totals: expect.objectContaining({ count: 2 }),
				by_status: expect.any(Array),
			}),
		]);
	});

	it('Get by IDs outputs one item per change order found', async () => {
		const a = await changeOrderIn('draft');
		const b = await changeOrderIn('draft');

		const result = await runResource(env.sandbox, 'changeOrder', {
			operation: 'getByIds',
			ids: `${a.id}, ${b.id}`,
		});

		expect(result.json.map((co) => co.id).sort()).toEqual([a.id, b.id].sort());
		expect(apiRequests(env.sandbox, 'POST').at(-1)).toMatchObject({
			path: '/api/v1/change-orders/get-many',
			body: { ids: [a.id, b.id] },
		});
	});
});
