/**
 * Notifications: Get Many pages by offset (limit/offset, not a cursor). Return All walks the pages
 * to the last one, Limit asks for no more than it needs, and neither outputs a notification twice
 * nor loops when the server does not move forward.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiRequests, runResource, startRewritingProxy, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

const pagesAsked = () =>
	apiRequests(env.sandbox, 'GET')
		.filter((entry) => entry.path === '/api/v1/notifications')
		.map((entry) => ({ limit: entry.query.limit, offset: entry.query.offset }));

describe('Notification: Get Many', () => {
	it('Return All walks limit/offset pages until the last one, one item per notification, most recent first', async () => {
		env.sandbox.seedFamily('notifications', 250);

		const result = await runResource(env.sandbox, 'notification', {
			operation: 'getAll',
			returnAll: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(250);
		expect(new Set(result.json.map((n) => n.id)).size).toBe(250);
		const created = result.json.map((n) => Date.parse(String(n.createdAt)));
		expect(created).toEqual([...created].sort((a, b) => b - a));
		expect(pagesAsked()).toEqual([
			{ limit: '100', offset: '0' },
			{ limit: '100', offset: '100' },
			{ limit: '100', offset: '200' },
		]);
	});

	it('Limit asks each page for no more than is still missing, and stops there', async () => {
		env.sandbox.seedFamily('notifications', 250);

		const some = await runResource(env.sandbox, 'notification', {
			operation: 'getAll',
			returnAll: false,
			limit: 130,
		});

		expect(some.json).toHaveLength(130);
		expect(new Set(some.json.map((n) => n.id)).size).toBe(130);
		expect(pagesAsked()).toEqual([
			{ limit: '100', offset: '0' },
			{ limit: '30', offset: '100' },
		]);
	});

	it('Limit larger than what exists returns what there is in one request', async () => {
		env.sandbox.seedFamily('notifications', 12);

		const result = await runResource(env.sandbox, 'notification', {
			operation: 'getAll',
			limit: 50,
		});

		expect(result.json).toHaveLength(12);
		expect(pagesAsked()).toEqual([{ limit: '50', offset: '0' }]);
	});

	it('Unread Only and Type are sent as unreadOnly and type, and only matching notifications come back', async () => {
		env.sandbox.seedFamily('notifications', 80);

		const unread = await runResource(env.sandbox, 'notification', {
			operation: 'getAll',
			returnAll: true,
			filters: { unreadOnly: true, type: 'comment_mention' },
		});

		expect(unread.json.length).toBeGreaterThan(0);
		expect(unread.json.every((n) => n.readAt === null && n.type === 'comment_mention')).toBe(true);
		expect(apiRequests(env.sandbox, 'GET')[0].query).toMatchObject({
			unreadOnly: 'true',
			type: 'comment_mention',
		});
	});

	it('without pagination metadata, a page shorter than asked is the last one', async () => {
		env.sandbox.seedFamily('notifications', 230);
		const proxy = await startRewritingProxy(env.sandbox.baseUrl, (body) => ({
			data: body.data as IDataObject[],
			meta: { request_id: 'req_proxy' },
		}));
		try {
			const result = await runResource(
				env.sandbox,
				'notification',
				{ operation: 'getAll', returnAll: true },
				{ baseUrl: proxy.url },
			);

			expect(result.json).toHaveLength(230);
			expect(pagesAsked().map((page) => page.offset)).toEqual(['0', '100', '200']);
		} finally {
			await proxy.close();
		}
	});

	it('a notification pushed down a page while paging (new ones arrived) is output once', async () => {
		env.sandbox.seedFamily('notifications', 150);
		// The second page starts with the last notification of the first, as if one new notification had arrived in between.
		let lastOfFirstPage: IDataObject | undefined;
		const proxy = await startRewritingProxy(env.sandbox.baseUrl, (body, request) => {
			const data = body.data as IDataObject[];
			if (new URL(request.url ?? '', 'http://x').searchParams.get('offset') === '0') {
				lastOfFirstPage = data[data.length - 1];
				return undefined;
			}
			return { ...body, data: [lastOfFirstPage!, ...data] };
		});
		try {
			const result = await runResource(
				env.sandbox,
				'notification',
				{ operation: 'getAll', returnAll: true },
				{ baseUrl: proxy.url },
			);

			expect(result.error).toBeUndefined();
			expect(result.json).toHaveLength(150);
			expect(new Set(result.json.map((n) => n.id)).size).toBe(150);
		} finally {
			await proxy.close();
		}
	});

	it('stops with an explanation instead of looping when every page brings back the same notifications', async () => {
		env.sandbox.seedFamily('notifications', 20);
		let firstPage: IDataObject | undefined;
		const proxy = await startRewritingProxy(env.sandbox.baseUrl, (body) => {
			firstPage ??= body;
			return {
				...firstPage,
				meta: { request_id: 'req_proxy', pagination: { cursor: null, has_more: true, count: 20 } },
			};
		});
		try {
			const result = await runResource(
				env.sandbox,
				'notification',
				{ operation: 'getAll', returnAll: true },
				{ baseUrl: proxy.url },
			);

			expect(result.error?.message).toBe(
				'BuildWorkPro sent pages of records it had already sent, so paging would never end',
			);
			expect(pagesAsked()).toHaveLength(4);
		} finally {
			await proxy.close();
		}
	});
});
