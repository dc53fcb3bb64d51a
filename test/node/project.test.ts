/**
 * Projects: what a user gets out of each operation and what BuildWorkPro is asked, through
 * n8n-core's engine against the sandbox.
 */
import {
	apiRequests,
	keyOf,
	runResource,
	sandboxApi,
	serializedError,
	startRewritingProxy,
	useSandbox,
} from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);

const listPages = () =>
	apiRequests(env.sandbox, 'GET').filter((entry) => entry.path === '/api/v1/projects');

describe('Project: Create', () => {
	it('sends the name and only the fields added (dates as UTC timestamps, the assignee as a number) and outputs the project', async () => {
		const result = await runResource(env.sandbox, 'project', {
			operation: 'create',
			name: 'Riverside office build-out',
			additionalFields: {
				status: 'in_progress',
				contractValue: '125000.00',
				startDate: '2026-03-02T08:00:00',
				assignedTo: '1',
				siteCity: 'Austin',
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: expect.any(Number),
				name: 'Riverside office build-out',
				status: 'in_progress',
				contractValue: '125000.00',
				siteCity: 'Austin',
			}),
		]);
		const [post] = apiRequests(env.sandbox, 'POST');
		expect(post.path).toBe('/api/v1/projects');
		expect(post.body).toEqual({
			name: 'Riverside office build-out',
			status: 'in_progress',
			contractValue: '125000.00',
			startDate: '2026-03-02T08:00:00.000Z',
			assignedTo: 1,
			siteCity: 'Austin',
		});
	});

	it('with a status BuildWorkPro does not know (from an expression) is refused: the message names the field, the description carries 422 and the request ID', async () => {
		const result = await runResource(env.sandbox, 'project', {
			operation: 'create',
			name: 'Gym HVAC',
			additionalFields: { status: '={{ "archived" }}' },
		});

		expect(result.error?.message).toMatch(/^Status must be \S/);
		expect(result.error?.description).toContain('Code: validation_failed');
		expect(result.error?.description).toContain('HTTP status: 422');
		expect(result.error?.description).toMatch(/Request ID: req_\w+/);
	});

	it("is replayed by n8n's Retry On Fail with the same key when the answer is lost: exactly one project", async () => {
		env.sandbox.injectFault({
			kind: 'commit-then-drop',
			method: 'POST',
			path: '/projects',
			count: 1,
		});

		const result = await runResource(
			env.sandbox,
			'project',
			{ operation: 'create', name: 'Harbor View clinic', options: { maxWait: 0 } },
			{ settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 } },
		);

		expect(result.error).toBeUndefined();
		const projects = (await api('GET', '/projects?limit=100')) as Array<{
			id: number;
			name: string;
		}>;
		expect(projects.map((p) => p.name)).toEqual(['Harbor View clinic']);
		expect(result.json.map((p) => p.id)).toEqual([projects[0].id]);
		const posts = apiRequests(env.sandbox, 'POST');
		expect(posts).toHaveLength(2);
		expect(keyOf(posts[0])).toEqual(keyOf(posts[1]));
	});
});

