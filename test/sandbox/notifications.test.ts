import type { Sandbox } from '../../sandbox';
import type { Client } from './helpers';
import { okData, setupResources } from './resourceHelpers';

describe('sandbox notifications', () => {
	let sandbox: Sandbox;
	let client: Client;
	beforeAll(async () => {
		({ sandbox, client } = await setupResources());
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	const page = (query: Record<string, string | number | undefined>) =>
		client.checked('GET', '/notifications', '/notifications', { query });

	it('lists the most recent first, paged by limit and offset: the pages join up with no gap or repeat', async () => {
		sandbox.seedFamily('notifications', 57);
		const first = await page({ limit: 25 });
		expect(first.status).toBe(200);
		expect(first.body.data).toHaveLength(25);
		expect(first.body.meta.pagination).toEqual({ cursor: null, has_more: true, count: 25 });
		const created = first.body.data.map((n: { createdAt: string }) => Date.parse(n.createdAt));
		expect(created).toEqual([...created].sort((a, b) => b - a));

		const seen: number[] = [];
		for (let offset = 0; ; offset += 20) {
			const res = await page({ limit: 20, offset });
			seen.push(...res.body.data.map((n: { id: number }) => n.id));
			if (!res.body.meta.pagination.has_more) {
				expect(res.body.data).toHaveLength(17);
				break;
			}
		}
		expect(seen).toHaveLength(57);
		expect(new Set(seen).size).toBe(57);
		expect((await page({ offset: 57 })).body.data).toEqual([]);
	});

	it('defaults to 25, filters by type and unread state', async () => {
		sandbox.seedFamily('notifications', 60);
		expect(await okData(page({}))).toHaveLength(25);
		const all = await okData(page({ limit: 100 }));
		const unread = await okData(page({ limit: 100, unreadOnly: 'true' }));
		expect(unread.length).toBeGreaterThan(0);
		expect(unread.length).toBeLessThan(all.length);
		expect(unread.every((n: { readAt: unknown }) => n.readAt === null)).toBe(true);
		expect(await okData(page({ limit: 100, unreadOnly: 'false' }))).toHaveLength(all.length);
		const type = all[0].type;
		const ofType = await okData(page({ limit: 100, type }));
		expect(ofType.length).toBe(all.filter((n: { type: string }) => n.type === type).length);
		expect(ofType.every((n: { type: string }) => n.type === type)).toBe(true);
	});

	it('refuses a limit outside 1..100, a negative offset and a non-boolean unreadOnly with 400', async () => {
		for (const query of [
			{ limit: 0 },
			{ limit: 101 },
			{ offset: -1 },
			{ offset: 'x' },
			{ unreadOnly: 'maybe' },
		]) {
			const res = await page(query);
			expect(res.status).toBe(400);
			expect(res.body.code).toBe('bad_request');
		}
	});

	it('belong to the key owner of the tenant: another tenant sees none; needs notifications:read', async () => {
		sandbox.seedFamily('notifications', 5);
		expect(
			await okData(client.call('GET', '/notifications', { key: sandbox.keys.otherTenant })),
		).toEqual([]);
		const owner = (await okData(page({})))[0].userId;
		const users = await okData(client.call('GET', '/users'));
		expect(owner).toBe(users[0].id);
		expect((await client.call('GET', '/notifications', { key: 'bwp_test_bids_read' })).status).toBe(
			403,
		);
	});
});
