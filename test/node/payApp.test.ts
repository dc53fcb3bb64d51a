/**
 * Pay applications: CRUD, the approval lifecycle (submit, approve, reject, mark paid), cursor
 * paging, count, summary and lookups by ID, and what a user sees when BuildWorkPro refuses a
 * transition, through n8n-core's engine against the sandbox.
 */
import { apiRequests, keyOf, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);

const listPages = () =>
	apiRequests(env.sandbox, 'GET').filter((entry) => entry.path === '/api/v1/pay-apps');

async function project(): Promise<{ id: number }> {
	return await api('POST', '/projects', { name: 'Harbor View clinic renovation' });
}

/** A pay application in the given status, made through the API; the request log is cleared afterwards. */
async function payAppIn(status: 'draft' | 'submitted' | 'approved' | 'paid') {
	const { id: projectId } = await project();
	const payApp = (await api('POST', '/pay-apps', {
		projectId,
		contractSum: '250000.00',
		retainagePercent: '10',
	})) as { id: number; projectId: number };
	if (status !== 'draft') await api('POST', `/pay-apps/${payApp.id}/submit`);
	if (status === 'approved' || status === 'paid')
		await api('POST', `/pay-apps/${payApp.id}/approve`);
	if (status === 'paid') await api('POST', `/pay-apps/${payApp.id}/mark-paid`);
	env.sandbox.clearRequestLog();
	return payApp;
}

/** What a user must see when BuildWorkPro refuses: its explanation, the 409, the code and the request ID. */
function expectRefusal(result: Awaited<ReturnType<typeof runResource>>, explanation: RegExp) {
	expect(result.error?.message).toMatch(explanation);
	expect(result.error?.description).toContain('Code: conflict');
	expect(result.error?.description).toContain('HTTP status: 409');
	expect(result.error?.description).toMatch(/Request ID: req_\w+/);
}

