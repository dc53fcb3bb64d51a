/**
 * Sandbox site logs: what GET/POST /site-logs, GET/PATCH/DELETE /site-logs/{id} answer, every
 * answer checked against openapi.json by the client.
 */
import { DEFAULT_KEYS, type Sandbox } from '../../sandbox';
import { withSandbox, type Client } from './helpers';
import { created, expectInvalid, listAll, okData, project } from './resourceHelpers';

const SITE_LOGS_READER = {
	token: 'bwp_test_site_logs_read',
	name: 'Site logs reader',
	scopes: ['site_logs:read', 'site_logs:write'],
	tenantId: 1,
};

describe('sandbox site logs', () => {
	let sandbox: Sandbox;
	let client: Client;
	let userId: number;
	beforeAll(async () => {
		({ sandbox, client } = await withSandbox({
			rateLimit: { enabled: false },
			keys: [...DEFAULT_KEYS, SITE_LOGS_READER],
		}));
	});
	afterAll(() => sandbox.close());
	beforeEach(async () => {
		sandbox.reset();
		userId = (await okData(client.call('GET', '/users')))[0].id;
	});
	const siteLog = async (body: Record<string, unknown> = {}) => {
		const projectId = body.projectId ?? (await project(client)).id;
		return created(client, '/site-logs', {
			projectId,
			logDate: '2025-03-04',
			notes: 'Poured footings on grid A.',
			createdBy: userId,
			...body,
		});
	};

	it('creates a log with defaults, answering only the fields of the SiteLog schema', async () => {
		const p = await project(client);
		const log = await siteLog({
			projectId: p.id,
			tags: ['weather', null, 'delay'],
			lat: 30.2672123,
			lng: -97.7431,
			personnelCount: 6,
			reviewedBy: userId,
		});
		expect(log).toEqual({
			id: expect.any(Number),
			projectId: p.id,
			logDate: '2025-03-04T00:00:00.000Z',
			title: null,
			notes: 'Poured footings on grid A.',
			personnelCount: 6,
			workPerformed: null,
			materialsReceived: null,
			visitorsOnSite: null,
			issues: null,
			tags: ['weather', 'delay'],
			lat: 30.2672123,
			lng: -97.7431,
			isReviewed: false,
			createdAt: expect.stringMatching(/Z$/),
			updatedAt: expect.stringMatching(/Z$/),
		});
		expect(await okData(client.call('GET', `/site-logs/${log.id}`))).toEqual(log);
	});

	it('answers 422 for missing required fields, bad coordinates, bad tags and an unknown project or user', async () => {
		await expectInvalid(client.call('POST', '/site-logs', { body: {} }), {
			projectId: 'required',
			logDate: 'required',
			notes: 'required',
			createdBy: 'required',
		});
		const p = await project(client);
		const base = { projectId: p.id, logDate: '2025-03-04', notes: 'x', createdBy: userId };
		await expectInvalid(
			client.call('POST', '/site-logs', { body: { ...base, lat: 91, lng: '12' } }),
			{ lat: 'too_large', lng: 'invalid_type' },
		);
		await expectInvalid(client.call('POST', '/site-logs', { body: { ...base, tags: 'weather' } }), {
			tags: 'invalid_type',
		});
		await expectInvalid(
			client.call('POST', '/site-logs', { body: { ...base, logDate: 'yesterday' } }),
			{ logDate: 'invalid_format' },
		);
		await expectInvalid(
			client.call('POST', '/site-logs', { body: { ...base, projectId: 99999, createdBy: 99999 } }),
			{ projectId: 'not_found', createdBy: 'not_found' },
		);
	});

	it('updates only the fields sent, then deletes: afterwards GET and PATCH answer 404', async () => {
		const log = await siteLog({ title: 'Monday', tags: ['safety'] });
		const patched = await okData(
			client.call('PATCH', `/site-logs/${log.id}`, {
				body: { title: null, isReviewed: true, tags: [], issues: 'Crane down for an hour' },
			}),
		);
		expect(patched).toMatchObject({
			id: log.id,
			title: null,
			isReviewed: true,
			tags: [],
			issues: 'Crane down for an hour',
			notes: log.notes,
		});
		expect(Date.parse(patched.updatedAt)).toBeGreaterThan(Date.parse(log.updatedAt));
		await expectInvalid(
			client.call('PATCH', `/site-logs/${log.id}`, { body: { personnelCount: 2.5 } }),
			{ personnelCount: 'invalid_type' },
		);
		expect((await client.call('DELETE', `/site-logs/${log.id}`)).status).toBe(204);
		expect((await client.call('GET', `/site-logs/${log.id}`)).status).toBe(404);
		expect(
			(await client.call('PATCH', `/site-logs/${log.id}`, { body: { title: 'x' } })).status,
		).toBe(404);
		expect((await client.call('DELETE', `/site-logs/${log.id}`)).status).toBe(404);
		expect((await client.call('GET', '/site-logs/abc')).status).toBe(400);
	});

	it('filters by project, log date, tag, reviewed and search', async () => {
		const p1 = await project(client);
		const p2 = await project(client, { name: 'Harbor View Clinic' });
		const a = await siteLog({
			projectId: p1.id,
			logDate: '2025-03-01',
			tags: ['weather'],
			title: 'Rain delay',
			isReviewed: true,
		});
		const b = await siteLog({
			projectId: p1.id,
			logDate: '2025-03-10',
			tags: ['inspection', 'safety'],
			issues: 'Missing guardrail on level 2',
		});
		const c = await siteLog({ projectId: p2.id, logDate: '2025-04-01', tags: ['safety'] });
		const ids = async (query: Record<string, string | number>) =>
			(await listAll(client, '/site-logs', query)).map((l) => l.id);
		expect(await ids({ projectId: p1.id })).toEqual([a.id, b.id]);
		expect(await ids({ dateFrom: '2025-03-05T00:00:00Z', dateTo: '2025-03-31T23:59:59Z' })).toEqual(
			[b.id],
		);
		expect(await ids({ tag: 'safety' })).toEqual([b.id, c.id]);
		expect(await ids({ tag: 'safe' })).toEqual([]);
		expect(await ids({ reviewed: 'true' })).toEqual([a.id]);
		expect(await ids({ reviewed: 'false', projectId: p1.id })).toEqual([b.id]);
		expect(await ids({ search: 'GUARDRAIL' })).toEqual([b.id]);
		expect((await client.call('GET', '/site-logs', { query: { reviewed: 'yes' } })).status).toBe(
			400,
		);
		expect((await client.call('GET', '/site-logs', { query: { dateFrom: 'soon' } })).status).toBe(
			400,
		);
	});

	it('pages with a cursor that only fits the filters it was made for', async () => {
		sandbox.seedFamily('site-logs', 23);
		const all = await listAll(client, '/site-logs', { limit: 10 });
		expect(new Set(all.map((l) => l.id)).size).toBe(23);
		const first = await client.call('GET', '/site-logs', { query: { limit: 5, reviewed: 'true' } });
		expect(first.body.meta.pagination).toMatchObject({ has_more: true, count: 5 });
		expect(first.body.data.every((l: { isReviewed: boolean }) => l.isReviewed)).toBe(true);
		const foreign = await client.call('GET', '/site-logs', {
			query: { cursor: first.body.meta.pagination.cursor, reviewed: 'false' },
		});
		expect(foreign.status).toBe(400);
	});

	it('needs site_logs:delete to delete, and site_logs:read to list', async () => {
		const log = await siteLog();
		const refused = await client.call('DELETE', `/site-logs/${log.id}`, {
			key: SITE_LOGS_READER.token,
		});
		expect(refused.status).toBe(403);
		expect(refused.body).toMatchObject({
			code: 'scope_insufficient',
			required_scope: 'site_logs:delete',
		});
		expect(
			(await client.call('GET', '/site-logs', { key: sandbox.keys.readOnly })).body.required_scope,
		).toBe('site_logs:read');
		expect(
			(await client.call('GET', `/site-logs/${log.id}`, { key: sandbox.keys.otherTenant })).status,
		).toBe(404);
	});
});
