/**
 * Get Many: the node follows BuildWorkPro's cursors itself, asks for no more than it needs, and
 * refuses to loop when the server's cursors misbehave.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiRequests, runContactNode, startRewritingProxy, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

function pageSizesAsked() {
	return apiRequests(env.sandbox, 'GET').map((entry) => Number(entry.query.limit));
}

describe('Limit', () => {
	it('asks for exactly the limit when it fits in one page, and stops', async () => {
		env.sandbox.seed(80);

		const result = await runContactNode(env.sandbox, {
			operation: 'getAll',
			returnAll: false,
			limit: 30,
		});

		expect(result.json).toHaveLength(30);
		expect(pageSizesAsked()).toEqual([30]);
	});

	it('asks each page for min(still missing, 100) and stops at the limit', async () => {
		env.sandbox.seed(400);

		const result = await runContactNode(env.sandbox, {
			operation: 'getAll',
			returnAll: false,
			limit: 250,
		});

		expect(result.json).toHaveLength(250);
		expect(pageSizesAsked()).toEqual([100, 100, 50]);
		expect(new Set(result.json.map((c) => c.id)).size).toBe(250);
	});

	it('defaults to 50 contacts', async () => {
		env.sandbox.seed(120);

		const result = await runContactNode(env.sandbox, { operation: 'getAll' });

		expect(result.json).toHaveLength(50);
	});

	it('returns what exists when there are fewer contacts than the limit', async () => {
		env.sandbox.seed(7);

		const result = await runContactNode(env.sandbox, { operation: 'getAll', limit: 50 });

		expect(result.json).toHaveLength(7);
		expect(pageSizesAsked()).toEqual([50]);
	});
});

describe('Return All', () => {
	it('follows the cursor until has_more is false, one item per contact, each a bare contact', async () => {
		env.sandbox.seed(250);

		const result = await runContactNode(env.sandbox, { operation: 'getAll', returnAll: true });

		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(250);
		expect(new Set(result.json.map((c) => c.id))).toEqual(
			new Set(env.sandbox.contacts().map((c) => c.id)),
		);
		expect(result.json[0]).toEqual(
			expect.objectContaining({ id: expect.any(Number), type: expect.any(String) }),
		);
		expect(result.items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(
			true,
		);

		const pages = apiRequests(env.sandbox, 'GET');
		expect(pages).toHaveLength(3);
		expect(pages[0].query.cursor).toBeUndefined();
		expect(pages[1].query.cursor).toEqual(expect.any(String));
		expect(pages.every((page) => page.query.limit === '100')).toBe(true);
	});

	it('reads the credential once per item, not once per page (each read is a database lookup in n8n)', async () => {
		env.sandbox.seed(1_000);

		const result = await runContactNode(env.sandbox, { operation: 'getAll', returnAll: true });

		expect(result.json).toHaveLength(1_000);
		expect(apiRequests(env.sandbox, 'GET')).toHaveLength(10);
		// One read by n8n's routing (for the base URL), one by our transport for the whole list.
		expect(result.credentialReads).toBeLessThanOrEqual(2);
	});

	it('outputs nothing (and does not fail) when there are no contacts', async () => {
		const result = await runContactNode(env.sandbox, { operation: 'getAll', returnAll: true });

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([]);
	});

	it('sends the filters with every page and returns only matching contacts', async () => {
		env.sandbox.seed(400);
		const vendors = env.sandbox.contacts().filter((c) => c.type === 'vendor');

		const result = await runContactNode(env.sandbox, {
			operation: 'getAll',
			returnAll: true,
			filters: { type: 'vendor', dateFrom: '2000-01-01T00:00:00' },
		});

		expect(result.error).toBeUndefined();
		expect(result.json.map((c) => c.id).sort()).toEqual(vendors.map((c) => c.id).sort());
		for (const page of apiRequests(env.sandbox, 'GET')) {
			expect(page.query).toMatchObject({ type: 'vendor', dateFrom: '2000-01-01T00:00:00.000Z' });
		}
	});

	it('rejects an unreadable date filter before calling BuildWorkPro', async () => {
		const result = await runContactNode(env.sandbox, {
			operation: 'getAll',
			returnAll: true,
			filters: { dateTo: 'next tuesday' },
		});

		expect(result.error?.message).toContain('Created Before');
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});

describe('a misbehaving server', () => {
	it('reports a tampered cursor as a clear error instead of looping', async () => {
		env.sandbox.seed(150);
		const proxy = await startRewritingProxy(env.sandbox.baseUrl, (body) => {
			const pagination = (body.meta as IDataObject | undefined)?.pagination as
				| IDataObject
				| undefined;
			if (!pagination?.cursor) return undefined;
			const cursor = String(pagination.cursor);
			// The signature's second-to-last character: all six of its bits count (the last one's do not).
			const at = cursor.length - 2;
			const flipped = cursor.slice(0, at) + (cursor[at] === 'A' ? 'B' : 'A') + cursor.slice(at + 1);
			return {
				...body,
				meta: { ...(body.meta as IDataObject), pagination: { ...pagination, cursor: flipped } },
			};
		});
		try {
			const result = await runContactNode(
				env.sandbox,
				{ operation: 'getAll', returnAll: true },
				{ baseUrl: proxy.url },
			);

			expect(result.json).toEqual([]);
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toMatch(/cursor/i);
			expect(result.error?.description).toMatch(/HTTP status: 4\d\d/);
			expect(result.error?.description).toContain('page 2');
			expect(apiRequests(env.sandbox, 'GET')).toHaveLength(2);
		} finally {
			await proxy.close();
		}
	});

	it('stops with a clear error when a cursor comes back a second time', async () => {
		env.sandbox.seed(350);
		let firstCursor: unknown;
		const proxy = await startRewritingProxy(env.sandbox.baseUrl, (body) => {
			const meta = body.meta as IDataObject;
			const pagination = meta?.pagination as IDataObject | undefined;
			if (!pagination?.cursor) return undefined;
			firstCursor ??= pagination.cursor;
			return { ...body, meta: { ...meta, pagination: { ...pagination, cursor: firstCursor } } };
		});
		try {
			const result = await runContactNode(
				env.sandbox,
				{ operation: 'getAll', returnAll: true },
				{ baseUrl: proxy.url },
			);

			expect(result.error?.message).toMatch(/same cursor|already sent/i);
			expect(result.error?.description).toMatch(/page 2/);
			expect(apiRequests(env.sandbox, 'GET')).toHaveLength(2);
		} finally {
			await proxy.close();
		}
	});

	it('stops with a clear error when a new cursor brings back the same contacts', async () => {
		env.sandbox.seed(350);
		let firstPage: unknown;
		const proxy = await startRewritingProxy(env.sandbox.baseUrl, (body) => {
			if (!Array.isArray(body.data)) return undefined;
			firstPage ??= body.data;
			return { ...body, data: firstPage as IDataObject[] };
		});
		try {
			const result = await runContactNode(
				env.sandbox,
				{ operation: 'getAll', returnAll: true },
				{ baseUrl: proxy.url },
			);

			expect(result.error?.message).toMatch(/already sent/i);
			expect(result.error?.description).toMatch(/page 2/);
			expect(apiRequests(env.sandbox, 'GET')).toHaveLength(2);
		} finally {
			await proxy.close();
		}
	});

	it('stops with a clear error when a page is empty but claims more', async () => {
		env.sandbox.seed(150);
		const proxy = await startRewritingProxy(env.sandbox.baseUrl, (body) => {
			if (!Array.isArray(body.data)) return undefined;
			return { ...body, data: [] };
		});
		try {
			const result = await runContactNode(
				env.sandbox,
				{ operation: 'getAll', returnAll: true },
				{ baseUrl: proxy.url },
			);

			expect(result.error?.message).toMatch(/empty page/i);
			expect(apiRequests(env.sandbox, 'GET')).toHaveLength(1);
		} finally {
			await proxy.close();
		}
	});
});