describe('Project: Get, Update, Delete', () => {
	it('work by Project ID; an emptied field is cleared; afterwards Get finds nothing', async () => {
		const project = await api('POST', '/projects', { name: 'Deck', siteCity: 'Denver' });

		const got = await runResource(env.sandbox, 'project', {
			operation: 'get',
			projectId: String(project.id),
		});
		expect(got.json).toEqual([expect.objectContaining({ id: project.id, name: 'Deck' })]);

		const updated = await runResource(env.sandbox, 'project', {
			operation: 'update',
			projectId: ` ${project.id} `,
			updateFields: { status: 'on_hold', siteCity: '' },
		});
		expect(updated.error).toBeUndefined();
		expect(updated.json).toEqual([
			expect.objectContaining({ id: project.id, status: 'on_hold', siteCity: null }),
		]);
		expect(apiRequests(env.sandbox, 'PATCH')[0].body).toEqual({
			status: 'on_hold',
			siteCity: null,
		});

		const deleted = await runResource(env.sandbox, 'project', {
			operation: 'delete',
			projectId: String(project.id),
		});
		expect(deleted.json).toEqual([{ id: project.id, deleted: true }]);
		const gone = await runResource(env.sandbox, 'project', {
			operation: 'get',
			projectId: String(project.id),
		});
		expect(gone.error?.description).toContain('HTTP status: 404');
	});

	it('Update with nothing under Update Fields is refused before anything is sent', async () => {
		const result = await runResource(env.sandbox, 'project', {
			operation: 'update',
			projectId: '7',
			updateFields: {},
		});

		expect(result.error?.message).toBe('Update Fields is empty: there is nothing to update');
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});

	it('a Project ID that is not a number is refused before anything is sent', async () => {
		const result = await runResource(env.sandbox, 'project', {
			operation: 'delete',
			projectId: '12/../../contacts',
		});

		expect(result.error?.message).toBe(
			'Project ID must be a positive whole number, but it is "12/../../contacts"',
		);
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});

describe('Project: Get Many (cursor pages), Count, Get Summary, Get by IDs', () => {
	it('Return All follows the cursor over several pages of 100, one item per project; Count agrees', async () => {
		env.sandbox.seedFamily('projects', 230);

		const all = await runResource(env.sandbox, 'project', { operation: 'getAll', returnAll: true });

		expect(all.error).toBeUndefined();
		expect(new Set(all.json.map((p) => p.id)).size).toBe(230);
		expect(listPages().map((page) => page.query.limit)).toEqual(['100', '100', '100']);
		expect(listPages()[1].query.cursor).toEqual(expect.any(String));

		const count = await runResource(env.sandbox, 'project', { operation: 'count' });
		expect(count.json).toEqual([expect.objectContaining({ total: 230 })]);
	});

	it('Limit asks each page for no more than still missing, and stops at the limit', async () => {
		env.sandbox.seedFamily('projects', 230);

		const some = await runResource(env.sandbox, 'project', {
			operation: 'getAll',
			returnAll: false,
			limit: 130,
		});

		expect(some.json).toHaveLength(130);
		expect(new Set(some.json.map((p) => p.id)).size).toBe(130);
		expect(listPages().map((page) => page.query.limit)).toEqual(['100', '30']);
	});

	it('a project created while the node is paging never appears twice in the output', async () => {
		env.sandbox.seedFamily('projects', 150);
		let created = false;
		const proxy = await startRewritingProxy(env.sandbox.baseUrl, (body, request) => {
			// Between page 1 and page 2, someone adds a project in BuildWorkPro.
			if (
				!created &&
				request.url?.startsWith('/api/v1/projects?') &&
				!request.url.includes('cursor=')
			) {
				created = true;
				env.sandbox.seedFamily('projects', 1);
			}
			return undefined;
		});
		try {
			const all = await runResource(
				env.sandbox,
				'project',
				{ operation: 'getAll', returnAll: true },
				{ baseUrl: proxy.url },
			);

			expect(all.error).toBeUndefined();
			expect(created).toBe(true);
			const ids = all.json.map((p) => p.id);
			expect(new Set(ids).size).toBe(ids.length);
			expect(ids.length).toBeGreaterThanOrEqual(150);
		} finally {
			await proxy.close();
		}
	});

	it('sends the filters with every page (dates as UTC timestamps) and outputs only matching projects', async () => {
		await api('POST', '/projects', { name: 'Oak Street remodel', status: 'planning' });
		await api('POST', '/projects', { name: 'Oak Street garage', status: 'completed' });
		await api('POST', '/projects', { name: 'Cedar Park slab', status: 'planning' });

		const result = await runResource(env.sandbox, 'project', {
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'planning', search: 'Oak', dateFrom: '2000-01-01' },
		});

		expect(result.json.map((p) => p.name)).toEqual(['Oak Street remodel']);
		expect(listPages()[0].query).toMatchObject({
			status: 'planning',
			search: 'Oak',
			dateFrom: '2000-01-01T00:00:00.000Z',
		});

		const count = await runResource(env.sandbox, 'project', {
			operation: 'count',
			filters: { status: 'planning' },
		});
		expect(count.json).toEqual([expect.objectContaining({ total: 2 })]);
	});

	it('Get Summary outputs one item with the totals and the breakdown by status', async () => {
		await api('POST', '/projects', { name: 'A', contractValue: '1000.00', status: 'planning' });
		await api('POST', '/projects', { name: 'B', contractValue: '250.50', status: 'completed' });

		const summary = await runResource(env.sandbox, 'project', {
			operation: 'getSummary',
			filters: { dateFrom: '2000-01-01T00:00:00' },
		});

		expect(summary.error).toBeUndefined();
		expect(summary.json).toHaveLength(1);
		expect(summary.json[0]).toMatchObject({
			totals: expect.objectContaining({ count: 2, contract_value_total: '1250.50' }),
		});
		expect(apiRequests(env.sandbox, 'GET')[0].query).toEqual({
			dateFrom: '2000-01-01T00:00:00.000Z',
		});
	});

	it('Get by IDs sends the IDs as integers and outputs one item per project found', async () => {
		const a = await api('POST', '/projects', { name: 'A' });
		const b = await api('POST', '/projects', { name: 'B' });

		const result = await runResource(env.sandbox, 'project', {
			operation: 'getByIds',
			ids: `${a.id}, ${b.id}, 99999`,
		});

		expect(result.error).toBeUndefined();
		expect(result.json.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.body).toEqual({ ids: [a.id, b.id, 99999] });
	});

	it('Get by IDs refuses an ID that is not a number before anything is sent', async () => {
		const result = await runResource(env.sandbox, 'project', {
			operation: 'getByIds',
			ids: '12, twelve',
		});

		expect(result.error?.message).toContain('"twelve"');
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});

it('a key without the projects scopes is refused, and the error says so', async () => {
	const result = await runResource(
		env.sandbox,
		'project',
		{ operation: 'getAll', returnAll: true },
		{ apiKey: env.sandbox.keys.readOnly },
	);

	expect(result.error?.description).toContain('HTTP status: 403');
	expect(serializedError(result)).toContain('projects:read');
});