describe('Pay App: CRUD', () => {
	it('Create sends the project ID and only the fields added (period dates as UTC timestamps), and outputs the draft', async () => {
		const { id: projectId } = await project();

		const result = await runResource(env.sandbox, 'payApp', {
			operation: 'create',
			projectId,
			additionalFields: {
				contractSum: '250000.00',
				retainagePercent: '10',
				periodStart: '2026-03-01T00:00:00',
				notes: 'March progress billing',
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: expect.any(Number),
				projectId,
				status: 'draft',
				contractSum: '250000.00',
			}),
		]);
		const post = apiRequests(env.sandbox, 'POST').at(-1);
		expect(post?.path).toBe('/api/v1/pay-apps');
		expect(post?.body).toEqual({
			projectId,
			contractSum: '250000.00',
			retainagePercent: '10',
			periodStart: '2026-03-01T00:00:00.000Z',
			notes: 'March progress billing',
		});
	});

	it('Create on a project that does not exist is refused: the message names the field, the description carries 422', async () => {
		const result = await runResource(env.sandbox, 'payApp', {
			operation: 'create',
			projectId: 999999,
		});

		expect(result.error?.message).toBe('Project ID: Project 999999 does not exist in this tenant.');
		expect(result.error?.description).toContain('Code: validation_failed');
		expect(result.error?.description).toContain('HTTP status: 422');
	});

	it('Get, Update and Delete work by Pay App ID; afterwards Get finds nothing', async () => {
		const payApp = await payAppIn('draft');

		const got = await runResource(env.sandbox, 'payApp', {
			operation: 'get',
			payAppId: String(payApp.id),
		});
		expect(got.json).toEqual([
			expect.objectContaining({ id: payApp.id, projectId: payApp.projectId }),
		]);

		const updated = await runResource(env.sandbox, 'payApp', {
			operation: 'update',
			payAppId: String(payApp.id),
			updateFields: { changeOrdersTotal: '12500.00', notes: '' },
		});
		expect(updated.error).toBeUndefined();
		expect(updated.json).toEqual([
			expect.objectContaining({
				id: payApp.id,
				changeOrdersTotal: '12500.00',
				revisedContractSum: '262500.00',
				notes: null,
			}),
		]);
		expect(apiRequests(env.sandbox, 'PATCH')[0].body).toEqual({
			changeOrdersTotal: '12500.00',
			notes: null,
		});

		const deleted = await runResource(env.sandbox, 'payApp', {
			operation: 'delete',
			payAppId: String(payApp.id),
		});
		expect(deleted.json).toEqual([{ id: payApp.id, deleted: true }]);
		const gone = await runResource(env.sandbox, 'payApp', {
			operation: 'get',
			payAppId: String(payApp.id),
		});
		expect(gone.error?.description).toContain('HTTP status: 404');
	});

	it("Update and Delete of a submitted pay application are refused with BuildWorkPro's explanation", async () => {
		const payApp = await payAppIn('submitted');

		const update = await runResource(env.sandbox, 'payApp', {
			operation: 'update',
			payAppId: String(payApp.id),
			updateFields: { notes: 'Changed' },
		});
		expectRefusal(
			update,
			new RegExp(
				`^Pay app ${payApp.id} is submitted; only draft or rejected pay apps can be edited`,
			),
		);

		const del = await runResource(env.sandbox, 'payApp', {
			operation: 'delete',
			payAppId: String(payApp.id),
		});
		expectRefusal(
			del,
			new RegExp(`^Pay app ${payApp.id} is submitted; only draft pay apps can be deleted`),
		);
	});

	it('a Pay App ID that is not a number is refused before anything is sent', async () => {
		const result = await runResource(env.sandbox, 'payApp', {
			operation: 'approve',
			payAppId: 'PA-00004',
		});

		expect(result.error?.message).toBe(
			'Pay App ID must be a positive whole number, but it is "PA-00004"',
		);
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});

describe('Pay App: lifecycle', () => {
	it('Submit sends a draft for approval; submitting it again is refused with the 409 explained', async () => {
		const payApp = await payAppIn('draft');

		const submitted = await runResource(env.sandbox, 'payApp', {
			operation: 'submit',
			payAppId: String(payApp.id),
		});
		expect(submitted.error).toBeUndefined();
		expect(submitted.json).toEqual([
			expect.objectContaining({ id: payApp.id, status: 'submitted' }),
		]);
		expect(apiRequests(env.sandbox, 'POST')[0].path).toBe(`/api/v1/pay-apps/${payApp.id}/submit`);

		const again = await runResource(env.sandbox, 'payApp', {
			operation: 'submit',
			payAppId: String(payApp.id),
		});
		expectRefusal(
			again,
			new RegExp(
				`^Pay app ${payApp.id} is already submitted; only draft or rejected pay apps can be submitted`,
			),
		);
	});

	it('Approve approves a submitted pay application; approving a draft is refused', async () => {
		const payApp = await payAppIn('submitted');
		const approved = await runResource(env.sandbox, 'payApp', {
			operation: 'approve',
			payAppId: String(payApp.id),
		});
		expect(approved.error).toBeUndefined();
		expect(approved.json).toEqual([expect.objectContaining({ id: payApp.id, status: 'approved' })]);

		const draft = await payAppIn('draft');
		const refused = await runResource(env.sandbox, 'payApp', {
			operation: 'approve',
			payAppId: String(draft.id),
		});
		expectRefusal(
			refused,
			new RegExp(`^Pay app ${draft.id} is draft; only submitted pay apps can be approved`),
		);
	});

	it('Reject sends the reason, and the rejected pay application can be submitted again; rejecting an approved one is refused', async () => {
		const payApp = await payAppIn('submitted');
		const rejected = await runResource(env.sandbox, 'payApp', {
			operation: 'reject',
			payAppId: String(payApp.id),
			reason: 'Stored materials not documented',
		});
		expect(rejected.error).toBeUndefined();
		expect(rejected.json).toEqual([
			expect.objectContaining({
				id: payApp.id,
				status: 'rejected',
				rejectionReason: 'Stored materials not documented',
			}),
		]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.body).toEqual({
			reason: 'Stored materials not documented',
		});

		const resubmitted = await runResource(env.sandbox, 'payApp', {
			operation: 'submit',
			payAppId: String(payApp.id),
		});
		expect(resubmitted.json).toEqual([
			expect.objectContaining({ id: payApp.id, status: 'submitted' }),
		]);

		const approved = await payAppIn('approved');
		const refused = await runResource(env.sandbox, 'payApp', {
			operation: 'reject',
			payAppId: String(approved.id),
			reason: 'Too late',
		});
		expectRefusal(
			refused,
			new RegExp(`^Pay app ${approved.id} is approved; only submitted pay apps can be rejected`),
		);
	});

	it('Mark Paid marks an approved pay application paid; marking it paid again is refused', async () => {
		const payApp = await payAppIn('approved');

		const paid = await runResource(env.sandbox, 'payApp', {
			operation: 'markPaid',
			payAppId: String(payApp.id),
		});
		expect(paid.error).toBeUndefined();
		expect(paid.json).toEqual([expect.objectContaining({ id: payApp.id, status: 'paid' })]);
		expect(apiRequests(env.sandbox, 'POST')[0].path).toBe(
			`/api/v1/pay-apps/${payApp.id}/mark-paid`,
		);

		const again = await runResource(env.sandbox, 'payApp', {
			operation: 'markPaid',
			payAppId: String(payApp.id),
		});
		expectRefusal(
			again,
			new RegExp(
				`^Pay app ${payApp.id} is already paid; only approved pay apps can be marked paid`,
			),
		);
	});

	it("Approve is replayed by n8n's Retry On Fail with the same key when the answer is lost: approved once, no 409", async () => {
		const payApp = await payAppIn('submitted');
		env.sandbox.injectFault({
			kind: 'commit-then-drop',
			method: 'POST',
			path: `/pay-apps/${payApp.id}/approve`,
			count: 1,
		});

		const result = await runResource(
			env.sandbox,
			'payApp',
			{ operation: 'approve', payAppId: String(payApp.id), options: { maxWait: 0 } },
			{ settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 } },
		);

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([expect.objectContaining({ id: payApp.id, status: 'approved' })]);
		const posts = apiRequests(env.sandbox, 'POST');
		expect(posts).toHaveLength(2);
		expect(keyOf(posts[0])).toEqual(keyOf(posts[1]));
	});
});

