/**
 * Site logs: what a user gets out of each operation and what BuildWorkPro is asked, through
 * n8n-core's engine against the sandbox.
 */
import { apiRequests, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();

const api = sandboxApi(env);

let userId: number;
let projectId: number;

beforeEach(async () => {
	env.sandbox.reset();
	userId = ((await api('GET', '/users')) as Array<{ id: number }>)[0].id;
	projectId = (
		(await api('POST', '/projects', { name: 'Riverside office build-out' })) as { id: number }
	).id;
	env.sandbox.clearRequestLog();
});

const listPages = () =>
	apiRequests(env.sandbox, 'GET').filter((entry) => entry.path === '/api/v1/site-logs');

/** A site log made through the API; the request log is cleared afterwards. */
async function siteLog(body: Record<string, unknown> = {}): Promise<{ id: number }> {
	const log = (await api('POST', '/site-logs', {
		projectId,
		logDate: '2026-03-02',
		notes: 'Poured footings on grid A',
		createdBy: userId,
		...body,
	})) as { id: number };
	env.sandbox.clearRequestLog();
	return log;
}

describe('Site Log: Create, Get, Update, Delete', () => {
	it('Create sends project, log date (as a UTC timestamp), notes, author and only the fields added; tags go as a list', async () => {
		const result = await runResource(env.sandbox, 'siteLog', {
			operation: 'create',
			projectId,
			logDate: '2026-03-02T00:00:00',
			notes: 'Poured footings on grid A',
			createdBy: String(userId),
			additionalFields: { tags: 'weather, delay ,', personnelCount: 6, issues: 'Rain after 2 pm' },
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: expect.any(Number),
				projectId,
				logDate: '2026-03-02T00:00:00.000Z',
				tags: ['weather', 'delay'],
				personnelCount: 6,
				isReviewed: false,
			}),
		]);
		const [post] = apiRequests(env.sandbox, 'POST');
		expect(post.path).toBe('/api/v1/site-logs');
		expect(post.body).toEqual({
			projectId,
			logDate: '2026-03-02T00:00:00.000Z',
			notes: 'Poured footings on grid A',
			createdBy: userId,
			tags: ['weather', 'delay'],
			personnelCount: 6,
			issues: 'Rain after 2 pm',
		});
	});

	it('Tags may also come from an expression as a list', async () => {
		const result = await runResource(env.sandbox, 'siteLog', {
			operation: 'create',
			projectId,
			logDate: '2026-03-02',
			notes: 'Delivery of rebar',
			createdBy: String(userId),
			additionalFields: { tags: '={{ ["delivery", " steel "] }}' },
		});

		expect(result.error).toBeUndefined();
		expect(apiRequests(env.sandbox, 'POST')[0].body).toMatchObject({ tags: ['delivery', 'steel'] });
	});

	it('Create on a project that does not exist is refused: the message names the field, the description carries 422', async () => {
		const result = await runResource(env.sandbox, 'siteLog', {
			operation: 'create',
			projectId: 999999,
			logDate: '2026-03-02',
			notes: 'x',
			createdBy: String(userId),
		});

		expect(result.error?.message).toMatch(/^Project ID\b.*999999/);
		expect(result.error?.description).toContain('Code: validation_failed');
		expect(result.error?.description).toContain('HTTP status: 422');
	});

	it('Get, Update and Delete work by Site Log ID; an emptied title becomes null and emptied tags an empty list; afterwards Get finds nothing', async () => {
		const log = await siteLog({ title: 'Monday', tags: ['safety'] });

		const got = await runResource(env.sandbox, 'siteLog', {
			operation: 'get',
			siteLogId: String(log.id),
		});
		expect(got.json).toEqual([
			expect.objectContaining({ id: log.id, title: 'Monday', tags: ['safety'] }),
		]);

		const updated = await runResource(env.sandbox, 'siteLog', {
			operation: 'update',
			siteLogId: String(log.id),
			updateFields: { title: '', tags: '', isReviewed: true },
		});
		expect(updated.error).toBeUndefined();
		expect(updated.json).toEqual([
			expect.objectContaining({
				id: log.id,
				title: null,
				tags: [],
				isReviewed: true,
				notes: 'Poured footings on grid A',
			}),
		]);
		expect(apiRequests(env.sandbox, 'PATCH')[0].body).toEqual({
			title: null,
			tags: [],
			isReviewed: true,
		});

		const deleted = await runResource(env.sandbox, 'siteLog', {
			operation: 'delete',
			siteLogId: String(log.id),
		});
		expect(deleted.json).toEqual([{ id: log.id, deleted: true }]);
		const gone = await runResource(env.sandbox, 'siteLog', {
			operation: 'get',
			siteLogId: String(log.id),
		});
		expect(gone.error?.description).toContain('HTTP status: 404');
		expect(gone.error?.description).toContain('Code: not_found');
	});

	it('a Site Log ID that is not a number is refused before anything is sent', async () => {
		const result = await runResource(env.sandbox, 'siteLog', {
			operation: 'delete',
			siteLogId: 'log-12',
		});

		expect(result.error?.message).toBe(
			'Site Log ID must be a positive whole number, but it is "log-12"',
		);
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});

describe('Site Log: Get Many (cursor pages)', () => {
	it('Return All follows the cursor over several pages, one item per site log', async () => {
		env.sandbox.seedFamily('site-logs', 205);

		const all = await runResource(env.sandbox, 'siteLog', { operation: 'getAll', returnAll: true });

		expect(all.error).toBeUndefined();
		expect(new Set(all.json.map((log) => log.id)).size).toBe(205);
		expect(listPages().map((page) => page.query.limit)).toEqual(['100', '100', '100']);
	});

	it('Limit asks for no more than it needs', async () => {
		env.sandbox.seedFamily('site-logs', 40);

		const some = await runResource(env.sandbox, 'siteLog', {
			operation: 'getAll',
			returnAll: false,
			limit: 15,
		});

		expect(some.json).toHaveLength(15);
		expect(listPages().map((page) => page.query.limit)).toEqual(['15']);
	});

	it('filters by project, log dates, tag, review status and search text', async () => {
		const other = (
			(await api('POST', '/projects', { name: 'Harbor View clinic' })) as { id: number }
		).id;
		const wanted = await siteLog({
			logDate: '2026-03-10',
			tags: ['inspection', 'safety'],
			issues: 'Missing guardrail on level 2',
		});
		await siteLog({ logDate: '2026-03-10', tags: ['safety'], isReviewed: true });
		await siteLog({ logDate: '2026-02-01', tags: ['safety'] });
		await siteLog({ projectId: other, logDate: '2026-03-10', tags: ['safety'] });

		const result = await runResource(env.sandbox, 'siteLog', {
			operation: 'getAll',
			returnAll: true,
			filters: {
				projectId,
				dateFrom: '2026-03-01',
				dateTo: '2026-03-31T23:59:59',
				tag: 'safety',
				reviewed: 'false',
				search: 'guardrail',
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.json.map((log) => log.id)).toEqual([wanted.id]);
		expect(listPages()[0].query).toMatchObject({
			projectId: String(projectId),
			dateFrom: '2026-03-01T00:00:00.000Z',
			dateTo: '2026-03-31T23:59:59.000Z',
			tag: 'safety',
			reviewed: 'false',
			search: 'guardrail',
		});
	});

	it('Review Status "Reviewed" lists only reviewed logs', async () => {
		const reviewed = await siteLog({ isReviewed: true });
		await siteLog();

		const result = await runResource(env.sandbox, 'siteLog', {
			operation: 'getAll',
			returnAll: true,
			filters: { reviewed: 'true' },
		});

		expect(result.json.map((log) => log.id)).toEqual([reviewed.id]);
	});
});
