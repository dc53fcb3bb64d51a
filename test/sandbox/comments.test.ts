import type { Sandbox } from '../../sandbox';
import type { Client } from './helpers';
import { created, expectInvalid, okData, setupResources } from './resourceHelpers';
import * as make from './resourceHelpers';

describe('sandbox comments', () => {
	let sandbox: Sandbox;
	let client: Client;
	beforeAll(async () => {
		({ sandbox, client } = await setupResources());
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	const comment = (body: Record<string, unknown>) => created(client, '/comments', body);

	it("a record's thread lists its comments oldest first, replies included, and no other record's", async () => {
		const p = await make.project(client);
		const other = await make.project(client, { name: 'Other job' });
		const first = await comment({
			entityType: 'project',
			entityId: p.id,
			content: 'Pour moved to Thursday?',
		});
		expect(first).toMatchObject({
			entityType: 'project',
			entityId: p.id,
			content: 'Pour moved to Thursday?',
			parentId: null,
			userId: expect.any(Number),
		});
		const reply = await comment({
			entityType: 'project',
			entityId: p.id,
			content: 'Yes, 7 am.',
			parentId: first.id,
		});
		await comment({ entityType: 'project', entityId: other.id, content: 'Unrelated' });

		const thread = await client.checked(
			'GET',
			`/comments/project/${p.id}`,
			'/comments/{entityType}/{entityId}',
		);
		expect(thread.status).toBe(200);
		expect(thread.body.data.map((c: { id: number }) => c.id)).toEqual([first.id, reply.id]);
		expect(thread.body.data[1].parentId).toBe(first.id);
		expect(thread.body.meta.pagination).toBeUndefined();
	});

	it('comments on change orders and bids too (snake_case record types)', async () => {
		const p = await make.project(client);
		const co = await created(client, '/change-orders', {
			projectId: p.id,
			title: 'Extra outlets',
			reason: 'owner_request',
		});
		const b = await make.bid(client);
		await comment({
			entityType: 'change_order',
			entityId: co.id,
			content: 'Owner signed off verbally',
		});
		await comment({ entityType: 'bid', entityId: b.id, content: 'Check the tile allowance' });
		expect(await okData(client.call('GET', `/comments/change_order/${co.id}`))).toEqual([
			expect.objectContaining({ content: 'Owner signed off verbally' }),
		]);
		expect(await okData(client.call('GET', `/comments/bid/${b.id}`))).toEqual([
			expect.objectContaining({ content: 'Check the tile allowance' }),
		]);
	});

	it('the thread of a record that does not exist, is deleted, or of an unknown record type is a 404', async () => {
		const p = await make.project(client);
		expect((await client.call('GET', '/comments/project/999999')).status).toBe(404);
		expect((await client.call('GET', `/comments/spaceship/${p.id}`)).status).toBe(404);
		await client.call('DELETE', `/projects/${p.id}`);
		expect((await client.call('GET', `/comments/project/${p.id}`)).status).toBe(404);
		expect((await client.call('GET', '/comments/project/abc')).status).toBe(400);
	});

	it('create validates the body (422 with errors[]) and the record and parent it hangs on', async () => {
		const p = await make.project(client);
		await expectInvalid(client.call('POST', '/comments', { body: {} }), {
			entityType: 'required',
			entityId: 'required',
			content: 'required',
		});
		await expectInvalid(
			client.call('POST', '/comments', {
				body: { entityType: 'project', entityId: p.id, content: '' },
			}),
			{ content: 'too_short' },
		);
		await expectInvalid(
			client.call('POST', '/comments', {
				body: { entityType: 'project', entityId: p.id, content: 'x'.repeat(10001) },
			}),
			{ content: 'too_long' },
		);
		await expectInvalid(
			client.call('POST', '/comments', {
				body: { entityType: 'project', entityId: 999999, content: 'Hi' },
			}),
			{ entityId: 'not_found' },
		);
		await expectInvalid(
			client.call('POST', '/comments', {
				body: { entityType: 'spaceship', entityId: p.id, content: 'Hi' },
			}),
			{ entityType: 'invalid_value' },
		);
		const other = await make.project(client, { name: 'Other job' });
		const elsewhere = await comment({
			entityType: 'project',
			entityId: other.id,
			content: 'Elsewhere',
		});
		await expectInvalid(
			client.call('POST', '/comments', {
				body: { entityType: 'project', entityId: p.id, content: 'Hi', parentId: elsewhere.id },
			}),
			{ parentId: 'not_found' },
		);
	});

	it('edit changes the content only (content required); delete answers 200 {id, deleted} and the comment is gone', async () => {
		const p = await make.project(client);
		const c = await comment({ entityType: 'project', entityId: p.id, content: 'Typo hre' });
		const edited = await okData(
			client.checked('PATCH', `/comments/${c.id}`, '/comments/{id}', {
				body: { content: 'Typo here', entityId: 5 },
			}),
		);
		expect(edited).toMatchObject({ id: c.id, content: 'Typo here', entityId: p.id });
		expect(Date.parse(edited.updatedAt)).toBeGreaterThan(Date.parse(c.updatedAt));
		await expectInvalid(client.call('PATCH', `/comments/${c.id}`, { body: {} }), {
			content: 'required',
		});
		expect(
			(await client.call('PATCH', '/comments/999999', { body: { content: 'x' } })).status,
		).toBe(404);

		const deleted = await client.checked('DELETE', `/comments/${c.id}`, '/comments/{id}');
		expect(deleted.status).toBe(200);
		expect(deleted.body.data).toEqual({ id: c.id, deleted: true });
		expect(await okData(client.call('GET', `/comments/project/${p.id}`))).toEqual([]);
		expect((await client.call('DELETE', `/comments/${c.id}`)).status).toBe(404);
	});

	it('needs the comments scopes, and another tenant sees none of it', async () => {
		const p = await make.project(client);
		const bidsOnly = await client.call('GET', `/comments/project/${p.id}`, {
			key: 'bwp_test_bids_read',
		});
		expect(bidsOnly.status).toBe(403);
		expect(bidsOnly.body.code).toBe('scope_insufficient');
		expect(
			(await client.call('GET', `/comments/project/${p.id}`, { key: sandbox.keys.otherTenant }))
				.status,
		).toBe(404);
	});
});
