/**
 * Time entries: what a user gets out of each operation and what BuildWorkPro is asked, through
 * n8n-core's engine against the sandbox. BuildWorkPro has no Get of a single time entry.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { BuildWorkPro } from '../../nodes/BuildWorkPro/BuildWorkPro.node';
import { apiRequests, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();

const api = sandboxApi(env);

let users: Array<{ id: number; firstName: string; lastName: string }>;
let projectId: number;

beforeEach(async () => {
	env.sandbox.reset();
	users = (await api('GET', '/users')) as typeof users;
	projectId = (
		(await api('POST', '/projects', { name: 'Riverside office build-out' })) as { id: number }
	).id;
	env.sandbox.clearRequestLog();
});

const listPages = () =>
	apiRequests(env.sandbox, 'GET').filter((entry) => entry.path === '/api/v1/time-entries');

/** A time entry made through the API; the request log is cleared afterwards. */
async function timeEntry(body: Record<string, unknown> = {}): Promise<{ id: number }> {
	const entry = (await api('POST', '/time-entries', {
		projectId,
		userId: users[0].id,
		date: '2026-03-02',
		hours: 8,
		...body,
	})) as { id: number };
	env.sandbox.clearRequestLog();
	return entry;
}

describe('Time Entry: the operations BuildWorkPro offers', () => {
	it('has Create, Update, Delete, Get Many, Get Summary, Export, Import, Bulk Delete and Bulk Restore, and no Get: the API cannot read one entry by ID', () => {
		const selector = new BuildWorkPro().description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('timeEntry'),
		)!;
		expect((selector.options as INodePropertyOptions[]).map((o) => o.value).sort()).toEqual([
			'bulkDelete',
			'bulkRestore',
			'create',
			'delete',
			'export',
			'getAll',
			'getSummary',
			'import',
			'update',
		]);
	});
});