describe('Pay App: Get Many (cursor pages), Count, Get Summary, Get by IDs', () => {
	it('Return All follows the cursor over several pages, one item per pay application; Count agrees', async () => {
		env.sandbox.seedFamily('pay-apps', 205);

		const all = await runResource(env.sandbox, 'payApp', { operation: 'getAll', returnAll: true });

		expect(all.error).toBeUndefined();
		expect(all.json).toHaveLength(205);
		expect(new Set(all.json.map((p) => p.id)).size).toBe(205);
		expect(listPages().map((page) => page.query.limit)).toEqual(['100', '100', '100']);

		const count = await runResource(env.sandbox, 'payApp', { operation: 'count' });
		expect(count.json).toEqual([expect.objectContaining({ total: 205 })]);
	});

	it('Limit asks for no more than it needs', async () => {
		env.sandbox.seedFamily('pay-apps', 40);

		const some = await runResource(env.sandbox, 'payApp', {
			operation: 'getAll',
			returnAll: false,
			limit: 15,
		});

		expect(some.json).toHaveLength(15);
		expect(listPages().map((page) => page.query.limit)).toEqual(['15']);
	});

	it('filters by status and project ID; Count and Get Summary take their filters', async () => {
		const a = await payAppIn('submitted');
		await api('POST', '/pay-apps', { projectId: a.projectId });
		await payAppIn('submitted');

		const result = await runResource(env.sandbox, 'payApp', {
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'submitted', projectId: a.projectId },
		});
		expect(result.json.map((p) => p.id)).toEqual([a.id]);
		expect(listPages()[0].query).toMatchObject({
			status: 'submitted',
			projectId: String(a.projectId),
		});

		const count = await runResource(env.sandbox, 'payApp', {
			operation: 'count',
			filters: { projectId: a.projectId },
		});
		expect(count.json).toEqual([expect.objectContaining({ total: 2 })]);

		const summary = await runResource(env.sandbox, 'payApp', {
			operation: 'getSummary',
			filters: { projectId: a.projectId, dateFrom: '2000-01-01' },
		});
		expect(summary.error).toBeUndefined();
		expect(summary.json).toEqual([
			expect.objectContaining({
				totals: expect.objectContaining({ count: expect.any(Number) }),
				by_status: expect.any(Array),
			}),
		]);
		expect(apiRequests(env.sandbox, 'GET').at(-1)?.query).toMatchObject({
			projectId: String(a.projectId),
			dateFrom: '2000-01-01T00:00:00.000Z',
		});
	});

	it('Get by IDs outputs one item per pay application found', async () => {
		const a = await payAppIn('draft');
		const b = await payAppIn('draft');

		const result = await runResource(env.sandbox, 'payApp', {
			operation: 'getByIds',
			ids: `${a.id}, ${b.id}, 999999`,
		});

		expect(result.json.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
		expect(apiRequests(env.sandbox, 'POST').at(-1)).toMatchObject({
			path: '/api/v1/pay-apps/get-many',
			body: { ids: [a.id, b.id, 999999] },
		});
	});
});
