/**
 * Sandbox time entries: GET/POST /time-entries, PATCH/DELETE /time-entries/{id} and
 * GET /time-entries/summary, every answer checked against openapi.json by the client.
 */
import { DEFAULT_KEYS, type Sandbox } from '../../sandbox';
import { withSandbox, type Client } from './helpers';
import { created, expectInvalid, listAll, okData, project } from './resourceHelpers';

const TIME_CLERK = {
	token: 'bwp_test_time_clerk',
	name: 'Time clerk',
	scopes: ['time_entries:read', 'time_entries:write'],
	tenantId: 1,
};

describe('sandbox time entries', () => {
	let sandbox: Sandbox;
	let client: Client;
	let users: Array<{ id: number; firstName: string; lastName: string }>;
	beforeAll(async () => {
		({ sandbox, client } = await withSandbox({
			rateLimit: { enabled: false },
			keys: [...DEFAULT_KEYS, TIME_CLERK],
		}));
	});
	afterAll(() => sandbox.close());
	beforeEach(async () => {
		sandbox.reset();
		users = await okData(client.call('GET', '/users'));
	});
	const entry = async (body: Record<string, unknown> = {}) => {
		const projectId = body.projectId ?? (await project(client)).id;
		return created(client, '/time-entries', {
			projectId,
			userId: users[0].id,
			date: '2025-03-04',
			hours: 8,
			...body,
		});
	};

	it('creates an entry: hours as a decimal string, notes answered as description, no cost without a rate', async () => {
		const p = await project(client);
		const e = await entry({
			projectId: p.id,
			hours: 7.5,
			notes: 'Framing, level 2',
			entryType: 'overtime',
			clockIn: '2025-03-04T07:00:00Z',
			lat: 30.27,
			reviewedBy: users[1].id,
		});
		expect(e).toEqual({
			id: expect.any(Number),
			projectId: p.id,
			userId: users[0].id,
			taskId: null,
			phaseId: null,
			date: '2025-03-04T00:00:00.000Z',
			hours: '7.50',
			hourlyRate: null,
			totalCost: null,
			description: 'Framing, level 2',
			lat: 30.27,
			lng: null,
			isReviewed: false,
			createdAt: expect.stringMatching(/Z$/),
			updatedAt: expect.stringMatching(/Z$/),
		});
		const today = new Date().toISOString().slice(0, 10);
		expect((await entry({ date: null })).date).toBe(`${today}T00:00:00.000Z`);
	});

	it('answers 422 for missing required fields, hours outside 0.25..24 and an unknown user or project', async () => {
		await expectInvalid(client.call('POST', '/time-entries', { body: {} }), {
			userId: 'required',
			projectId: 'required',
			date: 'required',
			hours: 'required',
		});
		const p = await project(client);
		const base = { projectId: p.id, userId: users[0].id, date: '2025-03-04' };
		await expectInvalid(client.call('POST', '/time-entries', { body: { ...base, hours: 0.1 } }), {
			hours: 'too_small',
		});
		await expectInvalid(client.call('POST', '/time-entries', { body: { ...base, hours: 25 } }), {
			hours: 'too_large',
		});
		await expectInvalid(
			client.call('POST', '/time-entries', {
				body: { ...base, hours: 8, entryType: 'x'.repeat(21) },
			}),
			{ entryType: 'too_long' },
		);
		await expectInvalid(
			client.call('POST', '/time-entries', { body: { ...base, hours: 8, clockOutAccuracyM: -1 } }),
			{ clockOutAccuracyM: 'too_small' },
		);
		await expectInvalid(
			client.call('POST', '/time-entries', {
				body: { ...base, hours: 8, userId: 99999, projectId: 99999 },
			}),
			{ userId: 'not_found', projectId: 'not_found' },
		);
	});

	it('updates and deletes by id; there is no GET by id', async () => {
		const e = await entry();
		const patched = await okData(
			client.call('PATCH', `/time-entries/${e.id}`, {
				body: { hours: '6.25', notes: 'Punch list', isReviewed: true },
			}),
		);
		expect(patched).toMatchObject({
			id: e.id,
			hours: '6.25',
			description: 'Punch list',
			isReviewed: true,
			date: e.date,
		});
		await expectInvalid(client.call('PATCH', `/time-entries/${e.id}`, { body: { hours: 30 } }), {
			hours: 'too_large',
		});
		const get = await client.call('GET', `/time-entries/${e.id}`);
		expect(get.status).toBe(405);
		expect(get.headers.get('allow')).toMatch(/PATCH/);
		expect((await client.call('DELETE', `/time-entries/${e.id}`)).status).toBe(204);
		expect(
			(await client.call('PATCH', `/time-entries/${e.id}`, { body: { hours: 1 } })).status,
		).toBe(404);
		expect((await client.call('DELETE', `/time-entries/${e.id}`)).status).toBe(404);
	});

	it('filters the list by project, user, work date and isReviewed, and pages with a cursor', async () => {
		const p1 = await project(client);
		const p2 = await project(client, { name: 'Cedar Park School Gym' });
		const a = await entry({ projectId: p1.id, date: '2025-03-01', isReviewed: true });
		const b = await entry({ projectId: p1.id, userId: users[1].id, date: '2025-03-10' });
		const c = await entry({ projectId: p2.id, userId: users[1].id, date: '2025-04-01' });
		const ids = async (query: Record<string, string | number>) =>
			(await listAll(client, '/time-entries', query)).map((t) => t.id);
		expect(await ids({ projectId: p1.id })).toEqual([a.id, b.id]);
		expect(await ids({ userId: users[1].id })).toEqual([b.id, c.id]);
		expect(await ids({ dateFrom: '2025-03-05T00:00:00Z', dateTo: '2025-03-31T00:00:00Z' })).toEqual(
			[b.id],
		);
		expect(await ids({ isReviewed: 'true' })).toEqual([a.id]);
		expect(await ids({ isReviewed: 'false', userId: users[1].id, limit: 1 })).toEqual([b.id, c.id]);
		expect((await client.call('GET', '/time-entries', { query: { isReviewed: '1' } })).status).toBe(
			400,
		);
		expect((await client.call('GET', '/time-entries', { query: { userId: 'dana' } })).status).toBe(
			400,
		);
	});

	it('summarises hours and costs by user and by project, date filters on the work date', async () => {
		const p1 = await project(client, { name: 'Riverside Office' });
		const p2 = await project(client, { name: 'Harbor View Clinic' });
		await entry({ projectId: p1.id, date: '2025-03-01', hours: 8 });
		await entry({ projectId: p1.id, userId: users[1].id, date: '2025-03-02', hours: 4.5 });
		await entry({ projectId: p2.id, userId: users[1].id, date: '2025-05-01', hours: 2.25 });

		const all = await okData(client.call('GET', '/time-entries/summary'));
		expect(all.totals).toEqual({ entry_count: 3, hours_total: '14.75', cost_total: '0.00' });
		expect(all.by_user).toEqual(
			expect.arrayContaining([
				{
					userId: users[0].id,
					firstName: users[0].firstName,
					lastName: users[0].lastName,
					hours_total: '8.00',
					cost_total: '0.00',
				},
				{
					userId: users[1].id,
					firstName: users[1].firstName,
					lastName: users[1].lastName,
					hours_total: '6.75',
					cost_total: '0.00',
				},
			]),
		);
		expect(all.by_project).toEqual(
			expect.arrayContaining([
				{
					projectId: p1.id,
					projectName: 'Riverside Office',
					hours_total: '12.50',
					cost_total: '0.00',
				},
				{
					projectId: p2.id,
					projectName: 'Harbor View Clinic',
					hours_total: '2.25',
					cost_total: '0.00',
				},
			]),
		);
		const march = await okData(
			client.call('GET', '/time-entries/summary', {
				query: {
					dateFrom: '2025-03-01T00:00:00Z',
					dateTo: '2025-03-31T00:00:00Z',
					userId: users[1].id,
				},
			}),
		);
		expect(march.totals).toEqual({ entry_count: 1, hours_total: '4.50', cost_total: '0.00' });
		const byProject = await okData(
			client.call('GET', '/time-entries/summary', { query: { projectId: p2.id } }),
		);
		expect(byProject.by_project).toEqual([
			{
				projectId: p2.id,
				projectName: 'Harbor View Clinic',
				hours_total: '2.25',
				cost_total: '0.00',
			},
		]);
	});

	it('seeded entries carry a rate: the summary cost is the sum of their total costs', async () => {
		sandbox.seedFamily('time-entries', 30);
		const rows = await listAll(client, '/time-entries', { limit: 100 });
		expect(rows).toHaveLength(30);
		const cents = (v: string) => Math.round(Number(v) * 100);
		for (const r of rows)
			expect(cents(r.totalCost)).toBe(Math.round(cents(r.hourlyRate) * Number(r.hours)));
		const summary = await okData(client.call('GET', '/time-entries/summary'));
		expect(cents(summary.totals.cost_total)).toBe(
			rows.reduce((sum, r) => sum + cents(r.totalCost), 0),
		);
		expect(summary.totals.entry_count).toBe(30);
	});

	it('needs time_entries:delete to delete, and time_entries:read for the summary', async () => {
		const e = await entry();
		const refused = await client.call('DELETE', `/time-entries/${e.id}`, { key: TIME_CLERK.token });
		expect(refused.body).toMatchObject({
			status: 403,
			code: 'scope_insufficient',
			required_scope: 'time_entries:delete',
		});
		expect(
			(await client.call('GET', '/time-entries/summary', { key: sandbox.keys.readOnly })).body
				.required_scope,
		).toBe('time_entries:read');
		expect(
			(
				await client.call('PATCH', `/time-entries/${e.id}`, {
					body: { hours: 1 },
					key: sandbox.keys.otherTenant,
				})
			).status,
		).toBe(404);
	});
});