describe('Time Entry: Create, Update, Delete', () => {
	it('Create sends user, project, work date and hours plus only the fields added, and outputs the entry (hours as a decimal string)', async () => {
		const result = await runResource(env.sandbox, 'timeEntry', {
			operation: 'create',
			userId: String(users[1].id),
			projectId,
			date: '2026-03-02T00:00:00',
			hours: 7.5,
			additionalFields: {
				notes: 'Framing, level 2',
				entryType: 'overtime',
				clockIn: '2026-03-02T07:00:00',
				taskId: 0,
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: expect.any(Number),
				userId: users[1].id,
				projectId,
				date: '2026-03-02T00:00:00.000Z',
				hours: '7.50',
				description: 'Framing, level 2',
				taskId: null,
			}),
		]);
		const [post] = apiRequests(env.sandbox, 'POST');
		expect(post.path).toBe('/api/v1/time-entries');
		expect(post.body).toEqual({
			userId: users[1].id,
			projectId,
			date: '2026-03-02T00:00:00.000Z',
			hours: 7.5,
			notes: 'Framing, level 2',
			entryType: 'overtime',
			clockIn: '2026-03-02T07:00:00.000Z',
			taskId: null,
		});
	});

	it('Create with Hours left at 0 is refused by BuildWorkPro: the message names the field, the description carries 422', async () => {
		const result = await runResource(env.sandbox, 'timeEntry', {
			operation: 'create',
			userId: String(users[0].id),
			projectId,
			date: '2026-03-02',
			hours: 0,
		});

		expect(result.error?.message).toMatch(/^Hours\b.*\b0\.25\b/);
		expect(result.error?.description).toContain('Code: validation_failed');
		expect(result.error?.description).toContain('HTTP status: 422');
	});

	it('Update changes only the fields given; Delete removes the entry, after which Update finds nothing (404)', async () => {
		const entry = await timeEntry({ notes: 'Framing' });

		const updated = await runResource(env.sandbox, 'timeEntry', {
			operation: 'update',
			timeEntryId: String(entry.id),
			updateFields: { hours: 6.25, isReviewed: true },
		});
		expect(updated.error).toBeUndefined();
		expect(updated.json).toEqual([
			expect.objectContaining({
				id: entry.id,
				hours: '6.25',
				isReviewed: true,
				description: 'Framing',
			}),
		]);
		expect(apiRequests(env.sandbox, 'PATCH')[0]).toMatchObject({
			path: `/api/v1/time-entries/${entry.id}`,
			body: { hours: 6.25, isReviewed: true },
		});

		const deleted = await runResource(env.sandbox, 'timeEntry', {
			operation: 'delete',
			timeEntryId: String(entry.id),
		});
		expect(deleted.json).toEqual([{ id: entry.id, deleted: true }]);

		const gone = await runResource(env.sandbox, 'timeEntry', {
			operation: 'update',
			timeEntryId: String(entry.id),
			updateFields: { hours: 1 },
		});
		expect(gone.error?.description).toContain('HTTP status: 404');
		expect(gone.error?.description).toContain('Code: not_found');
	});

	it('Update with nothing under Update Fields is refused before anything is sent', async () => {
		const entry = await timeEntry();

		const result = await runResource(env.sandbox, 'timeEntry', {
			operation: 'update',
			timeEntryId: String(entry.id),
			updateFields: {},
		});

		expect(result.error?.message).toBe('Update Fields is empty: there is nothing to update');
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});

describe('Time Entry: Get Many (cursor pages) and Get Summary', () => {
	it('Return All follows the cursor over several pages, one item per entry', async () => {
		env.sandbox.seedFamily('time-entries', 205);

		const all = await runResource(env.sandbox, 'timeEntry', {
			operation: 'getAll',
			returnAll: true,
		});

		expect(all.error).toBeUndefined();
		expect(new Set(all.json.map((entry) => entry.id)).size).toBe(205);
		expect(listPages().map((page) => page.query.limit)).toEqual(['100', '100', '100']);
	});

	it('Limit asks for no more than it needs', async () => {
		env.sandbox.seedFamily('time-entries', 40);

		const some = await runResource(env.sandbox, 'timeEntry', {
			operation: 'getAll',
			returnAll: false,
			limit: 15,
		});

		expect(some.json).toHaveLength(15);
		expect(listPages().map((page) => page.query.limit)).toEqual(['15']);
	});

	it('filters by user, project, work dates and review status', async () => {
		const wanted = await timeEntry({ userId: users[1].id, date: '2026-03-10' });
		await timeEntry({ userId: users[1].id, date: '2026-03-11', isReviewed: true });
		await timeEntry({ userId: users[0].id, date: '2026-03-10' });
		await timeEntry({ userId: users[1].id, date: '2026-04-01' });

		const result = await runResource(env.sandbox, 'timeEntry', {
			operation: 'getAll',
			returnAll: true,
			filters: {
				userId: String(users[1].id),
				projectId,
				dateFrom: '2026-03-01',
				dateTo: '2026-03-31',
				isReviewed: 'false',
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.json.map((entry) => entry.id)).toEqual([wanted.id]);
		expect(listPages()[0].query).toMatchObject({
			userId: String(users[1].id),
			projectId: String(projectId),
			dateFrom: '2026-03-01T00:00:00.000Z',
			dateTo: '2026-03-31T00:00:00.000Z',
			isReviewed: 'false',
		});
	});

	it('Get Summary outputs one item with totals, per user and per project, for the filtered work dates', async () => {
		await timeEntry({ date: '2026-03-02', hours: 8 });
		await timeEntry({ userId: users[1].id, date: '2026-03-03', hours: 4.5 });
		await timeEntry({ date: '2026-05-01', hours: 2 });

		const result = await runResource(env.sandbox, 'timeEntry', {
			operation: 'getSummary',
			filters: { dateFrom: '2026-03-01', dateTo: '2026-03-31' },
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(1);
		expect(result.json[0]).toMatchObject({
			totals: { entry_count: 2, hours_total: '12.50' },
			by_user: expect.arrayContaining([
				expect.objectContaining({
					userId: users[1].id,
					firstName: users[1].firstName,
					hours_total: '4.50',
				}),
			]),
			by_project: [
				expect.objectContaining({
					projectId,
					projectName: 'Riverside office build-out',
					hours_total: '12.50',
				}),
			],
		});
		const [request] = apiRequests(env.sandbox, 'GET');
		expect(request.path).toBe('/api/v1/time-entries/summary');
		expect(request.query).toEqual({
			dateFrom: '2026-03-01T00:00:00.000Z',
			dateTo: '2026-03-31T00:00:00.000Z',
		});
	});
});
