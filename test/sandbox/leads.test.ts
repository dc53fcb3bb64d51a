import type { Sandbox } from '../../sandbox';
import type { Client } from './helpers';
import {
	created,
	expectConflict,
	expectInvalid,
	listAll,
	okData,
	setupResources,
} from './resourceHelpers';

describe('sandbox leads, lead stages and users', () => {
	let sandbox: Sandbox;
	let client: Client;
	let stages: Array<{
		id: number;
		name: string;
		isWon: boolean;
		isLost: boolean;
		isDefault: boolean;
		order: number;
	}>;
	beforeAll(async () => {
		({ sandbox, client } = await setupResources());
	});
	afterAll(() => sandbox.close());
	beforeEach(async () => {
		sandbox.reset();
		stages = await okData(client.call('GET', '/lead-stages'));
	});
	const stage = (name: string) => stages.find((s) => s.name === name)!.id;
	const lead = (body: Record<string, unknown> = {}) =>
		created(client, '/leads', { name: 'Oak Street Townhomes', stageId: stage('New'), ...body });

	describe('lead stages', () => {
		it('every tenant starts with the default pipeline, in order, not paginated', async () => {
			expect(stages.map((s) => s.name)).toEqual([
				'New',
				'Contacted',
				'Qualified',
				'Proposal Sent',
				'Won',
				'Lost',
			]);
			expect(stages.map((s) => s.order)).toEqual([1, 2, 3, 4, 5, 6]);
			expect(stages.filter((s) => s.isDefault).map((s) => s.name)).toEqual(['New']);
			expect(stages.find((s) => s.isWon)!.name).toBe('Won');
			expect(stages.find((s) => s.isLost)!.name).toBe('Lost');
			const res = await client.call('GET', '/lead-stages');
			expect(res.body.meta.pagination).toBeUndefined();
			const other = await okData(
				client.call('GET', '/lead-stages', { key: sandbox.keys.otherTenant }),
			);
			expect(other.map((s: { name: string }) => s.name)).toEqual(stages.map((s) => s.name));
		});

		it('creates (appended to the pipeline), updates and deletes a stage', async () => {
			const negotiation = await created(client, '/lead-stages', {
				name: 'Negotiation',
				color: '#a855f7',
			});
			expect(negotiation).toMatchObject({
				name: 'Negotiation',
				color: '#a855f7',
				order: 7,
				isDefault: false,
				isWon: false,
				isLost: false,
			});
			const patched = await okData(
				client.call('PATCH', `/lead-stages/${negotiation.id}`, {
					body: { order: 0, name: 'Negotiating' },
				}),
			);
			expect(patched).toMatchObject({ name: 'Negotiating', order: 0 });
			expect((await okData(client.call('GET', '/lead-stages')))[0].name).toBe('Negotiating');
			expect((await client.call('DELETE', `/lead-stages/${negotiation.id}`)).status).toBe(204);
			expect(
				(await client.call('PATCH', `/lead-stages/${negotiation.id}`, { body: { name: 'x' } }))
					.status,
			).toBe(404);
		});

		it('requires a name', async () => {
			await expectInvalid(client.call('POST', '/lead-stages', { body: {} }), { name: 'required' });
			await expectInvalid(
				client.call('POST', '/lead-stages', { body: { name: '', isWon: 'yes' } }),
				{ name: 'too_short', isWon: 'invalid_type' },
			);
		});
	});

	describe('leads', () => {
		it('creates a lead with every field, null defaults and decimal strings', async () => {
			const body = {
				name: 'Harbor View Clinic Renovation',
				stageId: stage('Qualified'),
				contactId: 41,
				assignedTo: 2,
				source: 'referral',
				projectType: 'commercial',
				estimatedValue: 185000,
				probability: 60,
				expectedCloseDate: '2025-03-31',
				description: 'Two-storey clinic, phased work',
				siteAddress: '12 Harbor Way',
				siteCity: 'Portland',
				siteState: 'OR',
				siteZipCode: '97201',
			};
			const created_ = await lead(body);
			expect(created_).toMatchObject({
				...body,
				estimatedValue: '185000',
				expectedCloseDate: '2025-03-31T00:00:00.000Z',
			});
			const minimal = await lead();
			expect(minimal).toMatchObject({
				contactId: null,
				assignedTo: null,
				source: null,
				projectType: null,
				estimatedValue: null,
				probability: null,
				expectedCloseDate: null,
			});
			expect(await okData(client.call('GET', `/leads/${created_.id}`))).toEqual(created_);
		});

		it.each([
			[{}, { name: 'required', stageId: 'required' }],
			[{ name: 'x', stageId: 'one' }, { stageId: 'invalid_type' }],
			[{ name: 'x', stageId: 9999 }, { stageId: 'not_found' }],
			[{ name: '', stageId: 1 }, { name: 'too_short' }],
			[{ name: 'x', stageId: 1, projectType: 'spaceport' }, { projectType: 'invalid_enum' }],
			[{ name: 'x', stageId: 1, probability: 101 }, { probability: 'too_large' }],
			[{ name: 'x', stageId: 1, estimatedValue: 'lots' }, { estimatedValue: 'invalid_format' }],
			[
				{ name: 'x', stageId: 1, expectedCloseDate: 'soon' },
				{ expectedCloseDate: 'invalid_format' },
			],
			[{ name: 'x', stageId: 1, siteZipCode: '1'.repeat(21) }, { siteZipCode: 'too_long' }],
		])('rejects %j with 422', async (body, fields) => {
			await expectInvalid(client.call('POST', '/leads', { body }), fields);
		});

		it('updates partially, deletes softly', async () => {
			const created_ = await lead();
			const patched = await okData(
				client.call('PATCH', `/leads/${created_.id}`, {
					body: { stageId: stage('Contacted'), probability: 20 },
				}),
			);
			expect(patched).toMatchObject({
				name: created_.name,
				stageId: stage('Contacted'),
				probability: 20,
			});
			expect(Date.parse(patched.updatedAt)).toBeGreaterThan(Date.parse(created_.updatedAt));
			await expectInvalid(client.call('PATCH', `/leads/${created_.id}`, { body: { name: null } }), {
				name: 'invalid_type',
			});
			expect((await client.call('DELETE', `/leads/${created_.id}`)).status).toBe(204);
			expect((await client.call('GET', `/leads/${created_.id}`)).status).toBe(404);
			expect((await client.call('DELETE', `/leads/${created_.id}`)).status).toBe(404);
		});

		it('filters lists and counts by stage, assignee, search and dates', async () => {
			const a = await lead({ name: 'Cedar Park Roof', assignedTo: 1 });
			const b = await lead({
				name: 'Lakeshore Retail',
				stageId: stage('Contacted'),
				assignedTo: 2,
			});
			await lead({ name: 'Westgate Parking Deck', stageId: stage('Contacted') });
			const ids = async (query: Record<string, string | number>) =>
				(await listAll(client, '/leads', query)).map((l) => l.id);
			expect(await ids({ stageId: stage('Contacted') })).toHaveLength(2);
			expect(await ids({ assignedTo: 1 })).toEqual([a.id]);
			expect(await ids({ assignedTo: 'null' })).toHaveLength(1);
			expect(await ids({ search: 'lakeSHORE' })).toEqual([b.id]);
			expect(await ids({ dateFrom: '2999-01-01T00:00:00Z' })).toEqual([]);
			expect(await ids({ updatedFrom: a.updatedAt })).toHaveLength(3);
			expect(
				await okData(
					client.call('GET', '/leads/count', { query: { stageId: stage('Contacted') } }),
				),
			).toEqual({ total: 2 });
			expect(await okData(client.call('GET', '/leads/count'))).toEqual({ total: 3 });
			expect((await client.call('GET', '/leads', { query: { stageId: 'abc' } })).status).toBe(400);
			expect(
				(await client.call('GET', '/leads', { query: { dateFrom: 'yesterday' } })).status,
			).toBe(400);
		});

		it('compact rows keep the schema-required fields only', async () => {
			await lead({ siteCity: 'Austin' });
			const [row] = await okData(client.call('GET', '/leads', { query: { compact: 'true' } }));
			expect(row.siteCity).toBeUndefined();
			expect(row).toHaveProperty('stageId');
		});

		it('summarises by stage (with names, zeros included) and by source (null is a bucket)', async () => {
			await lead({ estimatedValue: '1000.50', source: 'referral' });
			await lead({ estimatedValue: '2000', source: null, stageId: stage('Won') });
			await lead({ estimatedValue: null, source: 'referral' });
			const summary = await okData(client.call('GET', '/leads/summary'));
			expect(summary.totals).toEqual({ count: 3, estimated_value_total: '3000.50' });
			expect(summary.by_stage).toHaveLength(6);
			expect(summary.by_stage[0]).toEqual({
				stageId: stage('New'),
				stageName: 'New',
				count: 2,
				estimated_value_total: '1000.50',
			});
			expect(summary.by_stage.find((s: { stageName: string }) => s.stageName === 'Won').count).toBe(
				1,
			);
			expect(summary.by_source).toEqual(
				expect.arrayContaining([
					{ source: 'referral', count: 2, estimated_value_total: '1000.50' },
					{ source: null, count: 1, estimated_value_total: '2000.00' },
				]),
			);
			const won = await okData(
				client.call('GET', '/leads/summary', { query: { stageId: stage('Won') } }),
			);
			expect(won.totals.count).toBe(1);
		});

		it('converts a lead into a project and moves it to the Won stage; a second convert is a 409', async () => {
			const created_ = await lead({
				name: 'Pine Hollow Duplex',
				contactId: 7,
				projectType: 'residential',
				estimatedValue: '420000',
				siteCity: 'Denver',
			});
			const res = await client.call('POST', `/leads/${created_.id}/convert`);
			expect(res.status).toBe(201);
			const { project, lead: converted } = res.body.data;
			expect(project).toMatchObject({
				name: 'Pine Hollow Duplex',
				contactId: 7,
				projectType: 'residential',
				contractValue: '420000',
				status: 'planning',
				siteCity: 'Denver',
			});
			expect(converted.stageId).toBe(stage('Won'));
			expect(await okData(client.call('GET', `/projects/${project.id}`))).toMatchObject({
				name: 'Pine Hollow Duplex',
			});
			await expectConflict(
				client.call('POST', `/leads/${created_.id}/convert`),
				`Lead ${created_.id} is already in the Won stage (Won); only open leads can be converted.`,
			);
			expect((await client.call('POST', '/leads/999/convert')).status).toBe(404);
		});

		it('needs both leads:write and projects:write to convert', async () => {
			const created_ = await lead();
			const res = await client.call('POST', `/leads/${created_.id}/convert`, {
				key: 'bwp_test_leads_write',
			});
			expect(res.status).toBe(403);
			expect(res.body.code).toBe('scope_insufficient');
			expect(res.body.detail).toContain('projects:write');
		});

		it('pages leads with signed cursors, seeded in bulk', async () => {
			expect(sandbox.seedFamily('leads', 130)).toBe(130);
			const all = await listAll(client, '/leads', { limit: 50 });
			expect(all).toHaveLength(130);
			expect(new Set(all.map((l) => l.id)).size).toBe(130);
			const first = await client.call('GET', '/leads', { query: { limit: 50 } });
			// Change the signature's first character: the last one of a base64url string can carry
			// only padding bits, so changing it may decode to the very same bytes.
			const cursor: string = first.body.meta.pagination.cursor;
			const at = cursor.indexOf('.') + 1;
			const tampered = `${cursor.slice(0, at)}${cursor[at] === 'A' ? 'B' : 'A'}${cursor.slice(at + 1)}`;
			expect((await client.call('GET', '/leads', { query: { cursor: tampered } })).status).toBe(
				400,
			);
			expect(
				(
					await client.call('GET', '/projects', {
						query: { cursor: first.body.meta.pagination.cursor },
					})
				).status,
			).toBe(400);
			expect((await client.call('GET', '/leads', { query: { limit: 101 } })).status).toBe(400);
		});
	});

	describe('users', () => {
		it('lists the seeded team with a cursor and gets one', async () => {
			const first = await client.call('GET', '/users', { query: { limit: 3 } });
			expect(first.body.meta.pagination).toMatchObject({ has_more: true, count: 3 });
			const all = await listAll(client, '/users', { limit: 3 });
			expect(all.map((u) => `${u.firstName} ${u.lastName} (${u.role})`)).toEqual([
				'Dana Whitaker (owner)',
				'Luis Ortega (project_manager)',
				'Priya Raman (estimator)',
				'Sam Becker (field_supervisor)',
			]);
			expect(all.map((u) => u.isActive)).toEqual([true, true, true, false]);
			expect(await okData(client.call('GET', `/users/${all[1].id}`))).toEqual(all[1]);
			expect((await client.call('GET', '/users/9999')).status).toBe(404);
			expect((await client.call('POST', '/users', { body: {} })).status).toBe(405);
		});

		it('another tenant cannot see them', async () => {
			const mine = await okData(client.call('GET', '/users'));
			expect(
				(await client.call('GET', `/users/${mine[0].id}`, { key: sandbox.keys.otherTenant }))
					.status,
			).toBe(404);
		});
	});
});
