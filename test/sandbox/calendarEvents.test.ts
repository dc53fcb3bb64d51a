import type { Sandbox } from '../../sandbox';
import type { Client } from './helpers';
import { created, okData, setupResources } from './resourceHelpers';
import * as make from './resourceHelpers';

describe('sandbox calendar events', () => {
	let sandbox: Sandbox;
	let client: Client;
	beforeAll(async () => {
		({ sandbox, client } = await setupResources());
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	const window = { start: '2025-03-01T00:00:00.000Z', end: '2025-03-31T23:59:59.999Z' };
	const events = (query: Record<string, string | number | undefined>) =>
		client.checked('GET', '/calendar/events', '/calendar/events', { query });

	it('derives events from projects, bid due dates and lead close dates that overlap the window, in start order, unpaginated', async () => {
		const inside = await make.project(client, {
			name: 'Riverside slab',
			startDate: '2025-03-10',
			expectedEndDate: '2025-05-01',
			assignedTo: 7,
		});
		const spanning = await make.project(client, {
			name: 'Long job',
			startDate: '2025-01-01',
			expectedEndDate: '2025-12-31',
		});
		await make.project(client, {
			name: 'Later job',
			startDate: '2025-06-01',
			expectedEndDate: '2025-07-01',
		});
		await make.project(client, { name: 'Undated job' });
		const b = await make.bid(client, {
			name: 'Clinic HVAC',
			dueDate: '2025-03-05T17:00:00Z',
			projectId: inside.id,
		});
		const stages = await okData(client.call('GET', '/lead-stages'));
		const lead = await created(client, '/leads', {
			name: 'Harbor View retail',
			stageId: stages[0].id,
			expectedCloseDate: '2025-03-20',
			assignedTo: 7,
		});

		const res = await events(window);
		expect(res.status).toBe(200);
		expect(res.body.meta.pagination).toBeUndefined();
		expect(res.body.data).toEqual([
			{
				id: `project-${spanning.id}`,
				type: 'project',
				title: 'Long job',
				start: '2025-01-01T00:00:00.000Z',
				end: '2025-12-31T00:00:00.000Z',
				projectId: spanning.id,
				assignedTo: null,
			},
			{
				id: `bid-${b.id}`,
				type: 'bid',
				title: 'Bid due: Clinic HVAC',
				start: '2025-03-05T17:00:00.000Z',
				end: '2025-03-05T17:00:00.000Z',
				projectId: inside.id,
				assignedTo: null,
			},
			{
				id: `project-${inside.id}`,
				type: 'project',
				title: 'Riverside slab',
				start: '2025-03-10T00:00:00.000Z',
				end: '2025-05-01T00:00:00.000Z',
				projectId: inside.id,
				assignedTo: 7,
			},
			{
				id: `lead-${lead.id}`,
				type: 'lead',
				title: 'Expected close: Harbor View retail',
				start: '2025-03-20T00:00:00.000Z',
				end: '2025-03-20T00:00:00.000Z',
				projectId: null,
				assignedTo: 7,
			},
		]);

		const ids = (query: Record<string, string | number>) =>
			okData(events({ ...window, ...query })).then((d) => d.map((e: { id: string }) => e.id));
		expect(await ids({ types: 'bid,lead' })).toEqual([`bid-${b.id}`, `lead-${lead.id}`]);
		expect(await ids({ assignedTo: 7 })).toEqual([`project-${inside.id}`, `lead-${lead.id}`]);
		expect(await ids({ projectId: inside.id })).toEqual([`bid-${b.id}`, `project-${inside.id}`]);
	});

	it('needs start and end, at most 366 days apart, end not before start; known types only (400 otherwise)', async () => {
		for (const query of [
			{},
			{ start: window.start },
			{ end: window.end },
			{ start: 'soon', end: window.end },
			{ start: window.end, end: window.start },
			{ start: '2025-01-01T00:00:00Z', end: '2026-01-03T00:00:00Z' },
			{ ...window, types: 'meeting' },
			{ ...window, projectId: 'x' },
		]) {
			const res = await events(query);
			expect([query, res.status, res.body.code]).toEqual([query, 400, 'bad_request']);
		}
		expect(
			(await events({ start: '2024-01-01T00:00:00Z', end: '2024-12-31T23:59:59Z' })).status,
		).toBe(200);
	});

	it('needs projects:read', async () => {
		const res = await client.call('GET', '/calendar/events', {
			query: window,
			key: 'bwp_test_bids_read',
		});
		expect(res.status).toBe(403);
	});
});
